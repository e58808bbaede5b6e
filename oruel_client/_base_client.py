"""Sends the request options built by the generated code: headers, base URL, retries, typed errors.

``options`` is a mapping of httpx request arguments: ``method``, ``url`` (relative to the base URL), and
optionally ``params``, ``json``, ``content``, ``data``, ``files``, ``headers`` and ``timeout`` (present
only when the caller set a per-request timeout, so a present ``None`` means "no timeout").

This is on every request's path, so per-request work is kept to plain dict merges, and log messages are
built only when the logger is enabled.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Final, Generic, Self, TypeVar

import httpx

from ._body_stream import StreamedBody
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    OruelError,
    make_status_error,
)
from ._logging import logger, setup_logging
from ._retry import DEFAULT_RETRY_POLICY, RetryPolicy

__all__ = [
    "SyncHTTPClient",
    "AsyncHTTPClient",
    "RETRY_COUNT_HEADER",
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RESPONSE_BYTES",
]

R = TypeVar("R")
S = TypeVar("S")
_HttpxT = TypeVar("_HttpxT", httpx.Client, httpx.AsyncClient)

RETRY_COUNT_HEADER: Final = "x-oruel-retry-count"
# LLM calls are long-lived, so many run concurrently; httpx's default of 100 connections is low for that.
DEFAULT_CONNECTION_LIMITS: Final = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


#: The most bytes a whole (decompressed) response body may take; past it the body is refused, not held.
DEFAULT_MAX_RESPONSE_BYTES: Final = 256 * 1024 * 1024

# Methods for which httpx sends "Content-Length: 0" when there is no body.
_SIZED_METHODS: Final = frozenset({"post", "put", "patch", "POST", "PUT", "PATCH"})
# How many (URL, headers) combinations a client keeps prepared; a call with ever-new headers (a fresh
# idempotency key each time, say) just rebuilds them, and the table starts over when full.
_PREPARED_MAX: Final = 64
# The bytes httpx's json= sends (compact, UTF-8, no NaN); one encoder, rather than one per call.
_encode_json_text: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _encode_json(body: Any) -> bytes:
    return _encode_json_text(body).encode()


_COPY_OPTIONS: Final = frozenset(
    {"api_key", "base_url", "timeout", "max_retries", "default_headers", "default_query", "max_response_bytes"}
)


def _size_header(body: StreamedBody) -> tuple[str, str]:
    return ("Content-Length", str(body.size)) if body.size is not None else ("Transfer-Encoding", "chunked")


def _limit(content: Any, limit: int, retries_done: int) -> int:
    """The retry limit after an attempt: none left once a body that cannot be sent again (one read from a file
    object that cannot seek) was read."""
    return retries_done if type(content) is StreamedBody and not content.replayable else limit


def _check_declared_size(response: httpx.Response, limit: int) -> None:
    """Refuse before reading a body whose Content-Length already says it is too large (uncompressed only)."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
        raise _too_large(response, limit)


def _too_large(response: httpx.Response, limit: int) -> APIResponseValidationError:
    return APIResponseValidationError(
        response,
        None,
        message=(
            f"The response body (HTTP {response.status_code}) is larger than max_response_bytes ({limit} bytes, "
            "after decompression); it was not read whole. Raise the limit with max_response_bytes=... if expected."
        ),
    )


def read_limited(response: httpx.Response, limit: int) -> None:
    """``response.read()`` that stops, and raises, once the decompressed body passes ``limit`` bytes."""
    _check_declared_size(response, limit)
    parts: list[bytes] = []
    size = 0
    for part in response.iter_bytes():
        size += len(part)
        if size > limit:
            raise _too_large(response, limit)
        parts.append(part)
    # What httpx's own read() stores; later .content / .json() / .read() use it.
    response._content = b"".join(parts)


async def aread_limited(response: httpx.Response, limit: int) -> None:
    """The async twin of read_limited."""
    _check_declared_size(response, limit)
    parts: list[bytes] = []
    size = 0
    async for part in response.aiter_bytes():
        size += len(part)
        if size > limit:
            raise _too_large(response, limit)
        parts.append(part)
    response._content = b"".join(parts)


