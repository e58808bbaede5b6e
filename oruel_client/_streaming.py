"""Iterate a ``text/event-stream`` response as parsed items: ``Stream`` (sync) and ``AsyncStream``.

The response must come from ``client.send(..., stream=True)`` (or ``client.stream(...)``) with a 2xx status;
status errors are the caller's business before a stream is built. Each event's data is decoded as JSON and
handed to ``parse``; what ``parse`` returns is what iteration yields.

Behaviour:

* ``data: [DONE]`` (exactly) ends iteration at once, whatever the server does next. What the server has already
  sent after it (in the socket's buffer or the HTTP parser's) is read and dropped, at most ``_DRAIN_LIMIT``
  bytes, before the response is closed: httpcore returns a connection to the pool for reuse only once the whole
  message has been read. The client never waits for more: a server that keeps the body open after ``[DONE]``
  has its connection closed (dropped from the pool), not a read timeout's worth of waiting. Errors while
  draining are ignored: every item has been delivered by then.
* The end of the body before ``[DONE]`` (cleanly or mid-event) raises APIConnectionError once the complete
  events before the cut have been yielded: Oru-el documents ``[DONE]`` as the terminator, so a stream without
  it was cut short, and its accumulated text would be silently incomplete. A stream built with
  ``until_done=False`` (the spec's streams that have no terminator, such as typed-event streams) ends normally
  at the end of the body, unless the body stops inside an event; ``[DONE]`` still ends it too.
* An event with an empty data field (``data:`` alone, a keep-alive some servers send) is skipped. Any event
  type other than ``error`` is parsed like an unnamed one.
* An ``event: error`` event, or a payload that is a JSON object whose ``error`` key is present and not null,
  is an in-stream error (APIError) whose message is the server's, wherever the payload put it.
* Data that is not JSON, nests too deep, or that ``parse`` rejects (a chunk of the wrong shape) raises
  APIResponseValidationError; so does an event larger than ``max_event_bytes`` (nothing larger is held).
* A failure while reading raises APITimeoutError (httpx timeouts) or APIConnectionError (any other
  ``httpx.TransportError``), chained from the httpx error; a body whose Content-Encoding does not decode
  (``httpx.DecodingError``) raises APIResponseValidationError.
* Every way out (end, [DONE], error, ``break`` inside ``with``, ``close()``) closes the response. So does
  dropping the last reference to a stream, however it was left (never iterated, ``break`` without ``with``,
  an exception in the consumer): the item generator does not refer to its Stream, so no reference cycle
  delays it to the cyclic GC, whose finalizers run at arbitrary moments (inside httpcore's pool lock, say,
  where closing a response deadlocks); and it is started at construction, up to a first internal yield
  before any I/O, because Python runs no ``finally`` for a generator that never started. An abandoned
  AsyncStream is closed by the event loop's async-generator finalizer, on the loop, right after.
* ``get_final_completion()`` reads the stream to its end and returns the non-streamed answer its chunks add up
  to (text joined, tool-call arguments joined, usage), typed by the chunk model's ``_oruel_final``. Each chunk
  is added up as it arrives (``ChunkAccumulator``): what is kept grows with the text, not with the chunks. The
  text of a usual chunk (the one before with another plain content) is not parsed at all: the accumulator
  builds its value from the text's content and a template proved on an earlier chunk.
"""

from __future__ import annotations

import json
import json.scanner
import socket
import ssl
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import Any, Final, Generic, Protocol, Self, TypeVar, cast

import httpx

from ._accumulate import ChunkAccumulator
from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._sse import DEFAULT_MAX_EVENT_BYTES, EventTooLarge, SSEDecoder

__all__ = ["Stream", "AsyncStream", "DEFAULT_MAX_EVENT_BYTES"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)  # a Stream only gives items out
F = TypeVar("F")
F_co = TypeVar("F_co", covariant=True)


class _AddsUp(Protocol[F_co]):
    """A chunk model that knows the non-streamed answer its stream adds up to (generated for stream chunks)."""

    def _oruel_final(self, data: dict[str, Any]) -> F_co: ...


class _Seen:
    """What a stream's item generator shares with its Stream: the chunks yielded, added up as they arrive (for
    get_final_completion), and whether the terminator arrived. Shared state, not a back-reference, so no cycle."""

    __slots__ = ("chunks", "done")

    def __init__(self) -> None:
        self.chunks = ChunkAccumulator()
        self.done = False


_DONE: Final = "[DONE]"
# How much of the body after [DONE] is read so the connection can be reused; a server still sending more
# than this has not finished, and the connection is dropped instead.
_DRAIN_LIMIT: Final = 64 * 1024
_GENERIC_ERROR: Final = "The server reported an error in the event stream."
_TRUNCATED: Final = "The event stream ended before its [DONE] terminator: the answer is incomplete."
# What a wrong-shaped payload makes a generated from_dict (or json.loads, for nesting) raise.
_SHAPE_ERRORS: Final = (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError)


