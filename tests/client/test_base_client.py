"""SyncHTTPClient and AsyncHTTPClient against a real HTTP server on 127.0.0.1 (tests/rawhttp.py).

Every scenario runs through both clients (the ``mode`` fixture). Retries use an injected sleep that
records the requested delays without waiting, except in the tests that measure Retry-After gaps.
"""

from __future__ import annotations

import email.utils
import json
import math
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx
import pytest

from oruel_client._base_client import AsyncHTTPClient, SyncHTTPClient
from oruel_client._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
)
from oruel_client._retry import RetryPolicy
from tests.rawhttp import Conn, Handler, RawServer, RecordedRequest, http_response, json_response, sse_head

KEY = "sk-oruel-test-SECRET-7d41c9e2"
CHAT: dict[str, Any] = {"method": "POST", "url": "/chat/completions", "json": {"model": "m", "messages": []}}
OK_BODY = {"id": "cmpl-1", "object": "chat.completion"}


class SleepRecorder:
    """Stands in for time.sleep / asyncio.sleep: records the delays, waits for nothing."""

    def __init__(self, hook: Callable[[float], None] | None = None) -> None:
        self.delays: list[float] = []
        self.hook = hook

    def sleep(self, delay: float) -> None:
        self.delays.append(delay)
        if self.hook is not None:
            self.hook(delay)

    async def async_sleep(self, delay: float) -> None:
        self.sleep(delay)

    def policy(self) -> RetryPolicy:
        # random() == 0 makes the jitter factor exactly 1, so backoff delays are 0.5, 1.0, ...
        return RetryPolicy(random=lambda: 0.0, sleep=self.sleep, async_sleep=self.async_sleep)


class Driver:
    """Runs a scenario through the sync or the async client with one await-able interface."""

    def __init__(self, mode: str, base_url: str, **overrides: Any) -> None:
        self.mode = mode
        self.sleeper = SleepRecorder()
        kwargs: dict[str, Any] = {
            "base_url": base_url,
            "api_key": KEY,
            "timeout": 5.0,
            "max_retries": 2,
            "default_headers": None,
            "default_query": None,
            "http_client": None,
            "user_agent": "oruel-tests/1.0",
            "retry_policy": self.sleeper.policy(),
        }
        kwargs.update(overrides)
        self.client: SyncHTTPClient | AsyncHTTPClient
        if mode == "sync":
            self.client = SyncHTTPClient(**kwargs)
        else:
            self.client = AsyncHTTPClient(**kwargs)

    async def request(self, options: Mapping[str, Any] = CHAT, *, max_retries: int | None = None) -> Any:
        parse: Callable[[httpx.Response], Any] = lambda r: r.json()  # noqa: E731
        if isinstance(self.client, SyncHTTPClient):
            return self.client.request(options, parse=parse, max_retries=max_retries)
        return await self.client.request(options, parse=parse, max_retries=max_retries)

    async def stream(self, options: Mapping[str, Any] = CHAT, *, max_retries: int | None = None) -> bytes:
        """Stream and return the body, checking it was handed over unread."""
        captured: list[httpx.Response] = []

        def make_stream(response: httpx.Response) -> httpx.Response:
            assert not response.is_stream_consumed and not response.is_closed
            captured.append(response)
            return response

        if isinstance(self.client, SyncHTTPClient):
            resp = self.client.stream(options, make_stream=make_stream, max_retries=max_retries)
            try:
                return b"".join(resp.iter_bytes())
            finally:
                resp.close()
        aresp = await self.client.stream(options, make_stream=make_stream, max_retries=max_retries)
        try:
            return b"".join([chunk async for chunk in aresp.aiter_bytes()])
        finally:
            await aresp.aclose()

    async def close(self) -> None:
        if isinstance(self.client, SyncHTTPClient):
            self.client.close()
        else:
            await self.client.close()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def shared_server() -> Iterator[RawServer]:
    # One server per module: closing one costs up to its 0.2 s accept timeout.
    srv = RawServer()
    yield srv
    srv.close()


