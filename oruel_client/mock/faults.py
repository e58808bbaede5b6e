"""Fault injection for the local server, chosen per request by headers.

``x-oruel-mock-fault`` takes one of these values (an unknown value is a 400 naming the header):

=================  ====================================================================================
``429``            429 with a ``rate_limit_error`` envelope and ``Retry-After`` set to the value of
                   ``x-oruel-mock-retry-after`` (passed through as given, so an HTTP-date works too;
                   default ``0``); ``retry-after-ms`` too when ``x-oruel-mock-retry-after-ms`` is given.
``500`` ``502``    That status with a ``server_error`` envelope (and ``Retry-After`` / ``retry-after-ms``
``503``            when the headers above are given).
``html``           502 with an HTML body (``text/html``), as a proxy in front of the API would send.
``drop``           The connection is closed before any byte of a response.
``drop-mid-stream``  Streaming: half the events, then the connection is closed (no ``[DONE]``, no final
                   chunk of the chunked encoding). Not streaming: the headers and half the body, then closed.
``slow-stream``    ``x-oruel-mock-delay`` seconds (default 0.2; half that with ``tier: turbo``) before
                   each event; not streaming: before the response.
``malformed-chunk``  Streaming: after the first event, a ``data:`` line that is not JSON, then the rest of
                   the stream. Not streaming: a 200 whose JSON body is cut short.
``error-event``    Streaming: after the first event, an ``event: error`` frame whose data is an error
                   envelope, then the stream ends without ``[DONE]``. Not streaming: a 500 envelope.
``error-data``     As ``error-event`` but a plain ``data:`` line carrying ``{"error": ...}``.
=================  ====================================================================================

``x-oruel-mock-fault-times: N`` with ``x-oruel-mock-fault-id: <any string>``: the fault fires only for the
first N requests carrying that id; later ones are served normally (fail twice, then succeed). Every request
with the id counts, whatever it asked for. Without an id the fault fires on every request.

Closing a connection needs the server's transport, which ASGI does not expose: ``asgi.abort_connection`` finds
it behind uvicorn's ``send`` (the server this package runs). Under another server, ``drop`` faults answer 500.

Faults come after routing, the key, the body and validation checks (app.py): ``answer_early`` replaces the
answer (status faults, ``html``, ``drop``); ``deliver_with_fault`` writes a built answer bent by the fault.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .asgi import Receive, Send, abort_connection, close_early, deliver, start, start_stream, wait_disconnect
from .replies import ApiError, EventStream, Reply, error_envelope

__all__ = [
    "FAULT_HEADER",
    "FAULT_ID_HEADER",
    "FAULT_TIMES_HEADER",
    "RETRY_AFTER_HEADER",
    "RETRY_AFTER_MS_HEADER",
    "DELAY_HEADER",
    "FAULTS",
    "STREAM_FAULTS",
    "DEFAULT_DELAY",
    "HTML_BODY",
    "Fault",
    "FaultHeaderError",
    "FaultCounter",
    "parse_fault",
    "answer_early",
    "deliver_with_fault",
]

FAULT_HEADER = "x-oruel-mock-fault"
FAULT_ID_HEADER = "x-oruel-mock-fault-id"
FAULT_TIMES_HEADER = "x-oruel-mock-fault-times"
RETRY_AFTER_HEADER = "x-oruel-mock-retry-after"
RETRY_AFTER_MS_HEADER = "x-oruel-mock-retry-after-ms"
DELAY_HEADER = "x-oruel-mock-delay"

STATUS_FAULTS = frozenset({"429", "500", "502", "503"})
STREAM_FAULTS = frozenset({"drop-mid-stream", "slow-stream", "malformed-chunk", "error-event", "error-data"})
FAULTS = STATUS_FAULTS | STREAM_FAULTS | {"html", "drop"}
DEFAULT_DELAY = 0.2
HTML_BODY = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    retry_after: str | None
    retry_after_ms: str | None
    delay: float

    def retry_headers(self) -> list[tuple[str, str]]:
        headers = []
        if self.retry_after is not None:
            headers.append(("retry-after", self.retry_after))
        if self.retry_after_ms is not None:
            headers.append(("retry-after-ms", self.retry_after_ms))
        return headers


class FaultHeaderError(ValueError):
    """A mock control header with a value the server cannot use."""

    def __init__(self, header: str, message: str) -> None:
        super().__init__(message)
        self.header = header


class FaultCounter:
    """How many requests carried each fault id (shared by all connections, hence the lock)."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def count(self, fault_id: str) -> int:
        """Record one more request with ``fault_id``; returns how many there have been, this one included."""
        with self._lock:
            seen = self._seen.get(fault_id, 0) + 1
            self._seen[fault_id] = seen
            return seen

    def seen(self, fault_id: str) -> int:
        with self._lock:
            return self._seen.get(fault_id, 0)

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()


