"""The SSE decoder on its own: framing, fields, UTF-8 across chunk boundaries, and chunking invariance."""

from __future__ import annotations

import dataclasses
import json
import pickle
import time
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oruel_client._sse import EventTooLarge, ServerSentEvent, SSEDecoder


def ev(data: str, event: str | None = None, id: str | None = None, retry: int | None = None) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=id, retry=retry)


def decode(pieces: Iterable[bytes], decoder: SSEDecoder | None = None) -> list[ServerSentEvent]:
    decoder = decoder or SSEDecoder()
    out: list[ServerSentEvent] = []
    for piece in pieces:
        out += decoder.feed(piece)
    out += decoder.flush()
    return out


def bytewise(raw: bytes) -> list[bytes]:
    return [raw[i : i + 1] for i in range(len(raw))]


def test_single_event_is_a_real_frozen_server_sent_event() -> None:
    decoder = SSEDecoder()
    decoder.feed(b": warm-up so the next chunk takes the fast path\n\n")
    [event] = decoder.feed(b'data: {"a": 1}\n\n')
    assert type(event) is ServerSentEvent
    assert event == ev('{"a": 1}')
    assert hash(event) == hash(ev('{"a": 1}'))
    assert repr(event) == "ServerSentEvent(event=None, data='{\"a\": 1}', id=None, retry=None)"
    assert event.json() == {"a": 1}
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.data = "x"  # type: ignore[misc]
    assert dataclasses.replace(event, id="7") == ev('{"a": 1}', id="7")
    assert pickle.loads(pickle.dumps(event)) == event


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"], ids=["LF", "CR", "CRLF"])
def test_line_endings(eol: bytes) -> None:
    raw = eol.join([b"event: e", b"data: a", b"data: b", b"", b"data: c", b"", b""])
    expected = [ev("a\nb", event="e"), ev("c")]
    assert decode([raw]) == expected
    assert decode(bytewise(raw)) == expected


def test_mixed_line_endings_in_one_stream() -> None:
    assert decode([b"data: a\r\ndata: b\rdata: c\n\r\n"]) == [ev("a\nb\nc")]


def test_crlf_split_across_chunks_is_one_line_break() -> None:
    # Counted as two breaks, the LF would be a blank line and dispatch "a" alone.
    assert decode([b"data: a\r", b"\ndata: b\r\n\r\n"]) == [ev("a\nb")]
    # The same with an empty chunk in between, and with the CR ending the blank line itself.
    assert decode([b"data: a\r", b"", b"\ndata: b\r\n\r", b"\n", b"data: c\n\n"]) == [ev("a\nb"), ev("c")]


def test_cr_then_cr_are_two_line_breaks() -> None:
    assert decode([b"data: a\r", b"\r", b"data: b\r\r"]) == [ev("a"), ev("b")]


def test_lone_cr_at_end_of_chunk_dispatches_without_waiting_for_the_next_chunk() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r\r") == [ev("a")]
    assert decoder.feed(b"\ndata: b\n\n") == [ev("b")]


@pytest.mark.parametrize("char", ["é", "😀", "\u2028", "\u2029", "\u0085", "中"])
def test_multibyte_char_split_at_every_offset(char: str) -> None:
    payload = json.dumps({"text": f"a{char}b"}, ensure_ascii=False)
    raw = f"data: {payload}\n\n".encode()
    start = raw.index(char.encode())
    for cut in range(start + 1, start + len(char.encode())):
        [event] = decode([raw[:cut], raw[cut:]])
        assert event.data == payload
        assert event.json() == {"text": f"a{char}b"}


def test_unicode_line_separators_do_not_split_lines() -> None:
    # str.splitlines() would cut this payload at U+2028, U+2029, U+0085, VT and FF.
    payload = '{"t": "x\u2028y\u2029z\u0085w\x0bv\x0cu"}'
    assert decode([f"data: {payload}\n\n".encode()]) == [ev(payload)]


def test_multiline_data_and_space_handling() -> None:
    raw = b"data: one\ndata:two\ndata:  three\ndata\ndata:\n\n"
    # One optional space is removed, a second one is kept; "data" and "data:" add empty lines.
    assert decode([raw]) == [ev("one\ntwo\n three\n\n")]


def test_empty_data_field_is_dispatched_as_empty_string() -> None:
    assert decode([b"data:\n\n", b"data\n\n"]) == [ev(""), ev("")]


def test_comments_are_ignored() -> None:
    raw = b": keep-alive\n\n:\n\ndata: a\n: in between\ndata: b\n\n"
    assert decode([raw]) == [ev("a\nb")]


