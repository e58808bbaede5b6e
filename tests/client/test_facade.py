"""The public client as a user holds it: keywords, extra_body, validation before I/O, streams, options."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from oruel_client import (
    AsyncOruel,
    AsyncStream,
    BadRequestError,
    Oruel,
    OruelError,
    OruelValidationError,
    RateLimitError,
    Stream,
    accumulate_chunks,
)
from oruel_client.models import ChatCompletion, ChatCompletionChunk, UserMessage
from tests.client.conftest import KEY, sse
from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response, json_response, sse_head

MSG = [{"role": "user", "content": "hello"}]


def client_for(server: RawServer, **kw: Any) -> Oruel:
    return Oruel(api_key=KEY, base_url=server.url + "/v1/inference", **kw)


def test_only_set_fields_are_sent_and_extras_merge(ok_server: RawServer) -> None:
    with client_for(ok_server) as client:
        resp = client.chat.completions.create(
            model="m",
            messages=MSG,
            top_k=50,
            min_p=0.05,
            repetition_penalty=1.1,
            tier="turbo",
            extra_body={"temperature": 0.3, "top_k": 7, "custom": [1]},
            extra_headers={"x-trace": "t1"},
            extra_query={"debug": "1"},
        )
    assert isinstance(resp, ChatCompletion)
    assert resp.choices[0].message.content == "hi"
    req = ok_server.requests[0]
    assert req.path == "/v1/inference/chat/completions?debug=1"
    assert req.headers["x-trace"] == "t1"
    assert req.json() == {
        "model": "m",
        "messages": MSG,
        "top_k": 7,
        "min_p": 0.05,
        "repetition_penalty": 1.1,
        "tier": "turbo",
        "temperature": 0.3,
        "custom": [1],
    }


def test_models_and_dicts_mix(ok_server: RawServer) -> None:
    with client_for(ok_server) as client:
        client.chat.completions.create(
            model="m",
            messages=[UserMessage(role="user", content="a"), {"role": "assistant", "content": None}],
            stop="END",
        )
    assert ok_server.requests[0].json()["messages"] == [
        {"role": "user", "content": "a"},
        {"role": "assistant", "content": None},
    ]


@pytest.mark.parametrize(
    ("kwargs", "path", "rule"),
    [
        ({"temperature": 2.5}, "temperature", "maximum"),
        ({"top_k": 201}, "top_k", "maximum"),
        ({"min_p": -0.1}, "min_p", "minimum"),
        ({"repetition_penalty": 0.05}, "repetition_penalty", "minimum"),
        ({"tier": "fast"}, "tier", "enum"),
        ({"extra_body": {"top_k": 999}}, "top_k", "maximum"),
        ({"extra_body": {"tier": "gold"}}, "tier", "enum"),
        ({"stop": ["x"] * 5}, "stop", "maxItems"),
        ({"temperature": float("nan")}, "temperature", "type"),
        ({"extra_body": {"top_p": float("inf")}}, "top_p", "type"),
    ],
)
def test_out_of_range_raises_before_any_io(ok_server: RawServer, kwargs: dict[str, Any], path: str, rule: str) -> None:
    with client_for(ok_server) as client, pytest.raises(OruelValidationError) as info:
        client.chat.completions.create(model="m", messages=MSG, **kwargs)
    assert info.value.path == path and info.value.rule == rule
    assert isinstance(info.value, ValueError)
    assert ok_server.requests == []


def test_validate_false_sends_anyway(ok_server: RawServer) -> None:
    with client_for(ok_server, validate=False) as client:
        client.chat.completions.create(model="m", messages=MSG, temperature=9)
    assert ok_server.requests[0].json()["temperature"] == 9


def test_with_options_neither_mutates_nor_closes_parent(ok_server: RawServer) -> None:
    parent = client_for(ok_server, max_retries=5)
    child = parent.with_options(max_retries=0, validate=False, default_headers={"x-child": "1"})
    child.chat.completions.create(model="m", messages=MSG, temperature=9)
    assert parent.max_retries == 5 and child.max_retries == 0
    with pytest.raises(OruelValidationError):
        parent.chat.completions.create(model="m", messages=MSG, temperature=9)
    parent.chat.completions.create(model="m", messages=MSG)
    assert ok_server.requests[0].headers.get("x-child") == "1"
    assert "x-child" not in ok_server.requests[1].headers
    parent.close()


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORUEL_API_KEY", raising=False)
    with pytest.raises(OruelError, match="ORUEL_API_KEY"):
        Oruel()


def test_env_configuration(monkeypatch: pytest.MonkeyPatch, ok_server: RawServer) -> None:
    monkeypatch.setenv("ORUEL_API_KEY", KEY)
    monkeypatch.setenv("ORUEL_BASE_URL", ok_server.url + "/v1/inference")
    with Oruel() as client:
        client.chat.completions.create(model="m", messages=MSG)
    assert ok_server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in repr(client)


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORUEL_BASE_URL", raising=False)
    assert Oruel(api_key=KEY).base_url == "https://api.oru-el.com/v1/inference"


def _chunk(content: str | None, **extra: Any) -> dict[str, Any]:
    delta = {} if content is None else {"content": content}
    return {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": extra.pop("finish_reason", None)}],
        **extra,
    }


STREAM = sse(
    _chunk("Hel"),
    _chunk("lo"),
    _chunk(None, finish_reason="stop", usage={"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}),
    b"[DONE]",
)


def _stream_handler(req: RecordedRequest, conn: Conn) -> None:
    conn.send(sse_head())
    conn.send_chunks([STREAM[i : i + 7] for i in range(0, len(STREAM), 7)])


def test_stream_true_returns_stream_of_typed_chunks() -> None:
    with RawServer(handler=_stream_handler) as server, client_for(server) as client:
        with client.chat.completions.create(model="m", messages=MSG, stream=True, top_k=3) as stream:
            assert isinstance(stream, Stream)
            chunks = list(stream)
        assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Hello"
        assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == 3
        body = server.requests[0].json()
        assert body["stream"] is True and body["top_k"] == 3
        assert server.requests[0].headers["accept"] == "text/event-stream"


def test_stream_accumulates_into_the_final_completion() -> None:
    with RawServer(handler=_stream_handler) as server, client_for(server) as client:
        with client.chat.completions.create(model="m", messages=MSG, stream=True) as stream:
            final = ChatCompletion.from_dict(accumulate_chunks(stream))
    assert final.choices[0].message.content == "Hello"
    assert final.choices[0].finish_reason == "stop"
    assert final.usage is not None and final.usage.total_tokens == 3


def test_stream_error_status_is_typed() -> None:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(
            json_response(
                400,
                {"error": {"message": "bad model", "type": "invalid_request_error", "param": "model", "code": None}},
            )
        )

    with RawServer(handler=handler) as server, client_for(server) as client:
        with pytest.raises(BadRequestError) as info:
            client.chat.completions.create(model="m", messages=MSG, stream=True)
    assert info.value.status_code == 400 and info.value.param == "model" and "bad model" in str(info.value)


def test_status_errors_map_and_retry() -> None:
    script = [
        lambda r, c: c.send(
            json_response(429, {"error": {"message": "slow down", "type": "rate_limit"}}, {"retry-after-ms": "10"})
        )
    ] * 3
    with RawServer(script=list(script)) as server, client_for(server, max_retries=2) as client:
        with pytest.raises(RateLimitError):
            client.chat.completions.create(model="m", messages=MSG)
    assert len(server.requests) == 3


def test_models_list_and_speech_bytes() -> None:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        if req.path.endswith("/models"):
            conn.send(
                json_response(
                    200, {"object": "list", "data": [{"id": "llama-4-maverick", "object": "model", "new": 1}]}
                )
            )
        else:
            conn.send(http_response(200, b"RIFF", {"content-type": "application/octet-stream"}))

    with RawServer(handler=handler) as server, client_for(server) as client:
        models = client.models.list()
        assert models.data[0].id == "llama-4-maverick" and models.data[0]["new"] == 1
        audio = client.audio.speech.create(model="tts", input="hi", voice="v")
        assert audio.payload.read() == b"RIFF"
        assert json.loads(server.requests[1].body) == {"model": "tts", "input": "hi", "voice": "v"}


async def test_async_parity() -> None:
    with RawServer(handler=_stream_handler) as server:
        async with AsyncOruel(api_key=KEY, base_url=server.url + "/v1/inference") as client:
            stream = await client.chat.completions.create(model="m", messages=MSG, stream=True)
            assert isinstance(stream, AsyncStream)
            text = ""
            async with stream:
                async for chunk in stream:
                    text += (chunk.choices[0].delta.content or "") if chunk.choices else ""
            assert text == "Hello"
            with pytest.raises(OruelValidationError):
                await client.chat.completions.create(model="m", messages=MSG, min_p=2)
        assert len(server.requests) == 1


def test_own_http_client_is_not_closed(ok_server: RawServer) -> None:
    http = httpx.Client()
    with Oruel(api_key=KEY, base_url=ok_server.url + "/v1/inference", http_client=http) as client:
        client.chat.completions.create(model="m", messages=MSG)
    assert not http.is_closed
    http.close()
