"""Caller mistakes beside the documented fields are OruelValidationError naming the header, query key or body
field, raised before any I/O, through every way in: the facade (sync, async, streaming or not) and the
generated endpoint functions (sync, sync_detailed, asyncio, sync_stream, asyncio_stream) on the same client.

Each call points at a listening socket that nobody serves: a check that let the request through would leave a
pending connection (and time out after 1 s instead of raising the validation error).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel, OruelValidationError
from oruel_client.api.chat import create_chat_completion
from oruel_client.api.models import list_models
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

KEY = "oruel_" + "0" * 48
SECRET = "tok-9f8e7d6c5b4a"
MESSAGES: list[dict[str, Any]] = [{"role": "user", "content": "Hello"}]
BODY: dict[str, Any] = {"model": "m", "messages": MESSAGES}

Call = Callable[..., Any]  # (base_url, body, **extras) -> result


def _facade(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    with Oruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
        return client.chat.completions.create(**body, **kw)


def _facade_stream(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    with Oruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
        return client.chat.completions.create(**body, stream=True, **kw)


def _async_facade(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    async def run() -> Any:
        async with AsyncOruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
            return await client.chat.completions.create(**body, **kw)

    return asyncio.run(run())


def _async_facade_stream(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    async def run() -> Any:
        async with AsyncOruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
            return await client.chat.completions.create(**body, stream=True, **kw)

    return asyncio.run(run())


def _generated(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    with Oruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
        return create_chat_completion.sync(client=client, body=body, **kw)


def _generated_detailed(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    with Oruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
        return create_chat_completion.sync_detailed(client=client, body=body, **kw)


def _generated_stream(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    with Oruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
        return create_chat_completion.sync_stream(client=client, body=body, **kw)


def _generated_async(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    async def run() -> Any:
        async with AsyncOruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
            return await create_chat_completion.asyncio(client=client, body=body, **kw)

    return asyncio.run(run())


def _generated_async_stream(base_url: str, body: dict[str, Any], **kw: Any) -> Any:
    async def run() -> Any:
        async with AsyncOruel(api_key=KEY, base_url=base_url, timeout=1.0, max_retries=0) as client:
            return await create_chat_completion.asyncio_stream(client=client, body=body, **kw)

    return asyncio.run(run())


ENTRIES: dict[str, Call] = {
    "facade": _facade,
    "facade-stream": _facade_stream,
    "async-facade": _async_facade,
    "async-facade-stream": _async_facade_stream,
    "generated-sync": _generated,
    "generated-sync_detailed": _generated_detailed,
    "generated-sync_stream": _generated_stream,
    "generated-asyncio": _generated_async,
    "generated-asyncio_stream": _generated_async_stream,
}


@pytest.fixture(params=sorted(ENTRIES))
def call(request: pytest.FixtureRequest) -> Call:
    return ENTRIES[request.param]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.create_server(("127.0.0.1", 0))
    sock.setblocking(False)
    try:
        yield sock
    finally:
        sock.close()


def refused(call: Call, listener: socket.socket, body: dict[str, Any] = BODY, **kw: Any) -> str:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    with pytest.raises(OruelValidationError) as info:
        call(url, body, **kw)
    with pytest.raises(BlockingIOError):  # no connection was even attempted
        listener.accept()
    return str(info.value)


@pytest.mark.parametrize(
    ("headers", "named", "problem"),
    [
        ({"X-Trace": "t1\r\nX-Injected: yes"}, "extra_headers['X-Trace']", "control character"),
        ({"X-Token": SECRET + "\n"}, "extra_headers['X-Token']", "trailing newline?"),
        ({"X-Token": SECRET + "\x00"}, "extra_headers['X-Token']", "control character"),
        ({"X-Who": "Jos\u00e9 " + SECRET}, "extra_headers['X-Who']", "non-ASCII"),
        ({"X-Bad:Name": "v"}, "extra_headers['X-Bad:Name']", "not a valid header name"),
        ({"X-Num": 7}, "extra_headers['X-Num']", "must be a string, not int"),
    ],
)
def test_bad_header_is_refused_naming_it_and_never_showing_its_value(
    call: Call, listener: socket.socket, headers: dict[str, Any], named: str, problem: str
) -> None:
    message = refused(call, listener, extra_headers=headers)
    assert message.startswith(named + ": ")
    assert problem in message
    assert SECRET not in message


@pytest.mark.parametrize(
    ("body", "extra", "named", "problem"),
    [
        (
            {**BODY, "messages": [{"role": "user", "content": "hi \ud800 there"}]},
            {},
            "messages[0].content",
            "surrogate",
        ),
        (BODY, {"extra_body": {"metadata": {"note": ["ok", "\udc80"]}}}, "metadata.note[1]", "surrogate"),
        (BODY, {"extra_body": {"metadata": {"k\ud801": 1}}}, "metadata", "key with a lone surrogate"),
        (BODY, {"extra_body": {"score": float("nan")}}, "score", "not a finite number"),
        (BODY, {"extra_body": {"nested": {"score": float("-inf")}}}, "nested.score", "not a finite number"),
    ],
)
def test_unencodable_json_body_is_refused_naming_the_field(
    call: Call, listener: socket.socket, body: dict[str, Any], extra: dict[str, Any], named: str, problem: str
) -> None:
    message = refused(call, listener, body=body, **extra)
    assert message.startswith(named + ": ")
    assert problem in message


def _deep(depth: int = 100_000) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("where", ["content", "extra_body"])
def test_a_body_nested_too_deep_is_refused_not_a_recursion_error(
    call: Call, listener: socket.socket, where: str
) -> None:
    if where == "content":
        message = refused(call, listener, body={**BODY, "messages": [{"role": "user", "content": _deep()}]})
    else:
        message = refused(call, listener, extra_body={"metadata": _deep()})
    assert message == "<body>: nested too deep to check or encode as JSON"


def test_a_body_nested_too_deep_is_refused_with_validation_off(listener: socket.socket) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    with Oruel(api_key=KEY, base_url=url, timeout=1.0, max_retries=0, validate=False) as client:
        with pytest.raises(OruelValidationError, match="nested too deep"):
            client.chat.completions.create(model="m", messages=MESSAGES, extra_body={"metadata": _deep()})
    with pytest.raises(BlockingIOError):
        listener.accept()


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"meta": {"a": 1}}, "not dict"),
        ({"who": object()}, "not object"),
        ({"t": float("nan")}, "not a finite number"),
        ({"t": float("inf")}, "not a finite number"),
        ({"ids": [1, [2, 3]]}, "not list"),
        ({"ids": ("a", {1, 2})}, "not set"),
        ({"s": "x\udfff"}, "lone surrogate"),
        ({"b": b"bytes"}, "not bytes"),
    ],
)
def test_bad_query_value_is_refused_naming_the_key(
    call: Call, listener: socket.socket, query: dict[str, Any], problem: str
) -> None:
    message = refused(call, listener, extra_query=query)
    (key,) = query
    assert message.startswith(f"extra_query[{key!r}]: ")
    assert problem in message


def test_query_key_must_be_a_string(listener: socket.socket) -> None:
    message = refused(_facade, listener, extra_query={1: "x"})
    assert "query keys must be strings" in message


# What httpx sends well stays accepted, through both kinds of entry point.


@pytest.fixture
def models_server() -> Iterator[RawServer]:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, {"object": "list", "data": []}))

    with RawServer(handler=handler) as server:
        yield server


GOOD_QUERY: dict[str, Any] = {"s": "é x", "i": 3, "f": 0.5, "b": False, "n": None, "l": [1, "a", True], "t": ("x",)}
GOOD_PATH = "/models?s=%C3%A9+x&i=3&f=0.5&b=false&n=&l=1&l=a&l=true&t=x"
GOOD_HEADERS = {"X-Trace": 't-1 2;q="a"', "X-Bytes": b"raw"}


def test_good_query_and_headers_are_sent_by_the_facade(models_server: RawServer) -> None:
    with Oruel(api_key=KEY, base_url=models_server.url, max_retries=0) as client:
        client.models.list(extra_query=GOOD_QUERY, extra_headers=GOOD_HEADERS)  # type: ignore[arg-type]
    (req,) = models_server.requests
    assert req.path == GOOD_PATH
    assert req.headers["x-trace"] == GOOD_HEADERS["X-Trace"]
    assert req.headers["x-bytes"] == "raw"


def test_good_query_and_headers_are_sent_by_the_generated_function(models_server: RawServer) -> None:
    with Oruel(api_key=KEY, base_url=models_server.url, max_retries=0) as client:
        list_models.sync(client=client, extra_query=GOOD_QUERY, extra_headers=GOOD_HEADERS)  # type: ignore[arg-type]
    (req,) = models_server.requests
    assert req.path == GOOD_PATH
    assert req.headers["x-trace"] == GOOD_HEADERS["X-Trace"]


@pytest.mark.parametrize("client_class", [Oruel, AsyncOruel])
@pytest.mark.parametrize("token", [KEY + "\n", KEY + "\r\n", "\x00" + KEY, KEY + "é"])
def test_the_client_of_the_endpoint_functions_refuses_an_unsendable_token(
    client_class: type[Oruel] | type[AsyncOruel], token: str
) -> None:
    with pytest.raises(OruelValidationError) as info:
        client_class(api_key=token, base_url="http://127.0.0.1:9")
    exc = info.value
    assert str(exc).startswith("the API key contains")
    assert exc.__context__ is None and KEY not in repr(exc) + repr(vars(exc))