@pytest.fixture
def server(shared_server: RawServer) -> Iterator[RawServer]:
    shared_server.script.clear()
    shared_server.requests.clear()
    yield shared_server
    unused = list(shared_server.script)
    shared_server.script.clear()
    assert not unused, f"{len(unused)} scripted responses were never requested"


def reply(data: bytes) -> Handler:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(data)

    return handler


def drop() -> Handler:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.drop()

    return handler


def envelope(message: str, type_: str = "invalid_request_error", code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "code": code, "param": None}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def run(mode: str, server: RawServer, script: list[Handler], **overrides: Any) -> tuple[Any, Driver]:
    server.script.extend(script)
    driver = Driver(mode, server.url + "/v1", **overrides)
    try:
        return await driver.request(), driver
    finally:
        await driver.close()


async def run_error(mode: str, server: RawServer, script: list[Handler], **overrides: Any) -> tuple[Exception, Driver]:
    server.script.extend(script)
    driver = Driver(mode, server.url + "/v1", **overrides)
    try:
        await driver.request()
    except Exception as exc:
        return exc, driver
    finally:
        await driver.close()
    raise AssertionError("the request did not fail")


# --- retry sequences -------------------------------------------------------------------------------


async def test_429_then_500_then_200_succeeds(mode: str, server: RawServer) -> None:
    result, driver = await run(
        mode,
        server,
        [
            reply(json_response(429, envelope("slow down", "rate_limit_error"))),
            reply(json_response(500, envelope("boom", "server_error"))),
            reply(json_response(200, OK_BODY)),
        ],
    )
    assert result == OK_BODY
    assert len(server.requests) == 3
    assert [r.headers["x-oruel-retry-count"] for r in server.requests] == ["0", "1", "2"]
    assert all(r.method == "POST" and r.path == "/v1/chat/completions" for r in server.requests)
    assert all(r.json() == CHAT["json"] for r in server.requests)
    assert driver.sleeper.delays == [0.5, 1.0]  # exponential backoff, jitter pinned to 1.0


async def test_retries_exhausted_raise_typed_error_with_details(mode: str, server: RawServer) -> None:
    body = {"error": {"message": "Rate limit reached", "type": "rate_limit_error", "code": "rpm", "param": "model"}}
    script = [reply(json_response(429, body, {"x-request-id": f"req_{i}"})) for i in range(3)]
    err, driver = await run_error(mode, server, script)
    assert isinstance(err, RateLimitError)
    assert err.status_code == 429
    assert err.message == "Error code: 429 - Rate limit reached"
    assert (err.type, err.code, err.param) == ("rate_limit_error", "rpm", "model")
    assert err.request_id == "req_2"  # from the last attempt
    assert err.body == body
    assert err.response.is_closed
    assert len(server.requests) == 3
    assert len(driver.sleeper.delays) == 2


async def test_x_should_retry_false_stops_on_500(mode: str, server: RawServer) -> None:
    err, _ = await run_error(mode, server, [reply(json_response(500, envelope("no"), {"x-should-retry": "false"}))])
    assert isinstance(err, InternalServerError) and err.status_code == 500
    assert len(server.requests) == 1


async def test_x_should_retry_true_retries_a_400(mode: str, server: RawServer) -> None:
    result, _ = await run(
        mode,
        server,
        [
            reply(json_response(400, envelope("try again"), {"x-should-retry": "true"})),
            reply(json_response(200, OK_BODY)),
        ],
    )
    assert result == OK_BODY
    assert len(server.requests) == 2


async def test_non_retryable_status_is_raised_at_once(mode: str, server: RawServer) -> None:
    err, driver = await run_error(mode, server, [reply(json_response(404, envelope("no such model")))])
    assert isinstance(err, NotFoundError)
    assert len(server.requests) == 1 and driver.sleeper.delays == []


async def test_max_retries_zero_on_client(mode: str, server: RawServer) -> None:
    err, _ = await run_error(mode, server, [reply(json_response(503, envelope("down")))], max_retries=0)
    assert isinstance(err, InternalServerError) and err.status_code == 503
    assert len(server.requests) == 1