def test_event_type() -> None:
    raw = b"event: delta\ndata: 1\n\nevent:\ndata: 2\n\ndata: 3\n\nevent: x\n\n"
    # The type applies to its own event only; an empty type is the default (None).
    assert decode([raw]) == [ev("1", event="delta"), ev("2"), ev("3")]


def test_id_persists_and_resets() -> None:
    raw = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\nid\ndata: d\n\nid: x\x00y\ndata: e\n\n"
    assert decode([raw]) == [ev("a", id="1"), ev("b", id="1"), ev("c", id="2"), ev("d"), ev("e")]


def test_id_with_nul_is_ignored() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: good\ndata: a\n\nid: b\x00d\ndata: b\n\n") == [ev("a", id="good"), ev("b", id="good")]
    assert decoder.last_event_id == "good"


def test_retry_digits_only() -> None:
    raw = (
        b"retry: 1500\ndata: a\n\n"
        b"retry: 15a\ndata: b\n\n"
        b"retry: -1\ndata: c\n\n"
        b"retry:\ndata: d\n\n" + "retry: \u0661\u0662\ndata: e\n\n".encode() + b"retry: 7\n\n"
        # Non-ASCII digits pass str.isdigit() but are not what the spec calls digits.
    )
    decoder = SSEDecoder()
    assert decode([raw], decoder) == [ev("a", retry=1500), ev("b"), ev("c"), ev("d"), ev("e")]
    # A retry in a block without data still sets the reconnection time.
    assert decoder.retry == 7


def test_fields_without_colon_and_unknown_fields() -> None:
    raw = b"foo: bar\nevent\nbaz\nDATA: no\nData: no\ndata: yes\n\n"
    assert decode([raw]) == [ev("yes")]


def test_events_without_data_are_not_dispatched() -> None:
    assert decode([b"event: x\n\nid: 3\n\nretry: 10\n\n: c\n\n\n\n"]) == []


def test_bom_is_stripped_once_even_when_split() -> None:
    raw = b"\xef\xbb\xbfdata: a\n\n\xef\xbb\xbfdata: b\n\n"
    # The second BOM makes the field name "\ufeffdata", an unknown field.
    assert decode([raw]) == [ev("a")]
    assert decode(bytewise(raw)) == [ev("a")]
    assert decode([b"\xef", b"\xbb", b"\xbfdata: a\n\n"]) == [ev("a")]


def test_partial_bom_prefix_is_data() -> None:
    # Bytes that start like a BOM but are not one are kept (here they make the field name unknown).
    assert decode([b"\xef\xbb", b"data: a\n\ndata: b\n\n"]) == [ev("b")]


def test_invalid_utf8_is_replaced() -> None:
    assert decode([b"data: a\xffb\n\n"]) == [ev("a\ufffdb")]
    decoder = SSEDecoder()
    decoder.feed(b"data: warm\n\n")
    assert decoder.feed(b"data: \xc3\n\n") == [ev("\ufffd")]


def test_flush_discards_an_unterminated_event() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n\ndata: b\n") == [ev("a")]
    assert decoder.flush() == []
    # The decoder is ready for a new stream afterwards; the last event ID survives.
    decoder2 = SSEDecoder()
    decoder2.feed(b"id: 9\ndata: x\n\ndata: incomplete")
    assert decoder2.flush() == []
    assert decoder2.feed(b"data: y\n\n") == [ev("y", id="9")]


def test_state_pending_across_chunks_is_not_skipped_by_fast_path() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: warm\n\n") == [ev("warm")]
    assert decoder.feed(b"event: e\n") == []
    assert decoder.feed(b"data: a\n\n") == [ev("a", event="e")]
    assert decoder.feed(b"data: b\n") == []
    assert decoder.feed(b"data: c\n\n") == [ev("b\nc")]
    assert decoder.feed(b"data: par") == []
    assert decoder.feed(b"data: tial\n\n") == [ev("pardata: tial")]
    assert decoder.feed(b"data: a\n\ndata: par") == [ev("a")]
    assert decoder.feed(b"data: tial\n\n") == [ev("pardata: tial")]
    assert decoder.feed(b"retry: 5\n") == []
    assert decoder.feed(b"data: r\n\n") == [ev("r", retry=5)]
    assert decoder.feed(b"data: s\n\n") == [ev("s")]


def test_fields_take_effect_when_the_block_is_complete() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 5\nretry: 10\n") == []
    assert (decoder.last_event_id, decoder.retry) == (None, None)
    assert decoder.feed(b"\n") == []
    assert (decoder.last_event_id, decoder.retry) == ("5", 10)


def test_blank_line_split_across_chunks() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\ndata: b\n") == [ev("a")]
    assert decoder.feed(b"data: c\n") == []
    assert decoder.feed(b"\n") == [ev("b\nc")]


