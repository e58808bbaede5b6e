"""A stream adds its chunks up as they arrive: memory grows with the text, not with the chunks, and the fast
path for the usual chunk gives exactly what the general rules give (checked with hypothesis, against the
general path alone, on chunk sequences that mix usual chunks with every kind of unusual one)."""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from itertools import pairwise
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oruel_client import APIResponseValidationError
from oruel_client import _streaming as streaming
from oruel_client._accumulate import ChunkAccumulator
from oruel_client._streaming import AsyncStream, Stream
from oruel_client.models import ChatCompletion, ChatCompletionChunk

TOP = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m"}


def usual(content: str, **top: Any) -> dict[str, Any]:
    return {**TOP, **top, "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}


texts = st.text(max_size=6)
unusual = st.one_of(
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"role": "assistant", "content": t}}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": t}, "finish_reason": "stop"}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 1, "delta": {"content": t}, "finish_reason": None}]}),
    texts.map(lambda t: {**TOP, "choices": [{"delta": {"content": t}, "finish_reason": None}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": t}, "logprobs": None}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": t}, "logprobs": {"content": [t]}}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"reasoning_content": t}}]}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": t, "refusal": t}}]}),
    texts.map(lambda t: usual(t, usage={"prompt_tokens": 1, "completion_tokens": len(t), "total_tokens": 9})),
    texts.map(lambda t: usual(t, usage=None)),
    texts.map(lambda t: usual(t, created=2, system_fingerprint=t or None)),
    texts.map(lambda t: usual(t, model=None, extra=[t])),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": None}}]}),
    texts.map(lambda t: {**TOP, "choices": []}),
    texts.map(lambda t: {**TOP, "choices": [{"index": 0, "delta": {"content": t}}, {"index": 1, "delta": {}}]}),
    st.builds(
        lambda i, cid, args: {
            **TOP,
            "choices": [
                {
                    "index": 0,
                    "delta": {"tool_calls": [{"index": i, "id": cid, "function": {"name": "f", "arguments": args}}]},
                }
            ],
        },
        st.integers(0, 1),
        st.sampled_from([None, "call_1", "call_2"]),
        texts,
    ),
    st.just([1, 2]),  # not a chunk at all
)
chunk_lists = st.lists(st.one_of(texts.map(usual), texts.map(usual), unusual), max_size=40)


@settings(max_examples=400, deadline=None)
@given(chunk_lists)
def test_fast_path_adds_up_exactly_as_the_general_rules(chunks: list[Any]) -> None:
    fast, general = ChunkAccumulator(), ChunkAccumulator()
    for chunk in chunks:
        fast.add(json.loads(json.dumps(chunk)))
        general._add(json.loads(json.dumps(chunk)))
    assert fast.result() == general.result()
    assert fast.first == general.first


def test_long_text_is_joined_in_blocks_and_kept_whole() -> None:
    acc = ChunkAccumulator()
    pieces = [f"<{i}>" for i in range(10_000)]
    for piece in pieces:
        acc.add(usual(piece))
    assert acc.result()["choices"][0]["message"]["content"] == "".join(pieces)