async def test_max_retries_per_call_overrides_client(mode: str, server: RawServer) -> None:
    server.script.extend([reply(json_response(500, envelope("down")))] * 2)
    driver = Driver(mode, server.url, max_retries=5)
    try:
        with pytest.raises(InternalServerError):
            await driver.request(max_retries=1)
    finally:
        await driver.close()
    assert len(server.requests) == 2


# --- measured Retry-After gaps (real sleeping) -------------------------------------------------------


def gap(server: RawServer) -> float:
    return server.requests[1].at - server.requests[0].at


async def test_retry_after_ms_is_waited(mode: str, server: RawServer) -> None:
    await run(
        mode,
        server,
        [reply(json_response(429, envelope("wait"), {"retry-after-ms": "200"})), reply(json_response(200, OK_BODY))],
        retry_policy=RetryPolicy(),
    )
    assert len(server.requests) == 2
    assert 0.19 <= gap(server) < 2.0


async def test_retry_after_seconds_is_waited(mode: str, server: RawServer) -> None:
    await run(
        mode,
        server,
        [reply(json_response(503, envelope("wait"), {"retry-after": "0.3"})), reply(json_response(200, OK_BODY))],
        retry_policy=RetryPolicy(),
    )
    assert 0.29 <= gap(server) < 2.0


async def test_retry_after_http_date_is_waited(mode: str, server: RawServer) -> None:
    sent: dict[str, float] = {}

    def until_date(req: RecordedRequest, conn: Conn) -> None:
        # HTTP-dates have whole seconds: aim at least one second ahead of now.
        target = math.floor(time.time()) + 2
        sent["wait"] = target - time.time()
        sent["mono"] = time.monotonic()
        conn.send(json_response(429, envelope("wait"), {"retry-after": email.utils.formatdate(target, usegmt=True)}))

    await run(mode, server, [until_date, reply(json_response(200, OK_BODY))], retry_policy=RetryPolicy())
    assert 1.0 <= sent["wait"] <= 2.0
    waited = server.requests[1].at - sent["mono"]
    assert sent["wait"] - 0.05 <= waited < sent["wait"] + 1.0


async def test_over_cap_retry_after_surfaces_immediately(mode: str, server: RawServer) -> None:
    started = time.monotonic()
    err, driver = await run_error(
        mode, server, [reply(json_response(429, envelope("come back later"), {"retry-after": "120"}))]
    )
    assert isinstance(err, RateLimitError)
    assert err.response.headers["retry-after"] == "120"
    assert len(server.requests) == 1 and driver.sleeper.delays == []
    assert time.monotonic() - started < 1.0


async def test_invalid_retry_after_falls_back_to_backoff(mode: str, server: RawServer) -> None:
    _, driver = await run(
        mode,
        server,
        [reply(json_response(429, envelope("x"), {"retry-after": "whenever"})), reply(json_response(200, OK_BODY))],
    )
    assert driver.sleeper.delays == [0.5]


# --- discarded responses are closed ------------------------------------------------------------------


def partial_500(closed: threading.Event) -> Handler:
    """A 500 announcing a long body and sending only part of it; then wait for the client to hang up."""

    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(b"HTTP/1.1 500 X\r\ncontent-type: text/plain\r\ncontent-length: 100000\r\n\r\n" + b"x" * 64)
        conn.sock.settimeout(3)
        try:
            while conn.sock.recv(65536):
                pass
        except TimeoutError:
            return  # the client kept the connection open
        except OSError:
            pass
        closed.set()

    return handler


async def test_discarded_response_closed_before_retry(mode: str, server: RawServer) -> None:
    closed = threading.Event()
    seen_at_sleep: list[bool] = []
    driver = Driver(mode, server.url)
    driver.sleeper.hook = lambda _delay: seen_at_sleep.append(closed.wait(2))
    server.script.extend([partial_500(closed), reply(json_response(200, OK_BODY))])
    try:
        assert await driver.request() == OK_BODY
    finally:
        await driver.close()
    assert seen_at_sleep == [True]  # the server saw the hang-up before the client slept and retried


