"""A stream adds its chunks up as they arrive: memory grows with the text, not with the chunks, and the fast
path for the usual chunk gives exactly what the general rules give (checked with hypothesis, against the
general path alone, on chunk sequences that mix usual chunks with every kind of unusual one)."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from oruel_client._accumulate import ChunkAccumulator
from oruel_client._streaming import Stream
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
