"""Every HTTP status maps to its documented error class (sync and async, streaming or not, through the facade
and through the generated endpoint functions), every error of the package survives pickle (multiprocessing)
without carrying the key, and extra_headers reach the wire on ``stream=True`` calls through the facade and the
generated stream functions.
"""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Iterator
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel
from oruel_client._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OruelError,
    OruelValidationError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from oruel_client.api.chat import create_chat_completion
from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response, json_response, sse_head

from .conftest import KEY, sse

MSG = [{"role": "user", "content": "hi"}]
ERROR = {"error": {"message": "told you so", "type": "some_type", "param": "model", "code": "c42"}}

EXPECTED: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    418: APIStatusError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    500: InternalServerError,
    503: InternalServerError,
    520: InternalServerError,
}


def status_server(status: int) -> RawServer:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(status, ERROR, {"x-request-id": f"req-{status}", "x-should-retry": "false"}))

    return RawServer(handler=handler)


def sync_error(server: RawServer, stream: bool) -> APIStatusError:
    with Oruel(api_key=KEY, base_url=server.url, max_retries=0) as client:
        with pytest.raises(APIStatusError) as info:
            client.chat.completions.create(model="m", messages=MSG, stream=stream)  # type: ignore[call-overload]
    return info.value


def async_error(server: RawServer, stream: bool) -> APIStatusError:
    async def run() -> APIStatusError:
        async with AsyncOruel(api_key=KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIStatusError) as info:
                await client.chat.completions.create(model="m", messages=MSG, stream=stream)  # type: ignore[call-overload]
        return info.value

    return asyncio.run(run())


def generated_error(server: RawServer, stream: bool) -> APIStatusError:
    """The same call through the generated endpoint function (sync or sync_stream) on the same client."""
    call = create_chat_completion.sync_stream if stream else create_chat_completion.sync
    with Oruel(api_key=KEY, base_url=server.url, max_retries=0) as client:
        with pytest.raises(APIStatusError) as info:
            call(client=client, body={"model": "m", "messages": MSG})
    return info.value


def generated_async_error(server: RawServer, stream: bool) -> APIStatusError:
    call = create_chat_completion.asyncio_stream if stream else create_chat_completion.asyncio

    async def run() -> APIStatusError:
        async with AsyncOruel(api_key=KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIStatusError) as info:
                await call(client=client, body={"model": "m", "messages": MSG})
        return info.value

    return asyncio.run(run())


ENTRIES = {
    "sync": sync_error,
    "async": async_error,
    "generated": generated_error,
    "generated-async": generated_async_error,
}


def round_trip(exc: BaseException) -> Any:
    data = pickle.dumps(exc)
    assert KEY.encode() not in data and b"Bearer" not in data  # the request's headers never travel
    return pickle.loads(data)


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize("mode", sorted(ENTRIES))
@pytest.mark.parametrize("status", sorted(EXPECTED))
def test_status_maps_to_its_class_and_survives_pickle(status: int, mode: str, stream: bool) -> None:
    with status_server(status) as server:
        exc = ENTRIES[mode](server, stream)
    assert len(server.requests) == 1
    assert type(exc) is EXPECTED[status]
    assert exc.status_code == status
    assert exc.request_id == f"req-{status}"
    assert "told you so" in str(exc)

    copy = round_trip(exc)
    assert type(copy) is type(exc)
    assert str(copy) == str(exc) and copy.args == exc.args
    assert (copy.status_code, copy.request_id, copy.body) == (status, f"req-{status}", ERROR)
    assert (copy.message, copy.type, copy.code, copy.param) == (exc.message, "some_type", "c42", "model")
    assert copy.response.status_code == status
    assert copy.response.json() == ERROR
    assert copy.response.headers["x-request-id"] == f"req-{status}"
    assert copy.request is not None and copy.request.url == exc.request.url
    assert "authorization" not in copy.request.headers


def test_connection_timeout_and_shape_errors_survive_pickle() -> None:
    def drop(req: RecordedRequest, conn: Conn) -> None:
        conn.drop()

    def bad_shape(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, {"id": 1, "choices": "oops"}))

    def slow(req: RecordedRequest, conn: Conn) -> None:
        import time

        time.sleep(1.0)

    errors: list[APIError] = []
    for handler, cls in ((drop, APIConnectionError), (bad_shape, APIResponseValidationError), (slow, APITimeoutError)):
        with RawServer(handler=handler) as server, Oruel(api_key=KEY, base_url=server.url, max_retries=0) as c:
            with pytest.raises(cls) as info:
                c.chat.completions.create(model="m", messages=MSG, timeout=0.3)
            errors.append(info.value)
    for exc in errors:
        copy = round_trip(exc)
        assert type(copy) is type(exc) and str(copy) == str(exc)
        assert copy.request is not None and copy.request.url == exc.request.url  # type: ignore[union-attr]
    shape = round_trip(errors[1])
    assert shape.status_code == 200 and shape.response.status_code == 200