async def test_discarded_stream_response_closed_before_retry(mode: str, server: RawServer) -> None:
    closed = threading.Event()
    seen_at_sleep: list[bool] = []
    driver = Driver(mode, server.url)
    driver.sleeper.hook = lambda _delay: seen_at_sleep.append(closed.wait(2))

    def sse(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head())
        conn.send_chunks([b"data: 1\n\n", b"data: [DONE]\n\n"], delay=0.01)

    server.script.extend([partial_500(closed), sse])
    try:
        assert await driver.stream() == b"data: 1\n\ndata: [DONE]\n\n"
    finally:
        await driver.close()
    assert seen_at_sleep == [True]
    assert len(server.requests) == 2


async def test_pool_has_no_connection_left_after_retries(mode: str, server: RawServer) -> None:
    # Keep-alive responses, so a response that is not closed would stay checked out of the pool.
    def keepalive(status: int) -> Handler:
        body = json.dumps(envelope("x") if status >= 400 else OK_BODY).encode()
        return reply(http_response(status, body, {"connection": "keep-alive", "content-type": "application/json"}))

    server.script.extend([keepalive(500), keepalive(429), keepalive(200)])
    http_client: httpx.Client | httpx.AsyncClient = httpx.Client() if mode == "sync" else httpx.AsyncClient()
    driver = Driver(mode, server.url, http_client=http_client)
    try:
        assert await driver.request() == OK_BODY
        pool = http_client._transport._pool  # type: ignore[union-attr]
        assert all(conn.is_idle() or conn.is_closed() for conn in pool.connections)
    finally:
        if isinstance(http_client, httpx.Client):
            http_client.close()
        else:
            await http_client.aclose()


# --- transport failures ------------------------------------------------------------------------------


async def test_connection_refused_retried_then_connection_error(mode: str) -> None:
    driver = Driver(mode, f"http://127.0.0.1:{free_port()}/v1")
    try:
        with pytest.raises(APIConnectionError) as info:
            await driver.request()
    finally:
        await driver.close()
    assert type(info.value) is APIConnectionError
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert info.value.request is not None and info.value.request.url.path == "/v1/chat/completions"
    assert driver.sleeper.delays == [0.5, 1.0]


async def test_dropped_connection_is_retried(mode: str, server: RawServer) -> None:
    result, _ = await run(mode, server, [drop(), drop(), reply(json_response(200, OK_BODY))])
    assert result == OK_BODY
    assert len(server.requests) == 3


async def test_dropped_connection_every_time_gives_connection_error(mode: str, server: RawServer) -> None:
    err, _ = await run_error(mode, server, [drop(), drop(), drop()])
    assert type(err) is APIConnectionError
    assert isinstance(err.__cause__, httpx.TransportError)
    assert len(server.requests) == 3