_scan: Final = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: (context: make_scanner)


def _loads(data: str) -> Any:
    """json.loads of one event's data at half its cost: the C scanner that json.loads ends in, called directly.
    Anything but one JSON value filling the whole string (surrounding whitespace, trailing text, nothing at all)
    goes to json.loads, which accepts it or raises its usual error."""
    try:
        value, end = _scan(data, 0)
    except StopIteration:
        return json.loads(data)
    if end != len(data):
        return json.loads(data)
    return value


def _error_message(payload: object) -> str:
    """The server's message, from ``{"error": {"message"}}``, ``{"error": "..."}``, ``{"message"}`` or text."""
    if isinstance(payload, dict):
        err = payload.get("error")
        msg = err.get("message") if isinstance(err, dict) else err
        if not (isinstance(msg, str) and msg):
            msg = payload.get("message")
        if isinstance(msg, str) and msg:
            return msg[:2000]
    elif isinstance(payload, str) and payload.strip():
        return payload.strip()[:2000]
    return _GENERIC_ERROR


def _event_error(response: httpx.Response, data: str) -> APIError:
    """The error for an ``event: error`` event, whose data may or may not be JSON."""
    payload: object
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError):
        payload = data
    return APIError(_error_message(payload), response.request, body=payload)


def _payload_error(response: httpx.Response, payload: dict[str, Any]) -> APIError:
    return APIError(_error_message(payload), response.request, body=payload)


def _malformed(response: httpx.Response, data: str, exc: Exception) -> APIResponseValidationError:
    what = "nests too deep" if isinstance(exc, RecursionError) else f"is not valid JSON ({exc})"
    return APIResponseValidationError(response, data[:200], message=f"Event data {what}: {data[:200]!r}")


def _wrong_shape(response: httpx.Response, value: object, exc: Exception) -> APIResponseValidationError:
    shown = repr(value)[:200]
    return APIResponseValidationError(
        response, None, message=f"Event data is not of the documented shape ({type(exc).__name__}: {exc}): {shown}"
    )


def _too_large(response: httpx.Response, exc: EventTooLarge) -> APIResponseValidationError:
    return APIResponseValidationError(
        response,
        None,
        message=f"An event of the stream is larger than max_event_bytes ({exc.limit} bytes); it was not read whole.",
    )