class _HTTPClientBase(Generic[_HttpxT]):
    _client: _HttpxT

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        http_client: _HttpxT | None,
        user_agent: str,
        retry_policy: RetryPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        from ._checks import check_settings, track  # noqa: PLC0415 (loads with the first client, not at import)

        check_settings(base_url, api_key, default_headers, default_query)
        setup_logging()
        self.max_response_bytes = max_response_bytes
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._timeout_value = timeout
        self._timeout = httpx.Timeout(timeout)
        self._max_retries = max(0, max_retries)
        self._user_agent = user_agent
        self._retry = retry_policy or DEFAULT_RETRY_POLICY
        # Header names are lowercased so that plain dict merging is case-insensitive.
        self._custom_headers = {k.lower(): v for k, v in (default_headers or {}).items()}
        self._custom_query: dict[str, Any] = dict(default_query or {})
        headers = {"accept": "application/json", "user-agent": user_agent}
        if api_key:
            headers["authorization"] = f"Bearer {api_key}"
        headers.update(self._custom_headers)
        self._headers = headers
        self._timeout_extension = self._timeout.as_dict()
        # (url, call headers, retry count) -> (the httpx client's headers then, URL, merged headers, sized)
        self._prepared: dict[tuple[Any, ...], tuple[list[tuple[bytes, bytes]], httpx.URL, httpx.Headers, bool]] = {}
        if http_client is None:
            self._client = self._new_httpx_client(self._timeout)
            self._owns_client = True
        else:
            self._client = http_client
            self._owns_client = False
        track(self, created_pool=http_client is None)

    def _new_httpx_client(self, timeout: httpx.Timeout) -> _HttpxT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def api_key(self) -> str | None:
        return self._api_key

    @property
    def timeout(self) -> float | httpx.Timeout | None:
        return self._timeout_value

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def http_client(self) -> _HttpxT:
        return self._client

    def __repr__(self) -> str:
        # Deliberately leaves out the API key and the headers (which carry it).
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, timeout={self._timeout_value!r}, "
            f"max_retries={self._max_retries})"
        )

    def copy(self, **overrides: Any) -> Self:
        """A client with some settings changed, sharing this one's connection pool.

        Accepts ``api_key``, ``base_url``, ``timeout``, ``max_retries``, ``default_headers``,
        ``default_query`` and ``max_response_bytes``; an omitted one keeps this client's value. ``default_headers`` and
        ``default_query`` are merged over this client's. The copy never closes the shared httpx client:
        closing stays with whoever created it.
        """
        unknown = overrides.keys() - _COPY_OPTIONS
        if unknown:
            raise TypeError(f"copy() got unexpected options: {', '.join(sorted(unknown))}")
        headers = self._custom_headers
        extra_headers: Mapping[str, str] | None = overrides.get("default_headers")
        if extra_headers:
            from ._inputs import check_headers  # noqa: PLC0415 (as the constructor checks them, before merging)

            check_headers(extra_headers, "default_headers")
            headers = {**headers, **{k.lower(): v for k, v in extra_headers.items()}}
        query = self._custom_query
        extra_query: Mapping[str, object] | None = overrides.get("default_query")
        if extra_query:
            query = {**query, **extra_query}
        return type(self)(
            base_url=overrides.get("base_url", self._base_url),
            api_key=overrides.get("api_key", self._api_key),
            timeout=overrides.get("timeout", self._timeout_value),
            max_retries=overrides.get("max_retries", self._max_retries),
            default_headers=headers,
            default_query=query,
            http_client=self._client,
            user_agent=self._user_agent,
            retry_policy=self._retry,
            max_response_bytes=overrides.get("max_response_bytes", self.max_response_bytes),
        )

    @staticmethod
    def _encode_body(options: Mapping[str, Any]) -> Any:
        """The body to send, encoded once per call: a JSON body becomes its bytes here, and every attempt sends
        those bytes, so a retry sends exactly what was checked even if the caller's objects change meanwhile."""
        body = options.get("json")
        if body is None:
            content = options.get("content")
            # Bytes that can change (a bytearray) are copied: every attempt sends what the call was given.
            return bytes(content) if isinstance(content, (bytearray, memoryview)) else content
        try:
            return _encode_json(body)
        except RecursionError:  # validate=False lets a body this deep reach the encoder
            from ._validation import too_deep  # noqa: PLC0415 (only on this error path)

            raise too_deep() from None
        except (UnicodeEncodeError, ValueError):  # a lone surrogate or a NaN in the JSON body
            from ._inputs import body_error  # noqa: PLC0415 (only on this error path)

            error = body_error(body)
            if error is None:
                raise
        raise error

    def _build_request(self, options: Mapping[str, Any], content: Any, retries_done: int) -> httpx.Request:
        """The request for one attempt; ``content`` is what _encode_body gave for the call."""
        client = self._client
        if client.is_closed:  # httpx would raise a bare RuntimeError
            raise OruelError("Cannot send the request: the client is closed (by close(), or its http_client was).")
        params = options.get("params")
        if self._custom_query:
            params = {**self._custom_query, **params} if params else self._custom_query
        url: str = options["url"]
        url = self._base_url + url if url.startswith("/") else f"{self._base_url}/{url}"
        timeout = self._timeout_extension if "timeout" not in options else httpx.Timeout(options["timeout"]).as_dict()
        if (
            (content is None or type(content) is bytes or type(content) is StreamedBody)
            and "data" not in options
            and "files" not in options
            and not client.cookies
            and not client.params
        ):
            return self._direct_request(
                options["method"], url, params, options.get("headers"), content, retries_done, timeout
            )
        headers = self._our_headers(options.get("headers"), retries_done)
        streamed = content if isinstance(content, StreamedBody) else None
        if streamed is not None:  # httpx cannot size it, nor tell it is an async stream too: we say both
            headers[_size_header(streamed)[0]] = _size_header(streamed)[1]
            content = None
        request = client.build_request(
            options["method"],
            url,
            params=params,
            headers=headers,
            content=content,
            data=options.get("data"),
            files=options.get("files"),
            extensions={"timeout": timeout},
        )
        if streamed is not None:
            request.stream = streamed
        return request

    def _direct_request(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        extra: Mapping[str, str] | None,
        content: bytes | StreamedBody | None,
        retries_done: int,
        timeout: dict[str, float | None],
    ) -> httpx.Request:
        """What ``client.build_request`` would build for a body of bytes (or none), at a fraction of its cost:
        httpx parses the URL and re-validates every header on every call, which made request building the
        largest part of our per-request time. The parsed URL and the merged headers (the httpx client's own,
        ours, the call's, the retry count) are kept per distinct combination; only Content-Length varies.
        Requests that need more (cookies or params on the httpx client, forms, files) take build_request."""
        key = (url, tuple(extra.items()) if extra else None, retries_done)
        own = self._client.headers.raw  # an http_client's headers may change after it was given to us
        try:
            hit = self._prepared.get(key)
        except TypeError:  # a header name or value that cannot be hashed: _prepare refuses it
            hit = None
        if hit is None or hit[0] != own:
            if len(self._prepared) >= _PREPARED_MAX:
                self._prepared.clear()
            hit = self._prepared[key] = (own, *self._prepare(url, extra, retries_done))
        _, target, base, sized = hit
        headers = base.copy()
        if isinstance(content, StreamedBody):  # read as it is sent: sized here, never read whole
            if not sized:
                name, value = _size_header(content)
                headers[name] = value
            return httpx.Request(
                method, target, params=params, headers=headers, stream=content, extensions={"timeout": timeout}
            )
        if not sized:
            if content is not None:
                headers["Content-Length"] = str(len(content))
            elif method in _SIZED_METHODS:
                headers["Content-Length"] = "0"
        request = httpx.Request(
            method,
            target,
            params=params,
            headers=headers,
            stream=httpx.ByteStream(content or b""),
            extensions={"timeout": timeout},
        )
        request.read()  # as httpx does for a body of bytes: request.content is then available
        return request

    def _our_headers(self, extra: Mapping[str, str] | None, retries_done: int) -> dict[str, str]:
        """This client's headers, the call's over them (names lowercased, so the call wins whatever its case),
        and the retry count; httpx merges them over the httpx client's own."""
        headers = self._headers.copy()
        if extra:
            # The call's headers were checked where they were given (extra_headers); options built elsewhere (the
            # batch runner, a caller's own) get the same OruelValidationError here, on every path.
            from ._inputs import check_headers  # noqa: PLC0415 (loaded by the first call with headers)

            check_headers(extra, "headers")
            for name, value in extra.items():
                headers[name.lower()] = value
        headers[RETRY_COUNT_HEADER] = str(retries_done)
        return headers

    def _prepare(
        self, url: str, extra: Mapping[str, str] | None, retries_done: int
    ) -> tuple[httpx.URL, httpx.Headers, bool]:
        """The parsed URL, the merged headers with Host first (as httpx orders them), and whether the caller
        already sized the body (Content-Length or Transfer-Encoding given)."""
        target = httpx.URL(url)
        merged: httpx.Headers = self._client.headers.copy()
        merged.update(self._our_headers(extra, retries_done))
        if "host" not in merged and target.host:
            merged = httpx.Headers([(b"Host", target.netloc), *merged.raw])
        return target, merged, "content-length" in merged or "transfer-encoding" in merged

    def _status_retry_delay(self, response: httpx.Response, retries_done: int, limit: int) -> float | None:
        if retries_done >= limit or not self._retry.should_retry_status(response.status_code, response.headers):
            return None
        delay = self._retry.delay(retries_done, response.headers)
        if delay is None and logger.isEnabledFor(logging.INFO):
            logger.info(
                "Not retrying %s %s after %d: the server asked to wait longer than %.0f s",
                response.request.method,
                response.request.url.path,
                response.status_code,
                self._retry.max_retry_after,
            )
        return delay

    def _error_retry_delay(self, exc: httpx.TransportError, retries_done: int, limit: int) -> float | None:
        if retries_done >= limit or not self._retry.should_retry_error(exc):
            return None
        return self._retry.delay(retries_done)

    @staticmethod
    def _wrap_transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
        # Our message is fixed text: httpx's own message stays available as __cause__.
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(request)
        return APIConnectionError(request=request)

    @staticmethod
    def _log_outcome(request: httpx.Request, outcome: int | str, retries_done: int, started: float) -> None:
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        logger.debug(
            "%s %s -> %s (attempt %d, %.1f ms)",
            request.method,
            request.url.path,
            outcome,
            retries_done + 1,
            elapsed_ms,
            extra={
                "oruel_method": request.method,
                "oruel_path": request.url.path,
                "oruel_outcome": outcome,
                "oruel_retry_count": retries_done,
                "oruel_elapsed_ms": elapsed_ms,
            },
        )

    @staticmethod
    def _log_retry(request: httpx.Request, cause: int | str, delay: float, retries_done: int, limit: int) -> None:
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "Retrying %s %s after %s in %.3f s (retry %d of %d)",
                request.method,
                request.url.path,
                cause,
                delay,
                retries_done + 1,
                limit,
                extra={
                    "oruel_method": request.method,
                    "oruel_path": request.url.path,
                    "oruel_outcome": cause,
                    "oruel_retry_count": retries_done + 1,
                    "oruel_delay": delay,
                },
            )


