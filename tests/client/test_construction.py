"""Settings refused when Oruel/AsyncOruel (or with_options) is built: keys with control characters, base URLs
with credentials, without an http(s) scheme or without a host, and unsendable default headers or query values.

The secret must appear nowhere a user or a log could see it: the message, the repr, the chained exceptions,
the formatted traceback, the log records; and nothing may reach the network.
"""

from __future__ import annotations

import logging
import socket
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from oruel_client import AsyncOruel, Oruel, OruelError, OruelValidationError
from oruel_client._exceptions import APITimeoutError
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

SECRET = "5ec2e7d41c9e2a7f" * 3
KEY = "oruel_" + SECRET
PASSWORD = "hunter2-S3CRET-pw"
MODELS = {"object": "list", "data": []}

Factory = Callable[..., Any]


def build_sync(**kw: Any) -> Any:
    return Oruel(**kw)


def build_async(**kw: Any) -> Any:
    return AsyncOruel(**kw)


def build_copy(**kw: Any) -> Any:
    """with_options on a valid client: the same checks apply to the copy."""
    base = Oruel(api_key="oruel_valid", base_url="http://127.0.0.1:9/v1")
    return base.with_options(**kw)


FACTORIES = {"Oruel": build_sync, "AsyncOruel": build_async, "with_options": build_copy}


@pytest.fixture(params=sorted(FACTORIES))
def build(request: pytest.FixtureRequest) -> Factory:
    return FACTORIES[request.param]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket nobody serves: a connection attempt would be left pending in its backlog."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.setblocking(False)
    try:
        yield sock
    finally:
        sock.close()


def url_of(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}/v1"


def assert_nothing_connected(sock: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        sock.accept()


def everything_shown(exc: BaseException) -> str:
    """All text a user, a log handler or a debugger's summary could show for this exception."""
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(exc.args), repr(vars(exc))]
    for chained in (exc.__cause__, exc.__context__):
        if chained is not None:
            parts += [str(chained), repr(chained), repr(chained.args)]
    return "\n".join(parts)


def refused(build: Factory, caplog: pytest.LogCaptureFixture, **kw: Any) -> OruelValidationError:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(OruelValidationError) as info:
        build(**kw)
    exc = info.value
    assert isinstance(exc, ValueError) and isinstance(exc, OruelError)
    assert exc.__cause__ is None and exc.__context__ is None
    return exc


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (KEY + "\n", "control character (a trailing newline?)"),
        (KEY + "\r\n", "control character"),
        ("oruel_\x00" + SECRET, "control character"),
        (KEY[:10] + "\t" + KEY[10:], "control character"),
        (KEY + "\x7f", "control character"),
        (KEY + "é", "non-ASCII"),
        (" " + KEY, "starts or ends with a space"),
        (KEY[:10] + " " + KEY[10:], "contains a space"),
    ],
)
def test_key_with_control_or_odd_characters_is_refused_without_showing_it(
    build: Factory, caplog: pytest.LogCaptureFixture, listener: socket.socket, key: str, problem: str
) -> None:
    exc = refused(build, caplog, api_key=key, base_url=url_of(listener))
    assert problem in str(exc)
    assert "API key" in str(exc)
    shown = everything_shown(exc)
    assert SECRET not in shown and SECRET[:12] not in shown
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    assert_nothing_connected(listener)


def test_key_from_the_environment_with_a_trailing_newline_is_refused(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, listener: socket.socket
) -> None:
    monkeypatch.setenv("ORUEL_API_KEY", KEY + "\n")
    exc = refused(build_sync, caplog, base_url=url_of(listener))
    assert "trailing newline" in str(exc)
    assert SECRET not in everything_shown(exc)
    assert_nothing_connected(listener)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (f"http://user:{PASSWORD}@127.0.0.1:{{port}}/v1", "user name or password"),
        (f"https://{PASSWORD}@127.0.0.1:{{port}}/v1", "user name or password"),
        (f"user:{PASSWORD}@127.0.0.1:{{port}}/v1", "http:// or https://"),
        ("127.0.0.1:{port}/v1", "http:// or https://"),
        ("ftp://127.0.0.1:{port}/v1", "http:// or https://"),
        ("/v1", "http:// or https://"),
        ("https:///v1", "http:// or https://"),
        ("http://:{port}/v1", "no host"),
        ("http://127.0.0.1:99999/v1", "valid URL"),
        ("http://127.0.0.1:{port}/v1?" + PASSWORD, "query or fragment"),
        ("http://127.0.0.1:{port}/v1\n", "control character"),
    ],
)
def test_bad_base_url_is_refused_without_showing_it(
    build: Factory, caplog: pytest.LogCaptureFixture, listener: socket.socket, url: str, problem: str
) -> None:
    port = listener.getsockname()[1]
    exc = refused(build, caplog, api_key=KEY, base_url=url.format(port=port))
    assert str(exc).startswith("base_url ")
    assert problem in str(exc)
    shown = everything_shown(exc)
    assert PASSWORD not in shown and SECRET not in shown and "127.0.0.1" not in shown
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)
    assert_nothing_connected(listener)