def test_validation_closed_client_and_html_status_errors_survive_pickle() -> None:
    client = Oruel(api_key=KEY, base_url="http://127.0.0.1:9")
    with pytest.raises(OruelValidationError) as bad_range:
        client.chat.completions.create(model="m", messages=MSG, temperature=9.0)
    with pytest.raises(OruelValidationError) as bad_query:
        client.chat.completions.create(model="m", messages=MSG, extra_query={"q": lambda: 1})  # type: ignore[dict-item]
    client.close()
    with pytest.raises(OruelError) as closed:
        client.models.list()

    copy = round_trip(bad_range.value)
    assert type(copy) is OruelValidationError and str(copy) == str(bad_range.value)
    assert (copy.path, copy.rule, copy.limit, copy.value) == ("temperature", "maximum", 2, 9.0)
    query_copy = round_trip(bad_query.value)
    assert str(query_copy) == str(bad_query.value) and query_copy.path == "extra_query['q']"
    assert "<function" in query_copy.value  # an unpicklable value travels as its repr
    closed_copy = round_trip(closed.value)
    assert type(closed_copy) is OruelError and "closed" in str(closed_copy)

    def html(req: RecordedRequest, conn: Conn) -> None:
        conn.send(http_response(502, b"<html>bad gateway</html>", {"content-type": "text/html"}))

    with RawServer(handler=html) as server, Oruel(api_key=KEY, base_url=server.url, max_retries=0) as generated:
        with pytest.raises(InternalServerError) as unexpected:
            create_chat_completion.sync(client=generated, body={"model": "m", "messages": MSG})
    copy = round_trip(unexpected.value)
    assert type(copy) is InternalServerError and str(copy) == str(unexpected.value)
    assert (copy.status_code, copy.body) == (502, "<html>bad gateway</html>")
    assert copy.response.content == b"<html>bad gateway</html>"
    assert "authorization" not in copy.request.headers


# ---------------------------------------------------------------------------------- extra_headers on streams

CHUNK = {
    "id": "c",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "delta": {"content": "hey"}, "finish_reason": "stop"}],
}
HEADERS = {"X-Trace-Id": "trace-77", "X-Team": "blue"}


@pytest.fixture
def stream_server() -> Iterator[RawServer]:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head())
        conn.send(sse(CHUNK, b"[DONE]"))

    with RawServer(handler=handler) as server:
        yield server


def assert_headers_sent(server: RawServer) -> None:
    (req,) = server.requests
    assert req.json()["stream"] is True
    assert req.headers["x-trace-id"] == "trace-77" and req.headers["x-team"] == "blue"
    assert req.headers["accept"] == "text/event-stream"


def test_extra_headers_are_sent_on_facade_streams(stream_server: RawServer) -> None:
    with Oruel(api_key=KEY, base_url=stream_server.url, max_retries=0) as client:
        with client.chat.completions.create(model="m", messages=MSG, stream=True, extra_headers=HEADERS) as s:
            assert [c.choices[0].delta.content for c in s] == ["hey"]
    assert_headers_sent(stream_server)


async def test_extra_headers_are_sent_on_async_facade_streams(stream_server: RawServer) -> None:
    async with AsyncOruel(api_key=KEY, base_url=stream_server.url, max_retries=0) as client:
        stream = await client.chat.completions.create(model="m", messages=MSG, stream=True, extra_headers=HEADERS)
        async with stream:
            assert [c.choices[0].delta.content async for c in stream] == ["hey"]
    assert_headers_sent(stream_server)


def test_extra_headers_are_sent_on_generated_sync_stream(stream_server: RawServer) -> None:
    with Oruel(api_key=KEY, base_url=stream_server.url, max_retries=0) as client:
        body = {"model": "m", "messages": MSG}
        with create_chat_completion.sync_stream(client=client, body=body, extra_headers=HEADERS) as stream:
            assert [c.choices[0].delta.content for c in stream] == ["hey"]
    assert_headers_sent(stream_server)


async def test_extra_headers_are_sent_on_generated_asyncio_stream(stream_server: RawServer) -> None:
    async with AsyncOruel(api_key=KEY, base_url=stream_server.url, timeout=5.0, max_retries=0) as client:
        body = {"model": "m", "messages": MSG}
        stream = await create_chat_completion.asyncio_stream(client=client, body=body, extra_headers=HEADERS)
        async with stream:
            assert [c.choices[0].delta.content async for c in stream] == ["hey"]
    assert_headers_sent(stream_server)