def test_long_event_in_many_small_chunks() -> None:
    payload = json.dumps({"text": "é" * 5000})
    raw = f"data: {payload}\n\n".encode()
    assert decode(raw[i : i + 7] for i in range(0, len(raw), 7)) == [ev(payload)]


def test_several_events_in_one_chunk() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"data: warm\n\n")
    assert decoder.feed(b"data: 1\n\ndata: 2\n\nevent: e\ndata: 3\n\ndata: 4") == [ev("1"), ev("2"), ev("3", event="e")]
    assert decoder.feed(b"\n\n") == [ev("4")]
    # Shaped like the fast path's single event (starts with "data: ", ends with a blank line) but is not one.
    assert decoder.feed(b"data: 5\n\ndata: 6\n\n") == [ev("5"), ev("6")]
    assert decoder.feed(b"data: 7\ndata: 8\n\n") == [ev("7\n8")]
    assert decoder.feed(b"data: 9\revent: e\n\n") == [ev("9", event="e")]


def test_feed_raw_matches_feed() -> None:
    raw = b"data: 1\n\nid: 4\nevent: error\ndata: {}\n\nretry: 9\ndata: 2\r\n\r\n"
    decoder = SSEDecoder()
    tuples = [t for i in range(len(raw)) for t in decoder._feed_raw(raw[i : i + 1])]
    assert tuples == [(None, "1", None, None), ("error", "{}", "4", None), (None, "2", "4", 9)]
    decoder = SSEDecoder()
    decoder.feed(b"id: 3\n\n")
    assert decoder._feed_raw(b'data: {"x": "\xc3\xa9"}\n\n') == [(None, '{"x": "é"}', "3", None)]


# --- property: chunking never changes the result -----------------------------------------------------------

_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_characters="\r\n", exclude_categories=["Cs"]),
        st.sampled_from(["é", "😀", "\u2028", "\u2029", "\u0085", " ", ":", "\x00", "\ufeff"]),
    ),
    max_size=12,
)
_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzDATE", min_size=1, max_size=6).filter(
    lambda n: n not in ("data", "event", "id", "retry")
)
_FIELD = st.one_of(
    st.tuples(st.just("data"), _TEXT),
    st.tuples(st.just("event"), _TEXT),
    st.tuples(st.just("id"), _TEXT),
    st.tuples(st.just("retry"), st.one_of(st.integers(0, 10**6).map(str), _TEXT)),
    st.tuples(st.just("comment"), _TEXT),
    st.tuples(st.just("unknown"), st.tuples(_NAME, _TEXT)),
    st.tuples(st.just("bare"), st.sampled_from(["data", "event", "id", "retry"])),
)
_BLOCKS = st.lists(st.lists(_FIELD, max_size=5), max_size=6)


def _serialise(blocks: list[list[tuple[str, object]]], eols: list[str], bom: bool, tail: str) -> bytes:
    lines: list[str] = []
    for block in blocks:
        for kind, value in block:
            if kind == "comment":
                lines.append(f":{value}")
            elif kind == "unknown":
                assert isinstance(value, tuple)
                lines.append(f"{value[0]}: {value[1]}")
            elif kind == "bare":
                lines.append(str(value))
            else:
                lines.append(f"{kind}: {value}")
        lines.append("")
    out: list[str] = []
    prev = ""
    for i, line in enumerate(lines):
        eol = eols[i % len(eols)]
        # CR ending a line, then an empty line ending in LF, would be read as one CRLF: avoid the ambiguity.
        if prev == "\r" and line == "" and eol == "\n":
            eol = "\r\n"
        out.append(line + eol)
        prev = eol
    # An unterminated trailing event (no blank line): never dispatched. It must not start with an LF that
    # would complete a CR line break.
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(out).encode() + tail.encode()


def _expected(blocks: list[list[tuple[str, object]]]) -> list[ServerSentEvent]:
    """The spec's algorithm on already-split lines, as the oracle."""
    events: list[ServerSentEvent] = []
    last_id: str | None = None
    for block in blocks:
        data: list[str] = []
        event: str | None = None
        retry: int | None = None
        for kind, value in block:
            if kind == "bare":
                kind, value = str(value), ""
            assert isinstance(value, str) or kind in ("unknown",)
            if kind == "data":
                data.append(str(value))
            elif kind == "event":
                event = str(value) or None
            elif kind == "id" and "\x00" not in str(value):
                last_id = str(value) or None
            elif kind == "retry" and str(value).isascii() and str(value).isdigit():
                retry = int(str(value))
        if data:
            events.append(ServerSentEvent(event, "\n".join(data), last_id, retry))
    return events