async def test_body_cut_off_is_retried(mode: str, server: RawServer) -> None:
    def truncated(req: RecordedRequest, conn: Conn) -> None:
        conn.send(b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"id":')
        conn.drop()

    result, _ = await run(mode, server, [truncated, reply(json_response(200, OK_BODY))])
    assert result == OK_BODY
    assert len(server.requests) == 2


def silent(req: RecordedRequest, conn: Conn) -> None:
    time.sleep(0.6)  # longer than the client's read timeout


async def test_read_timeout_gives_timeout_error(mode: str, server: RawServer) -> None:
    err, driver = await run_error(mode, server, [silent, silent], timeout=0.15, max_retries=1)
    assert isinstance(err, APITimeoutError) and isinstance(err, APIConnectionError)
    assert isinstance(err.__cause__, httpx.ReadTimeout)
    assert str(err) == "Request timed out."
    assert len(server.requests) == 2 and driver.sleeper.delays == [0.5]


async def test_per_request_timeout_applies(mode: str, server: RawServer) -> None:
    server.script.append(silent)
    driver = Driver(mode, server.url, timeout=30.0, max_retries=0)
    started = time.monotonic()
    try:
        with pytest.raises(APITimeoutError):
            await driver.request({**CHAT, "timeout": 0.15})
    finally:
        await driver.close()
    assert time.monotonic() - started < 0.55


# --- error bodies --------------------------------------------------------------------------------------

ERROR_CASES = [
    pytest.param(
        400,
        json.dumps(envelope("messages: too short", "invalid_request_error", "too_short")).encode(),
        "application/json",
        BadRequestError,
        "Error code: 400 - messages: too short",
        id="envelope",
    ),
    pytest.param(
        502,
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        "text/html",
        InternalServerError,
        "Error code: 502 - <html><body><h1>502 Bad Gateway</h1></body></html>",
        id="html",
    ),
    pytest.param(503, b"", "text/plain", InternalServerError, "Error code: 503 - X", id="empty"),
    pytest.param(
        422,
        b'{"detail": "temperature must be <= 2"}',
        "application/json",
        UnprocessableEntityError,
        "Error code: 422 - temperature must be <= 2",
        id="detail",
    ),
]


@pytest.mark.parametrize(("status", "raw", "ctype", "cls", "message"), ERROR_CASES)
async def test_error_bodies_give_typed_errors(
    mode: str, server: RawServer, status: int, raw: bytes, ctype: str, cls: type[APIStatusError], message: str
) -> None:
    err, _ = await run_error(mode, server, [reply(http_response(status, raw, {"content-type": ctype}))], max_retries=0)
    assert type(err) is cls
    assert err.status_code == status
    assert err.response.text == raw.decode()
    assert err.message == message == str(err)
    if status == 400:
        assert (err.type, err.code, err.param) == ("invalid_request_error", "too_short", None)


async def test_stream_error_status_read_then_raised_and_closed(mode: str, server: RawServer) -> None:
    server.script.append(reply(json_response(400, envelope("bad stream request"))))
    driver = Driver(mode, server.url)
    try:
        with pytest.raises(BadRequestError) as info:
            await driver.stream()
    finally:
        await driver.close()
    assert info.value.message == "Error code: 400 - bad stream request"
    assert info.value.response.is_closed
    assert len(server.requests) == 1


async def test_stream_retries_before_handing_over(mode: str, server: RawServer) -> None:
    def sse(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head())
        conn.send(b"data: {}\n\n")

    server.script.extend([reply(json_response(429, envelope("x"))), sse])
    driver = Driver(mode, server.url)
    try:
        assert await driver.stream() == b"data: {}\n\n"
    finally:
        await driver.close()
    assert [r.headers["x-oruel-retry-count"] for r in server.requests] == ["0", "1"]


async def test_make_stream_failure_closes_response(mode: str, server: RawServer) -> None:
    def sse(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head())
        conn.send(b"data: {}\n\n")

    server.script.append(sse)
    driver = Driver(mode, server.url)
    seen: list[httpx.Response] = []

    def boom(response: httpx.Response) -> None:
        seen.append(response)
        raise RuntimeError("parser setup failed")

    try:
        with pytest.raises(RuntimeError):
            if isinstance(driver.client, SyncHTTPClient):
                driver.client.stream(CHAT, make_stream=boom)
            else:
                await driver.client.stream(CHAT, make_stream=boom)
    finally:
        await driver.close()
    assert seen[0].is_closed


# --- request building -------------------------------------------------------------------------------


async def test_headers_query_and_url_joining(mode: str, server: RawServer) -> None:
    server.script.append(reply(json_response(200, OK_BODY)))
    driver = Driver(
        mode,
        server.url + "/v1/inference/",
        default_headers={"X-Team": "search", "OpenAI-Organization": "org-1"},
        default_query={"api-version": "2025-01", "region": "eu"},
    )
    options = {
        "method": "GET",
        "url": "models/m1",
        "params": {"region": "us", "limit": 5},
        "headers": {"accept": "text/plain", "X-Team": "ads"},
    }
    try:
        await driver.request(options)
    finally:
        await driver.close()
    (req,) = server.requests
    assert req.path == "/v1/inference/models/m1?api-version=2025-01&region=us&limit=5"
    assert req.headers["authorization"] == f"Bearer {KEY}"
    assert req.headers["user-agent"] == "oruel-tests/1.0"
    assert req.headers["accept"] == "text/plain"  # caller's header wins over the default, whatever its case
    assert req.headers["x-team"] == "ads"
    assert req.headers["openai-organization"] == "org-1"
    assert req.headers["x-oruel-retry-count"] == "0"


async def test_content_body_and_leading_slash(mode: str, server: RawServer) -> None:
    server.script.append(reply(json_response(200, OK_BODY)))
    driver = Driver(mode, server.url + "/v1")
    options = {"method": "POST", "url": "/files", "content": b"raw-bytes", "headers": {"content-type": "x/y"}}
    try:
        await driver.request(options)
    finally:
        await driver.close()
    (req,) = server.requests
    assert req.path == "/v1/files" and req.body == b"raw-bytes" and req.headers["content-type"] == "x/y"


async def test_body_framing_and_host(mode: str, server: RawServer) -> None:
    server.script.extend([reply(json_response(200, OK_BODY))] * 3)
    driver = Driver(mode, server.url + "/v1")
    body = {"model": "m", "messages": [{"role": "user", "content": "héllo ✓"}]}
    options = [
        {"method": "post", "url": "/chat/completions", "json": body, "headers": {"Content-Type": "application/json"}},
        {"method": "post", "url": "/jobs/1/cancel"},
        {"method": "get", "url": "/models"},
    ]
    try:
        for option in options:
            await driver.request(option)
    finally:
        await driver.close()
    posted, empty, got = server.requests
    assert posted.json() == body and b"\\u" not in posted.body  # UTF-8 on the wire, as httpx's json= sends
    assert posted.headers["content-length"] == str(len(posted.body))
    assert posted.headers["host"] == server.url.removeprefix("http://")
    assert (empty.method, empty.headers["content-length"], empty.body) == ("POST", "0", b"")
    assert got.method == "GET" and "content-length" not in got.headers and got.body == b""


async def test_http_client_headers_cookies_and_params_are_sent_as_they_are_now(mode: str, server: RawServer) -> None:
    server.script.extend([reply(json_response(200, OK_BODY))] * 3)
    settings: dict[str, Any] = {"headers": {"x-proxy": "a"}, "cookies": {"session": "s1"}, "params": {"k": "v"}}
    http_client: httpx.Client | httpx.AsyncClient = (
        httpx.Client(**settings) if mode == "sync" else httpx.AsyncClient(**settings)
    )
    driver = Driver(mode, server.url, http_client=http_client)
    try:
        await driver.request()
        http_client.cookies.clear()
        http_client.params = httpx.QueryParams()
        await driver.request()
        http_client.headers["x-proxy"] = "b"  # changed after the client was given: the next request says so
        await driver.request()
    finally:
        await driver.close()
        if isinstance(http_client, httpx.Client):
            http_client.close()
        else:
            await http_client.aclose()
    first, second, third = server.requests
    assert (first.headers["x-proxy"], first.headers["cookie"]) == ("a", "session=s1")
    assert first.path == "/chat/completions?k=v"
    assert (second.headers["x-proxy"], second.path, "cookie" in second.headers) == ("a", "/chat/completions", False)
    assert third.headers["x-proxy"] == "b"
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)


