"""Stream and AsyncStream against a real HTTP server on 127.0.0.1 that writes exact bytes.

Bodies are sent with chunked transfer encoding where the test depends on where the client's reads are cut:
h11 hands each HTTP chunk over as its own piece, so the decoder sees exactly those boundaries. One server
serves the whole module, each test under its own path (closing a RawServer costs up to its 0.2 s accept tick).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from oruel_client._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from oruel_client._streaming import AsyncStream, Stream
from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response, sse_head

Handler = Callable[[RecordedRequest, Conn], None]

CHUNKED_HEAD = sse_head(headers={"transfer-encoding": "chunked"})
KEEP_ALIVE_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
END = b"0\r\n\r\n"
DONE = b"data: [DONE]\n\n"


def chunk(piece: bytes) -> bytes:
    """One HTTP/1.1 chunk."""
    return b"%x\r\n%s\r\n" % (len(piece), piece)


def data(obj: Any) -> bytes:
    return b"data: " + json.dumps(obj).encode() + b"\n\n"


class Routes:
    """One RawServer for the module; ``add`` gives each handler a URL of its own."""

    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}
        self._ids = itertools.count()
        self.server = RawServer(self._dispatch)

    def _dispatch(self, req: RecordedRequest, conn: Conn) -> None:
        self._handlers[req.path](req, conn)

    def add(self, handler: Handler) -> str:
        path = f"/t{next(self._ids)}"
        self._handlers[path] = handler
        return self.server.url + path

    def chunks(self, *pieces: bytes) -> str:
        """A URL answered with a chunked SSE body made of these pieces, one HTTP chunk each."""

        def handler(_req: RecordedRequest, conn: Conn) -> None:
            conn.send(CHUNKED_HEAD)
            conn.send_chunks(chunk(p) for p in pieces)
            conn.send(END)

        return self.add(handler)


@pytest.fixture(scope="module")
def routes() -> Iterator[Routes]:
    r = Routes()
    yield r
    r.server.close()


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at teardown, so that handlers waiting on it never outlive the test by long."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as c:
        yield c


@pytest.fixture
async def aclient() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as c:
        yield c


def identity(value: Any) -> Any:
    return value


def open_stream(client: httpx.Client, url: str, parse: Callable[[Any], Any] = identity) -> Stream[Any]:
    response = client.send(client.build_request("POST", url, json={"stream": True}), stream=True)
    return Stream(response, parse)


async def open_astream(client: httpx.AsyncClient, url: str, parse: Callable[[Any], Any] = identity) -> AsyncStream[Any]:
    response = await client.send(client.build_request("POST", url, json={"stream": True}), stream=True)
    return AsyncStream(response, parse)


def assert_wrapped(exc: BaseException, cause: type[BaseException]) -> None:
    assert not isinstance(exc, httpx.HTTPError)
    assert isinstance(exc.__cause__, cause)


# --- normal streams ------------------------------------------------------------------------------------------


def test_items_are_parsed_and_done_ends_and_closes(routes: Routes, client: httpx.Client) -> None:
    url = routes.chunks(data({"n": 1}), data({"n": 2}), DONE, data({"n": 3}))
    stream = open_stream(client, url, parse=lambda v: v["n"])
    assert stream.response.status_code == 200
    assert list(stream) == [1, 2]
    assert stream.response.is_closed


def test_next_works_and_stops(routes: Routes, client: httpx.Client) -> None:
    stream = open_stream(client, routes.chunks(data({"n": 1}), DONE))
    assert next(stream) == {"n": 1}
    with pytest.raises(StopIteration):
        next(stream)
    assert stream.response.is_closed


def collect(stream: Stream[Any]) -> tuple[list[Any], BaseException | None]:
    """The items a stream yields before it ends, and the exception that ended it (None for a normal end)."""
    seen: list[Any] = []
    try:
        for item in stream:
            seen.append(item)
    except Exception as exc:  # noqa: BLE001 (the test inspects it)
        return seen, exc
    return seen, None


def test_end_of_body_mid_event_without_done_is_a_connection_error(routes: Routes, client: httpx.Client) -> None:
    stream = open_stream(client, routes.chunks(data({"n": 1}), data({"n": 2}), b'data: {"incomplete'))
    seen, exc = collect(stream)
    assert seen == [{"n": 1}, {"n": 2}]  # every complete event before the cut
    assert type(exc) is APIConnectionError and "[DONE]" in str(exc)
    assert stream.response.is_closed


def test_clean_end_of_body_without_done_is_a_connection_error(routes: Routes, client: httpx.Client) -> None:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head() + data({"n": 1}) + data({"n": 2}))

    seen, exc = collect(open_stream(client, routes.add(handler)))
    assert seen == [{"n": 1}, {"n": 2}]
    assert type(exc) is APIConnectionError


def test_empty_body_is_a_connection_error(routes: Routes, client: httpx.Client) -> None:
    seen, exc = collect(open_stream(client, routes.chunks()))
    assert seen == [] and type(exc) is APIConnectionError


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"], ids=["LF", "CR", "CRLF"])
def test_line_endings_over_http(routes: Routes, client: httpx.Client, eol: bytes) -> None:
    body = eol.join([b'data: {"a":', b"data: 1}", b"", b'data: {"b": 2}', b"", b"data: [DONE]", b"", b""])
    # Cut into 3-byte HTTP chunks: boundaries fall everywhere, including inside "\r\n".
    url = routes.chunks(*(body[i : i + 3] for i in range(0, len(body), 3)))
    assert list(open_stream(client, url)) == [{"a": 1}, {"b": 2}]


def test_cr_and_lf_in_separate_http_chunks_are_one_line_break(routes: Routes, client: httpx.Client) -> None:
    # Read as two breaks, the first event would end at '{"a":' and fail to parse.
    url = routes.chunks(b'data: {"a":\r', b"\ndata: 1}\r", b"\n\r", b"\n", b"data: [DONE]\r\n\r\n")
    assert list(open_stream(client, url)) == [{"a": 1}]


@pytest.mark.parametrize("text", ["é", "😀", "x\u2028y\u2029z", "\u0085中"])
def test_utf8_split_across_http_chunks(routes: Routes, client: httpx.Client, text: str) -> None:
    body = b"data: " + json.dumps({"t": text}, ensure_ascii=False).encode() + b"\n\n"
    # Cut right after the first byte of the first multi-byte character, then byte by byte.
    cut = next(i for i, b in enumerate(body) if b >= 0x80) + 1
    url = routes.chunks(body[:cut], *(body[i : i + 1] for i in range(cut, len(body))), DONE)
    assert list(open_stream(client, url)) == [{"t": text}]


def test_fields_comments_and_multiline_data(routes: Routes, client: httpx.Client) -> None:
    body = (
        b": this is a comment\n\n"
        b"id: 7\nretry: 100\nevent: delta\ndata: {\n"
        b": comment between data lines\n"
        b'data: "x": 1}\n\n'
        b"data:\n\n"  # empty data: skipped
        b"unknown: field\n"
        b'data:{"y": 2}\n\n' + DONE
    )
    assert list(open_stream(client, routes.chunks(body))) == [{"x": 1}, {"y": 2}]


def test_error_null_is_not_an_error(routes: Routes, client: httpx.Client) -> None:
    url = routes.chunks(data({"n": 1, "error": None}), DONE)
    assert list(open_stream(client, url)) == [{"n": 1, "error": None}]


def test_bom_at_stream_start(routes: Routes, client: httpx.Client) -> None:
    url = routes.chunks(b"\xef\xbb", b"\xbf" + data({"n": 1}), DONE)
    assert list(open_stream(client, url)) == [{"n": 1}]


# --- in-stream errors ----------------------------------------------------------------------------------------


def test_event_error_raises_api_error(routes: Routes, client: httpx.Client) -> None:
    err = {"error": {"message": "model overloaded", "type": "server_error", "code": "overloaded"}}
    stream = open_stream(client, routes.chunks(data({"n": 1}), b"event: error\n" + data(err), data({"n": 2})))
    seen = []
    with pytest.raises(APIError) as info:
        for item in stream:
            seen.append(item)
    assert seen == [{"n": 1}]
    assert type(info.value) is APIError
    assert info.value.message == "model overloaded"
    assert info.value.body == err
    assert info.value.code == "overloaded"
    assert info.value.request is stream.response.request
    assert stream.response.is_closed


def test_event_error_with_text_payload_keeps_the_text(routes: Routes, client: httpx.Client) -> None:
    stream = open_stream(client, routes.chunks(b"event: error\ndata: upstream exploded\n\n"))
    with pytest.raises(APIError) as info:
        list(stream)
    assert info.value.message == "upstream exploded"
    assert info.value.body == "upstream exploded"
    assert stream.response.is_closed


def test_error_payload_raises_api_error(routes: Routes, client: httpx.Client) -> None:
    err = {"error": {"message": "context length exceeded", "type": "invalid_request_error"}}
    stream = open_stream(client, routes.chunks(data({"n": 1}), data(err)))
    it = iter(stream)
    assert next(it) == {"n": 1}
    with pytest.raises(APIError) as info:
        next(it)
    assert info.value.message == "context length exceeded"
    assert info.value.type == "invalid_request_error"
    assert info.value.body == err
    assert stream.response.is_closed


def test_error_payload_without_message(routes: Routes, client: httpx.Client) -> None:
    with pytest.raises(APIError) as info:
        list(open_stream(client, routes.chunks(data({"error": {"code": 500}}))))
    assert info.value.message
    assert info.value.body == {"error": {"code": 500}}


def test_malformed_json_raises_validation_error(routes: Routes, client: httpx.Client) -> None:
    stream = open_stream(client, routes.chunks(data({"n": 1}), b"data: {not json\n\n", data({"n": 2})))
    seen = []
    with pytest.raises(APIResponseValidationError) as info:
        for item in stream:
            seen.append(item)
    assert seen == [{"n": 1}]
    assert info.value.body == "{not json"
    assert info.value.response is stream.response
    assert isinstance(info.value.__cause__, ValueError)
    assert stream.response.is_closed


@pytest.mark.parametrize(
    ("payload", "parsed"),
    [
        (b'data:  {"n": 1} \n\n', {"n": 1}),  # whitespace around the value, as json.loads allows
        (b"data: \t[1, 2]\t\n\n", [1, 2]),
        (b'data: "text"\n\n', "text"),
        (b"data: 7\n\n", 7),
    ],
)
def test_any_json_value_json_loads_accepts_is_an_item(
    routes: Routes, client: httpx.Client, payload: bytes, parsed: Any
) -> None:
    assert list(open_stream(client, routes.chunks(payload, DONE))) == [parsed]


@pytest.mark.parametrize("payload", [b"data: {} {}\n\n", b'data: {"n": 1}x\n\n', b"data: 1 2\n\n", b"data: \t\n\n"])
def test_text_after_or_instead_of_a_json_value_is_malformed(
    routes: Routes, client: httpx.Client, payload: bytes
) -> None:
    with pytest.raises(APIResponseValidationError, match="not valid JSON"):
        list(open_stream(client, routes.chunks(payload, DONE)))


@pytest.mark.parametrize("error", [KeyError("id"), TypeError("x"), ValueError("y"), AttributeError("z"), IndexError()])
def test_parse_rejection_is_a_validation_error_and_closes(
    routes: Routes, client: httpx.Client, error: Exception
) -> None:
    def parse(value: Any) -> Any:
        raise error

    stream = open_stream(client, routes.chunks(data({"n": 1}), DONE), parse=parse)
    with pytest.raises(APIResponseValidationError, match="not of the documented shape") as info:
        list(stream)
    assert info.value.__cause__ is error
    assert stream.response.is_closed


# --- transport failures --------------------------------------------------------------------------------------


def _drop_after_first(got_first: threading.Event) -> Handler:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(CHUNKED_HEAD + chunk(data({"n": 1})))
        got_first.wait(5)
        conn.send(b"40\r\ndata: {")  # half a chunk, no terminating chunk, then a reset
        conn.drop()

    return handler


def test_drop_mid_chunked_stream_raises_connection_error(
    routes: Routes, client: httpx.Client, release: threading.Event
) -> None:
    stream = open_stream(client, routes.add(_drop_after_first(release)))
    it = iter(stream)
    assert next(it) == {"n": 1}
    release.set()
    with pytest.raises(APIConnectionError) as info:
        next(it)
    assert type(info.value) is APIConnectionError
    assert_wrapped(info.value, httpx.TransportError)
    assert info.value.request is stream.response.request
    assert stream.response.is_closed


def test_short_content_length_raises_connection_error(
    routes: Routes, client: httpx.Client, release: threading.Event
) -> None:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(http_response(200, data({"n": 1}), {"content-type": "text/event-stream", "content-length": "500"}))
        release.wait(5)  # then a clean close, far short of 500 bytes

    stream = open_stream(client, routes.add(handler))
    it = iter(stream)
    assert next(it) == {"n": 1}
    release.set()
    with pytest.raises(APIConnectionError) as info:
        next(it)
    assert type(info.value) is APIConnectionError
    assert_wrapped(info.value, httpx.RemoteProtocolError)
    assert stream.response.is_closed


def _one_event_then_silence(release: threading.Event) -> Handler:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(CHUNKED_HEAD + chunk(data({"n": 1})))
        release.wait(5)

    return handler


def test_read_timeout_raises_timeout_error(routes: Routes, release: threading.Event) -> None:
    url = routes.add(_one_event_then_silence(release))
    with httpx.Client(timeout=httpx.Timeout(5, read=0.3)) as client:
        stream = open_stream(client, url)
        it = iter(stream)
        assert next(it) == {"n": 1}
        with pytest.raises(APITimeoutError) as info:
            next(it)
        assert_wrapped(info.value, httpx.ReadTimeout)
        assert info.value.request is stream.response.request
        assert stream.response.is_closed


def test_undecodable_content_encoding_raises_validation_error(routes: Routes, client: httpx.Client) -> None:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(
            http_response(200, b"this is not gzip", {"content-type": "text/event-stream", "content-encoding": "gzip"})
        )

    stream = open_stream(client, routes.add(handler))
    with pytest.raises(APIResponseValidationError) as info:
        list(stream)
    assert_wrapped(info.value, httpx.DecodingError)
    assert stream.response.is_closed


# --- closing and connection release --------------------------------------------------------------------------


def _endless(release: threading.Event) -> Handler:
    """A stream that does not end by itself."""

    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(CHUNKED_HEAD + chunk(data({"n": 1})) + chunk(data({"n": 2})))
        release.wait(5)

    return handler


def _ok(_req: RecordedRequest, conn: Conn) -> None:
    conn.send(http_response(200, b"second"))


# A single pooled connection and a short pool timeout: a leaked stream makes the next request fail fast.
ONE_CONNECTION: dict[str, Any] = {"limits": httpx.Limits(max_connections=1), "timeout": httpx.Timeout(5, pool=0.3)}


def test_break_inside_with_releases_the_connection(routes: Routes, release: threading.Event) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    with httpx.Client(**ONE_CONNECTION) as client:
        with open_stream(client, url) as stream:
            for item in stream:
                assert item == {"n": 1}
                break
        assert stream.response.is_closed
        assert client.get(ok).content == b"second"


def test_close_releases_the_connection_and_is_idempotent(routes: Routes, release: threading.Event) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    with httpx.Client(**ONE_CONNECTION) as client:
        stream = open_stream(client, url)
        assert next(stream) == {"n": 1}
        stream.close()
        stream.close()
        assert stream.response.is_closed
        assert list(stream) == []
        assert client.get(ok).content == b"second"


def test_close_before_iterating(routes: Routes, release: threading.Event) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    with httpx.Client(**ONE_CONNECTION) as client:
        stream = open_stream(client, url)
        stream.close()
        assert stream.response.is_closed
        assert list(stream) == []
        assert client.get(ok).content == b"second"


def test_without_close_the_connection_is_held(routes: Routes, release: threading.Event) -> None:
    """The control for the release tests: a stream left open does keep the only connection."""
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    with httpx.Client(**ONE_CONNECTION) as client:
        stream = open_stream(client, url)
        assert next(stream) == {"n": 1}
        with pytest.raises(httpx.PoolTimeout):
            client.get(ok)
        stream.close()


def _keep_alive_done(reused: threading.Event, *pieces: bytes, pause: float = 0.0) -> Handler:
    """A keep-alive stream ending in [DONE], whose end of body is sent with it (``pause`` 0) or only after
    ``pause`` seconds; then, if the client sends its next request on this same connection, it is answered here."""

    def handler(_req: RecordedRequest, conn: Conn) -> None:
        head = KEEP_ALIVE_HEAD + b"".join(chunk(p) for p in pieces) + chunk(DONE)
        if pause:
            conn.send(head)
            threading.Event().wait(pause)
            conn.send(END)
        else:
            conn.send(head + END)
        conn.sock.settimeout(3)
        buf = b""
        while b"\r\n\r\n" not in buf:
            try:
                got = conn.sock.recv(65536)
            except OSError:
                return
            if not got:
                return  # the client closed this connection instead of reusing it
            buf += got
        reused.set()
        conn.send(http_response(200, b"same connection"))

    return handler


def _fresh(_req: RecordedRequest, conn: Conn) -> None:
    conn.send(http_response(200, b"new connection"))


def test_done_drains_the_body_so_the_connection_is_reused(routes: Routes, client: httpx.Client) -> None:
    reused = threading.Event()
    url, second = routes.add(_keep_alive_done(reused, data({"n": 1}))), routes.add(_fresh)
    assert list(open_stream(client, url)) == [{"n": 1}]
    assert client.get(second).content == b"same connection"
    assert reused.is_set()


def test_done_reads_the_end_of_the_body_waiting_in_the_socket(routes: Routes, client: httpx.Client) -> None:
    """The end of the body reaches the socket while the consumer is busy with the item before [DONE], so the
    HTTP parser has not read it yet: it is read without waiting, and the connection is reused."""
    reused = threading.Event()
    url, second = routes.add(_keep_alive_done(reused, data({"n": 1}), pause=0.05)), routes.add(_fresh)
    items = []
    for item in open_stream(client, url):
        items.append(item)
        time.sleep(0.5)
    assert items == [{"n": 1}]
    assert client.get(second).content == b"same connection"
    assert reused.is_set()


def test_done_never_waits_for_the_end_of_the_body(routes: Routes, client: httpx.Client) -> None:
    """The end of the body comes 2 s after [DONE]: iteration ends at once and the connection is closed, not
    waited on (nor reused)."""
    reused = threading.Event()
    url, second = routes.add(_keep_alive_done(reused, data({"n": 1}), pause=2.0)), routes.add(_fresh)
    started = time.monotonic()
    assert list(open_stream(client, url)) == [{"n": 1}]
    assert time.monotonic() - started < 1.0
    assert client.get(second).content == b"new connection"
    assert not reused.is_set()


# --- async parity --------------------------------------------------------------------------------------------


async def test_async_items_and_done(routes: Routes, aclient: httpx.AsyncClient) -> None:
    url = routes.chunks(data({"n": 1}), b"data: [DO", b"NE]\r\n\r\n", data({"n": 2}))
    stream = await open_astream(aclient, url, parse=lambda v: v["n"])
    assert [item async for item in stream] == [1]
    assert stream.response.is_closed


async def test_async_anext_and_end_without_done(routes: Routes, aclient: httpx.AsyncClient) -> None:
    stream = await open_astream(aclient, routes.chunks(data({"n": 1}), b'data: {"n": 2}\r', b"\n\r\n"))
    assert await stream.__anext__() == {"n": 1}
    assert await stream.__anext__() == {"n": 2}
    with pytest.raises(APIConnectionError, match="DONE"):
        await stream.__anext__()
    assert stream.response.is_closed


async def test_async_utf8_split(routes: Routes, aclient: httpx.AsyncClient) -> None:
    body = b"data: " + json.dumps({"t": "é😀\u2028"}, ensure_ascii=False).encode() + b"\n\n" + DONE
    stream = await open_astream(aclient, routes.chunks(*(body[i : i + 1] for i in range(len(body)))))
    assert [item async for item in stream] == [{"t": "é😀\u2028"}]


async def test_async_event_error(routes: Routes, aclient: httpx.AsyncClient) -> None:
    err = {"error": {"message": "rate limited mid-stream"}}
    stream = await open_astream(aclient, routes.chunks(data({"n": 1}), b"event: error\n" + data(err)))
    with pytest.raises(APIError) as info:
        async for _ in stream:
            pass
    assert info.value.message == "rate limited mid-stream"
    assert info.value.body == err
    assert stream.response.is_closed


async def test_async_error_payload(routes: Routes, aclient: httpx.AsyncClient) -> None:
    stream = await open_astream(aclient, routes.chunks(data({"error": {"message": "bad"}})))
    with pytest.raises(APIError, match="bad"):
        await stream.__anext__()
    assert stream.response.is_closed


async def test_async_malformed(routes: Routes, aclient: httpx.AsyncClient) -> None:
    stream = await open_astream(aclient, routes.chunks(b"data: nope\n\n"))
    with pytest.raises(APIResponseValidationError) as info:
        await stream.__anext__()
    assert info.value.body == "nope"
    assert stream.response.is_closed


async def test_async_drop_raises_connection_error(
    routes: Routes, aclient: httpx.AsyncClient, release: threading.Event
) -> None:
    stream = await open_astream(aclient, routes.add(_drop_after_first(release)))
    assert await stream.__anext__() == {"n": 1}
    release.set()
    with pytest.raises(APIConnectionError) as info:
        await stream.__anext__()
    assert type(info.value) is APIConnectionError
    assert_wrapped(info.value, httpx.TransportError)
    assert stream.response.is_closed


async def test_async_read_timeout(routes: Routes, release: threading.Event) -> None:
    url = routes.add(_one_event_then_silence(release))
    async with httpx.AsyncClient(timeout=httpx.Timeout(5, read=0.3)) as client:
        stream = await open_astream(client, url)
        assert await stream.__anext__() == {"n": 1}
        with pytest.raises(APITimeoutError) as info:
            await stream.__anext__()
        assert_wrapped(info.value, httpx.ReadTimeout)
        assert stream.response.is_closed


async def test_async_break_inside_async_with_releases(routes: Routes, release: threading.Event) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    async with httpx.AsyncClient(**ONE_CONNECTION) as client:
        async with await open_astream(client, url) as stream:
            async for item in stream:
                assert item == {"n": 1}
                break
        assert stream.response.is_closed
        assert (await client.get(ok)).content == b"second"


@pytest.mark.parametrize("method", ["aclose", "close"])
async def test_async_aclose_and_close_release(routes: Routes, release: threading.Event, method: str) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    async with httpx.AsyncClient(**ONE_CONNECTION) as client:
        stream = await open_astream(client, url)
        assert await stream.__anext__() == {"n": 1}
        await getattr(stream, method)()
        await getattr(stream, method)()
        assert stream.response.is_closed
        assert [item async for item in stream] == []
        assert (await client.get(ok)).content == b"second"


async def test_async_without_close_the_connection_is_held(routes: Routes, release: threading.Event) -> None:
    url, ok = routes.add(_endless(release)), routes.add(_ok)
    async with httpx.AsyncClient(**ONE_CONNECTION) as client:
        stream = await open_astream(client, url)
        assert await stream.__anext__() == {"n": 1}
        with pytest.raises(httpx.PoolTimeout):
            await client.get(ok)
        await stream.aclose()


async def test_async_done_drains_for_reuse(routes: Routes, aclient: httpx.AsyncClient) -> None:
    reused = threading.Event()
    url, second = routes.add(_keep_alive_done(reused)), routes.add(_fresh)
    stream = await open_astream(aclient, url)
    assert [item async for item in stream] == []
    assert (await aclient.get(second)).content == b"same connection"
    assert reused.is_set()


async def test_async_done_never_waits_for_the_end_of_the_body(routes: Routes, aclient: httpx.AsyncClient) -> None:
    reused = threading.Event()
    url, second = routes.add(_keep_alive_done(reused, data({"n": 1}), pause=2.0)), routes.add(_fresh)
    started = time.monotonic()
    assert [item async for item in await open_astream(aclient, url)] == [{"n": 1}]
    assert time.monotonic() - started < 1.0
    assert (await aclient.get(second)).content == b"new connection"
    assert not reused.is_set()