def _number(headers: Mapping[str, str], name: str, default: float, *, integer: bool = False) -> float:
    raw = headers.get(name)
    if raw is None:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        raise FaultHeaderError(name, f"{name} must be a {'whole ' if integer else ''}number, got {raw!r}") from None
    if value < 0:
        raise FaultHeaderError(name, f"{name} must not be negative, got {raw!r}")
    return value


def parse_fault(headers: Mapping[str, str], counter: FaultCounter, *, turbo: bool = False) -> Fault | None:
    """The fault this request asks for and should get, or None. ``headers`` have lower-case names."""
    kind = headers.get(FAULT_HEADER)
    if kind is None:
        return None
    kind = kind.strip().lower()
    if kind not in FAULTS:
        raise FaultHeaderError(FAULT_HEADER, f"unknown {FAULT_HEADER} {kind!r}; one of {', '.join(sorted(FAULTS))}")
    times = headers.get(FAULT_TIMES_HEADER)
    fault_id = headers.get(FAULT_ID_HEADER)
    if times is not None and fault_id is not None:
        limit = int(_number(headers, FAULT_TIMES_HEADER, 0, integer=True))
        if counter.count(fault_id) > limit:
            return None
    delay = _number(headers, DELAY_HEADER, DEFAULT_DELAY)
    retry_after = headers.get(RETRY_AFTER_HEADER)
    if kind == "429" and retry_after is None:
        retry_after = "0"
    return Fault(kind, retry_after, headers.get(RETRY_AFTER_MS_HEADER), delay / 2 if turbo else delay)


async def answer_early(fault: Fault, data: Any, receive: Receive, send: Send, common: list[tuple[str, str]]) -> bool:
    """Faults that replace the answer: raises the ApiError to answer, or returns True when the request is
    done (False: build the answer, then ``deliver_with_fault``)."""
    streaming = isinstance(data, Mapping) and data.get("stream") is True
    if fault.kind == "drop":
        if abort_connection(send):
            await wait_disconnect(receive)
            return True
        raise ApiError(500, "Mock fault drop (this server cannot close the connection).", "server_error")
    if fault.kind in STATUS_FAULTS:
        status = int(fault.kind)
        kind = "rate_limit_error" if status == 429 else "server_error"
        code = "rate_limit_exceeded" if status == 429 else "mock_fault"
        raise ApiError(status, f"Mock fault {status}.", kind, code, headers=fault.retry_headers())
    if fault.kind == "html":
        await deliver(Reply(502, HTML_BODY, "text/html; charset=utf-8", fault.retry_headers()), send, common)
        return True
    if fault.kind in ("error-event", "error-data") and not streaming:
        raise ApiError(500, f"Mock fault {fault.kind}.", "server_error", "mock_fault")
    return False


async def deliver_with_fault(
    result: Reply | EventStream,
    fault: Fault,
    receive: Receive,
    send: Send,
    common: list[tuple[str, str]],
    closing: threading.Event,
) -> None:
    """Write ``result`` as a ``STREAM_FAULTS`` fault bends it. ``closing`` cuts slow-stream pauses short."""
    if isinstance(result, EventStream):
        await _stream_with_fault(result, fault, receive, send, common, closing)
        return
    if fault.kind == "slow-stream":
        if not await _pause(fault.delay, closing):
            await close_early(send, receive)
            return
    elif fault.kind == "malformed-chunk" and result.status == 200:
        result = Reply(200, result.body[: len(result.body) // 2], result.content_type, result.headers)
    elif fault.kind == "drop-mid-stream":
        await start(send, result.status, result.content_type, [*common, *result.headers], len(result.body))
        await send({"type": "http.response.body", "body": result.body[: len(result.body) // 2], "more_body": True})
        await close_early(send, receive)
        return
    await deliver(result, send, common)


async def _pause(seconds: float, closing: threading.Event) -> bool:
    """Sleep, in short steps so that a server shutdown is noticed; False if it was."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if closing.is_set():
            return False
        await asyncio.sleep(min(left, 0.05))
    return not closing.is_set()


async def _stream_with_fault(
    result: EventStream,
    fault: Fault,
    receive: Receive,
    send: Send,
    common: list[tuple[str, str]],
    closing: threading.Event,
) -> None:
    await start_stream(send, result, common)
    events = result.events
    drop_at = max(1, len(events) // 2)
    for index, event in enumerate(events):
        if fault.kind == "drop-mid-stream" and index == drop_at:
            await close_early(send, receive)
            return
        if index == 1 and fault.kind in ("error-event", "error-data"):
            error = error_envelope("Mock fault: the model failed mid-stream.", "server_error", "mock_fault")
            frame = b"event: error\ndata: " if fault.kind == "error-event" else b"data: "
            await send({"type": "http.response.body", "body": frame + error + b"\n\n", "more_body": True})
            break
        if index == 1 and fault.kind == "malformed-chunk":
            await send({"type": "http.response.body", "body": b'data: {"id": "oops", not json\n\n', "more_body": True})
        if fault.kind == "slow-stream" and not await _pause(fault.delay, closing):
            await close_early(send, receive)
            return
        await send({"type": "http.response.body", "body": event, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
