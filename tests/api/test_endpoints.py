"""The generated endpoint functions (`oruel_client.api.<tag>.<operation>`) against a real HTTP server on
127.0.0.1: what goes on the wire (method, path, query, headers, exact JSON body) and how answers are parsed.

They take the real client (Oruel / AsyncOruel), so an error status is never a return value: it is the typed
error of `oruel_client._exceptions`, after the client's retries (the clients here have max_retries=0).
"""

from __future__ import annotations

import asyncio as aio
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel
from oruel_client._exceptions import APIStatusError, APITimeoutError, InternalServerError, RateLimitError
from oruel_client._response import APIResponse
from oruel_client.api.audio import create_speech
from oruel_client.api.chat import create_chat_completion
from oruel_client.api.completions import create_completion
from oruel_client.api.embeddings import create_embedding
from oruel_client.api.images import create_image
from oruel_client.api.models import list_models
from oruel_client.models import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    EmbeddingResponse,
    ErrorResponse,
    FinishReason,
    ImagesResponse,
    ModelList,
    SamplingParametersTier,
    SystemMessage,
    TextCompletion,
    Usage,
    UserMessage,
)
from oruel_client.types import File
from tests.generator.conftest import TOKEN, Stub
from tests.rawhttp import Conn, RecordedRequest, http_response, json_response, sse_head

MESSAGES: list[dict[str, Any]] = [{"role": "user", "content": "Hello"}]
BODY: dict[str, Any] = {"model": "llama-4-maverick", "messages": MESSAGES}
COMPLETION: dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1767225600,
    "model": "llama-4-maverick",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi there"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
}
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
AUDIO = b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00\r\n\r\n\x00\x80binary audio\xfe"


def reply_json(obj: Any, status: int = 200) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(status, obj))

    return handler


def reply_slow(delay: float) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        time.sleep(delay)
        conn.send(json_response(200, COMPLETION))

    return handler


@pytest.fixture
def client(stub: Stub) -> Iterator[Oruel]:
    with Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


@pytest.fixture
async def aclient(stub: Stub) -> AsyncIterator[AsyncOruel]:
    async with AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


def only_request(stub: Stub) -> RecordedRequest:
    assert len(stub.requests) == 1, [r.path for r in stub.requests]
    return stub.requests[0]


# ------------------------------------------------------------------------------------------------ request


