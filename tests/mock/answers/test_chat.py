"""Chat completions: deterministic, spec-valid, honouring seed, max_tokens, stop, tier, JSON mode and tools."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from ..conftest import HELLO
from ..helpers import WEATHER, chat, check_arguments, content_of, error_of


def test_same_request_same_answer(client: httpx.Client) -> None:
    first, second = chat(client).json(), chat(client).json()
    assert first["id"] == second["id"]
    assert first["choices"] == second["choices"]
    assert first["usage"] == second["usage"]


def test_same_seed_same_answer_other_seed_other_answer(client: httpx.Client) -> None:
    assert content_of(chat(client, seed=7)) == content_of(chat(client, seed=7, temperature=1.5))
    assert content_of(chat(client, seed=7)) != content_of(chat(client, seed=8))
    other_messages = [{"role": "user", "content": "Something else"}]
    assert content_of(chat(client)) != content_of(chat(client, messages=other_messages))


def test_usage_counts_words(client: httpx.Client) -> None:
    answer = chat(client, seed=1).json()
    usage = answer["usage"]
    assert usage["prompt_tokens"] == 2  # "Hello there"
    assert usage["completion_tokens"] == len(answer["choices"][0]["message"]["content"].split())
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert answer["object"] == "chat.completion" and answer["model"] == "llama-4-maverick"


def test_max_tokens_cuts_with_finish_reason_length(client: httpx.Client) -> None:
    full = chat(client, seed=3).json()
    assert full["choices"][0]["finish_reason"] == "stop"
    words = full["choices"][0]["message"]["content"].split()
    cut = chat(client, seed=3, max_tokens=5).json()
    assert cut["choices"][0]["message"]["content"] == " ".join(words[:5])
    assert cut["choices"][0]["finish_reason"] == "length"
    assert cut["usage"]["completion_tokens"] == 5
    roomy = chat(client, seed=3, max_tokens=len(words)).json()
    assert roomy["choices"][0]["finish_reason"] == "stop"


def test_stop_cuts_before_the_first_stop_sequence(client: httpx.Client) -> None:
    text = content_of(chat(client, seed=4))
    words = text.split()
    stop_word = words[3]
    expected = text[: text.index(stop_word)]
    answer = chat(client, seed=4, stop=[stop_word, "zzz-not-there"]).json()
    assert answer["choices"][0]["message"]["content"] == expected
    assert answer["choices"][0]["finish_reason"] == "stop"
    assert content_of(chat(client, seed=4, stop=stop_word)) == expected
    # A stop sequence past the max_tokens cut is never reached.
    answer = chat(client, seed=4, max_tokens=2, stop=[stop_word]).json()
    assert answer["choices"][0]["finish_reason"] == "length"


def test_tier_is_reflected_in_a_header(client: httpx.Client) -> None:
    assert chat(client).headers["x-oruel-tier"] == "standard"
    assert chat(client, tier="turbo").headers["x-oruel-tier"] == "turbo"


def test_json_mode_content_is_a_json_object(client: httpx.Client) -> None:
    for seed in range(5):
        document = json.loads(content_of(chat(client, seed=seed, response_format={"type": "json_object"})))
        assert isinstance(document, dict) and document


def test_json_mode_cut_short_says_length(client: httpx.Client) -> None:
    answer = chat(client, seed=1, response_format={"type": "json_object"}, max_tokens=3).json()
    assert answer["choices"][0]["finish_reason"] == "length"
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer["choices"][0]["message"]["content"])


def test_created_is_now(client: httpx.Client) -> None:
    assert abs(chat(client).json()["created"] - time.time()) < 60


def test_named_tool_choice_gives_a_tool_call(client: httpx.Client) -> None:
    choice = {"type": "function", "function": {"name": "get_weather"}}
    answer = chat(client, tools=[WEATHER], tool_choice=choice).json()
    assert answer["choices"][0]["finish_reason"] == "tool_calls"
    message = answer["choices"][0]["message"]
    assert message["content"] is None
    (call,) = message["tool_calls"]
    assert call["type"] == "function" and call["id"].startswith("call_")
    assert call["function"]["name"] == "get_weather"
    check_arguments(call["function"]["arguments"])
    assert answer["usage"]["completion_tokens"] > 0


def test_auto_calls_a_tool_the_user_mentions(client: httpx.Client) -> None:
    asks = [{"role": "user", "content": [{"type": "text", "text": "Please use get_weather for Oslo"}]}]
    answer = chat(client, messages=asks, tools=[WEATHER]).json()
    assert answer["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    plain = chat(client, tools=[WEATHER], tool_choice="auto").json()  # "Hello there" names no tool
    assert plain["choices"][0]["finish_reason"] == "stop" and "tool_calls" not in plain["choices"][0]["message"]
    none = chat(client, messages=asks, tools=[WEATHER], tool_choice="none").json()
    assert none["choices"][0]["message"]["content"]


def test_documented_rules_beyond_the_schema(client: httpx.Client) -> None:
    tool = {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}}}
    response = client.post("/chat/completions", json={"model": "m", "messages": HELLO, "tools": [tool, tool]})
    assert (response.status_code, error_of(response)["param"]) == (400, "tools.1.function.name")
    named = {"type": "function", "function": {"name": "g"}}
    response = client.post(
        "/chat/completions", json={"model": "m", "messages": HELLO, "tools": [tool], "tool_choice": named}
    )
    assert (response.status_code, error_of(response)["param"]) == (400, "tool_choice.function.name")
