# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""`client.completions` of the facade (Oruel / AsyncOruel), with its sub-resources if it has any.

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
from typing import TYPE_CHECKING, Any, Literal, cast, overload

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
    from ..._streaming import AsyncStream, Stream
    from ...models import (
        TextCompletion,
        TextCompletionChunk,
    )


class Completions:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return CompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return CompletionsWithStreamingResponse(self)

    @overload
    def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: Literal[False] | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion: ...

    @overload
    def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: Literal[True],
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> Stream[TextCompletionChunk]: ...

    @overload
    def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: bool | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion | Stream[TextCompletionChunk]: ...

    def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: bool | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion | Stream[TextCompletionChunk]:
        """Create a text completion (`POST /completions`).

        Continues a prompt. Same sampling fields and ranges as chat completions; streams like chat. Source: decided.

        Args:
            model (str): Source: decided.
            prompt (list[str] | str): The text to continue, or a batch of texts. Range: array: at least 1 items.
                Source: decided.
            temperature (float | Unset): Sampling temperature; higher is more random. Range: 0 to 2. Server
                default: 0.7. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            top_p (float | Unset): Nucleus sampling; keeps the smallest set of tokens whose probability adds up
                to top_p. Range: 0 to 1. Server default: 1.0. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            top_k (int | Unset): Keeps only the k most likely tokens; applied before top_p. 1 is greedy. Not an
                OpenAI field. Not set by default. Range: 0 to 200. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            min_p (float | Unset): Drops tokens less likely than min_p times the most likely one. Not an OpenAI
                field. Not set by default. Range: 0 to 1. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            max_tokens (int | Unset): Most tokens to generate. The server default depends on the model. Range: 1
                to 131072. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            stop (list[str] | str | Unset): Up to 4 sequences where generation stops; each at most 256
                characters. Not set by default. Range: string: at most 256 characters; array: at most 4 items, each
                at most 256 characters. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            stream (bool | Unset): Stream the answer as server-sent events. Server default: False. Source:
                documented (https://cloud.oru-el.com/docs/inference/streaming).
            frequency_penalty (float | Unset): Penalises tokens by how often they already appeared. Range: -2 to
                2. Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            presence_penalty (float | Unset): Penalises tokens that already appeared at all. Range: -2 to 2.
                Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            repetition_penalty (float | Unset): Multiplicative penalty on repeated tokens; 1.0 is none. Not an
                OpenAI field. Range: 0.1 to 3. Server default: 1.0. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            seed (int | Unset): Best-effort reproducibility; the same seed and inputs should give the same
                output. Not set by default. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            n (int | Unset): Number of choices; only 1 is supported. Range: exactly 1. Server default: 1.
                Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            tier (SamplingParametersTier | Unset): `standard` is cost-optimised; `turbo` is low latency at
                1.5-3x the price and is not available on every model. Not an OpenAI field. Range: one of 'standard',
                'turbo'. Server default: 'standard'. Source: documented
                (https://cloud.oru-el.com/docs/getting-started/pricing).
            extra_body: JSON merged over the body (wins on a key collision); documented keys are range-checked too.
            extra_headers: headers added to this request.
            extra_query: query parameters added to this request.
            timeout: this request's timeout, overriding the client's.

        Raises:
            OruelValidationError: a value breaks a documented constraint; nothing was sent.
            APIStatusError: the server answered with an error status (a subclass per status).
            APIConnectionError: the request could not be sent or the answer not received.
        """

        # extra_body wins over the keyword, as it does in the body that is sent.
        if (extra_body["stream"] if extra_body and "stream" in extra_body else stream) is True:
            return cast(
                "Stream[TextCompletionChunk]",
                _operation("completions", "create_completion").sync_stream(
                    client=self._client,
                    body=omit_unset(
                        {
                            "model": model,
                            "prompt": prompt,
                            "temperature": temperature,
                            "top_p": top_p,
                            "top_k": top_k,
                            "min_p": min_p,
                            "max_tokens": max_tokens,
                            "stop": stop,
                            "stream": stream,
                            "frequency_penalty": frequency_penalty,
                            "presence_penalty": presence_penalty,
                            "repetition_penalty": repetition_penalty,
                            "seed": seed,
                            "n": n,
                            "tier": tier,
                        }
                    ),
                    extra_body=extra_body,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
            )
        return cast(
            "TextCompletion",
            _operation("completions", "create_completion").sync(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "prompt": prompt,
                        "temperature": temperature,
                        "top_p": top_p,
                        "top_k": top_k,
                        "min_p": min_p,
                        "max_tokens": max_tokens,
                        "stop": stop,
                        "stream": stream,
                        "frequency_penalty": frequency_penalty,
                        "presence_penalty": presence_penalty,
                        "repetition_penalty": repetition_penalty,
                        "seed": seed,
                        "n": n,
                        "tier": tier,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class CompletionsWithRawResponse:
    def __init__(self, resource: Completions) -> None:
        self._resource = resource
        self.create = to_raw_response_wrapper(resource.create)


class CompletionsWithStreamingResponse:
    def __init__(self, resource: Completions) -> None:
        self._resource = resource
        self.create = to_streamed_response_wrapper(resource.create)


class AsyncCompletions:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncCompletionsWithStreamingResponse(self)

    @overload
    async def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: Literal[False] | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion: ...

    @overload
    async def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: Literal[True],
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> AsyncStream[TextCompletionChunk]: ...

    @overload
    async def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: bool | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion | AsyncStream[TextCompletionChunk]: ...

    async def create(
        self,
        *,
        model: str,
        prompt: str | Sequence[str],
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        top_k: int | Unset = UNSET,
        min_p: float | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stop: str | Sequence[str] | Unset = UNSET,
        stream: bool | Unset = UNSET,
        frequency_penalty: float | Unset = UNSET,
        presence_penalty: float | Unset = UNSET,
        repetition_penalty: float | Unset = UNSET,
        seed: int | Unset = UNSET,
        n: int | Unset = UNSET,
        tier: Literal["standard", "turbo"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> TextCompletion | AsyncStream[TextCompletionChunk]:
        """Create a text completion (`POST /completions`).

        Continues a prompt. Same sampling fields and ranges as chat completions; streams like chat. Source: decided.

        Args:
            model (str): Source: decided.
            prompt (list[str] | str): The text to continue, or a batch of texts. Range: array: at least 1 items.
                Source: decided.
            temperature (float | Unset): Sampling temperature; higher is more random. Range: 0 to 2. Server
                default: 0.7. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            top_p (float | Unset): Nucleus sampling; keeps the smallest set of tokens whose probability adds up
                to top_p. Range: 0 to 1. Server default: 1.0. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            top_k (int | Unset): Keeps only the k most likely tokens; applied before top_p. 1 is greedy. Not an
                OpenAI field. Not set by default. Range: 0 to 200. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            min_p (float | Unset): Drops tokens less likely than min_p times the most likely one. Not an OpenAI
                field. Not set by default. Range: 0 to 1. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            max_tokens (int | Unset): Most tokens to generate. The server default depends on the model. Range: 1
                to 131072. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            stop (list[str] | str | Unset): Up to 4 sequences where generation stops; each at most 256
                characters. Not set by default. Range: string: at most 256 characters; array: at most 4 items, each
                at most 256 characters. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            stream (bool | Unset): Stream the answer as server-sent events. Server default: False. Source:
                documented (https://cloud.oru-el.com/docs/inference/streaming).
            frequency_penalty (float | Unset): Penalises tokens by how often they already appeared. Range: -2 to
                2. Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            presence_penalty (float | Unset): Penalises tokens that already appeared at all. Range: -2 to 2.
                Server default: 0. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            repetition_penalty (float | Unset): Multiplicative penalty on repeated tokens; 1.0 is none. Not an
                OpenAI field. Range: 0.1 to 3. Server default: 1.0. Source: documented
                (https://cloud.oru-el.com/docs/inference/parameters).
            seed (int | Unset): Best-effort reproducibility; the same seed and inputs should give the same
                output. Not set by default. Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            n (int | Unset): Number of choices; only 1 is supported. Range: exactly 1. Server default: 1.
                Source: documented (https://cloud.oru-el.com/docs/inference/parameters).
            tier (SamplingParametersTier | Unset): `standard` is cost-optimised; `turbo` is low latency at
                1.5-3x the price and is not available on every model. Not an OpenAI field. Range: one of 'standard',
                'turbo'. Server default: 'standard'. Source: documented
                (https://cloud.oru-el.com/docs/getting-started/pricing).
            extra_body: JSON merged over the body (wins on a key collision); documented keys are range-checked too.
            extra_headers: headers added to this request.
            extra_query: query parameters added to this request.
            timeout: this request's timeout, overriding the client's.

        Raises:
            OruelValidationError: a value breaks a documented constraint; nothing was sent.
            APIStatusError: the server answered with an error status (a subclass per status).
            APIConnectionError: the request could not be sent or the answer not received.
        """

        # extra_body wins over the keyword, as it does in the body that is sent.
        if (extra_body["stream"] if extra_body and "stream" in extra_body else stream) is True:
            return cast(
                "AsyncStream[TextCompletionChunk]",
                await _operation("completions", "create_completion").asyncio_stream(
                    client=self._client,
                    body=omit_unset(
                        {
                            "model": model,
                            "prompt": prompt,
                            "temperature": temperature,
                            "top_p": top_p,
                            "top_k": top_k,
                            "min_p": min_p,
                            "max_tokens": max_tokens,
                            "stop": stop,
                            "stream": stream,
                            "frequency_penalty": frequency_penalty,
                            "presence_penalty": presence_penalty,
                            "repetition_penalty": repetition_penalty,
                            "seed": seed,
                            "n": n,
                            "tier": tier,
                        }
                    ),
                    extra_body=extra_body,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
            )
        return cast(
            "TextCompletion",
            await _operation("completions", "create_completion").asyncio(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "prompt": prompt,
                        "temperature": temperature,
                        "top_p": top_p,
                        "top_k": top_k,
                        "min_p": min_p,
                        "max_tokens": max_tokens,
                        "stop": stop,
                        "stream": stream,
                        "frequency_penalty": frequency_penalty,
                        "presence_penalty": presence_penalty,
                        "repetition_penalty": repetition_penalty,
                        "seed": seed,
                        "n": n,
                        "tier": tier,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncCompletionsWithRawResponse:
    def __init__(self, resource: AsyncCompletions) -> None:
        self._resource = resource
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncCompletionsWithStreamingResponse:
    def __init__(self, resource: AsyncCompletions) -> None:
        self._resource = resource
        self.create = async_to_streamed_response_wrapper(resource.create)
