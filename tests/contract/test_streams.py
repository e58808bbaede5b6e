"""Property 4: streamed completions arrive whole, however the bytes are cut.

Spec-valid chunk sequences of every streaming operation (the ``chunk`` schema of ``OPERATIONS``): content pieces
with multi-byte UTF-8 and U+2028/U+2029/U+0085, tool-call deltas whose arguments are split, ``usage`` on any chunk
(the last content chunk included), chunks with empty ``choices``. They are serialised as SSE with random CR, LF and
CRLF line endings and comments, cut at arbitrary byte offsets (inside multi-byte characters too), written piece
by piece by a real server, and read through the public client with ``stream=True`` (sync and async). Each chunk
must parse back to the JSON sent; the reassembled content, tool-call arguments and usage must equal the
originals (by hand from the typed chunks, and with ``oruel_client.accumulate_chunks``). The SSE decoder alone
gets many more random splits, for speed.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import AsyncOruel, accumulate_chunks
from oruel_client._generated.rules import OPERATIONS
from oruel_client._sse import SSEDecoder
from tests.contract.support import (
    KEY,
    STREAM_FIELD,
    TRICKY_TEXT,
    RecorderSession,
    Unknowns,
    assert_same_json,
    call,
    examples,
    json_round_trip,
    minimal_body,
    object_properties,
    spec_errors,
    strategy_with_unknowns,
    streaming_ops,
)
from tests.rawhttp import Conn, RecordedRequest, sse_head
from tests.spec_strategies import from_rules, resolve

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
STREAM_OPS = streaming_ops()
EOLS = [b"\n", b"\r", b"\r\n"]
DONE = "[DONE]"


# --- SSE framing -------------------------------------------------------------------------------------------------


@st.composite
def sse_bytes(draw: st.DrawFn, datas: Sequence[str]) -> bytes:
    """Events whose data are datas (a "\\n" inside one becomes several ``data:`` lines), with a random line ending
    per line and random comment lines. CR followed by LF would be one line break, so it is never produced across
    two line endings."""
    out = bytearray()
    last_eol = b""

    def line(text: bytes) -> None:
        nonlocal last_eol
        eol = draw(st.sampled_from(EOLS))
        if last_eol == b"\r" and not text and eol.startswith(b"\n"):
            eol = b"\r"
        out.extend(text + eol)
        last_eol = eol

    if draw(st.booleans()):
        out.extend(b"\xef\xbb\xbf")  # a BOM, which the decoder drops
    for data in datas:
        if draw(st.integers(0, 3)) == 0:
            line(b": " + draw(TRICKY_TEXT.filter(lambda s: "\r" not in s and "\n" not in s)).encode())
        for part in data.split("\n"):
            line(b"data: " + part.encode())
        line(b"")
    return bytes(out)


@st.composite
def cut(draw: st.DrawFn, data: bytes, most: int = 40) -> list[bytes]:
    """data split at arbitrary byte offsets."""
    if len(data) < 2:
        return [data]
    offsets = sorted(draw(st.sets(st.integers(1, len(data) - 1), max_size=min(most, len(data) - 1))))
    bounds = [0, *offsets, len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def encode(chunk: Any) -> str:
    return json.dumps(chunk, ensure_ascii=False)  # raw UTF-8, U+2028 and all, as servers send it


# --- chunk scripts -----------------------------------------------------------------------------------------------


@dataclass
class Script:
    """A stream's chunks and what they add up to."""

    chunks: list[dict[str, Any]]
    content: str
    tool_calls: list[dict[str, str]] = field(default_factory=list)
    usage: dict[str, Any] | None = None


def chunk_kind(chunk_schema: str) -> str:
    """``delta`` for chat-style chunks, ``text`` for completion-style ones, read from the chunk schema."""
    choice = resolve(object_properties({"$ref": chunk_schema})["choices"]["items"])
    props = object_properties(choice)
    for kind in ("delta", "text"):
        if kind in props:
            return kind
    raise AssertionError(f"{chunk_schema}: neither a delta nor a text choice; teach test_streams its shape")


