# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""`client.embeddings` of the facade (Oruel / AsyncOruel), with its sub-resources if it has any.

Imported on first use by `_generated/resources/__init__.py` (one module per top-level resource), so that importing
the client costs the same however many operations the spec has.

One class per prefix of each operation's facade name (its `x-oruel-resource`, else derived from its path by
generator/plan.py); path parameters positional, one typed keyword per request-body field, with the spec's
description, range, server default and provenance in the docstring. A field added to openapi.yaml appears here
after `python -m generator`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, cast

from ..._facade import Timeout
from ..._facade import operation as _operation
from ..._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ...types import UNSET, Unset, omit_unset

if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from ...models import (
        EmbeddingResponse,
    )


class Embeddings:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> EmbeddingsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return EmbeddingsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> EmbeddingsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return EmbeddingsWithStreamingResponse(self)

    def create(
        self,
        *,
        model: str,
        input: str | Sequence[str],
        encoding_format: Literal["float", "base64"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> EmbeddingResponse:
        """Create embeddings (`POST /embeddings`).

        Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            input_ (list[str] | str): A text, or a batch of texts. Range: array: at least 1 items. Source:
                decided.
            encoding_format (EmbeddingRequestEncodingFormat | Unset): `float` gives arrays of numbers; `base64`
                gives little-endian float32 bytes, base64-encoded. Range: one of 'float', 'base64'. Server default:
                'float'. Source: decided.
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
            "EmbeddingResponse",
            _operation("embeddings", "create_embedding").sync(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "input": input,
                        "encoding_format": encoding_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class EmbeddingsWithRawResponse:
    def __init__(self, resource: Embeddings) -> None:
        self._resource = resource
        self.create = to_raw_response_wrapper(resource.create)


class EmbeddingsWithStreamingResponse:
    def __init__(self, resource: Embeddings) -> None:
        self._resource = resource
        self.create = to_streamed_response_wrapper(resource.create)


class AsyncEmbeddings:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncEmbeddingsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncEmbeddingsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncEmbeddingsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncEmbeddingsWithStreamingResponse(self)

    async def create(
        self,
        *,
        model: str,
        input: str | Sequence[str],
        encoding_format: Literal["float", "base64"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> EmbeddingResponse:
        """Create embeddings (`POST /embeddings`).

        Embeds one text or a batch of texts. Billed per million input tokens. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            input_ (list[str] | str): A text, or a batch of texts. Range: array: at least 1 items. Source:
                decided.
            encoding_format (EmbeddingRequestEncodingFormat | Unset): `float` gives arrays of numbers; `base64`
                gives little-endian float32 bytes, base64-encoded. Range: one of 'float', 'base64'. Server default:
                'float'. Source: decided.
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
            "EmbeddingResponse",
            await _operation("embeddings", "create_embedding").asyncio(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "input": input,
                        "encoding_format": encoding_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncEmbeddingsWithRawResponse:
    def __init__(self, resource: AsyncEmbeddings) -> None:
        self._resource = resource
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncEmbeddingsWithStreamingResponse:
    def __init__(self, resource: AsyncEmbeddings) -> None:
        self._resource = resource
        self.create = async_to_streamed_response_wrapper(resource.create)
