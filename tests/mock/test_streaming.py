"""Streamed answers in Oru-el's SSE framing (role first; finish_reason and usage together on the last content
chunk; then [DONE]), the same content as the plain answer; over real HTTP."""

from __future__ import annotations

import time

import httpx

from .conftest import HELLO, chunks
from .helpers import CHAT, WEATHER, assert_spec_valid, chat, check_arguments


def test_stream_framing(client: httpx.Client) -> None:
    response = chat(client, seed=5, stream=True)
    assert response.headers["content-type"].startswith("text/event-stream")
    parts = chunks(response.content)
    assert len(parts) > 2
    assert {(c["id"], c["created"], c["model"], c["object"]) for c in parts} == {
        (parts[0]["id"], parts[0]["created"], "llama-4-maverick", "chat.completion.chunk")
    }
    assert parts[0]["choices"][0]["delta"]["role"] == "assistant"
    # Oru-el's framing: finish_reason and usage together on the last content chunk, nowhere else.
    assert [c["choices"][0]["finish_reason"] for c in parts[:-1]] == [None] * (len(parts) - 1)
    assert all("usage" not in c for c in parts[:-1])
    last = parts[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert last["choices"][0]["delta"]["content"]
    streamed = "".join(c["choices"][0]["delta"]["content"] for c in parts)
    plain = chat(client, seed=5).json()
    assert streamed == plain["choices"][0]["message"]["content"]
    assert last["usage"] == plain["usage"]


def test_stream_honours_max_tokens(client: httpx.Client) -> None:
    parts = chunks(chat(client, seed=5, stream=True, max_tokens=1).content)
    assert len(parts) == 1
    assert parts[0]["choices"][0]["delta"]["role"] == "assistant"
    assert parts[0]["choices"][0]["finish_reason"] == "length"
    assert parts[0]["usage"]["completion_tokens"] == 1


def test_bench_chunks_header_streams_n_tiny_chunks_fast(client: httpx.Client) -> None:
    started = time.perf_counter()
    response = client.post(
        CHAT, json={"model": "m", "messages": HELLO, "stream": True}, headers={"x-oruel-mock-chunks": "20000"}
    )
    elapsed = time.perf_counter() - started
    parts = chunks(response.content)
    assert len(parts) == 20000
    assert "".join(c["choices"][0]["delta"]["content"] for c in parts) == "x" * 20000
    assert parts[-1]["usage"]["completion_tokens"] == 20000
    assert parts[-1]["choices"][0]["finish_reason"] == "stop"
    assert elapsed < 2.0
    plain = client.post(CHAT, json={"model": "m", "messages": HELLO}, headers={"x-oruel-mock-chunks": "3"})
    assert plain.json()["choices"][0]["message"]["content"] == "xxx"
    bad = client.post(CHAT, json={"model": "m", "messages": HELLO}, headers={"x-oruel-mock-chunks": "0"})
    assert (bad.status_code, bad.json()["error"]["param"]) == (400, "x-oruel-mock-chunks")


def test_streamed_tool_call(client: httpx.Client) -> None:
    choice = {"type": "function", "function": {"name": "get_weather"}}
    parts = chunks(chat(client, tools=[WEATHER], tool_choice=choice, stream=True).content)
    first = parts[0]["choices"][0]["delta"]
    assert first["role"] == "assistant"
    opening = first["tool_calls"][0]
    assert opening["index"] == 0 and opening["type"] == "function" and opening["function"]["name"] == "get_weather"
    pieces = [c["choices"][0]["delta"]["tool_calls"][0] for c in parts]
    assert all(p["index"] == 0 for p in pieces)
    assert len(parts) > 3  # the arguments arrive in several pieces
    arguments = "".join(p["function"]["arguments"] for p in pieces)
    plain = chat(client, tools=[WEATHER], tool_choice=choice).json()
    assert arguments == plain["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    check_arguments(arguments)
    assert parts[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert parts[-1]["usage"] == plain["usage"]


def test_text_completion_stream(client: httpx.Client) -> None:
    body = {"model": "m", "prompt": "Once", "seed": 2}
    plain = client.post("/completions", json=body).json()
    response = client.post("/completions", json={**body, "stream": True})
    assert_spec_valid("post", "/completions", response)
    parts = chunks(response.content)
    assert "".join(c["choices"][0]["text"] for c in parts) == plain["choices"][0]["text"]
    assert parts[-1]["choices"][0]["finish_reason"] == "stop" and parts[-1]["usage"] == plain["usage"]
    assert all(c["choices"][0]["finish_reason"] is None and "usage" not in c for c in parts[:-1])