def _read_error(response: httpx.Response, exc: httpx.HTTPError) -> APIError:
    """Map an httpx failure while reading the body; never let a raw httpx exception out of a stream."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(response.request)
    if isinstance(exc, httpx.DecodingError):
        # Content-Encoding (gzip, br...) that does not decode: the bytes arrived, they are just not valid.
        return APIResponseValidationError(response, None, message=f"Could not decode the response body: {exc}")
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(
        message=f"Connection error while reading the event stream: {detail}", request=response.request
    )


def _iter_items(
    response: httpx.Response, parse: Callable[[Any], T], max_event_bytes: int, seen: _Seen, until_done: bool = True
) -> Generator[T, None, None]:
    """The items of ``response``; its first yield (None, before any I/O) is the Stream's priming step.

    A module function, not a method: a generator whose frame refers to its Stream would make a cycle."""
    try:
        yield cast(T, None)  # the priming step's value, never seen by a user
        decoder = SSEDecoder(max_event_bytes=max_event_bytes)
        decode = decoder._feed_raw
        loads = _loads
        value_of = seen.chunks.value_of
        add_event = seen.chunks.add_event
        chunks = _body(response)
        try:
            for chunk in chunks:
                for event, data, _id, _retry in decode(chunk):
                    if data == _DONE:
                        seen.done = True
                        _drain(response, chunks)
                        return
                    if event is not None and event == "error":
                        raise _event_error(response, data)
                    if not data:
                        continue
                    value = value_of(data)  # a usual chunk's text: its value, built and added up without parsing
                    if value is None:
                        try:
                            value = loads(data)
                        except (ValueError, RecursionError) as exc:
                            raise _malformed(response, data, exc) from exc
                        if type(value) is dict and "error" in value and value["error"] is not None:
                            raise _payload_error(response, value)
                        add_event(data, value)
                    try:
                        item = parse(value)
                    except _SHAPE_ERRORS as exc:
                        raise _wrong_shape(response, value, exc) from exc
                    yield item
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise _read_error(response, exc) from exc
        except EventTooLarge as exc:
            raise _too_large(response, exc) from None
        if not until_done and not decoder.pending:
            seen.done = True
            return
        raise APIConnectionError(message=_TRUNCATED, request=response.request)
    finally:
        response.close()


def _body(response: httpx.Response) -> Iterator[bytes]:
    """The body's bytes as they arrive. Without a Content-Encoding the transport's stream is the body, and
    reading it directly skips what iter_raw adds per network read (a generator, a chunker's list, a byte count):
    about a tenth of our time per event. The response is marked consumed, as iter_raw marks it."""
    if "content-encoding" in response.headers or response.is_stream_consumed or response.is_closed:
        return response.iter_bytes()  # decodes; or raises httpx's own error for a stream read twice
    stream = response.stream
    if not isinstance(stream, httpx.SyncByteStream):
        return response.iter_raw()  # raises httpx's error for an async stream
    response.is_stream_consumed = True
    return iter(stream)


def _abody(response: httpx.Response) -> AsyncIterator[bytes]:
    """The async twin of _body."""
    if "content-encoding" in response.headers or response.is_stream_consumed or response.is_closed:
        return response.aiter_bytes()
    stream = response.stream
    if not isinstance(stream, httpx.AsyncByteStream):
        return response.aiter_raw()
    response.is_stream_consumed = True
    return aiter(stream)


_WRAPPED: Final = ("_stream", "_httpcore_stream", "_connection")  # what each layer wraps, by httpx/httpcore's names


def _parser(response: httpx.Response) -> Any:
    """httpcore's HTTP/1.1 parser (an h11 Connection) behind a response from httpx's own transport, else None.
    These are private attributes of httpx and httpcore, read defensively: without them, bytes the parser holds
    are not seen, and the connection is closed rather than reused; nothing waits either way."""
    obj: Any = response.stream  # httpx's stream, around httpcore's pool stream, around the connection's
    for _ in range(8):
        parser = getattr(obj, "_h11_state", None)
        if parser is not None:
            return parser
        obj = next((inner for name in _WRAPPED if (inner := getattr(obj, name, None)) is not None), None)
        if obj is None:
            break
    return None


def _ready(response: httpx.Response) -> bool:
    """Whether the rest of the body can be read without waiting on the server: all of a sized body has arrived,
    or the bytes that have (in the HTTP parser's buffer, then in a plain socket's) end where a chunked body ends.
    Part of an end (the line break after the [DONE] chunk, say) is not ready: reading on would wait."""
    try:
        parser = _parser(response)
        if parser is None:
            return False
        if getattr(getattr(parser, "_reader", None), "_remaining", None) == 0:
            return True
        pending: bytes = parser.trailing_data[0] + _peek(response)
        return pending.endswith(b"\r\n\r\n")
    except Exception:  # noqa: BLE001 (an unknown transport: then the connection is closed, not waited on)
        return False


def _peek(response: httpx.Response) -> bytes:
    """The bytes waiting in the socket of a plain (not TLS) connection, left where they are; b"" when none.
    The socket is made non-blocking for the peek (with a timeout set, Python would wait for data to arrive);
    httpcore sets its own timeout again before each read."""
    stream = response.extensions.get("network_stream")
    if stream is None or stream.get_extra_info("ssl_object") is not None:
        return b""
    sock = stream.get_extra_info("socket")
    if not isinstance(sock, socket.socket) or isinstance(sock, ssl.SSLSocket):
        return b""
    timeout = sock.gettimeout()
    try:
        sock.settimeout(0)
        return sock.recv(_DRAIN_LIMIT, socket.MSG_PEEK)
    except OSError:  # nothing there (BlockingIOError), or the socket is gone
        return b""
    finally:
        sock.settimeout(timeout)


def _drain(response: httpx.Response, chunks: Iterator[bytes]) -> None:
    """After [DONE]: read what has already arrived, so a finished body leaves its connection reusable."""
    seen = 0
    try:
        while seen <= _DRAIN_LIMIT and _ready(response):
            seen += len(next(chunks))
    except (StopIteration, httpx.HTTPError):
        pass


class Stream(Generic[T_co]):
    """Iterate the items of a streamed response; use it as a context manager or call ``close()``."""

    response: httpx.Response

    def __init__(
        self,
        response: httpx.Response,
        parse: Callable[[Any], T_co],
        *,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        until_done: bool = True,
    ) -> None:
        self.response = response
        self._parse = parse
        self._seen = _Seen()
        iterator = _iter_items(response, parse, max_event_bytes, self._seen, until_done)
        next(iterator)  # primed: from here on its finally closes the response however it ends
        self._iterator = iterator

    def __iter__(self) -> Iterator[T_co]:
        # The generator itself, so that a for loop steps it without a Python-level __next__ per item.
        return self._iterator

    def __next__(self) -> T_co:
        return next(self._iterator)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop iterating and release the connection; safe to call more than once."""
        try:
            self._iterator.close()
        except ValueError:
            pass  # called from inside parse(): the generator is running and closes the response on its way out
        self.response.close()

    def get_final_completion(self: Stream[_AddsUp[F]]) -> F:
        """Read the rest of the stream and return the whole answer its chunks add up to: a ChatCompletion for
        a chat stream (content joined, tool calls with their arguments joined, finish reasons, usage), a
        TextCompletion for a text one. Chunks already iterated count too.

        Raises:
            APIConnectionError: the stream was closed, or cut, before its end (the answer would be partial).
        """
        for _ in self._iterator:
            pass
        return _final(self._seen, self._parse, self.response)


async def _aiter_items(
    response: httpx.Response, parse: Callable[[Any], T], max_event_bytes: int, seen: _Seen, until_done: bool = True
) -> AsyncGenerator[T, None]:
    """The async twin of _iter_items."""
    try:
        yield cast(T, None)  # the priming step's value, never seen by a user
        decoder = SSEDecoder(max_event_bytes=max_event_bytes)
        decode = decoder._feed_raw
        loads = _loads
        value_of = seen.chunks.value_of
        add_event = seen.chunks.add_event
        chunks = _abody(response)
        try:
            async for chunk in chunks:
                for event, data, _id, _retry in decode(chunk):
                    if data == _DONE:
                        seen.done = True
                        await _adrain(response, chunks)
                        return
                    if event is not None and event == "error":
                        raise _event_error(response, data)
                    if not data:
                        continue
                    value = value_of(data)  # a usual chunk's text: its value, built and added up without parsing
                    if value is None:
                        try:
                            value = loads(data)
                        except (ValueError, RecursionError) as exc:
                            raise _malformed(response, data, exc) from exc
                        if type(value) is dict and "error" in value and value["error"] is not None:
                            raise _payload_error(response, value)
                        add_event(data, value)
                    try:
                        item = parse(value)
                    except _SHAPE_ERRORS as exc:
                        raise _wrong_shape(response, value, exc) from exc
                    yield item
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise _read_error(response, exc) from exc
        except EventTooLarge as exc:
            raise _too_large(response, exc) from None
        if not until_done and not decoder.pending:
            seen.done = True
            return
        raise APIConnectionError(message=_TRUNCATED, request=response.request)
    finally:
        await response.aclose()


async def _adrain(response: httpx.Response, chunks: AsyncIterator[bytes]) -> None:
    """The async twin of _drain."""
    seen = 0
    try:
        while seen <= _DRAIN_LIMIT and _ready(response):
            seen += len(await anext(chunks))
    except (StopAsyncIteration, httpx.HTTPError):
        pass


def _prime(agen: AsyncGenerator[Any, None]) -> None:
    """Run an async generator to its first yield without awaiting: the step before it awaits nothing, so its
    ``__anext__`` completes on the first ``send`` (and the running loop's finalizer hook now knows it)."""
    try:
        agen.__anext__().send(None)
    except StopIteration:
        return
    raise RuntimeError("the stream's item generator awaited before its priming yield")  # pragma: no cover


class AsyncStream(Generic[T_co]):
    """The async twin of Stream, over a response from an ``httpx.AsyncClient``."""

    response: httpx.Response

    def __init__(
        self,
        response: httpx.Response,
        parse: Callable[[Any], T_co],
        *,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        until_done: bool = True,
    ) -> None:
        self.response = response
        self._parse = parse
        self._seen = _Seen()
        iterator = _aiter_items(response, parse, max_event_bytes, self._seen, until_done)
        _prime(iterator)
        self._iterator = iterator

    def __aiter__(self) -> AsyncIterator[T_co]:
        return self._iterator

    async def __anext__(self) -> T_co:
        return await self._iterator.__anext__()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop iterating and release the connection; safe to call more than once."""
        try:
            await self._iterator.aclose()
        except RuntimeError:
            pass  # the generator is running (closed from inside parse() or another task)
        await self.response.aclose()

    async def close(self) -> None:
        """Alias of aclose()."""
        await self.aclose()

    async def get_final_completion(self: AsyncStream[_AddsUp[F]]) -> F:
        """The async form of Stream.get_final_completion()."""
        async for _ in self._iterator:
            pass
        return _final(self._seen, self._parse, self.response)


def _final(seen: _Seen, parse: Callable[[Any], _AddsUp[F]], response: httpx.Response) -> F:
    if not seen.done:
        raise APIConnectionError(
            message="The stream was closed before its end, so its final completion would be partial.",
            request=response.request,
        )
    data = seen.chunks.result()
    first = seen.chunks.first
    if first is None:
        raise APIResponseValidationError(response, None, message="The stream ended without any chunk.")
    from ._response import tag_request_id  # noqa: PLC0415

    result = parse(first)._oruel_final(data)
    tag_request_id(result, response)
    return result