def test_bad_base_url_from_the_environment_is_refused(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ORUEL_BASE_URL", f"https://me:{PASSWORD}@api.example.com/v1")
    exc = refused(build_sync, caplog, api_key=KEY)
    assert PASSWORD not in everything_shown(exc)


@pytest.mark.parametrize(
    ("headers", "named", "problem"),
    [
        ({"X-Team": "blue\r\nX-Injected: 1"}, "default_headers['X-Team']", "control character"),
        ({"X-Token": SECRET + "\n"}, "default_headers['X-Token']", "control character"),
        ({"X-Team": "bl\u00fce"}, "default_headers['X-Team']", "non-ASCII"),
        ({"X Team": "blue"}, "default_headers['X Team']", "not a valid header name"),
        ({"X-Count": 3}, "default_headers['X-Count']", "must be a string"),
    ],
)
def test_unsendable_default_header_is_refused_naming_it(
    build: Factory,
    caplog: pytest.LogCaptureFixture,
    listener: socket.socket,
    headers: dict[str, Any],
    named: str,
    problem: str,
) -> None:
    exc = refused(build, caplog, api_key=KEY, base_url=url_of(listener), default_headers=headers)
    assert str(exc).lower().startswith(named.lower() + ": ")  # with_options lowercases header names
    assert problem in str(exc)
    assert SECRET not in everything_shown(exc)  # a header value may be a credential: never shown
    assert_nothing_connected(listener)


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"meta": {"a": 1}}, "not dict"),
        ({"obj": object()}, "not object"),
        ({"t": float("nan")}, "not a finite number"),
        ({"t": float("inf")}, "not a finite number"),
        ({"ids": [1, {"a": 1}]}, "not dict"),
        ({"s": "a\ud800"}, "lone surrogate"),
    ],
)
def test_unsendable_default_query_value_is_refused_naming_the_key(
    build: Factory, caplog: pytest.LogCaptureFixture, listener: socket.socket, query: dict[str, Any], problem: str
) -> None:
    exc = refused(build, caplog, api_key=KEY, base_url=url_of(listener), default_query=query)
    (key,) = query
    assert str(exc).startswith(f"default_query[{key!r}]: ")
    assert problem in str(exc)
    assert_nothing_connected(listener)


def test_a_valid_client_still_sends_the_key_and_shows_neither_it_nor_credentials() -> None:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, MODELS))

    with RawServer(handler=handler) as server:
        client = Oruel(
            api_key=KEY,
            base_url=server.url + "/v1",
            default_headers={"X-Team": "blue"},
            default_query={"region": "eu", "n": 2, "flags": ["a", "b"], "on": True},
            max_retries=0,
        )
        with client:
            client.models.list()
        assert SECRET not in repr(client)
    (req,) = server.requests
    assert req.headers["authorization"] == f"Bearer {KEY}"
    assert req.headers["x-team"] == "blue"
    assert req.path == "/v1/models?region=eu&n=2&flags=a&flags=b&on=true"


# ------------------------------------------------------------------------------------------------ timeout


def slow_server(delay: float) -> RawServer:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        time.sleep(delay)
        conn.send(json_response(200, MODELS))

    return RawServer(handler=handler)


def test_http_client_timeout_applies_when_no_timeout_is_given() -> None:
    with slow_server(1.0) as server, httpx.Client(timeout=0.2) as http:
        client = Oruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
        assert client.timeout == httpx.Timeout(0.2)
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.models.list()
        assert time.monotonic() - started < 0.9


def test_timeout_given_to_the_client_wins_over_http_client() -> None:
    with slow_server(0.5) as server, httpx.Client(timeout=0.1) as http:
        client = Oruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0, timeout=5.0)
        assert client.models.list().data == []


def test_per_call_timeout_wins_over_http_client() -> None:
    with slow_server(0.5) as server, httpx.Client(timeout=0.1) as http:
        client = Oruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
        assert client.models.list(timeout=5.0).data == []
        with pytest.raises(APITimeoutError):
            client.with_options(timeout=5.0).models.list(timeout=0.1)


async def test_async_http_client_timeout_applies_when_no_timeout_is_given() -> None:
    with slow_server(1.0) as server:
        async with httpx.AsyncClient(timeout=0.2) as http:
            client = AsyncOruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await client.models.list()
            assert time.monotonic() - started < 0.9
            ok = AsyncOruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0, timeout=5.0)
            assert (await ok.models.list()).data == []


def test_without_http_client_the_default_timeout_stays() -> None:
    from oruel_client._client import DEFAULT_TIMEOUT

    assert Oruel(api_key=KEY, base_url="http://127.0.0.1:9").timeout == DEFAULT_TIMEOUT
