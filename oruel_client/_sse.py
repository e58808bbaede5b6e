"""Incremental Server-Sent Events decoder (WHATWG HTML, "Interpreting an event stream").

Bytes go in as they arrive from the socket, complete events come out. Lines are split on the bytes CR, LF
and CRLF only: ``str.splitlines`` and httpx's ``iter_lines`` also split on U+2028, U+0085 and friends,
which JSON allows unescaped inside strings, so they would cut a payload in two. Text is decoded per
complete line, so a multi-byte UTF-8 character split across chunks arrives intact.

Decisions that go beyond the spec's wording:

* ``event`` is None when the event named no type (the spec's default "message"); ``event:`` with an empty
  value also gives None.
* ``id`` is the stream's *last event ID* when the event was dispatched, as in the spec: an ``id:`` line
  stays in force for the events that follow it until another one replaces it; ``id:`` with an empty value
  resets it to None.
* ``retry`` is the reconnection time given inside *this* event's block, else None. The last value seen
  is also kept in ``SSEDecoder.retry``, since the spec applies a ``retry:`` line even in a block that
  carries no data (and therefore dispatches nothing).
* Invalid UTF-8 is replaced with U+FFFD, as the spec's decoding step does.
* ``flush()`` never dispatches: per the spec, an event whose terminating blank line has not arrived when
  the stream ends is discarded, and so is an unterminated last line.
* Fields take effect when their event's blank line arrives (the whole block is interpreted then), so
  ``last_event_id`` and ``retry`` on the decoder change at that point. The spec's *last event ID string*,
  the one a reconnection sends, is likewise only updated at a blank line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["ServerSentEvent", "SSEDecoder", "EventTooLarge", "DEFAULT_MAX_EVENT_BYTES"]

#: The most bytes one event (its lines up to the blank line that ends it) may take before it is refused.
DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_CR = 13
_LF = 10


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event."""

    event: str | None
    data: str
    id: str | None
    retry: int | None

    def json(self) -> Any:
        """The data decoded as JSON (raises ``json.JSONDecodeError`` if it is not JSON)."""
        return json.loads(self.data)


