# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""`client.models` of the facade (Oruel / AsyncOruel), with its sub-resources if it has any.

Imported on first use by `_generated/resources/__init__.py` (one module per top-level resource), so that importing
the client costs the same however many operations the spec has.

One class per prefix of each operation's facade name (its `x-oruel-resource`, else derived from its path by
generator/plan.py); path parameters positional, one typed keyword per request-body field, with the spec's
description, range, server default and provenance in the docstring. A field added to openapi.yaml appears here
after `python -m generator`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from ..._facade import Timeout
from ..._facade import operation as _operation
from ..._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from ...models import (
        ModelList,
    )


class Models:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ModelsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return ModelsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ModelsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return ModelsWithStreamingResponse(self)

    def list(
        self,
        *,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ModelList:
        """List models (`GET /models`).

        The public model catalog. Needs no API key. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/authentication).

        Args:
            extra_body: JSON merged over the body (wins on a key collision); documented keys are range-checked too.
            extra_headers: headers added to this request.
            extra_query: query parameters added to this request.
            timeout: this request's timeout, overriding the client's.

        Raises:
            OruelValidationError: a value breaks a documented constraint; nothing was sent.
            APIStatusError: the server answered with an error status (a subclass per status).
            APIConnectionError: the request could not be sent or the answer not received.
        """

        return cast(
            "ModelList",
            _operation("models", "list_models").sync(
                client=self._client,
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class ModelsWithRawResponse:
    def __init__(self, resource: Models) -> None:
        self._resource = resource
        self.list = to_raw_response_wrapper(resource.list)


class ModelsWithStreamingResponse:
    def __init__(self, resource: Models) -> None:
        self._resource = resource
        self.list = to_streamed_response_wrapper(resource.list)


class AsyncModels:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncModelsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncModelsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncModelsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncModelsWithStreamingResponse(self)

    async def list(
        self,
        *,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ModelList:
        """List models (`GET /models`).

        The public model catalog. Needs no API key. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/authentication).

        Args:
            extra_body: JSON merged over the body (wins on a key collision); documented keys are range-checked too.
            extra_headers: headers added to this request.
            extra_query: query parameters added to this request.
            timeout: this request's timeout, overriding the client's.

        Raises:
            OruelValidationError: a value breaks a documented constraint; nothing was sent.
            APIStatusError: the server answered with an error status (a subclass per status).
            APIConnectionError: the request could not be sent or the answer not received.
        """

        return cast(
            "ModelList",
            await _operation("models", "list_models").asyncio(
                client=self._client,
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncModelsWithRawResponse:
    def __init__(self, resource: AsyncModels) -> None:
        self._resource = resource
        self.list = async_to_raw_response_wrapper(resource.list)


class AsyncModelsWithStreamingResponse:
    def __init__(self, resource: AsyncModels) -> None:
        self._resource = resource
        self.list = async_to_streamed_response_wrapper(resource.list)
