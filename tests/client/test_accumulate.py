"""Folding stream chunks into the non-streamed response, for chat and text completions."""

from __future__ import annotations

import copy
import json
import threading
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from oruel_client._accumulate import ChunkAccumulator, accumulate_chunks
from oruel_client._streaming import Stream
from tests.rawhttp import Conn, RawServer, RecordedRequest, sse_head

BASE = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000, "model": "oruel-7b"}
USAGE = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}


def chat(*choices: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {**BASE, "choices": list(choices), **top}


def delta(index: int = 0, finish_reason: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"index": index, "delta": fields, "finish_reason": finish_reason}


def test_chat_content_oruel_style_usage_on_last_content_chunk() -> None:
    chunks = [
        chat(delta(role="assistant", content="")),
        chat(delta(content="Hel")),
        chat(delta(content="lo")),
        chat(delta(content="!", finish_reason="stop"), usage=USAGE),
    ]
    assert accumulate_chunks(chunks) == {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "oruel-7b",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!"}, "finish_reason": "stop"}],
        "usage": USAGE,
    }


def test_chat_openai_style_usage_on_final_chunk_without_choices() -> None:
    chunks = [
        chat(delta(content="Hi"), usage=None),
        chat(delta(finish_reason="length"), usage=None),
        chat(usage={"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}),
        chat(usage=USAGE),  # the last one seen wins
    ]
    chunks[2]["choices"] = []
    chunks[3]["choices"] = []
    result = accumulate_chunks(chunks)
    assert result["usage"] == USAGE
    assert result["choices"] == [
        {"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "length"}
    ]


def test_no_usage_means_no_usage_key_and_role_defaults_to_assistant() -> None:
    result = accumulate_chunks([chat(delta(content="x")), chat(delta(finish_reason="stop"), usage=None)])
    assert "usage" not in result
    assert result["choices"][0]["message"] == {"role": "assistant", "content": "x"}


def test_first_role_wins() -> None:
    result = accumulate_chunks([chat(delta(role="tool_runner")), chat(delta(role="assistant", content="x"))])
    assert result["choices"][0]["message"]["role"] == "tool_runner"


def test_unknown_top_level_keys_are_kept_from_the_first_chunk() -> None:
    chunks = [
        chat(delta(content="a"), system_fingerprint="fp_1", x_oruel_node="n7"),
        chat(delta(content="b"), system_fingerprint="fp_2", x_oruel_node="n8", model="other"),
    ]
    result = accumulate_chunks(chunks)
    assert result["system_fingerprint"] == "fp_1"
    assert result["x_oruel_node"] == "n7"
    assert result["model"] == "oruel-7b"
    assert result["object"] == "chat.completion"


def test_tool_calls_merged_by_index() -> None:
    chunks = [
        chat(delta(role="assistant", content=None)),
        chat(delta(tool_calls=[{"index": 0, "id": "call_a", "type": "function", "function": {"name": "get_weather"}}])),
        chat(delta(tool_calls=[{"index": 0, "function": {"arguments": '{"city": '}}])),
        chat(delta(tool_calls=[{"index": 1, "id": "call_b", "type": "function", "function": {"name": "get_time"}}])),
        chat(delta(tool_calls=[{"index": 0, "function": {"arguments": '"Paris"}'}}])),
        # A repeated id or name on a later fragment does not replace the first one.
        chat(delta(tool_calls=[{"index": 1, "id": "ignored", "function": {"name": "x", "arguments": "{}"}}])),
        chat(delta(finish_reason="tool_calls")),
    ]
    message = accumulate_chunks(chunks)["choices"][0]["message"]
    assert message == {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}},
            {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{}"}},
        ],
    }
    assert json.loads(message["tool_calls"][0]["function"]["arguments"]) == {"city": "Paris"}


def test_tool_calls_out_of_order_indices_and_missing_type() -> None:
    chunks = [
        chat(delta(tool_calls=[{"index": 2, "id": "c2", "function": {"name": "b", "arguments": ""}}])),
        chat(delta(tool_calls=[{"index": 0, "id": "c0", "function": {"name": "a", "arguments": "{}"}}])),
    ]
    calls = accumulate_chunks(chunks)["choices"][0]["message"]["tool_calls"]
    assert [c["id"] for c in calls] == ["c0", "c2"]
    assert all(c["type"] == "function" for c in calls)


def test_tool_calls_without_index() -> None:
    chunks = [
        chat(delta(tool_calls=[{"id": "c0", "function": {"name": "a", "arguments": '{"x"'}}])),
        chat(delta(tool_calls=[{"function": {"arguments": ": 1}"}}])),
        chat(delta(tool_calls=[{"id": "c1", "function": {"name": "b", "arguments": "{}"}}])),
    ]
    calls = accumulate_chunks(chunks)["choices"][0]["message"]["tool_calls"]
    assert [(c["id"], c["function"]["arguments"]) for c in calls] == [("c0", '{"x": 1}'), ("c1", "{}")]


def test_content_and_tool_calls_together_keep_the_content() -> None:
    chunks = [
        chat(delta(content="Let me check.")),
        chat(
            delta(
                tool_calls=[{"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]
            )
        ),
    ]
    message = accumulate_chunks(chunks)["choices"][0]["message"]
    assert message["content"] == "Let me check."
    assert len(message["tool_calls"]) == 1


def test_no_content_and_no_tool_calls_gives_empty_string_and_no_tool_calls_key() -> None:
    message = accumulate_chunks([chat(delta(role="assistant")), chat(delta(finish_reason="stop"))])["choices"][0][
        "message"
    ]
    assert message == {"role": "assistant", "content": ""}


def test_multiple_choices_by_index() -> None:
    chunks = [
        chat(delta(1, content="B1")),
        chat(delta(0, content="A1")),
        chat(delta(0, content="A2", finish_reason="stop"), delta(1, content="B2")),
        chat(delta(1, finish_reason="length")),
    ]
    choices = accumulate_chunks(chunks)["choices"]
    assert [(c["index"], c["message"]["content"], c["finish_reason"]) for c in choices] == [
        (0, "A1A2", "stop"),
        (1, "B1B2", "length"),
    ]


def test_extra_delta_fields_and_logprobs() -> None:
    tok_a, tok_b = {"token": "a", "logprob": -0.1}, {"token": "b", "logprob": -0.2}
    lp1: dict[str, Any] = {"content": [tok_a], "refusal": None}
    lp2: dict[str, Any] = {"content": [tok_b], "refusal": None}
    chunks = [
        chat({"index": 0, "delta": {"reasoning_content": "think ", "content": "a"}, "logprobs": lp1}),
        chat({"index": 0, "delta": {"reasoning_content": "more", "content": "b"}, "logprobs": lp2}),
        chat({"index": 0, "delta": {}, "finish_reason": "stop", "logprobs": None, "stop_reason": 42}),
    ]
    before = copy.deepcopy(chunks)
    choice = accumulate_chunks(chunks)["choices"][0]
    assert choice["message"] == {"role": "assistant", "content": "ab", "reasoning_content": "think more"}
    assert choice["logprobs"] == {"content": [tok_a, tok_b], "refusal": None}
    assert choice["stop_reason"] == 42
    assert chunks == before  # the input is not mutated


def test_text_completion_chunks() -> None:
    base = {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "oruel-7b"}
    chunks = [
        {**base, "choices": [{"index": 0, "text": "Once", "logprobs": None, "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "text": " upon", "logprobs": None, "finish_reason": None}]},
        {
            **base,
            "choices": [{"index": 0, "text": " a time", "logprobs": None, "finish_reason": "length"}],
            "usage": USAGE,
        },
    ]
    assert accumulate_chunks(chunks) == {
        **base,
        "choices": [{"index": 0, "text": "Once upon a time", "logprobs": None, "finish_reason": "length"}],
        "usage": USAGE,
    }


def test_text_completion_logprobs_concatenate() -> None:
    base = {"id": "cmpl-1", "object": "text_completion", "created": 1, "model": "m"}
    lp = [
        {"tokens": ["a"], "token_logprobs": [-1.0], "top_logprobs": None, "text_offset": [0]},
        {"tokens": ["b"], "token_logprobs": [-2.0], "top_logprobs": None, "text_offset": [1]},
    ]
    chunks = [{**base, "choices": [{"index": 0, "text": t, "logprobs": p}]} for t, p in zip("ab", lp, strict=True)]
    assert accumulate_chunks(chunks)["choices"][0]["logprobs"] == {
        "tokens": ["a", "b"],
        "token_logprobs": [-1.0, -2.0],
        "top_logprobs": None,
        "text_offset": [0, 1],
    }


def test_object_inferred_without_object_key() -> None:
    assert accumulate_chunks([{"id": "x", "choices": [{"index": 0, "text": "hi"}]}])["object"] == "text_completion"
    assert accumulate_chunks([{"id": "x", "choices": [{"index": 0, "delta": {}}]}])["object"] == "chat.completion"


def test_empty_input() -> None:
    assert accumulate_chunks([]) == {
        "id": None,
        "object": "chat.completion",
        "created": None,
        "model": None,
        "choices": [],
    }


def test_accumulator_is_incremental_and_results_are_independent() -> None:
    acc = ChunkAccumulator()
    acc.add(chat(delta(content="a", tool_calls=[{"index": 0, "id": "c", "function": {"name": "f", "arguments": "{"}}])))
    first = acc.result()
    acc.add(chat(delta(content="b", tool_calls=[{"index": 0, "function": {"arguments": "}"}}]), finish_reason="stop"))
    second = acc.result()
    assert first["choices"][0]["message"]["content"] == "a"
    assert first["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == "{"
    assert first["choices"][0]["finish_reason"] is None
    assert second["choices"][0]["message"]["content"] == "ab"
    assert second["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == "{}"
    assert acc.result() == second


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(max_size=40),
    cuts=st.lists(st.integers(0, 40), max_size=8),
    usage_at=st.integers(0, 20),
)
def test_any_split_of_the_content_accumulates_to_the_content(text: str, cuts: list[int], usage_at: int) -> None:
    offsets = sorted({c % (len(text) + 1) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
    chunks = [chat(delta(content=p)) for p in pieces]
    chunks[usage_at % len(chunks)]["usage"] = USAGE
    result = accumulate_chunks(chunks)
    assert result["choices"][0]["message"]["content"] == text
    assert result["usage"] == USAGE


def test_accumulating_a_real_stream() -> None:
    """Stream items straight into the accumulator, over a real connection."""
    tool_args = ['{"q":', ' "caf', 'é"}']
    events = [
        chat(delta(role="assistant", content="Looking up")),
        chat(delta(content=" \u2028")),
        *(
            chat(
                delta(
                    tool_calls=[{"index": 0, "id": "c1", "type": "function", "function": {"name": "s", "arguments": a}}]
                )
            )
            for a in tool_args
        ),
        chat(delta(finish_reason="tool_calls"), usage=USAGE),
    ]
    body = b"".join(b"data: " + json.dumps(e, ensure_ascii=False).encode() + b"\r\n\r\n" for e in events)
    body += b"data: [DONE]\r\n\r\n"
    done = threading.Event()

    def handler(_req: RecordedRequest, conn: Conn) -> None:
        # Odd-sized writes, so events and UTF-8 sequences straddle reads.
        conn.send(sse_head())
        conn.send_chunks(body[i : i + 7] for i in range(0, len(body), 7))
        done.set()

    with RawServer(handler) as server, httpx.Client(timeout=5) as client:
        response = client.send(client.build_request("POST", server.url + "/v1/chat/completions"), stream=True)
        with Stream(response, lambda v: v) as stream:
            result = accumulate_chunks(stream)
    assert done.wait(2)
    assert result["choices"] == [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "Looking up \u2028",
                "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "s", "arguments": '{"q": "café"}'}}
                ],
            },
            "finish_reason": "tool_calls",
        }
    ]
    assert result["usage"] == USAGE