class EventTooLarge(ValueError):
    """An event (or a line, or comment lines with no blank line between them) grew past the decoder's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"an event of the stream is larger than {limit} bytes")
        self.limit = limit

    def __reduce__(self) -> tuple[type[EventTooLarge], tuple[int]]:
        return (type(self), (self.limit,))


# (event, data, id, retry): an event before it becomes a ServerSentEvent.
_Raw = tuple[str | None, str, str | None, int | None]


class SSEDecoder:
    """Feed it the raw bytes of a ``text/event-stream`` body in chunks of any size; get events back."""

    __slots__ = ("_tail", "_tail_len", "_max", "_skip_lf", "_bom_pending", "_last_id", "_idle", "retry")

    def __init__(self, max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES) -> None:
        # Bytes after the last blank line seen: the start of an event whose blank line has not arrived.
        # Kept as pieces, so an event fed in many small chunks is joined once rather than on every chunk.
        # Always LF-normalised.
        self._tail: list[bytes] = []
        # Bytes held in _tail, bounded by _max: a server that never sends the blank line (one endless line,
        # or comment lines without end) must not make the decoder hold everything it sends.
        self._tail_len = 0
        self._max = max_event_bytes
        # The previous chunk ended with CR: an LF starting the next chunk belongs to that same CRLF.
        self._skip_lf = False
        # Nothing has been seen yet, so a leading BOM (possibly split across chunks) must still be dropped.
        self._bom_pending = True
        self._last_id: str | None = None
        # None of the state above is pending, so a chunk can be decoded on its own: the fast path's precondition.
        self._idle = False
        #: The last valid ``retry:`` value seen on the stream, in milliseconds.
        self.retry: int | None = None

    @property
    def last_event_id(self) -> str | None:
        """The last event ID in force (the ``id`` the next event will carry)."""
        return self._last_id

    @property
    def pending(self) -> bool:
        """Part of an event is held, its blank line not yet seen: a body ending now was cut mid-event."""
        return bool(self._tail)

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode one more chunk of the body and return the events it completes, in order."""
        return [ServerSentEvent(event, data, id, retry) for event, data, id, retry in self._feed_raw(chunk)]

    def _feed_raw(self, chunk: bytes) -> list[_Raw]:
        """Like feed() but each event as an ``(event, data, id, retry)`` tuple: what Stream uses, since a tuple
        costs a fraction of a dataclass. Fast path: a chunk holding exactly one ``data: <one line>`` event, the
        framing servers send when each event is flushed on its own. Operators and slices, not bytes methods:
        a method call costs more."""
        if self._idle and chunk[:6] == b"data: " and chunk[-2:] == b"\n\n" and len(chunk) <= self._max:
            body = chunk[6:-2]
            if 10 not in body and 13 not in body:
                try:
                    return [(None, body.decode(), self._last_id, None)]
                except UnicodeDecodeError:
                    return [(None, body.decode("utf-8", "replace"), self._last_id, None)]
        return self._decode(chunk)

    def flush(self) -> list[ServerSentEvent]:
        """Signal the end of the stream and reset for a new one; the last event ID is kept.

        Always returns an empty list: the spec discards an event still missing its blank line when the
        stream ends (and an unterminated last line), so there is never anything left to dispatch.
        """
        self._tail = []
        self._tail_len = 0
        self._skip_lf = False
        self._bom_pending = True
        self._idle = False
        return []

    def _decode(self, chunk: bytes) -> list[_Raw]:
        tail = self._tail
        if self._bom_pending:
            if tail:
                chunk = b"".join(tail) + chunk
                tail.clear()
            if len(chunk) < 3 and _BOM.startswith(chunk):
                # Too few bytes to tell whether the stream starts with a BOM: wait for more.
                if chunk:
                    tail.append(chunk)
                return []
            self._bom_pending = False
            if chunk[:3] == _BOM:
                chunk = chunk[3:]
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == _LF:
                chunk = chunk[1:]
        if _CR in chunk:
            # Normalise CRLF and lone CR to LF. A CR ending the chunk is a complete line break already;
            # remember it so that an LF opening the next chunk is not counted as a second one.
            self._skip_lf = chunk[-1] == _CR
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")

        # Events end at a blank line, i.e. at LF LF once normalised. Everything before the last LF LF is
        # complete events; the rest waits in the tail. The LF LF may straddle the previous chunk and this one.
        if tail:
            if b"\n\n" not in chunk and not (chunk[:1] == b"\n" and tail[-1][-1] == _LF):
                if chunk:
                    self._hold(chunk)
                return []
            tail.append(chunk)
            buf = b"".join(tail)
            tail.clear()
            self._tail_len = 0
        else:
            buf = chunk
        end = buf.rfind(b"\n\n")
        if end < 0:
            if buf:
                self._hold(buf)
            self._idle = False
            return []
        if end + 2 < len(buf):
            self._hold(buf[end + 2 :])
        if end > self._max:
            # Rare: a chunk (after decompression) longer than the limit; check the events it completes.
            for block in buf[:end].split(b"\n\n"):
                if len(block) > self._max:
                    self._tail = []
                    raise EventTooLarge(self._max)
        self._idle = not tail and not self._skip_lf

        # Splitting the complete part on LF LF gives blocks that each end with a dispatch; a block can still
        # begin or end with an empty line when blank lines come in a row, which the line loop handles.
        out: list[_Raw] = []
        for block in buf[:end].split(b"\n\n"):
            if block[:6] == b"data: " and 10 not in block:
                # The usual event: one data line, no other field.
                try:
                    out.append((None, block[6:].decode(), self._last_id, None))
                except UnicodeDecodeError:
                    out.append((None, block[6:].decode("utf-8", "replace"), self._last_id, None))
            else:
                self._decode_block(block, out)
        return out

    def _hold(self, piece: bytes) -> None:
        """Keep ``piece`` as part of an event whose blank line has not arrived, within the size limit."""
        self._tail_len += len(piece)
        if self._tail_len > self._max:
            self._tail = []
            self._tail_len = 0
            raise EventTooLarge(self._max)
        self._tail.append(piece)

    def _decode_block(self, block: bytes, out: list[_Raw]) -> None:
        """Interpret the lines of one block (no LF LF inside) and dispatch at its end."""
        data: list[str] = []
        event: str | None = None
        retry: int | None = None
        for line in block.split(b"\n"):
            if not line:
                # Blank line: dispatch. An event without any data field is dropped, as the spec says.
                if data:
                    out.append((event, "\n".join(data), self._last_id, retry))
                    data = []
                event = None
                retry = None
                continue
            colon = line.find(b":")
            if colon == 0:
                continue  # comment
            # Field names are compared as bytes; values are decoded only for the fields that are kept.
            if colon < 0:
                name = line
                value = b""
            else:
                name = line[:colon]
                value = line[colon + 1 :]
                if value[:1] == b" ":
                    value = value[1:]
            if name == b"data":
                data.append(value.decode("utf-8", "replace"))
            elif name == b"event":
                event = value.decode("utf-8", "replace") or None
            elif name == b"id":
                if 0 not in value:
                    self._last_id = value.decode("utf-8", "replace") or None
            elif name == b"retry":
                # bytes.isdigit() accepts ASCII digits only, which is exactly the spec's rule.
                if value.isdigit():
                    retry = int(value)
                    self.retry = retry
            # Any other field name is ignored.
        if data:
            out.append((event, "\n".join(data), self._last_id, retry))