def _body(n: int) -> Iterator[bytes]:
    for i in range(n):
        delta = {"role": "assistant", "content": "tok "} if i == 0 else {"content": f"t{i % 10}k "}
        chunk = {**TOP, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
        yield b"data: " + json.dumps(chunk).encode() + b"\n\n"
    yield b"data: [DONE]\n\n"


class _Events(httpx.SyncByteStream):
    """A body produced as it is read, so that only the client's own memory is measured."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> Iterator[bytes]:
        return _body(self.n)


def test_final_completion_of_100k_chunks_holds_memory_in_proportion_to_its_text() -> None:
    n = 100_000
    # A short stream first, as bench.stream_memory does: what get_final_completion imports the first time it runs
    # (parsed from source when a module changed) is not the stream's memory.
    warm = httpx.Response(200, stream=_Events(64), request=httpx.Request("POST", "http://test/"))
    Stream(warm, ChatCompletionChunk.from_dict).get_final_completion()
    response = httpx.Response(200, stream=_Events(n), request=httpx.Request("POST", "http://test/"))
    tracemalloc.start()
    try:
        stream = Stream(response, ChatCompletionChunk.from_dict)
        final = stream.get_final_completion()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(final, ChatCompletion)
    text = final.choices[0].message.content
    assert isinstance(text, str) and len(text) == 4 * n
    # The text is 400 KB; keeping each chunk's JSON (about 160 bytes) would take 16 MB.
    assert peak < 3 * len(text) + 256 * 1024, f"peak {peak} bytes for {len(text)} bytes of text"


# ---- A stream's path: the text of a usual chunk is recognised (ChunkAccumulator.value_of) and its value built and
# added up without parsing it; every other event is parsed and added by the general rules. It must yield exactly
# the parsed values and add up exactly as the general rules.

MARK = "MARK"
U1 = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
U2 = {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}


def text_of(chunk: Any, style: int) -> str:
    """The chunk's JSON text, written as different servers write it."""
    if style == 0:
        return json.dumps(chunk)
    if style == 1:
        return json.dumps(chunk, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(chunk, indent=1)


def usual_text_around(middle: str, style: int = 0, **top: Any) -> str:
    """A usual chunk's text with ``middle`` written where its content's characters go (not escaped)."""
    head, tail = text_of(usual(MARK, **top), style).split(MARK)
    return head + middle + tail


# What a server (or an attacker) may write between a usual chunk's head and tail: plain text, escapes, and text
# that closes the content string and adds to the chunk (valid JSON, so it gets past the parser).
middles = st.one_of(
    texts.filter(lambda t: '"' not in t and "\\" not in t and t.isprintable()),
    st.sampled_from(
        [
            r"a\nb",
            r"\"",
            r"\u00e9t\u00e9",
            "\\\\",
            'a", "refusal": "no',
            'a"}, "finish_reason": "stop", "delta": {"content": "b',
            'a"}}], "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}, '
            '"choices": [{"index": 0, "delta": {"content": "b',
            'a"}}, {"index": 1, "delta": {"content": "b',
            'a"}}], "choices": [{"index": 1, "delta": {"content": "b',
        ]
    ),
)
styles = st.integers(0, 2)
events = st.one_of(
    st.tuples(texts.map(usual), styles).map(lambda cs: text_of(*cs)),
    st.tuples(texts.map(usual), styles).map(lambda cs: text_of(*cs)),
    st.tuples(middles, styles).map(lambda ms: usual_text_around(*ms)),
    st.tuples(middles, styles).map(lambda ms: usual_text_around(*ms)),
    st.tuples(texts.map(lambda t: usual(t, usage=U1)), styles).map(lambda cs: text_of(*cs)),
    st.tuples(unusual, styles).map(lambda cs: text_of(*cs)),
)


class _Reads(httpx.SyncByteStream):
    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.pieces)


def streamed(texts: list[str], cuts: tuple[int, ...] = ()) -> tuple[list[Any], ChunkAccumulator]:
    """What a Stream of these events (then [DONE]) yields, and what it added up for get_final_completion; its
    body arrives in reads cut at these places."""
    body = b"".join(b"data: " + t.replace("\n", "\ndata: ").encode() + b"\n\n" for t in [*texts, "[DONE]"])
    places = [0, *sorted({cut % len(body) for cut in cuts}), len(body)]
    reads = [body[start:end] for start, end in pairwise(places) if start < end]
    response = httpx.Response(200, stream=_Reads(reads), request=httpx.Request("POST", "http://test/"))
    stream: Stream[Any] = Stream(response, lambda value: value)
    return list(stream), stream._seen.chunks


@settings(max_examples=400, deadline=None)
@given(st.lists(events, max_size=60), st.lists(st.integers(0, 10**6), max_size=6).map(tuple))
def test_a_stream_yields_the_parsed_values_and_adds_up_as_the_general_rules(
    texts: list[str], cuts: tuple[int, ...]
) -> None:
    general = ChunkAccumulator()
    for text in texts:
        general._add(json.loads(text))
    items, acc = streamed(texts, cuts)
    # The JSON of each item: same values of the same types (1 is not 1.0, nor true) in the same key order.
    assert [json.dumps(item) for item in items] == [json.dumps(json.loads(text)) for text in texts]
    assert acc.result() == general.result()
    assert acc.first == general.first


class _AsyncReads(httpx.AsyncByteStream):
    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece


@settings(max_examples=100, deadline=None)
@given(st.lists(events, max_size=30))
def test_an_async_stream_yields_and_adds_up_as_a_sync_one(texts: list[str]) -> None:
    items, acc = streamed(texts)
    body = b"".join(b"data: " + t.replace("\n", "\ndata: ").encode() + b"\n\n" for t in [*texts, "[DONE]"])

    async def read() -> tuple[list[Any], ChunkAccumulator]:
        response = httpx.Response(200, stream=_AsyncReads([body]), request=httpx.Request("POST", "http://test/"))
        stream: AsyncStream[Any] = AsyncStream(response, lambda value: value)
        return [item async for item in stream], stream._seen.chunks

    async_items, async_acc = asyncio.run(read())
    assert [json.dumps(item) for item in async_items] == [json.dumps(item) for item in items]
    assert async_acc.result() == acc.result()


def test_usual_chunks_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def loads(data: str) -> Any:
        parsed.append(data)
        return json.loads(data)

    monkeypatch.setattr(streaming, "_loads", loads)
    first = text_of({**TOP, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}, 0)
    texts = [first] + [text_of(usual(f"w{i} "), 0) for i in range(100)]
    items, acc = streamed(texts)
    # The first chunk (a role), the first usual one (the template) and the second (which proves the template).
    assert parsed == texts[:3]
    assert items == [json.loads(text) for text in texts]
    assert acc.result()["choices"][0]["message"]["content"] == "".join(f"w{i} " for i in range(100))


def test_values_built_without_parsing_share_nothing_mutable() -> None:
    texts = [text_of(usual(t), 0) for t in "abcdef"]
    items, acc = streamed(texts)
    last, before = items[-1], items[-2]
    assert last["choices"] is not before["choices"]
    assert last["choices"][0] is not before["choices"][0]
    assert last["choices"][0]["delta"] is not before["choices"][0]["delta"]
    before["choices"][0]["delta"]["content"] = "changed"
    before["model"] = "changed"
    assert last == json.loads(texts[-1])
    assert acc.result()["choices"][0]["message"]["content"] == "abcdef"


def test_a_chunk_with_a_list_or_an_object_outside_its_choices_is_parsed_every_time() -> None:
    texts = [text_of(usual(t, extra=[1], meta={"k": 1}), 0) for t in "abcdef"]
    items, acc = streamed(texts)
    assert items == [json.loads(text) for text in texts]
    assert items[-1]["extra"] is not items[-2]["extra"]
    assert acc.result()["choices"][0]["message"]["content"] == "abcdef"


def test_logprobs_of_chunks_that_are_otherwise_alike_all_count() -> None:
    # Null logprobs add nothing again, so such chunks are usual; a list of them does add, each time.
    logprobs = {"content": [{"token": "a", "logprob": -0.5}]}
    alike = {**TOP, "choices": [{"index": 0, "delta": {"content": "a"}, "logprobs": logprobs, "finish_reason": None}]}
    null = {**TOP, "choices": [{"index": 0, "delta": {"content": "b"}, "logprobs": None, "finish_reason": None}]}
    texts = [text_of(alike, 0)] * 4 + [text_of(null, 0)] * 4
    choice = streamed(texts)[1].result()["choices"][0]
    assert choice["logprobs"] == {"content": logprobs["content"] * 4}
    assert choice["message"]["content"] == "aaaabbbb"


def test_a_text_too_short_to_hold_the_template_is_parsed_and_refused() -> None:
    head, tail = text_of(usual(MARK), 0).split(MARK)
    cut_short = head + tail[1:]  # starts with the head and ends with the tail, which share its one quote
    texts = [text_of(usual(t), 0) for t in "abc"] + [cut_short]
    body = b"".join(b"data: " + t.encode() + b"\n\n" for t in [*texts, "[DONE]"])
    response = httpx.Response(200, content=body, request=httpx.Request("POST", "http://test/"))
    items: list[Any] = []
    with pytest.raises(APIResponseValidationError, match="not valid JSON"):
        items.extend(Stream(response, lambda value: value))
    assert items == [json.loads(text) for text in texts[:3]]


@pytest.mark.parametrize("middle", ["x\ty", "x\x00", "x\ndata: y"])
def test_a_control_character_where_the_content_goes_is_refused_as_json_refuses_it(middle: str) -> None:
    texts = [text_of(usual(t), 0) for t in "abc"] + [usual_text_around(middle)]
    body = b"".join(b"data: " + t.encode() + b"\n\n" for t in [*texts, "[DONE]"])
    response = httpx.Response(200, content=body, request=httpx.Request("POST", "http://test/"))
    items: list[Any] = []
    with pytest.raises(APIResponseValidationError, match="not valid JSON"):
        items.extend(Stream(response, lambda value: value))
    assert len(items) == 3


def test_text_that_is_valid_but_not_all_printable_is_taken_as_it_is() -> None:
    pieces = ["a", "b", "\u3000", "c\u00a0d", "\u200d", "\x7f", "e"]
    texts = [text_of(usual(t), 1) for t in pieces]  # written unescaped (ensure_ascii=False)
    items, acc = streamed(texts)
    assert items == [json.loads(text) for text in texts]
    assert acc.result()["choices"][0]["message"]["content"] == "".join(pieces)


def test_a_number_written_another_way_is_the_number_parsed() -> None:
    # 1, 1.0 and 1e0 are equal in Python, so the chunks are "the same": the value must still be the one written.
    texts = [text_of(usual(t), 0) for t in "abc"] + [text_of(usual(t, created=1.0), 0) for t in "de"]
    texts += [text_of(usual("f"), 0).replace('"created": 1', '"created": 1e0')]
    items, acc = streamed(texts)
    assert [json.dumps(item) for item in items] == [json.dumps(json.loads(text)) for text in texts]
    assert [type(item["created"]) for item in items] == [int, int, int, float, float, float]
    assert acc.result()["choices"][0]["message"]["content"] == "abcdef"


def test_text_that_closes_the_content_string_is_not_taken_for_content() -> None:
    texts = [usual_text_around(t) for t in ("a", "b", "c")] + [usual_text_around('d", "refusal": "no')]
    message = streamed(texts)[1].result()["choices"][0]["message"]
    assert message["content"] == "abcd"
    assert message["refusal"] == "no"


def test_escaped_content_between_plain_ones_is_decoded() -> None:
    texts = [usual_text_around(t) for t in ("a", "b", "c", "d", r"\n\u00e9", "e", r"\"", "f")]
    assert streamed(texts)[1].result()["choices"][0]["message"]["content"] == 'abcd\née"f'


def test_a_usage_seen_again_after_another_is_the_last_one() -> None:
    texts = [text_of(usual("a", usage=U1), 0)] * 3 + [text_of(usual("b", usage=U2), 0)]
    texts += [text_of(usual("c", usage=U1), 0)] * 3
    result = streamed(texts)[1].result()
    assert result["usage"] == U1
    assert result["choices"][0]["message"]["content"] == "aaabccc"


def test_the_content_is_found_in_the_text_by_its_place_not_by_its_characters() -> None:
    # The content "a" is written escaped; the only plain "a" in the text is the model's.
    def text(model: str) -> str:
        return usual_text_around(r"\u0061", model=model)

    result = streamed([text("a"), text("a"), text("a"), text("zzz")])[1].result()
    assert result["model"] == "a"
    assert result["choices"][0]["message"]["content"] == "aaaa"


def test_a_chunk_for_another_choice_among_usual_ones_goes_to_its_choice() -> None:
    other = text_of({**TOP, "choices": [{"index": 1, "delta": {"content": "e"}, "finish_reason": None}]}, 0)
    texts = [text_of(usual(t), 0) for t in "abc"] + [text_of(usual("d"), 0), other, text_of(usual("f"), 0)]
    choices = streamed(texts)[1].result()["choices"]
    assert [c["message"]["content"] for c in choices] == ["abcdf", "e"]
