"""Oruel and AsyncOruel: configuration, and the one place where a request meets the transport.

Every way in ends here: the generated endpoint functions (``oruel_client.api.<tag>.<operation>.sync(client=...)``)
build the request with their ``build_request`` (range checks included) and call ``_request`` / ``_stream``
(or their ``_raw`` forms for ``*_detailed``); the facade (``client.chat.completions.create``, generated into
``_generated/resources/``, one module per top-level resource, imported on first use) is a typed layer over those
same functions, and the CLI uses the facade. The batch runner builds with the same ``build_request`` and sends
through the same transport (``_http``), doing its own retries so that a 429 can slow the whole run. ``_request``
and ``_stream`` also honour the response mode that ``with_raw_response`` and ``with_streaming_response`` set
(see ``_response``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Final, Generic, Self, TypeVar

import httpx

from ._base_client import DEFAULT_MAX_RESPONSE_BYTES, AsyncHTTPClient, SyncHTTPClient
from ._exceptions import OruelError
from ._generated.resources import AsyncResources, Resources
from ._response import APIResponse, AsyncAPIResponse, response_mode, stream_parser, tag_request_id
from ._streaming import DEFAULT_MAX_EVENT_BYTES, AsyncStream, Stream
from ._version import __version__
from .types import UNSET, Unset

__all__ = ["Oruel", "AsyncOruel", "DEFAULT_TIMEOUT", "DEFAULT_MAX_RETRIES"]

DEFAULT_TIMEOUT: Final = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES: Final = 2
_VERSION: Final = __version__
USER_AGENT: Final = f"oruel-client/{_VERSION} (python)"

H = TypeVar("H", SyncHTTPClient, AsyncHTTPClient)
T = TypeVar("T")
C = TypeVar("C")


def _timeout(
    timeout: float | httpx.Timeout | None | Unset, http_client: httpx.Client | httpx.AsyncClient | None
) -> float | httpx.Timeout | None:
    """A timeout given to the client wins; else a given http_client keeps its own; else DEFAULT_TIMEOUT."""
    if not isinstance(timeout, Unset):
        return timeout
    return http_client.timeout if http_client is not None else DEFAULT_TIMEOUT


def _resolve_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get("ORUEL_API_KEY")
    if not key:
        raise OruelError(
            "No API key: pass api_key=... to Oruel()/AsyncOruel() or set the ORUEL_API_KEY environment variable."
        )
    return key


def _resolve_base_url(base_url: str | None) -> str:
    resolved = base_url or os.environ.get("ORUEL_BASE_URL")
    if resolved:
        return resolved
    from ._generated import BASE_URL  # noqa: PLC0415 (not rules: a large spec makes that module large)

    return BASE_URL


def _limit(name: str, value: int) -> int:
    """A size limit must be a positive int: a typo'd 0 or None would otherwise refuse or allow everything."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive number of bytes, not {value!r}")
    return value


def _settings(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    default_headers: Mapping[str, str] | None,
    default_query: Mapping[str, object] | None,
    max_response_bytes: int,
) -> dict[str, Any]:
    """The transport settings of both clients, with the key and base URL taken from the environment if unset."""
    return {
        "max_response_bytes": _limit("max_response_bytes", max_response_bytes),
        "base_url": _resolve_base_url(base_url),
        "api_key": _resolve_key(api_key),
        "timeout": timeout,
        "max_retries": max_retries,
        "default_headers": default_headers,
        "default_query": default_query,
        "user_agent": USER_AGENT,
    }


class _Config:
    """What with_options() can change, besides the HTTP settings the transport layer keeps."""

    def __init__(self, validate: bool, max_event_bytes: int) -> None:
        self.validate = validate
        self.max_event_bytes = max_event_bytes


