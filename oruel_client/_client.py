"""Oruel and AsyncOruel: configuration, and the one place where a facade call becomes an HTTP request.

The resources (``client.chat.completions.create`` ...) and their typed keywords are generated into
``_resources``; every call lands in ``_call`` here, which builds the request with the operation's generated
``build_request`` (range checks included), then sends it with retries and maps errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import cache
from types import ModuleType, TracebackType
from typing import Any, Final, Generic, Self, TypeVar

import httpx

from ._base_client import DEFAULT_MAX_RESPONSE_BYTES, AsyncHTTPClient, SyncHTTPClient
from ._exceptions import APIResponseValidationError, OruelError
from ._resources import AsyncResources, Resources
from ._streaming import DEFAULT_MAX_EVENT_BYTES, AsyncStream, Stream
from ._version import __version__
from .types import Unset

__all__ = ["Oruel", "AsyncOruel", "DEFAULT_TIMEOUT", "DEFAULT_MAX_RETRIES"]

DEFAULT_TIMEOUT: Final = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES: Final = 2
_VERSION: Final = __version__
USER_AGENT: Final = f"oruel-client/{_VERSION} (python)"

H = TypeVar("H", SyncHTTPClient, AsyncHTTPClient)


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven()


def _timeout(
    timeout: float | httpx.Timeout | None | _NotGiven, http_client: httpx.Client | httpx.AsyncClient | None
) -> float | httpx.Timeout | None:
    """A timeout given to the client wins; else a given http_client keeps its own; else DEFAULT_TIMEOUT."""
    if not isinstance(timeout, _NotGiven):
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
    from ._spec import BASE_URL  # noqa: PLC0415 (the rules module loads on first use, not at import)

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


@cache  # one parser per operation, not one per request
def _parser(op: ModuleType) -> Callable[[httpx.Response], Any]:
    parse_success: Callable[[httpx.Response], Any] = op.parse_success

    def parse(response: httpx.Response) -> Any:
        try:
            return parse_success(response)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
            body: object = response.text[:2000] if response.headers.get("content-type", "").startswith("text") else None
            what = "nests too deep" if isinstance(exc, RecursionError) else f"is not of the documented shape: {exc!r}"
            raise APIResponseValidationError(response, body, message=f"Response of {op.OPERATION_ID} {what}") from exc

    return parse


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

    def _prepare(
        self,
        op: ModuleType,
        body: dict[str, Any] | None,
        params: dict[str, Any],
        extra_body: Mapping[str, Any] | None,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        timeout: float | httpx.Timeout | None | Unset,
    ) -> tuple[dict[str, Any], bool]:
        """The request options from the operation's generated build_request (range checks included), and
        whether the answer is a stream (``stream: true`` in the final body, keyword or extra_body alike)."""
        kwargs = {**params, "body": body} if body is not None else params
        options: dict[str, Any] = op.build_request(
            **kwargs,
            extra_body=extra_body,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            validate=self._config.validate,
        )
        json_body = options.get("json")
        if not (op.STREAMING and isinstance(json_body, dict) and json_body.get("stream") is True):
            return options, False
        return {**options, "headers": {**(options.get("headers") or {}), "Accept": "text/event-stream"}}, True

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
        api_key: str | _NotGiven = NOT_GIVEN,
        base_url: str | _NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | _NotGiven = NOT_GIVEN,
        max_retries: int | _NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | _NotGiven = NOT_GIVEN,
        default_query: Mapping[str, object] | _NotGiven = NOT_GIVEN,
        validate: bool | _NotGiven = NOT_GIVEN,
        max_response_bytes: int | _NotGiven = NOT_GIVEN,
        max_event_bytes: int | _NotGiven = NOT_GIVEN,
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
                if isinstance(max_response_bytes, _NotGiven)
                else _limit("max_response_bytes", max_response_bytes),
            }.items()
            if not isinstance(v, _NotGiven)
        }
        new = object.__new__(type(self))
        new._http = self._http.copy(**changes)  # shares the pool
        new._config = _Config(
            self._config.validate if isinstance(validate, _NotGiven) else validate,
            self._config.max_event_bytes
            if isinstance(max_event_bytes, _NotGiven)
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
        timeout: float | httpx.Timeout | None | _NotGiven = NOT_GIVEN,
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

    def _call(
        self,
        op: ModuleType,
        body: dict[str, Any] | None,
        params: dict[str, Any],
        *,
        extra_body: Mapping[str, Any] | None,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        timeout: float | httpx.Timeout | None | Unset,
    ) -> Any:
        options, streaming = self._prepare(op, body, params, extra_body, extra_headers, extra_query, timeout)
        if streaming:
            parse_chunk = op.parse_chunk
            limit = self._config.max_event_bytes
            return self._http.stream(options, make_stream=lambda r: Stream(r, parse_chunk, max_event_bytes=limit))
        return self._http.request(options, parse=_parser(op))

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
        timeout: float | httpx.Timeout | None | _NotGiven = NOT_GIVEN,
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

    async def _call(
        self,
        op: ModuleType,
        body: dict[str, Any] | None,
        params: dict[str, Any],
        *,
        extra_body: Mapping[str, Any] | None,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        timeout: float | httpx.Timeout | None | Unset,
    ) -> Any:
        options, streaming = self._prepare(op, body, params, extra_body, extra_headers, extra_query, timeout)
        if streaming:
            parse_chunk = op.parse_chunk
            limit = self._config.max_event_bytes
            return await self._http.stream(
                options, make_stream=lambda r: AsyncStream(r, parse_chunk, max_event_bytes=limit)
            )
        return await self._http.request(options, parse=_parser(op))

    async def close(self) -> None:
        """Close the connection pool (unless it was given as http_client)."""
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
