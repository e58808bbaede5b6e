"""`stream.get_final_completion()`: the whole answer a stream adds up to, typed, through the real local server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel, accumulate_chunks
from oruel_client._exceptions import APIConnectionError
from oruel_client.mock.server import MockServer
from oruel_client.models import ChatCompletion, TextCompletion
from tests.rawhttp import Conn, RawServer, RecordedRequest, sse_head

KEY = "oruel_" + "0" * 48
CHAT: dict[str, Any] = {"model": "llama-4-maverick", "messages": [{"role": "user", "content": "a story"}]}
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather of a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]


@pytest.fixture(scope="module")
def client() -> Iterator[Oruel]:
    with MockServer() as server, Oruel(api_key=KEY, base_url=server.url, max_retries=0) as c:
        yield c


def _but_created(chunk: Any) -> dict[str, Any]:
    data: dict[str, Any] = chunk.to_dict()
    data.pop("created")
    return data


def test_chat_final_completion_joins_the_text_and_keeps_usage(client: Oruel) -> None:
    with client.chat.completions.create(**CHAT, max_tokens=12, seed=7, stream=True) as stream:
        first = [next(stream), next(stream)]  # chunks already iterated count too
        final = stream.get_final_completion()
    again = list(client.chat.completions.create(**CHAT, max_tokens=12, seed=7, stream=True))
    # The same seed gives the same chunks; only `created` (whole seconds) may tick between the two streams.
    assert [_but_created(c) for c in first] == [_but_created(c) for c in again[:2]]
    assert isinstance(final, ChatCompletion)
    assert final.object == "chat.completion"
    assert final.id == again[0].id
    assert final.choices[0].message.content == "".join(c.choices[0].delta.content or "" for c in again if c.choices)
    assert final.choices[0].message.content and final.choices[0].finish_reason == "length"
    usage = [c.usage for c in again if c.usage is not None][-1]
    assert final.usage == usage and usage.completion_tokens == 12
    assert final.to_dict() == accumulate_chunks(again)
    assert final._request_id == stream.response.headers["x-request-id"]
    assert stream.response.is_closed


def test_tool_call_arguments_are_joined(client: Oruel) -> None:
    named = {"type": "function", "function": {"name": "get_weather"}}
    stream = client.chat.completions.create(**CHAT, tools=TOOLS, tool_choice=named, stream=True)
    final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert calls and calls[0].function.name == "get_weather"
    assert json.loads(calls[0].function.arguments)  # fragments joined into one JSON document
    assert final.choices[0].finish_reason == "tool_calls"


def test_text_stream_gives_a_text_completion(client: Oruel) -> None:
    chunks = list(client.completions.create(model="llama-4-maverick", prompt="Once", max_tokens=6, stream=True))
    final = client.completions.create(model="llama-4-maverick", prompt="Once", max_tokens=6, stream=True)
    result = final.get_final_completion()
    assert isinstance(result, TextCompletion)
    assert result.choices[0].text == "".join(c.choices[0].text for c in chunks)


def test_a_stream_closed_early_has_no_final_completion(client: Oruel) -> None:
    stream = client.chat.completions.create(**CHAT, max_tokens=20, stream=True)
    next(stream)
    stream.close()
    with pytest.raises(APIConnectionError, match="closed before its end"):
        stream.get_final_completion()


def test_a_stream_cut_before_done_has_no_final_completion() -> None:
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []}

    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head() + f"data: {json.dumps(chunk)}\n\n".encode())

    with RawServer(handler) as server:
        stream = Oruel(api_key=KEY, base_url=server.url, max_retries=0).chat.completions.create(**CHAT, stream=True)
        with pytest.raises(APIConnectionError, match="DONE"):
            stream.get_final_completion()


async def test_async_final_completion(client: Oruel) -> None:
    async with AsyncOruel(api_key=KEY, base_url=client.base_url, max_retries=0) as aclient:
        stream = await aclient.chat.completions.create(**CHAT, max_tokens=5, seed=3, stream=True)
        final = await stream.get_final_completion()
    expected = client.chat.completions.create(**CHAT, max_tokens=5, seed=3, stream=True).get_final_completion()
    assert final.choices[0].message.content == expected.choices[0].message.content


def _late_id_chunks(where: dict[str, Any]) -> list[dict[str, Any]]:
    fragments = [
        {**where, "type": "function", "function": {"name": "get_weather", "arguments": '{"city"'}},
        {**where, "id": "call_1", "function": {"arguments": ': "Paris"'}},
        {**where, "function": {"arguments": "}"}},
    ]
    chunks = [
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "delta": {"tool_calls": [fragment]}, "finish_reason": None}],
        }
        for fragment in fragments
    ]
    chunks[-1]["choices"][0]["finish_reason"] = "tool_calls"
    return chunks


def test_a_tool_call_whose_id_arrives_after_its_first_fragment_stays_one_call() -> None:
    """Some servers send a call's id only with its second fragment: that fragment continues the call the first
    one opened (its id is then taken), it does not open a second call."""
    chunks = _late_id_chunks({"index": 0})

    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head() + b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n")

    with RawServer(handler) as server:
        with Oruel(api_key=KEY, base_url=server.url, max_retries=0) as oruel:
            final = oruel.chat.completions.create(**CHAT, stream=True).get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert calls is not None and len(calls) == 1
    assert calls[0].id == "call_1"
    assert calls[0].function.name == "get_weather"
    assert json.loads(calls[0].function.arguments) == {"city": "Paris"}
    assert final.choices[0].finish_reason == "tool_calls"


def test_a_late_id_without_index_stays_one_call_too() -> None:
    """The same from a server that leaves out the fragments' index (not the documented shape, so only the
    plain-JSON accumulate_chunks sees it)."""
    calls = accumulate_chunks(_late_id_chunks({}))["choices"][0]["message"]["tool_calls"]
    assert [(c["id"], c["function"]["name"], c["function"]["arguments"]) for c in calls] == [
        ("call_1", "get_weather", '{"city": "Paris"}')
    ]