class SyncHTTPClient(_HTTPClientBase[httpx.Client]):
    """Blocking client. Not tied to one API operation: it sends whatever options it is given."""

    def _new_httpx_client(self, timeout: httpx.Timeout) -> httpx.Client:
        return httpx.Client(timeout=timeout, limits=DEFAULT_CONNECTION_LIMITS)

    def request(
        self,
        options: Mapping[str, Any],
        *,
        parse: Callable[[httpx.Response], R],
        max_retries: int | None = None,
        retries_before: int = 0,
    ) -> R:
        """Send with retries; return ``parse(response)`` for a 2xx (body read), raise a typed error otherwise.
        ``retries_before``: attempts the caller already made itself (the batch runner), for the retry-count header."""
        return parse(self.send(options, max_retries, stream=False, retries_before=retries_before)[0])

    def stream(
        self,
        options: Mapping[str, Any],
        *,
        make_stream: Callable[[httpx.Response], S],
        max_retries: int | None = None,
    ) -> S:
        """Like ``request`` but hands the unread 2xx response to ``make_stream``, which then owns it."""
        response = self.send(options, max_retries, stream=True)[0]
        try:
            return make_stream(response)
        except BaseException:
            response.close()
            raise

    def send(
        self, options: Mapping[str, Any], max_retries: int | None = None, *, stream: bool, retries_before: int = 0
    ) -> tuple[httpx.Response, int]:
        """The 2xx response (its body read unless ``stream``) and the number of retries it took; a typed error
        for anything else, after retries."""
        limit = self._max_retries if max_retries is None else max(0, max_retries)
        debug = logger.isEnabledFor(logging.DEBUG)
        retries_done = 0
        content = self._encode_body(options)
        while True:
            request = self._build_request(options, content, retries_before + retries_done)
            started = time.perf_counter() if debug else 0.0
            response: httpx.Response | None = None
            try:
                response = self._client.send(request, stream=True)
                if not stream and response.is_success:
                    # Inside the try: a body cut off mid-way is as retryable as a failed connect.
                    read_limited(response, self.max_response_bytes)
            except httpx.TransportError as exc:
                if response is not None:
                    response.close()
                if debug:
                    self._log_outcome(request, type(exc).__name__, retries_done, started)
                delay = self._error_retry_delay(exc, retries_done, _limit(content, limit, retries_done))
                if delay is None:
                    raise self._wrap_transport_error(exc, request) from exc
                cause: int | str = type(exc).__name__
            except BaseException:
                if response is not None:
                    response.close()
                raise
            else:
                if debug:
                    self._log_outcome(request, response.status_code, retries_done, started)
                if response.is_success:
                    return response, retries_done
                delay = self._status_retry_delay(response, retries_done, _limit(content, limit, retries_done))
                if delay is None:
                    raise self._read_status_error(response)
                # Closed unread: the connection is dropped rather than drained, so no pool slot leaks.
                response.close()
                cause = response.status_code
            self._log_retry(request, cause, delay, retries_done, limit)
            self._retry.sleep(delay)
            retries_done += 1

    def _read_status_error(
        self, response: httpx.Response
    ) -> APIStatusError | APIConnectionError | APIResponseValidationError:
        try:
            read_limited(response, self.max_response_bytes)
        except httpx.TransportError as exc:
            error: APIStatusError | APIConnectionError = self._wrap_transport_error(exc, response.request)
            error.__cause__ = exc
            return error
        except APIResponseValidationError as too_large:
            return too_large
        finally:
            response.close()
        return make_status_error(response)

    def close(self) -> None:
        """Close the connection pool if this client created it; a passed-in or shared one is left open."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncHTTPClient(_HTTPClientBase[httpx.AsyncClient]):
    """Asyncio client with the same behaviour as ``SyncHTTPClient``."""

    def _new_httpx_client(self, timeout: httpx.Timeout) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout, limits=DEFAULT_CONNECTION_LIMITS)

    async def request(
        self,
        options: Mapping[str, Any],
        *,
        parse: Callable[[httpx.Response], R],
        max_retries: int | None = None,
        retries_before: int = 0,
    ) -> R:
        """Send with retries; return ``parse(response)`` for a 2xx (body read), raise a typed error otherwise.
        ``retries_before``: attempts the caller already made itself (the batch runner), for the retry-count header."""
        return parse((await self.send(options, max_retries, stream=False, retries_before=retries_before))[0])

    async def stream(
        self,
        options: Mapping[str, Any],
        *,
        make_stream: Callable[[httpx.Response], S],
        max_retries: int | None = None,
    ) -> S:
        """Like ``request`` but hands the unread 2xx response to ``make_stream``, which then owns it."""
        response = (await self.send(options, max_retries, stream=True))[0]
        try:
            return make_stream(response)
        except BaseException:
            await response.aclose()
            raise

    async def send(
        self, options: Mapping[str, Any], max_retries: int | None = None, *, stream: bool, retries_before: int = 0
    ) -> tuple[httpx.Response, int]:
        """The async twin of SyncHTTPClient.send."""
        limit = self._max_retries if max_retries is None else max(0, max_retries)
        debug = logger.isEnabledFor(logging.DEBUG)
        retries_done = 0
        content = self._encode_body(options)
        while True:
            request = self._build_request(options, content, retries_before + retries_done)
            started = time.perf_counter() if debug else 0.0
            response: httpx.Response | None = None
            try:
                response = await self._client.send(request, stream=True)
                if not stream and response.is_success:
                    await aread_limited(response, self.max_response_bytes)
            except httpx.TransportError as exc:
                if response is not None:
                    await response.aclose()
                if debug:
                    self._log_outcome(request, type(exc).__name__, retries_done, started)
                delay = self._error_retry_delay(exc, retries_done, _limit(content, limit, retries_done))
                if delay is None:
                    raise self._wrap_transport_error(exc, request) from exc
                cause: int | str = type(exc).__name__
            except BaseException:
                if response is not None:
                    await response.aclose()
                raise
            else:
                if debug:
                    self._log_outcome(request, response.status_code, retries_done, started)
                if response.is_success:
                    return response, retries_done
                delay = self._status_retry_delay(response, retries_done, _limit(content, limit, retries_done))
                if delay is None:
                    raise await self._read_status_error(response)
                await response.aclose()
                cause = response.status_code
            self._log_retry(request, cause, delay, retries_done, limit)
            await self._retry.async_sleep(delay)
            retries_done += 1

    async def _read_status_error(
        self, response: httpx.Response
    ) -> APIStatusError | APIConnectionError | APIResponseValidationError:
        try:
            await aread_limited(response, self.max_response_bytes)
        except httpx.TransportError as exc:
            error: APIStatusError | APIConnectionError = self._wrap_transport_error(exc, response.request)
            error.__cause__ = exc
            return error
        except APIResponseValidationError as too_large:
            return too_large
        finally:
            await response.aclose()
        return make_status_error(response)

    async def close(self) -> None:
        """Close the connection pool if this client created it; a passed-in or shared one is left open."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
