# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""The resource facade of Oruel / AsyncOruel: `client.chat.completions.create(...)` and friends.

One class per prefix of each operation's facade name (its `x-oruel-resource`, else derived from its path by
generator/plan.py); path parameters positional, one typed keyword per request-body field, with the spec's
description, range, server default and provenance in the docstring. A field added to openapi.yaml appears here
after `python -m generator`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, cast, overload

import httpx

from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..types import UNSET, Unset, omit_unset

if TYPE_CHECKING:
    from .._client import AsyncOruel, Oruel
    from .._streaming import AsyncStream, Stream
    from ..models import (
        AssistantMessage,
        ChatCompletion,
        ChatCompletionChunk,
        EmbeddingResponse,
        ImagesResponse,
        ModelList,
        NamedToolChoice,
        ResponseFormatJSONObject,
        ResponseFormatText,
        SystemMessage,
        TextCompletion,
        TextCompletionChunk,
        Tool,
        ToolMessage,
        UserMessage,
    )
    from ..models.params import (
        ChatMessageParam,
        ResponseFormatParam,
        ToolChoiceParam,
        ToolParam,
    )
    from ..types import File

Timeout = float | httpx.Timeout | None


@cache
def _operation(tag: str, name: str) -> ModuleType:
    """The generated endpoint module, imported on first use so that importing the client stays cheap."""
    return importlib.import_module(f"..api.{tag}.{name}", __package__)


class Resources:
    """The root of the facade, which Oruel inherits: each resource sends through the client's transport."""

    @cached_property
    def chat(self) -> Chat:
        return Chat(cast("Oruel", self))

    @cached_property
    def completions(self) -> Completions:
        return Completions(cast("Oruel", self))

    @cached_property
    def embeddings(self) -> Embeddings:
        return Embeddings(cast("Oruel", self))

    @cached_property
    def models(self) -> Models:
        return Models(cast("Oruel", self))

    @cached_property
    def images(self) -> Images:
        return Images(cast("Oruel", self))

    @cached_property
    def audio(self) -> Audio:
        return Audio(cast("Oruel", self))


