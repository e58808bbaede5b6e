# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""`client.images` of the facade (Oruel / AsyncOruel), with its sub-resources if it has any.

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
        ImagesResponse,
    )


class Images:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ImagesWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return ImagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ImagesWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return ImagesWithStreamingResponse(self)

    def generate(
        self,
        *,
        model: str,
        prompt: str,
        negative_prompt: str | Unset = UNSET,
        n: int | Unset = UNSET,
        width: int | Unset = UNSET,
        height: int | Unset = UNSET,
        steps: int | Unset = UNSET,
        seed: int | Unset = UNSET,
        response_format: Literal["b64_json", "url"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ImagesResponse:
        """Generate images (`POST /images/generations`).

        Generates images from a prompt. Billed per image. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            prompt (str): Range: at least 1 characters. Source: decided.
            negative_prompt (str | Unset): What the image should not show. Source: decided.
            n (int | Unset): Number of images, each billed. Range: at least 1. Server default: 1. Source:
                decided.
            width (int | Unset): Range: at least 1. Server default: 1024. Source: decided.
            height (int | Unset): Range: at least 1. Server default: 1024. Source: decided.
            steps (int | Unset): Diffusion steps; the server default depends on the model. Range: at least 1.
                Source: decided.
            seed (int | Unset): Source: decided.
            response_format (ImageGenerationRequestResponseFormat | Unset): Range: one of 'b64_json', 'url'.
                Server default: 'b64_json'. Source: decided.
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
            "ImagesResponse",
            _operation("images", "create_image").sync(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "prompt": prompt,
                        "negative_prompt": negative_prompt,
                        "n": n,
                        "width": width,
                        "height": height,
                        "steps": steps,
                        "seed": seed,
                        "response_format": response_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class ImagesWithRawResponse:
    def __init__(self, resource: Images) -> None:
        self._resource = resource
        self.generate = to_raw_response_wrapper(resource.generate)


class ImagesWithStreamingResponse:
    def __init__(self, resource: Images) -> None:
        self._resource = resource
        self.generate = to_streamed_response_wrapper(resource.generate)


class AsyncImages:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncImagesWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncImagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncImagesWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncImagesWithStreamingResponse(self)

    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        negative_prompt: str | Unset = UNSET,
        n: int | Unset = UNSET,
        width: int | Unset = UNSET,
        height: int | Unset = UNSET,
        steps: int | Unset = UNSET,
        seed: int | Unset = UNSET,
        response_format: Literal["b64_json", "url"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ImagesResponse:
        """Generate images (`POST /images/generations`).

        Generates images from a prompt. Billed per image. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            prompt (str): Range: at least 1 characters. Source: decided.
            negative_prompt (str | Unset): What the image should not show. Source: decided.
            n (int | Unset): Number of images, each billed. Range: at least 1. Server default: 1. Source:
                decided.
            width (int | Unset): Range: at least 1. Server default: 1024. Source: decided.
            height (int | Unset): Range: at least 1. Server default: 1024. Source: decided.
            steps (int | Unset): Diffusion steps; the server default depends on the model. Range: at least 1.
                Source: decided.
            seed (int | Unset): Source: decided.
            response_format (ImageGenerationRequestResponseFormat | Unset): Range: one of 'b64_json', 'url'.
                Server default: 'b64_json'. Source: decided.
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
            "ImagesResponse",
            await _operation("images", "create_image").asyncio(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "prompt": prompt,
                        "negative_prompt": negative_prompt,
                        "n": n,
                        "width": width,
                        "height": height,
                        "steps": steps,
                        "seed": seed,
                        "response_format": response_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncImagesWithRawResponse:
    def __init__(self, resource: AsyncImages) -> None:
        self._resource = resource
        self.generate = async_to_raw_response_wrapper(resource.generate)


class AsyncImagesWithStreamingResponse:
    def __init__(self, resource: AsyncImages) -> None:
        self._resource = resource
        self.generate = async_to_streamed_response_wrapper(resource.generate)