async def test_ever_new_call_headers_are_each_sent_and_memory_stays_bounded(mode: str, server: RawServer) -> None:
    count = 150
    server.script.extend([reply(json_response(200, OK_BODY))] * count)
    driver = Driver(mode, server.url)
    try:
        for i in range(count):
            await driver.request({**CHAT, "headers": {"Idempotency-Key": f"key-{i}"}})
        assert len(driver.client._prepared) <= 64
    finally:
        await driver.close()
    assert [r.headers["idempotency-key"] for r in server.requests] == [f"key-{i}" for i in range(count)]


async def test_no_api_key_sends_no_authorization(mode: str, server: RawServer) -> None:
    await run(mode, server, [reply(json_response(200, OK_BODY))], api_key=None)
    assert "authorization" not in server.requests[0].headers


async def test_copy_shares_pool_and_overrides(mode: str, server: RawServer) -> None:
    server.script.extend([reply(json_response(200, OK_BODY))] * 2)
    parent = Driver(mode, server.url + "/v1", default_headers={"x-a": "1"}, default_query={"q": "1"})
    child = Driver(mode, server.url)  # replaced below; keeps the Driver plumbing
    await child.close()
    child.client = parent.client.copy(
        api_key="other-key", base_url=server.url + "/v2", max_retries=0, default_headers={"x-b": "2"}
    )
    assert child.client.http_client is parent.client.http_client
    with pytest.raises(TypeError, match="bogus"):
        parent.client.copy(bogus=1)
    assert (child.client.max_retries, child.client.timeout) == (0, 5.0)
    try:
        await child.request()
        await child.close()  # must not close the shared pool
        assert not parent.client.http_client.is_closed
        await parent.request()
    finally:
        await parent.close()
    assert parent.client.http_client.is_closed
    by_child, by_parent = server.requests
    assert by_child.path == "/v2/chat/completions?q=1"
    assert by_child.headers["authorization"] == "Bearer other-key"
    assert (by_child.headers["x-a"], by_child.headers["x-b"]) == ("1", "2")
    assert by_parent.path == "/v1/chat/completions?q=1"
    assert by_parent.headers["authorization"] == f"Bearer {KEY}"
    assert "x-b" not in by_parent.headers


