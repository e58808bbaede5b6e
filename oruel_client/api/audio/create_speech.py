# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import httpx

from ..._inputs import check_headers, check_query
from ..._validation import json_body
from ...types import UNSET, Unset

# The models load when a function first needs them, not with this module: importing attrs and the models costs
# more than the rest of the client's import, and a user importing one endpoint function should not pay it.
if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from ..._response import APIResponse
    from ...models.params import SpeechRequestParam
    from ...models.speech_request import SpeechRequest
    from ...types import File

OPERATION_ID: Final = "createSpeech"
HTTP_METHOD: Final = "post"
PATH_TEMPLATE: Final = "/audio/speech"
BODY_SCHEMA: Final[str | None] = "SpeechRequest"
STREAMING: Final = False


def build_request(
    *,
    body: SpeechRequest | SpeechRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> dict[str, Any]:
    """The httpx request arguments (method, url, params, headers, body, timeout) for this operation.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec (unless validate is False).
    """
    from ...models.speech_request import SpeechRequest  # noqa: PLC0415

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/audio/speech",
    }
    if extra_query:
        _kwargs["params"] = check_query(extra_query)

    # extra_body is merged over the body (shallowly; it wins, as documented), then checked as a whole.
    _kwargs["json"] = json_body(
        body.to_dict() if isinstance(body, SpeechRequest) else body,
        extra_body,
        "SpeechRequest" if validate else None,
    )
    headers["Content-Type"] = "application/json"

    # The media types the spec documents for success.
    headers["Accept"] = "audio/mpeg, audio/wav, audio/ogg, audio/flac, audio/pcm, application/octet-stream"
    if extra_headers:
        check_headers(extra_headers)
        headers.update(extra_headers)
    if headers:
        _kwargs["headers"] = headers
    if not isinstance(timeout, Unset):
        _kwargs["timeout"] = timeout
    return _kwargs


def parse_success(response: httpx.Response) -> File:
    """The documented 200 body of this operation: its bytes, with the filename
    of its Content-Disposition (if any) and its media type."""
    from ..._files import file_from_response  # noqa: PLC0415

    return file_from_response(response)


def sync(
    *,
    client: Oruel,
    body: SpeechRequest | SpeechRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> File:
    """Text to speech

    Speaks a text. Billed per request. The answer is the audio file itself. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (SpeechRequest): Source: decided.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        ErrorResponse | File
    """

    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return client._request(options, parse_success)


def sync_detailed(
    *,
    client: Oruel,
    body: SpeechRequest | SpeechRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[File]:
    """Text to speech

    Speaks a text. Billed per request. The answer is the audio file itself. Source: decided
    (https://cloud.oru-el.com/docs/getting-started/pricing).

    Args:
        body (SpeechRequest): Source: decided.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        APIResponse[ErrorResponse | File]: status, headers, request id, timing, retries taken;
        ``.parse()`` gives the typed body.
    """

    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return client._request_raw(options, parse_success)


async def asyncio(
    *,
    client: AsyncOruel,
    body: SpeechRequest | SpeechRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> File:
    """The async form of sync()."""
    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return await client._request(options, parse_success)


async def asyncio_detailed(
    *,
    client: AsyncOruel,
    body: SpeechRequest | SpeechRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[File]:
    """The async form of sync_detailed()."""
    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    return await client._request_raw(options, parse_success)