class _ClientBase(Generic[H]):
    """Settings shared by both clients; ``_http`` is the transport layer, ``_config`` the rest."""

    _http: H
    _config: _Config

    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"

    @property
    def validates(self) -> bool:
        """Whether requests are checked against the spec's constraints before they are sent."""
        return self._config.validate

    @property
    def base_url(self) -> str:
        return self._http.base_url

    @property
    def api_key(self) -> str:
        return self._http.api_key or ""

    @property
    def timeout(self) -> float | httpx.Timeout | None:
        return self._http.timeout

    @property
    def max_retries(self) -> int:
        return self._http.max_retries

    def with_options(
        self,
        *,
        api_key: str | Unset = UNSET,
        base_url: str | Unset = UNSET,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        default_headers: Mapping[str, str] | Unset = UNSET,
        default_query: Mapping[str, object] | Unset = UNSET,
        validate: bool | Unset = UNSET,
        max_response_bytes: int | Unset = UNSET,
        max_event_bytes: int | Unset = UNSET,
    ) -> Self:
        """A client with some settings changed; it shares this client's connections and never closes them."""
        changes: dict[str, Any] = {
            k: v
            for k, v in {
                "api_key": api_key,
                "base_url": base_url,
                "timeout": timeout,
                "max_retries": max_retries,
                "default_headers": default_headers,
                "default_query": default_query,
                "max_response_bytes": max_response_bytes
                if isinstance(max_response_bytes, Unset)
                else _limit("max_response_bytes", max_response_bytes),
            }.items()
            if not isinstance(v, Unset)
        }
        new = object.__new__(type(self))
        new._http = self._http.copy(**changes)  # shares the pool
        new._config = _Config(
            self._config.validate if isinstance(validate, Unset) else validate,
            self._config.max_event_bytes
            if isinstance(max_event_bytes, Unset)
            else _limit("max_event_bytes", max_event_bytes),
        )
        return new