@settings(max_examples=300, deadline=None)
@given(
    blocks=_BLOCKS,
    eols=st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=1, max_size=4),
    bom=st.booleans(),
    tail=st.sampled_from(["", "data: never dispatched", "data: x\ndata: y", "event: e"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=12),
)
def test_any_chunking_decodes_like_one_chunk(
    blocks: list[list[tuple[str, object]]], eols: list[str], bom: bool, tail: str, cuts: list[int]
) -> None:
    raw = _serialise(blocks, eols, bom, tail)
    offsets = sorted({c % (len(raw) + 1) for c in cuts})
    pieces = [raw[a:b] for a, b in zip([0, *offsets], [*offsets, len(raw)], strict=True)]
    whole = decode([raw])
    assert whole == _expected(blocks)
    assert decode(pieces) == whole
    tuples: list[tuple[str | None, str, str | None, int | None]] = []
    decoder = SSEDecoder()
    for piece in pieces:
        tuples += decoder._feed_raw(piece)
    assert tuples == [(e.event, e.data, e.id, e.retry) for e in whole]


@settings(max_examples=100, deadline=None)
@given(payloads=st.lists(_TEXT, min_size=1, max_size=8), data=st.data())
def test_one_event_per_chunk_stream_with_random_splits(payloads: list[str], data: st.DataObject) -> None:
    """The common framing, where the fast path applies, cut anywhere (including inside UTF-8 sequences)."""
    raw = b"".join(f"data: {p}\n\n".encode() for p in payloads)
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=10))
    offsets = sorted(set(cuts))
    pieces = [raw[a:b] for a, b in zip([0, *offsets], [*offsets, len(raw)], strict=True)]
    assert decode(pieces) == [ev(p) for p in payloads]
    # Again after a blank line, which changes nothing but leaves the decoder idle, so the first piece can
    # already take the fast path.
    assert decode([b"\n", *pieces]) == [ev(p) for p in payloads]


def test_speed_is_within_reach_of_json_loads() -> None:
    """A coarse guard against a per-character decoder; the real target (>= 0.8x) is for the benchmark."""
    payloads = [
        json.dumps(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "m",
                "choices": [{"index": 0, "delta": {"content": f" token{i}"}, "finish_reason": None}],
            }
        )
        for i in range(20_000)
    ]
    chunks = [f"data: {p}\n\n".encode() for p in payloads]

    def raw() -> None:
        for p in payloads:
            json.loads(p)

    def sse() -> None:
        feed = SSEDecoder().feed
        for c in chunks:
            for e in feed(c):
                json.loads(e.data)

    def best(fn: object) -> float:
        assert callable(fn)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    ratio = best(raw) / best(sse)
    assert ratio > 0.5, f"SSE decoding + json.loads runs at {ratio:.2f}x of json.loads alone"


# --- size limit ------------------------------------------------------------------------------------------------


def feed_all(decoder: SSEDecoder, body: bytes, size: int) -> list[ServerSentEvent]:
    out: list[ServerSentEvent] = []
    for i in range(0, len(body), size):
        out += decoder.feed(body[i : i + size])
    return out


@pytest.mark.parametrize("size", [1, 7, 64, 1000])
def test_an_event_at_the_limit_passes_and_one_byte_more_is_refused(size: int) -> None:
    event = b"data: " + b"x" * 94 + b"\n\n"  # 102 bytes with its blank line; 100 without it
    assert [e.data for e in feed_all(SSEDecoder(max_event_bytes=101), event, size)] == ["x" * 94]
    with pytest.raises(EventTooLarge) as info:
        feed_all(SSEDecoder(max_event_bytes=99), event, size)
    assert info.value.limit == 99


@pytest.mark.parametrize("size", [3, 50, 4096])
def test_many_small_events_may_add_up_to_far_more_than_the_limit(size: int) -> None:
    body = b"".join(b"data: %d\n\n" % i for i in range(2000)) + b": comment\n\n" * 100
    events = feed_all(SSEDecoder(max_event_bytes=32), body, size)
    assert [e.data for e in events] == [str(i) for i in range(2000)]


@pytest.mark.parametrize(
    "body",
    [b"data: " + b"a" * 5000, b": keepalive\n" * 500, b"data: a\n" * 700, b"\xef\xbb\xbf" + b"retry: 1\n" * 600],
    ids=["endless-line", "comments-without-blank-line", "data-lines-without-blank-line", "fields-after-bom"],
)
@pytest.mark.parametrize("size", [1, 13, 65536])
def test_an_event_that_never_ends_is_refused_once_past_the_limit(body: bytes, size: int) -> None:
    decoder = SSEDecoder(max_event_bytes=4096)
    with pytest.raises(EventTooLarge):
        feed_all(decoder, body, size)