@st.composite
def pieces(draw: st.DrawFn, text: str) -> list[str]:
    """text split at random character offsets; some pieces empty."""
    offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    bounds = [0, *offsets, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def script(draw: st.DrawFn, chunk_schema: str) -> Script:
    kind = chunk_kind(chunk_schema)
    props = object_properties({"$ref": chunk_schema})
    envelope = {k: draw(from_rules(props[k])) for k in ("id", "object", "created", "model") if k in props}
    content = draw(TRICKY_TEXT, label="content")
    choices: list[dict[str, Any]] = []
    if kind == "delta":
        choices.append({"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None})
        choices += [{"index": 0, "delta": {"content": p}, "finish_reason": None} for p in draw(pieces(content))]
    else:
        choices += [{"index": 0, "text": p, "finish_reason": None} for p in draw(pieces(content))]
    calls: list[dict[str, str]] = []
    if kind == "delta":
        for i in range(draw(st.integers(0, 2))):
            call_id = draw(st.text(min_size=1, max_size=8))
            name = draw(st.text(min_size=1, max_size=8))
            arguments = draw(TRICKY_TEXT, label=f"arguments {i}")
            calls.append({"id": call_id, "name": name, "arguments": arguments})
            opening = {"index": i, "id": call_id, "type": "function", "function": {"name": name, "arguments": ""}}
            choices.append({"index": 0, "delta": {"tool_calls": [opening]}, "finish_reason": None})
            for p in draw(pieces(arguments)):
                frag = {"index": i, "function": {"arguments": p}}
                choices.append({"index": 0, "delta": {"tool_calls": [frag]}, "finish_reason": None})
    chunks = [{**envelope, "choices": [c]} for c in choices]
    last: dict[str, Any] = {"delta": {}} if kind == "delta" else {"text": ""}
    chunks.append({**envelope, "choices": [{"index": 0, **last, "finish_reason": "tool_calls" if calls else "stop"}]})
    # Chunks with no choices anywhere (keep-alives, a trailing usage-only chunk).
    for _ in range(draw(st.integers(0, 2))):
        chunks.insert(draw(st.integers(0, len(chunks))), {**envelope, "choices": []})
    usage = None
    if "usage" in props and draw(st.booleans()):
        usage = draw(from_rules(props["usage"]).filter(lambda u: u is not None), label="usage")
        at = draw(st.integers(0, len(chunks) - 1), label="usage on chunk")
        chunks[at] = {**chunks[at], "usage": usage}
    if "usage" in props:
        for i, chunk in enumerate(chunks):
            if "usage" not in chunk and draw(st.booleans()):
                chunks[i] = {**chunk, "usage": None}
    return Script(chunks, content, calls, usage)


def streamed_text(chunks: Sequence[Any], kind: str) -> str:
    out = []
    for chunk in chunks:
        for choice in chunk.choices:
            piece = choice.delta.content if kind == "delta" else choice.text
            if isinstance(piece, str):
                out.append(piece)
    return "".join(out)


def streamed_arguments(chunks: Sequence[Any]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in chunks:
        for choice in chunk.choices:
            for frag in choice.delta.tool_calls or []:
                if frag.function and isinstance(frag.function.arguments, str):
                    out[frag.index] = out.get(frag.index, "") + frag.function.arguments
    return out


def check_accumulated(result: dict[str, Any], s: Script, kind: str) -> None:
    choice = result["choices"][0]
    if kind == "delta":
        message = choice["message"]
        assert (message["content"] or "") == s.content
        got = [
            {"id": c["id"], "name": c["function"]["name"], "arguments": c["function"]["arguments"]}
            for c in message.get("tool_calls", [])
        ]
        assert got == s.tool_calls
    else:
        assert choice["text"] == s.content
    assert result.get("usage") == s.usage


# --- serving -----------------------------------------------------------------------------------------------------


def serve_pieces(parts: list[bytes]) -> Any:
    def reply(req: RecordedRequest, conn: Conn) -> None:
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.send(sse_head())
        conn.send_chunks(parts, delay=0.0005)

    return reply


def stream_body(op: str) -> dict[str, Any]:
    return {**(minimal_body(op) or {}), STREAM_FIELD: True}


def read_stream(session: RecorderSession, op: str, use_async: bool) -> list[Any]:
    if not use_async:
        with call(session.client, op, stream_body(op)) as stream:
            return list(stream)

    async def run() -> list[Any]:
        async with AsyncOruel(api_key=KEY, base_url=session.recorder.base_url, max_retries=0) as client:
            stream = await call(client, op, stream_body(op))
            async with stream:
                return [chunk async for chunk in stream]

    return asyncio.run(run())


@pytest.mark.parametrize("op", STREAM_OPS)
@settings(max_examples=examples(25), **SETTINGS)
@given(data=st.data())
def test_stream_reassembles_content_tool_calls_and_usage(
    rec_session: RecorderSession, op: str, data: st.DataObject
) -> None:
    chunk_schema = OPERATIONS[op]["chunk"]
    kind = chunk_kind(chunk_schema)
    s = data.draw(script(chunk_schema), label="script")
    for chunk in s.chunks:
        assert not spec_errors(chunk_schema, chunk), "the test built a chunk the spec rejects"
    wire = data.draw(sse_bytes([*map(encode, s.chunks), DONE]), label="sse")
    rec_session.recorder.reset(serve_pieces(data.draw(cut(wire), label="pieces")))
    chunks = read_stream(rec_session, op, data.draw(st.booleans(), label="async"))

    assert_same_json([c.to_dict() for c in chunks], json_round_trip(s.chunks), f"{op}: chunks parsed")
    assert streamed_text(chunks, kind) == s.content
    if kind == "delta":
        assert streamed_arguments(chunks) == {i: c["arguments"] for i, c in enumerate(s.tool_calls)}
    assert [c.usage.to_dict() for c in chunks if c.usage] == ([s.usage] if s.usage else [])
    check_accumulated(accumulate_chunks(c.to_dict() for c in chunks), s, kind)


@pytest.mark.parametrize("op", STREAM_OPS)
@settings(max_examples=examples(20), **SETTINGS)
@given(data=st.data())
def test_stream_delivers_any_valid_chunks_intact(rec_session: RecorderSession, op: str, data: st.DataObject) -> None:
    """Chunks drawn straight from the chunk schema, unknown fields and enum values included."""
    chunk_schema = OPERATIONS[op]["chunk"]
    sent = data.draw(st.lists(strategy_with_unknowns(chunk_schema, Unknowns()), min_size=1, max_size=4))
    wire = data.draw(sse_bytes([*map(encode, sent), DONE]), label="sse")
    rec_session.recorder.reset(serve_pieces(data.draw(cut(wire), label="pieces")))
    chunks = read_stream(rec_session, op, use_async=False)
    assert_same_json([c.to_dict() for c in chunks], json_round_trip(sent), f"{op}: chunks parsed")


@pytest.mark.parametrize("op", STREAM_OPS)
@settings(max_examples=examples(100), **SETTINGS)
@given(data=st.data())
def test_accumulate_chunks_reassembles_the_originals(op: str, data: st.DataObject) -> None:
    chunk_schema = OPERATIONS[op]["chunk"]
    s = data.draw(script(chunk_schema), label="script")
    check_accumulated(accumulate_chunks(json_round_trip(s.chunks)), s, chunk_kind(chunk_schema))


def test_accumulate_infers_text_kind_from_choices_whatever_the_object() -> None:
    chunks = [
        {
            "id": "c",
            "object": "text_completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "text": "hi", "finish_reason": "stop"}],
        }
    ]
    assert accumulate_chunks(chunks)["choices"][0].get("text") == "hi"


DATA_TEXT = TRICKY_TEXT.filter(lambda s: "\r" not in s)


@settings(max_examples=examples(400), **SETTINGS)
@given(data=st.data())
def test_sse_decoder_any_split(data: st.DataObject) -> None:
    datas = data.draw(st.lists(DATA_TEXT, max_size=6), label="event data")
    wire = data.draw(sse_bytes(datas), label="sse")
    decoder = SSEDecoder()
    events = []
    for piece in data.draw(cut(wire, most=200), label="pieces"):
        events += decoder.feed(piece)
    events += decoder.flush()
    assert [e.data for e in events] == datas