def test_sync_sends_exactly_the_caller_fields(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    result = create_chat_completion.sync(client=client, body=BODY)
    req = only_request(stub)
    assert (req.method, req.path) == ("POST", "/chat/completions")
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert req.headers["content-type"] == "application/json"
    assert req.json() == BODY  # nothing added: no temperature, no stream, no n, no tier
    assert isinstance(result, ChatCompletion)
    assert result.choices[0].message.content == "Hi there"
    assert isinstance(result.usage, Usage) and result.usage.total_tokens == 5


def test_model_body_sends_only_set_fields_no_server_defaults(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    bare = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")])
    create_chat_completion.sync(client=client, body=bare)
    some = ChatCompletionRequest(
        model="m",
        messages=[SystemMessage(role="system", content="be brief"), UserMessage(role="user", content="hi")],
        temperature=0.0,
        top_k=0,
        tier=SamplingParametersTier.TURBO,
        stop=["\n"],
    )
    create_chat_completion.sync(client=client, body=some)
    assert [r.json() for r in stub.requests] == [
        {"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        {
            "model": "m",
            "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}],
            "temperature": 0.0,  # falsy values the caller set are sent
            "top_k": 0,
            "tier": "turbo",
            "stop": ["\n"],
        },
    ]


def test_base_url_with_a_path_keeps_its_path(stub: Stub) -> None:
    stub.reply = reply_json(COMPLETION)
    with Oruel(api_key=TOKEN, base_url=stub.url + "/v1/inference", max_retries=0) as client:
        create_chat_completion.sync(client=client, body=BODY)
    assert only_request(stub).path == "/v1/inference/chat/completions"


def test_extra_body_merges_and_wins_on_collision(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    extra = {"temperature": 0.9, "top_k": 40, "vendor_flag": {"a": [1, 2]}}
    create_chat_completion.sync(client=client, body={**BODY, "temperature": 0.2, "min_p": 0.05}, extra_body=extra)
    assert only_request(stub).json() == {
        **BODY,
        "temperature": 0.9,
        "min_p": 0.05,
        "top_k": 40,
        "vendor_flag": {"a": [1, 2]},
    }
    assert extra == {"temperature": 0.9, "top_k": 40, "vendor_flag": {"a": [1, 2]}}  # caller's dict untouched


def test_extra_body_merges_over_a_model_body(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    body = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], temperature=0.2)
    create_chat_completion.sync(client=client, body=body, extra_body={"temperature": 1.5, "tier": "turbo"})
    sent = only_request(stub).json()
    assert sent == {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 1.5, "tier": "turbo"}
    assert body.temperature == 0.2  # the model is not modified by the merge


def test_extra_headers_are_sent_and_auth_is_kept(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    create_chat_completion.sync(client=client, body=BODY, extra_headers={"X-Trace-Id": "t-123", "X-Other": "b"})
    headers = only_request(stub).headers
    assert headers["x-trace-id"] == "t-123"
    assert headers["x-other"] == "b"
    assert headers["authorization"] == f"Bearer {TOKEN}"


def test_extra_query_is_sent(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_json(COMPLETION)
    create_chat_completion.sync(client=client, body=BODY, extra_query={"trace": "1", "region": "eu west"})
    assert only_request(stub).path == "/chat/completions?trace=1&region=eu+west"


def test_per_call_timeout_raises_timeout_exception(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_slow(1.0)
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        create_chat_completion.sync(client=client, body=BODY, timeout=0.05)
    assert time.monotonic() - start < 0.8
    assert len(stub.requests) == 1


def test_per_call_timeout_overrides_a_short_client_timeout(stub: Stub) -> None:
    stub.reply = reply_slow(0.3)
    with Oruel(api_key=TOKEN, base_url=stub.url, timeout=0.05, max_retries=0) as client:
        with pytest.raises(APITimeoutError):
            create_chat_completion.sync(client=client, body=BODY)
        result = create_chat_completion.sync(client=client, body=BODY, timeout=5.0)
    assert isinstance(result, ChatCompletion)


async def test_async_per_call_timeout_raises_timeout_exception(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = reply_slow(1.0)
    start = time.monotonic()
    with pytest.raises(APITimeoutError):
        await create_chat_completion.asyncio(client=aclient, body=BODY, timeout=0.05)
    assert time.monotonic() - start < 0.8
    assert len(stub.requests) == 1


def test_sync_detailed_gives_status_headers_raw_and_parsed(stub: Stub, client: Oruel) -> None:
    raw = json.dumps(COMPLETION).encode()
    stub.reply = lambda req, conn: conn.send(
        http_response(200, raw, {"content-type": "application/json", "x-request-id": "req-9"})
    )
    resp = create_chat_completion.sync_detailed(client=client, body=BODY, extra_headers={"X-A": "1"})
    assert isinstance(resp, APIResponse)
    assert resp.status_code == 200
    assert resp.content == raw
    assert resp.json() == COMPLETION
    assert resp.headers["x-request-id"] == "req-9"
    assert resp.request_id == "req-9"
    assert resp.retries_taken == 0
    assert resp.http_request.headers["x-a"] == "1"
    assert resp.elapsed.total_seconds() > 0
    parsed = resp.parse()
    assert isinstance(parsed, ChatCompletion)
    assert parsed.to_dict() == COMPLETION
    assert resp.parse() is parsed  # parsed once
    assert only_request(stub).headers["x-a"] == "1"


async def test_asyncio_sends_the_same_request(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = reply_json(COMPLETION)
    result = await create_chat_completion.asyncio(
        client=aclient, body=BODY, extra_body={"top_k": 5}, extra_headers={"X-A": "1"}, extra_query={"q": "2"}
    )
    req = only_request(stub)
    assert (req.method, req.path) == ("POST", "/chat/completions?q=2")
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert req.headers["x-a"] == "1"
    assert req.json() == {**BODY, "top_k": 5}
    assert isinstance(result, ChatCompletion)
    assert result.to_dict() == COMPLETION


async def test_asyncio_detailed(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = reply_json(COMPLETION)
    resp = await create_chat_completion.asyncio_detailed(client=aclient, body=BODY)
    assert resp.status_code == 200
    assert json.loads(resp.content) == COMPLETION
    assert resp.retries_taken == 0
    assert isinstance(resp.parse(), ChatCompletion)
    assert resp.parse().to_dict() == COMPLETION
    assert only_request(stub).json() == BODY


async def test_concurrent_async_calls_each_send_their_own_body(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = reply_json(COMPLETION)
    await aio.gather(*(create_chat_completion.asyncio(client=aclient, body={**BODY, "seed": i}) for i in range(5)))
    assert sorted(r.json()["seed"] for r in stub.requests) == [0, 1, 2, 3, 4]


# ------------------------------------------------------------------------------------------------ responses


def test_unknown_fields_and_enum_values_parse_and_round_trip(stub: Stub, client: Oruel) -> None:
    answer = {
        **COMPLETION,
        "system_fingerprint": "fp_1",
        "service_tier": {"name": "turbo", "gpu": "h200"},
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hi", "reasoning": "thought about it"},
                "finish_reason": "brand_new",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5, "cached_tokens": 1},
    }
    stub.reply = reply_json(answer)
    result = create_chat_completion.sync(client=client, body=BODY)
    assert isinstance(result, ChatCompletion)
    reason = result.choices[0].finish_reason
    assert isinstance(reason, FinishReason)
    assert reason == "brand_new"
    assert result["system_fingerprint"] == "fp_1"
    assert result.choices[0].message["reasoning"] == "thought about it"
    assert result.to_dict() == answer
    assert ChatCompletion.from_dict(result.to_dict()).to_dict() == answer
    assert FinishReason("stop") is FinishReason.STOP  # known values stay the real members


def _check_html_502(error: APIStatusError) -> None:
    """A proxy's HTML page is kept whole: as the error's body (its text) and in its response."""
    assert type(error) is InternalServerError
    assert error.status_code == 502
    assert error.body == HTML_502.decode()
    assert error.response.content == HTML_502
    assert "502 Bad Gateway" in str(error)


@pytest.mark.parametrize("detailed", [False, True], ids=["sync", "sync_detailed"])
def test_html_502_raises_internal_server_error_with_the_page(stub: Stub, client: Oruel, detailed: bool) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(502, HTML_502, {"content-type": "text/html"}))
    call = create_chat_completion.sync_detailed if detailed else create_chat_completion.sync
    with pytest.raises(InternalServerError) as info:
        call(client=client, body=BODY)
    _check_html_502(info.value)
    assert len(stub.requests) == 1  # max_retries=0: the status error surfaces at once


async def test_html_502_raises_internal_server_error_async(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(502, HTML_502, {"content-type": "text/html"}))
    with pytest.raises(InternalServerError) as info:
        await create_chat_completion.asyncio_detailed(client=aclient, body=BODY)
    _check_html_502(info.value)
    with pytest.raises(InternalServerError) as speech:
        await create_speech.asyncio(client=aclient, body={"model": "m", "input": "x", "voice": "v"})
    _check_html_502(speech.value)


@pytest.mark.parametrize(
    ("body", "decoded"),
    [
        (b"", None),
        (b'{"detail": "upstream"}', {"detail": "upstream"}),
        (b"[1, 2]", [1, 2]),
        (b"null", None),
        (b"\xff\xfe", "\ufffd\ufffd"),
    ],
)
def test_other_non_envelope_error_bodies_raise_with_the_body_kept(
    stub: Stub, client: Oruel, body: bytes, decoded: Any
) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(503, body, {"content-type": "application/json"}))
    with pytest.raises(InternalServerError) as info:
        create_chat_completion.sync_detailed(client=client, body=BODY)
    error = info.value
    assert (error.status_code, error.body, error.response.content) == (503, decoded, body)
    assert (error.type, error.code, error.param) == (None, None, None)
    assert str(error).startswith("Error code: 503")


def test_nonstandard_status_with_html_is_an_internal_server_error(stub: Stub, client: Oruel) -> None:
    """Cloudflare answers 520-526 with an HTML page when the origin fails; those codes are not in
    http.HTTPStatus. Such an answer is a typed 5xx error, never a raw exception while parsing."""
    page = b"<html><body>Web server is returning an unknown error</body></html>"
    stub.reply = lambda req, conn: conn.send(http_response(520, page, {"content-type": "text/html"}))
    with pytest.raises(InternalServerError) as info:
        create_chat_completion.sync_detailed(client=client, body=BODY)
    assert info.value.status_code == 520
    assert info.value.body == page.decode()
    assert info.value.response.content == page


def test_documented_error_envelope_is_parsed(stub: Stub, client: Oruel) -> None:
    envelope = {"error": {"message": "slow down", "type": "rate_limit", "code": None, "param": None, "x": 1}}
    stub.reply = reply_json(envelope, status=429)
    with pytest.raises(RateLimitError) as info:
        create_chat_completion.sync_detailed(client=client, body=BODY)
    error = info.value
    assert error.status_code == 429
    assert error.body == envelope
    assert (error.message, error.type, error.code, error.param) == (
        "Error code: 429 - slow down",
        "rate_limit",
        None,
        None,
    )
    parsed = ErrorResponse.from_dict(error.body)  # the documented envelope, typed
    assert parsed.error.message == "slow down"
    assert parsed.to_dict() == envelope


# ------------------------------------------------------------------------------------------------ other operations


def test_speech_returns_the_audio_bytes(stub: Stub, client: Oruel) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(200, AUDIO, {"content-type": "application/octet-stream"}))
    body = {"model": "tts-1", "input": "Hello", "voice": "alloy"}
    result = create_speech.sync(client=client, body=body)
    assert isinstance(result, File)
    assert result.payload.read() == AUDIO
    resp = create_speech.sync_detailed(client=client, body=body)
    assert resp.content == AUDIO
    assert resp.parse().payload.read() == AUDIO
    req = stub.requests[0]
    assert (req.method, req.path) == ("POST", "/audio/speech")
    assert req.json() == body  # response_format's server default (mp3) is not sent


async def test_speech_returns_the_audio_bytes_async(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(200, AUDIO, {"content-type": "audio/mpeg"}))
    result = await create_speech.asyncio(client=aclient, body={"model": "m", "input": "x", "voice": "v"})
    assert isinstance(result, File)
    assert result.payload.read() == AUDIO


def test_list_models_sends_a_bodyless_get(stub: Stub, client: Oruel) -> None:
    catalog = {"object": "list", "data": [{"id": "llama-4-maverick", "object": "model", "owned_by": "meta"}]}
    stub.reply = reply_json(catalog)
    result = list_models.sync(client=client)
    req = only_request(stub)
    assert (req.method, req.path, req.body) == ("GET", "/models", b"")
    assert "content-type" not in req.headers
    # The spec lets this operation go without a key; the one client sends the key it was built with.
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert isinstance(result, ModelList)
    assert result.to_dict() == catalog


@pytest.mark.parametrize(
    ("module", "body", "answer", "model"),
    [
        (
            create_completion,
            {"model": "m", "prompt": ["a", "b"], "max_tokens": 3},
            {
                "id": "c",
                "object": "text_completion",
                "created": 1,
                "model": "m",
                "choices": [{"index": 0, "text": "x", "finish_reason": None}],
            },
            TextCompletion,
        ),
        (
            create_embedding,
            {"model": "e", "input": "hi"},
            {"object": "list", "model": "e", "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -1.0]}]},
            EmbeddingResponse,
        ),
        (
            create_image,
            {"model": "flux", "prompt": "a cat", "width": 512},
            {"created": 1, "data": [{"url": "https://img.invalid/1.png"}]},
            ImagesResponse,
        ),
    ],
    ids=["completions", "embeddings", "images"],
)
def test_other_json_operations(
    stub: Stub, client: Oruel, module: Any, body: dict[str, Any], answer: dict[str, Any], model: type[Any]
) -> None:
    stub.reply = reply_json(answer)
    result = module.sync(client=client, body=body)
    req = only_request(stub)
    assert (req.method, req.path) == (module.HTTP_METHOD.upper(), module.PATH_TEMPLATE)
    assert req.json() == body
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert isinstance(result, model)
    assert result.to_dict() == answer


# ------------------------------------------------------------------------------------------------ streaming

CHUNKS: list[dict[str, Any]] = [
    {
        "id": "s1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}, "finish_reason": None}],
    },
    {
        "id": "s1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "lo"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    },
]


def reply_sse(req: RecordedRequest, conn: Conn) -> None:
    conn.send(sse_head())
    events = [f"data: {json.dumps(c)}\n\n".encode() for c in CHUNKS] + [b"data: [DONE]\n\n"]
    conn.send_chunks(events, delay=0.01)


def _check_stream_request(stub: Stub) -> None:
    req = only_request(stub)
    assert (req.method, req.path) == ("POST", "/chat/completions?x=1")
    assert req.headers["accept"] == "text/event-stream"
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert req.json() == {**BODY, "temperature": 0.5, "stream": True}


def test_sync_stream_yields_typed_chunks(stub: Stub, client: Oruel) -> None:
    stub.reply = reply_sse
    stream = create_chat_completion.sync_stream(
        client=client, body={**BODY, "temperature": 0.5}, extra_query={"x": "1"}
    )
    with stream:
        chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert [c.to_dict() for c in chunks] == CHUNKS
    _check_stream_request(stub)


async def test_asyncio_stream_yields_typed_chunks(stub: Stub, aclient: AsyncOruel) -> None:
    stub.reply = reply_sse
    stream = await create_chat_completion.asyncio_stream(
        client=aclient, body={**BODY, "temperature": 0.5}, extra_query={"x": "1"}
    )
    async with stream:
        chunks = [c async for c in stream]
    assert [c.to_dict() for c in chunks] == CHUNKS
    _check_stream_request(stub)


def test_sync_stream_error_status_raises_before_streaming(stub: Stub, client: Oruel) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(502, HTML_502, {"content-type": "text/html"}))
    with pytest.raises(InternalServerError) as info:
        create_chat_completion.sync_stream(client=client, body=BODY)
    _check_html_502(info.value)
    assert len(stub.requests) == 1
