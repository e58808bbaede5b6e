# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import httpx

from ..._exceptions import APIResponseValidationError, OruelValidationError
from ..._inputs import check_headers, check_query
from ..._validation import json_body
from ...types import UNSET, Unset

# The models load when a function first needs them, not with this module: importing attrs and the models costs
# more than the rest of the client's import, and a user importing one endpoint function should not pay it.
if TYPE_CHECKING:
    from ..._client import AsyncOruel, Oruel
    from ..._response import APIResponse
    from ..._streaming import AsyncStream, Stream
    from ...models.completion_request import CompletionRequest
    from ...models.params import CompletionRequestParam
    from ...models.text_completion import TextCompletion
    from ...models.text_completion_chunk import TextCompletionChunk

OPERATION_ID: Final = "createCompletion"
HTTP_METHOD: Final = "post"
PATH_TEMPLATE: Final = "/completions"
BODY_SCHEMA: Final[str | None] = "CompletionRequest"
STREAMING: Final = True


def build_request(
    *,
    body: CompletionRequest | CompletionRequestParam,
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
    from ...models.completion_request import CompletionRequest  # noqa: PLC0415

    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/completions",
    }
    if extra_query:
        _kwargs["params"] = check_query(extra_query)

    # extra_body is merged over the body (shallowly; it wins, as documented), then checked as a whole.
    _kwargs["json"] = json_body(
        body.to_dict() if isinstance(body, CompletionRequest) else body,
        extra_body,
        "CompletionRequest" if validate else None,
    )
    headers["Content-Type"] = "application/json"

    # The media types the spec documents for success.
    headers["Accept"] = "application/json"
    if extra_headers:
        check_headers(extra_headers)
        headers.update(extra_headers)
    if headers:
        _kwargs["headers"] = headers
    if not isinstance(timeout, Unset):
        _kwargs["timeout"] = timeout
    return _kwargs


def parse_success(response: httpx.Response) -> TextCompletion:
    """The documented 200 body of this operation, typed; any other shape is
    an APIResponseValidationError, never a raw Python exception."""
    from ...models.text_completion import TextCompletion  # noqa: PLC0415

    try:
        response_200 = TextCompletion.from_dict(response.json())

        return response_200

    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        raise APIResponseValidationError.of_body(response, OPERATION_ID, exc) from exc


def sync(
    *,
    client: Oruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> TextCompletion:
    """Create a text completion

    Continues a prompt. Same sampling fields and ranges as chat completions; streams like chat. Source:
    decided.

    Args:
        body (CompletionRequest): The body of `POST /completions`.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        ErrorResponse | TextCompletion
    """

    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    _refuse_stream(options)
    return client._request(options, parse_success)


def sync_detailed(
    *,
    client: Oruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[TextCompletion]:
    """Create a text completion

    Continues a prompt. Same sampling fields and ranges as chat completions; streams like chat. Source:
    decided.

    Args:
        body (CompletionRequest): The body of `POST /completions`.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status (a subclass per status), after retries.
        APIConnectionError: no answer (APITimeoutError for a timeout), after retries.
        APIResponseValidationError: the answer is not of the documented shape, or is too large.

    Returns:
        APIResponse[ErrorResponse | TextCompletion]: status, headers, request id, timing, retries taken;
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
    _refuse_stream(options)
    return client._request_raw(options, parse_success)


async def asyncio(
    *,
    client: AsyncOruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> TextCompletion:
    """The async form of sync()."""
    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    _refuse_stream(options)
    return await client._request(options, parse_success)


async def asyncio_detailed(
    *,
    client: AsyncOruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[TextCompletion]:
    """The async form of sync_detailed()."""
    options = build_request(
        body=body,
        extra_body=extra_body,
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=client.validates,
    )
    _refuse_stream(options)
    return await client._request_raw(options, parse_success)


def _refuse_stream(options: dict[str, Any]) -> None:
    body = options.get("json")
    if isinstance(body, dict) and body.get("stream") is True:
        raise OruelValidationError(
            "stream",
            "stream",
            None,
            True,
            message="stream: true is answered with events: call sync_stream() or asyncio_stream() instead",
        )


def stream_request(
    *,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
    validate: bool = True,
) -> dict[str, Any]:
    """build_request() with ``stream: true`` in the body and an SSE Accept header."""
    options = build_request(
        body=body,
        extra_body={**(extra_body or {}), "stream": True},
        extra_headers=extra_headers,
        extra_query=extra_query,
        timeout=timeout,
        validate=validate,
    )
    options["headers"] = {**options.get("headers", {}), "Accept": "text/event-stream"}
    return options


def parse_chunk(data: Any) -> TextCompletionChunk:
    """One decoded ``data:`` payload of the stream, typed."""
    return _chunk_parser()(data)


def _chunk_parser() -> Callable[[Any], TextCompletionChunk]:
    """What a stream parses each payload with: bound once per stream, not looked up per chunk."""
    from ...models.text_completion_chunk import TextCompletionChunk  # noqa: PLC0415

    return TextCompletionChunk.from_dict


def sync_stream(
    *,
    client: Oruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> Stream[TextCompletionChunk]:
    """Send the request with ``stream: true`` and iterate TextCompletionChunk items as they arrive (close the
    stream, or use it in a ``with``, to release the connection early).

    Raises:
        OruelValidationError: a value breaks a constraint of the spec; nothing was sent.
        APIStatusError: the server answered with an error status before streaming (after retries).
        APIConnectionError: no answer, or the stream was cut before its end.
    """
    return client._stream(
        stream_request(
            body=body,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=client.validates,
        ),
        _chunk_parser(),
    )


def sync_stream_detailed(
    *,
    client: Oruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[Stream[TextCompletionChunk]]:
    """sync_stream() with the response's status, headers and request id; ``.parse()`` gives the stream."""
    return client._stream_raw(
        stream_request(
            body=body,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=client.validates,
        ),
        _chunk_parser(),
    )


async def asyncio_stream(
    *,
    client: AsyncOruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> AsyncStream[TextCompletionChunk]:
    """The async form of sync_stream()."""
    return await client._stream(
        stream_request(
            body=body,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=client.validates,
        ),
        _chunk_parser(),
    )


async def asyncio_stream_detailed(
    *,
    client: AsyncOruel,
    body: CompletionRequest | CompletionRequestParam,
    extra_body: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    timeout: float | httpx.Timeout | None | Unset = UNSET,
) -> APIResponse[AsyncStream[TextCompletionChunk]]:
    """The async form of sync_stream_detailed()."""
    return await client._stream_raw(
        stream_request(
            body=body,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=client.validates,
        ),
        _chunk_parser(),
    )