async def test_passed_in_http_client_is_not_closed(mode: str) -> None:
    http_client: httpx.Client | httpx.AsyncClient = httpx.Client() if mode == "sync" else httpx.AsyncClient()
    driver = Driver(mode, "http://127.0.0.1:1", http_client=http_client)
    await driver.close()
    assert not http_client.is_closed
    if isinstance(http_client, httpx.Client):
        http_client.close()
    else:
        await http_client.aclose()


async def test_context_managers_close_owned_client(server: RawServer) -> None:
    server.script.extend([reply(json_response(200, OK_BODY))] * 2)
    common: dict[str, Any] = {
        "base_url": server.url,
        "api_key": KEY,
        "timeout": 5.0,
        "max_retries": 0,
        "default_headers": None,
        "default_query": None,
        "http_client": None,
        "user_agent": "t",
    }
    with SyncHTTPClient(**common) as sync_client:
        assert sync_client.request(CHAT, parse=lambda r: r.status_code) == 200
    assert sync_client.http_client.is_closed
    async with AsyncHTTPClient(**common) as async_client:
        assert await async_client.request(CHAT, parse=lambda r: r.status_code) == 200
    assert async_client.http_client.is_closed


# --- the API key stays secret ----------------------------------------------------------------------------


def texts_of(err: BaseException) -> list[str]:
    out = [str(err), repr(err), "".join(traceback.format_exception(err))]
    if isinstance(err, APIStatusError):
        out += [repr(err.response), repr(err.request), repr(err.response.request.headers)]
    return out


async def test_api_key_absent_from_repr_errors_and_tracebacks(mode: str, server: RawServer) -> None:
    driver = Driver(mode, server.url)
    assert KEY not in repr(driver.client) and KEY not in str(driver.client)
    assert KEY not in repr(driver.client.copy(max_retries=1))
    assert repr(driver.client).startswith(type(driver.client).__name__ + "(base_url=")
    await driver.close()

    status_err, _ = await run_error(mode, server, [reply(json_response(401, envelope("bad key")))])
    assert isinstance(status_err, AuthenticationError)
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    conn_err, _ = await run_error(mode, server, [drop()], max_retries=0)
    timeout_err, _ = await run_error(mode, server, [silent], max_retries=0, timeout=0.1)
    for err in (status_err, conn_err, timeout_err):
        for text in texts_of(err):
            assert KEY not in text
    refused = Driver(mode, f"http://127.0.0.1:{free_port()}", max_retries=0)
    try:
        with pytest.raises(APIConnectionError) as info:
            await refused.request()
    finally:
        await refused.close()
    assert all(KEY not in text for text in texts_of(info.value))
