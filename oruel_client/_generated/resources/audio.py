# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""`client.audio` of the facade (Oruel / AsyncOruel), with its sub-resources if it has any.

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
    from ...types import File


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