class ChatCompletions:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> ChatCompletionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return ChatCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatCompletionsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return ChatCompletionsWithStreamingResponse(self)

    @overload
    def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion: ...

    @overload
    def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> Stream[ChatCompletionChunk]: ...

    @overload
    def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion | Stream[ChatCompletionChunk]: ...

    def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion | Stream[ChatCompletionChunk]:
        """Create a chat completion (`POST /chat/completions`).

        Generates the next assistant message for a conversation. With `stream` true the answer arrives as server-sent
        events, one `ChatCompletionChunk` per data line, ended by a `[DONE]` data line. Source: documented
        (https://cloud.oru-el.com/docs/inference/chat-completions).

        Args:
            model (str): Model id, e.g. `llama-4-maverick`. Source: documented
                (https://cloud.oru-el.com/docs/inference/chat-completions).
            messages (list[AssistantMessage | SystemMessage | ToolMessage | UserMessage]): The conversation so
                far; a system message, if any, goes first. Range: 1 to 256 items. Source: documented
                (https://cloud.oru-el.com/docs/inference/chat-completions).
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
            response_format (ResponseFormatJSONObject | ResponseFormatText | Unset): `{"type": "text"}` (the
                server default) or `{"type": "json_object"}` (JSON mode). Server default: {'type': 'text'}. Source:
                documented (https://cloud.oru-el.com/docs/inference/parameters).
            tools (list[Tool] | Unset): Functions the model may call. Names must be unique within a request. Not
                set by default. Range: at most 128 items. Source: documented
                (https://cloud.oru-el.com/docs/inference/tool-calling).
            tool_choice (NamedToolChoice | ToolChoiceMode | Unset): `"auto"`, `"none"`, or a named function. Not
                set by default. Range: string: one of 'auto', 'none'. Source: documented
                (https://cloud.oru-el.com/docs/inference/tool-calling).
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
                "Stream[ChatCompletionChunk]",
                _operation("chat", "create_chat_completion").sync_stream(
                    client=self._client,
                    body=omit_unset(
                        {
                            "model": model,
                            "messages": messages,
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
                            "response_format": response_format,
                            "tools": tools,
                            "tool_choice": tool_choice,
                        }
                    ),
                    extra_body=extra_body,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
            )
        return cast(
            "ChatCompletion",
            _operation("chat", "create_chat_completion").sync(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "messages": messages,
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
                        "response_format": response_format,
                        "tools": tools,
                        "tool_choice": tool_choice,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class ChatCompletionsWithRawResponse:
    def __init__(self, resource: ChatCompletions) -> None:
        self._resource = resource
        self.create = to_raw_response_wrapper(resource.create)


class ChatCompletionsWithStreamingResponse:
    def __init__(self, resource: ChatCompletions) -> None:
        self._resource = resource
        self.create = to_streamed_response_wrapper(resource.create)


class Chat:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def completions(self) -> ChatCompletions:
        return ChatCompletions(self._client)

    @cached_property
    def with_raw_response(self) -> ChatWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return ChatWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ChatWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return ChatWithStreamingResponse(self)


class ChatWithRawResponse:
    def __init__(self, resource: Chat) -> None:
        self._resource = resource

    @cached_property
    def completions(self) -> ChatCompletionsWithRawResponse:
        return ChatCompletionsWithRawResponse(self._resource.completions)


class ChatWithStreamingResponse:
    def __init__(self, resource: Chat) -> None:
        self._resource = resource

    @cached_property
    def completions(self) -> ChatCompletionsWithStreamingResponse:
        return ChatCompletionsWithStreamingResponse(self._resource.completions)


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


class AudioSpeech:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AudioSpeechWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AudioSpeechWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AudioSpeechWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AudioSpeechWithStreamingResponse(self)

    def create(
        self,
        *,
        model: str,
        input: str,
        voice: str,
        response_format: Literal["mp3", "wav", "opus", "flac", "pcm"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> File:
        """Text to speech (`POST /audio/speech`).

        Speaks a text. Billed per request. The answer is the audio file itself. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            input_ (str): The text to speak. Range: at least 1 characters. Source: decided.
            voice (str): A voice id of the model. Source: decided.
            response_format (SpeechRequestResponseFormat | Unset): Range: one of 'mp3', 'wav', 'opus', 'flac',
                'pcm'. Server default: 'mp3'. Source: decided.
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
            "File",
            _operation("audio", "create_speech").sync(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "input": input,
                        "voice": voice,
                        "response_format": response_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AudioSpeechWithRawResponse:
    def __init__(self, resource: AudioSpeech) -> None:
        self._resource = resource
        self.create = to_raw_response_wrapper(resource.create)


class AudioSpeechWithStreamingResponse:
    def __init__(self, resource: AudioSpeech) -> None:
        self._resource = resource
        self.create = to_streamed_response_wrapper(resource.create)


class Audio:
    def __init__(self, client: Oruel) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AudioSpeech:
        return AudioSpeech(self._client)

    @cached_property
    def with_raw_response(self) -> AudioWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AudioWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AudioWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AudioWithStreamingResponse(self)


class AudioWithRawResponse:
    def __init__(self, resource: Audio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AudioSpeechWithRawResponse:
        return AudioSpeechWithRawResponse(self._resource.speech)


class AudioWithStreamingResponse:
    def __init__(self, resource: Audio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AudioSpeechWithStreamingResponse:
        return AudioSpeechWithStreamingResponse(self._resource.speech)


class AsyncResources:
    """The root of the facade, which AsyncOruel inherits: each resource sends through the client's transport."""

    @cached_property
    def chat(self) -> AsyncChat:
        return AsyncChat(cast("AsyncOruel", self))

    @cached_property
    def completions(self) -> AsyncCompletions:
        return AsyncCompletions(cast("AsyncOruel", self))

    @cached_property
    def embeddings(self) -> AsyncEmbeddings:
        return AsyncEmbeddings(cast("AsyncOruel", self))

    @cached_property
    def models(self) -> AsyncModels:
        return AsyncModels(cast("AsyncOruel", self))

    @cached_property
    def images(self) -> AsyncImages:
        return AsyncImages(cast("AsyncOruel", self))

    @cached_property
    def audio(self) -> AsyncAudio:
        return AsyncAudio(cast("AsyncOruel", self))


class AsyncChatCompletions:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncChatCompletionsWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncChatCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatCompletionsWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncChatCompletionsWithStreamingResponse(self)

    @overload
    async def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion: ...

    @overload
    async def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> AsyncStream[ChatCompletionChunk]: ...

    @overload
    async def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion | AsyncStream[ChatCompletionChunk]: ...

    async def create(
        self,
        *,
        model: str,
        messages: Sequence[ChatMessageParam | SystemMessage | UserMessage | AssistantMessage | ToolMessage],
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
        response_format: ResponseFormatParam | ResponseFormatText | ResponseFormatJSONObject | Unset = UNSET,
        tools: Sequence[ToolParam | Tool] | Unset = UNSET,
        tool_choice: ToolChoiceParam | NamedToolChoice | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> ChatCompletion | AsyncStream[ChatCompletionChunk]:
        """Create a chat completion (`POST /chat/completions`).

        Generates the next assistant message for a conversation. With `stream` true the answer arrives as server-sent
        events, one `ChatCompletionChunk` per data line, ended by a `[DONE]` data line. Source: documented
        (https://cloud.oru-el.com/docs/inference/chat-completions).

        Args:
            model (str): Model id, e.g. `llama-4-maverick`. Source: documented
                (https://cloud.oru-el.com/docs/inference/chat-completions).
            messages (list[AssistantMessage | SystemMessage | ToolMessage | UserMessage]): The conversation so
                far; a system message, if any, goes first. Range: 1 to 256 items. Source: documented
                (https://cloud.oru-el.com/docs/inference/chat-completions).
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
            response_format (ResponseFormatJSONObject | ResponseFormatText | Unset): `{"type": "text"}` (the
                server default) or `{"type": "json_object"}` (JSON mode). Server default: {'type': 'text'}. Source:
                documented (https://cloud.oru-el.com/docs/inference/parameters).
            tools (list[Tool] | Unset): Functions the model may call. Names must be unique within a request. Not
                set by default. Range: at most 128 items. Source: documented
                (https://cloud.oru-el.com/docs/inference/tool-calling).
            tool_choice (NamedToolChoice | ToolChoiceMode | Unset): `"auto"`, `"none"`, or a named function. Not
                set by default. Range: string: one of 'auto', 'none'. Source: documented
                (https://cloud.oru-el.com/docs/inference/tool-calling).
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
                "AsyncStream[ChatCompletionChunk]",
                await _operation("chat", "create_chat_completion").asyncio_stream(
                    client=self._client,
                    body=omit_unset(
                        {
                            "model": model,
                            "messages": messages,
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
                            "response_format": response_format,
                            "tools": tools,
                            "tool_choice": tool_choice,
                        }
                    ),
                    extra_body=extra_body,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
            )
        return cast(
            "ChatCompletion",
            await _operation("chat", "create_chat_completion").asyncio(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "messages": messages,
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
                        "response_format": response_format,
                        "tools": tools,
                        "tool_choice": tool_choice,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncChatCompletionsWithRawResponse:
    def __init__(self, resource: AsyncChatCompletions) -> None:
        self._resource = resource
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncChatCompletionsWithStreamingResponse:
    def __init__(self, resource: AsyncChatCompletions) -> None:
        self._resource = resource
        self.create = async_to_streamed_response_wrapper(resource.create)


class AsyncChat:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def completions(self) -> AsyncChatCompletions:
        return AsyncChatCompletions(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncChatWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncChatWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncChatWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncChatWithStreamingResponse(self)


class AsyncChatWithRawResponse:
    def __init__(self, resource: AsyncChat) -> None:
        self._resource = resource

    @cached_property
    def completions(self) -> AsyncChatCompletionsWithRawResponse:
        return AsyncChatCompletionsWithRawResponse(self._resource.completions)


class AsyncChatWithStreamingResponse:
    def __init__(self, resource: AsyncChat) -> None:
        self._resource = resource

    @cached_property
    def completions(self) -> AsyncChatCompletionsWithStreamingResponse:
        return AsyncChatCompletionsWithStreamingResponse(self._resource.completions)


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


class AsyncAudioSpeech:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncAudioSpeechWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncAudioSpeechWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAudioSpeechWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncAudioSpeechWithStreamingResponse(self)

    async def create(
        self,
        *,
        model: str,
        input: str,
        voice: str,
        response_format: Literal["mp3", "wav", "opus", "flac", "pcm"] | Unset = UNSET,
        extra_body: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        timeout: Timeout | Unset = UNSET,
    ) -> File:
        """Text to speech (`POST /audio/speech`).

        Speaks a text. Billed per request. The answer is the audio file itself. Source: decided
        (https://cloud.oru-el.com/docs/getting-started/pricing).

        Args:
            model (str): Source: decided.
            input_ (str): The text to speak. Range: at least 1 characters. Source: decided.
            voice (str): A voice id of the model. Source: decided.
            response_format (SpeechRequestResponseFormat | Unset): Range: one of 'mp3', 'wav', 'opus', 'flac',
                'pcm'. Server default: 'mp3'. Source: decided.
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
            "File",
            await _operation("audio", "create_speech").asyncio(
                client=self._client,
                body=omit_unset(
                    {
                        "model": model,
                        "input": input,
                        "voice": voice,
                        "response_format": response_format,
                    }
                ),
                extra_body=extra_body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
            ),
        )


class AsyncAudioSpeechWithRawResponse:
    def __init__(self, resource: AsyncAudioSpeech) -> None:
        self._resource = resource
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncAudioSpeechWithStreamingResponse:
    def __init__(self, resource: AsyncAudioSpeech) -> None:
        self._resource = resource
        self.create = async_to_streamed_response_wrapper(resource.create)


class AsyncAudio:
    def __init__(self, client: AsyncOruel) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AsyncAudioSpeech:
        return AsyncAudioSpeech(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncAudioWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, request id, ...) whose parse() gives the
        usual value."""
        return AsyncAudioWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAudioWithStreamingResponse:
        """The same methods, returning a context manager around an APIResponse whose body is read only when
        asked (parse(), read(), iter_bytes())."""
        return AsyncAudioWithStreamingResponse(self)


class AsyncAudioWithRawResponse:
    def __init__(self, resource: AsyncAudio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncAudioSpeechWithRawResponse:
        return AsyncAudioSpeechWithRawResponse(self._resource.speech)


class AsyncAudioWithStreamingResponse:
    def __init__(self, resource: AsyncAudio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncAudioSpeechWithStreamingResponse:
        return AsyncAudioSpeechWithStreamingResponse(self._resource.speech)