class Oruel(_ClientBase[SyncHTTPClient], Resources):
    """Client of the Oru-el inference API.

    Args:
        api_key: defaults to the ORUEL_API_KEY environment variable; required.
        base_url: defaults to ORUEL_BASE_URL, then to the first server URL of openapi.yaml.
        timeout: seconds (float) or an httpx.Timeout, for every request unless a call sets its own; when not
            given, http_client's own timeout if there is one, else DEFAULT_TIMEOUT (600 s, 5 s to connect).
        max_retries: retries of 408/409/429/5xx answers and connection errors (default 2).
        default_headers / default_query: sent with every request.
        http_client: your own httpx.Client (proxies, certificates, transports); you keep closing it.
        validate: check every documented range before sending (default True); False for a server that has
            moved ahead of the spec.
        max_response_bytes: the most bytes a response body may take once decompressed (default 256 MiB);
            past it the call raises APIResponseValidationError without holding the body.
        max_event_bytes: the most bytes one event of a stream may take (default 16 MiB), likewise.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        validate: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self._http = SyncHTTPClient(
            **_settings(
                api_key,
                base_url,
                _timeout(timeout, http_client),
                max_retries,
                default_headers,
                default_query,
                max_response_bytes,
            ),
            http_client=http_client,
        )
        self._config = _Config(validate, _limit("max_event_bytes", max_event_bytes))

    def _request(self, options: dict[str, Any], parse: Callable[[httpx.Response], T]) -> T:
        """Send, retrying as configured; the typed body (or, under with_raw_response / with_streaming_response,
        an APIResponse around it)."""
        if response_mode.get() is not None:
            return self._request_raw(options, parse)  # type: ignore[return-value]
        response = self._http.send(options, stream=False)[0]
        result = parse(response)
        tag_request_id(result, response)
        return result

    def _request_raw(self, options: dict[str, Any], parse: Callable[[httpx.Response], T]) -> APIResponse[T]:
        started = time.perf_counter()
        unread = response_mode.get() == "streamed"
        response, retries = self._http.send(options, stream=unread)
        limit = self._http.max_response_bytes
        return APIResponse(response, parse, retries_taken=retries, started=started, max_bytes=limit)

    def _stream(
        self, options: dict[str, Any], parse_chunk: Callable[[Any], C], *, until_done: bool = True
    ) -> Stream[C]:
        """Send with ``stream: true``; a Stream of typed chunks (or an APIResponse whose parse() gives it)."""
        if response_mode.get() is not None:
            return self._stream_raw(options, parse_chunk, until_done=until_done)  # type: ignore[return-value]
        limit = self._config.max_event_bytes
        return self._http.stream(
            options, make_stream=lambda r: Stream(r, parse_chunk, max_event_bytes=limit, until_done=until_done)
        )

    def _stream_raw(
        self, options: dict[str, Any], parse_chunk: Callable[[Any], C], *, until_done: bool = True
    ) -> APIResponse[Stream[C]]:
        started = time.perf_counter()
        response, retries = self._http.send(options, stream=True)
        limit = self._config.max_event_bytes
        make = stream_parser(lambda r: Stream(r, parse_chunk, max_event_bytes=limit, until_done=until_done))
        size = self._http.max_response_bytes
        return APIResponse(response, make, retries_taken=retries, started=started, max_bytes=size)

    def close(self) -> None:
        """Close the connection pool (unless it was given as http_client)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncOruel(_ClientBase[AsyncHTTPClient], AsyncResources):
    """The asyncio client; same options as Oruel, with an httpx.AsyncClient for http_client."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        validate: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self._http = AsyncHTTPClient(
            **_settings(
                api_key,
                base_url,
                _timeout(timeout, http_client),
                max_retries,
                default_headers,
                default_query,
                max_response_bytes,
            ),
            http_client=http_client,
        )
        self._config = _Config(validate, _limit("max_event_bytes", max_event_bytes))

    async def _request(self, options: dict[str, Any], parse: Callable[[httpx.Response], T]) -> T:
        """The async twin of Oruel._request."""
        mode = response_mode.get()
        if mode == "raw":
            return await self._request_raw(options, parse)  # type: ignore[return-value]
        if mode == "streamed":
            return await self._request_unread(options, parse)  # type: ignore[return-value]
        response = (await self._http.send(options, stream=False))[0]
        result = parse(response)
        tag_request_id(result, response)
        return result

    async def _request_raw(self, options: dict[str, Any], parse: Callable[[httpx.Response], T]) -> APIResponse[T]:
        started = time.perf_counter()
        response, retries = await self._http.send(options, stream=False)
        limit = self._http.max_response_bytes
        return APIResponse(response, parse, retries_taken=retries, started=started, max_bytes=limit)

    async def _request_unread(
        self, options: dict[str, Any], parse: Callable[[httpx.Response], T]
    ) -> AsyncAPIResponse[T]:
        started = time.perf_counter()
        response, retries = await self._http.send(options, stream=True)
        limit = self._http.max_response_bytes
        return AsyncAPIResponse(response, parse, retries_taken=retries, started=started, max_bytes=limit)

    async def _stream(
        self, options: dict[str, Any], parse_chunk: Callable[[Any], C], *, until_done: bool = True
    ) -> AsyncStream[C]:
        """The async twin of Oruel._stream."""
        if response_mode.get() is not None:
            return await self._stream_raw(options, parse_chunk, until_done=until_done)  # type: ignore[return-value]
        limit = self._config.max_event_bytes
        return await self._http.stream(
            options, make_stream=lambda r: AsyncStream(r, parse_chunk, max_event_bytes=limit, until_done=until_done)
        )

    async def _stream_raw(
        self, options: dict[str, Any], parse_chunk: Callable[[Any], C], *, until_done: bool = True
    ) -> APIResponse[AsyncStream[C]]:
        started = time.perf_counter()
        response, retries = await self._http.send(options, stream=True)
        limit = self._config.max_event_bytes
        make = stream_parser(lambda r: AsyncStream(r, parse_chunk, max_event_bytes=limit, until_done=until_done))
        size = self._http.max_response_bytes
        if response_mode.get() == "streamed":
            unread = AsyncAPIResponse(response, make, retries_taken=retries, started=started, max_bytes=size)
            return unread  # type: ignore[return-value]
        return APIResponse(response, make, retries_taken=retries, started=started, max_bytes=size)

    async def close(self) -> None:
        """Close the connection pool (unless it was given as http_client)."""
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
