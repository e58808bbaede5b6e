"""The generated endpoint functions and the facade's raw / streaming responses, through the one client stack
(Oruel / AsyncOruel: validation, retries, typed errors) against the real local server on 127.0.0.1.

Faults come from the server's own fault headers (``x-oruel-mock-fault``), each test with its own fault id so that
counts never leak between tests; ``x-oruel-mock-retry-after-ms: 1`` keeps retries fast.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from oruel_client import AsyncOruel, AsyncStream, Oruel, Stream
from oruel_client._exceptions import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    InternalServerError,
    OruelError,
    OruelValidationError,
)
from oruel_client._response import APIResponse, AsyncAPIResponse
from oruel_client.api.chat import create_chat_completion
from oruel_client.mock.server import MockServer
from oruel_client.models import (
    ChatCompletion,
    ChatCompletionChunk,
    EmbeddingResponse,
    ImagesResponse,
    ModelList,
    TextCompletion,
)
from oruel_client.testing import MOCK_API_KEY
from oruel_client.types import File

MODEL = "llama-4-maverick"
BODY: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Hello there"}]}
_ids = itertools.count()


def fault(kind: str, times: int) -> dict[str, str]:
    """Headers asking the server for ``kind`` on the first ``times`` requests of a fresh fault id."""
    return {
        "x-oruel-mock-fault": kind,
        "x-oruel-mock-fault-times": str(times),
        "x-oruel-mock-fault-id": f"one-stack-{next(_ids)}",
        "x-oruel-mock-retry-after-ms": "1",
    }


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        yield running


@pytest.fixture
def mock(server: MockServer) -> Iterator[MockServer]:
    assert server.app is not None
    server.app.reset()
    yield server


@pytest.fixture
def client(mock: MockServer) -> Iterator[Oruel]:
    with Oruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=2, timeout=10.0) as c:
        yield c


@pytest.fixture
async def aclient(mock: MockServer) -> AsyncIterator[AsyncOruel]:
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=2, timeout=10.0) as c:
        yield c


def chat_requests(mock: MockServer) -> list[Any]:
    return [r for r in mock.requests if r.path.endswith("/chat/completions")]


def retry_counts(mock: MockServer) -> list[str]:
    return [r.headers["x-oruel-retry-count"] for r in chat_requests(mock)]


def text_of(chunks: list[ChatCompletionChunk]) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


# ------------------------------------------------------------------------------------------------ retries


def test_sync_retries_a_503_then_returns_the_typed_body(mock: MockServer, client: Oruel) -> None:
    result = create_chat_completion.sync(client=client, body=BODY, extra_headers=fault("503", 1))
    assert isinstance(result, ChatCompletion)
    assert result.choices[0].message.content
    assert retry_counts(mock) == ["0", "1"]


def test_sync_detailed_shows_the_retries_taken(mock: MockServer, client: Oruel) -> None:
    resp = create_chat_completion.sync_detailed(client=client, body=BODY, extra_headers=fault("503", 2))
    assert (resp.status_code, resp.retries_taken) == (200, 2)
    assert isinstance(resp.parse(), ChatCompletion)
    assert retry_counts(mock) == ["0", "1", "2"]


def test_sync_raises_the_typed_error_once_retries_run_out(mock: MockServer) -> None:
    with Oruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=1) as client:
        with pytest.raises(InternalServerError) as info:
            create_chat_completion.sync(client=client, body=BODY, extra_headers=fault("503", 5))
    assert info.value.status_code == 503
    assert info.value.type == "server_error"
    assert info.value.request_id is not None
    assert retry_counts(mock) == ["0", "1"]


async def test_asyncio_retries_a_503_then_returns_the_typed_body(mock: MockServer, aclient: AsyncOruel) -> None:
    result = await create_chat_completion.asyncio(client=aclient, body=BODY, extra_headers=fault("503", 1))
    assert isinstance(result, ChatCompletion)
    resp = await create_chat_completion.asyncio_detailed(client=aclient, body=BODY, extra_headers=fault("429", 2))
    assert (resp.status_code, resp.retries_taken) == (200, 2)
    assert isinstance(resp.parse(), ChatCompletion)
    assert retry_counts(mock) == ["0", "1", "0", "1", "2"]


# ------------------------------------------------------------------------------------------------ detailed


def test_sync_detailed_gives_status_headers_request_id_and_parse(mock: MockServer, client: Oruel) -> None:
    resp = create_chat_completion.sync_detailed(client=client, body=BODY)
    assert isinstance(resp, APIResponse)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.request_id is not None and resp.request_id == resp.headers["x-request-id"]
    assert resp.request_id.startswith("req_")
    assert resp.http_request.url.path == "/v1/inference/chat/completions"
    assert resp.elapsed.total_seconds() > 0
    assert resp.retries_taken == 0
    parsed = resp.parse()
    assert isinstance(parsed, ChatCompletion)
    assert parsed.to_dict() == resp.json()
    assert parsed._request_id == resp.request_id  # type: ignore[attr-defined]
    assert resp.parse() is parsed
    assert len(chat_requests(mock)) == 1


async def test_asyncio_detailed_gives_status_headers_request_id_and_parse(aclient: AsyncOruel) -> None:
    resp = await create_chat_completion.asyncio_detailed(client=aclient, body=BODY)
    assert resp.status_code == 200
    assert resp.request_id is not None and resp.request_id.startswith("req_")
    parsed = resp.parse()
    assert isinstance(parsed, ChatCompletion)
    assert parsed.to_dict() == resp.json()


# ------------------------------------------------------------------------------------------------ streaming

TRACE = {"X-Trace-Id": "trace-one-stack", "X-Team": "blue"}


def assert_stream_request(mock: MockServer) -> None:
    (req,) = chat_requests(mock)
    assert req.json() == {**BODY, "stream": True}
    assert req.headers["accept"] == "text/event-stream"
    assert (req.headers["x-trace-id"], req.headers["x-team"]) == ("trace-one-stack", "blue")


def test_sync_stream_yields_typed_chunks_and_sends_extra_headers(mock: MockServer, client: Oruel) -> None:
    stream = create_chat_completion.sync_stream(client=client, body=BODY, extra_headers=TRACE)
    assert isinstance(stream, Stream)
    with stream:
        chunks = list(stream)
    assert len(chunks) > 1 and all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert text_of(chunks)
    assert_stream_request(mock)


def test_sync_stream_detailed_gives_the_response_then_the_stream(mock: MockServer, client: Oruel) -> None:
    resp = create_chat_completion.sync_stream_detailed(client=client, body=BODY, extra_headers=TRACE)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.request_id is not None
    stream = resp.parse()
    assert isinstance(stream, Stream)
    with stream:
        assert text_of(list(stream))
    assert_stream_request(mock)


def test_sync_stream_retries_a_503_before_the_first_byte(mock: MockServer, client: Oruel) -> None:
    resp = create_chat_completion.sync_stream_detailed(client=client, body=BODY, extra_headers=fault("503", 1))
    assert resp.retries_taken == 1
    with resp.parse() as stream:
        assert text_of(list(stream))
    assert retry_counts(mock) == ["0", "1"]


async def test_asyncio_stream_yields_typed_chunks_and_sends_extra_headers(
    mock: MockServer, aclient: AsyncOruel
) -> None:
    stream = await create_chat_completion.asyncio_stream(client=aclient, body=BODY, extra_headers=TRACE)
    assert isinstance(stream, AsyncStream)
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert text_of(chunks)
    assert_stream_request(mock)


async def test_asyncio_stream_detailed_gives_the_response_then_the_stream(
    mock: MockServer, aclient: AsyncOruel
) -> None:
    resp = await create_chat_completion.asyncio_stream_detailed(client=aclient, body=BODY, extra_headers=TRACE)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/event-stream")
    stream = resp.parse()
    assert isinstance(stream, AsyncStream)
    async with stream:
        assert text_of([c async for c in stream])
    assert_stream_request(mock)


# ------------------------------------------------------------------------------------------------ refusals

STREAM_BODIES = [
    pytest.param({"body": {**BODY, "stream": True}}, id="body"),
    pytest.param({"body": BODY, "extra_body": {"stream": True}}, id="extra_body"),
]


@pytest.mark.parametrize("kwargs", STREAM_BODIES)
@pytest.mark.parametrize("name", ["sync", "sync_detailed"])
def test_sync_refuses_stream_true_before_sending(
    mock: MockServer, client: Oruel, name: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(OruelValidationError) as info:
        getattr(create_chat_completion, name)(client=client, **kwargs)
    assert info.value.path == "stream"
    assert "sync_stream()" in str(info.value)
    assert mock.requests == []


@pytest.mark.parametrize("kwargs", STREAM_BODIES)
@pytest.mark.parametrize("name", ["asyncio", "asyncio_detailed"])
async def test_asyncio_refuses_stream_true_before_sending(
    mock: MockServer, aclient: AsyncOruel, name: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(OruelValidationError) as info:
        await getattr(create_chat_completion, name)(client=aclient, **kwargs)
    assert "asyncio_stream()" in str(info.value)
    assert mock.requests == []


def test_sync_sends_stream_false_as_given(mock: MockServer, client: Oruel) -> None:
    assert isinstance(create_chat_completion.sync(client=client, body={**BODY, "stream": False}), ChatCompletion)
    assert chat_requests(mock)[0].json() == {**BODY, "stream": False}


def test_client_validate_false_lets_an_out_of_range_value_reach_the_server(mock: MockServer) -> None:
    """A default client refuses temperature=7 with nothing sent; Oruel(validate=False) sends it, and the
    server's own check (it validates against the same spec) is what rejects it."""
    body = {**BODY, "temperature": 7}
    with Oruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=0) as checking:
        with pytest.raises(OruelValidationError):
            create_chat_completion.sync(client=checking, body=body)
    assert mock.requests == []
    with Oruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=0, validate=False) as trusting:
        with pytest.raises(BadRequestError) as info:
            create_chat_completion.sync(client=trusting, body=body)
    assert "temperature" in str(info.value)
    assert chat_requests(mock)[0].json()["temperature"] == 7


# ------------------------------------------------------------------------------------------------ facade: raw


def test_with_raw_response_gives_an_api_response_with_parse(mock: MockServer, client: Oruel) -> None:
    resp = client.chat.completions.with_raw_response.create(**BODY, extra_headers=fault("503", 1))
    assert isinstance(resp, APIResponse)
    assert (resp.status_code, resp.retries_taken) == (200, 1)
    assert resp.request_id is not None and resp.request_id == resp.headers["x-request-id"]
    assert resp.is_closed  # the body was read whole
    completion = resp.parse()
    assert isinstance(completion, ChatCompletion)
    assert completion.to_dict() == resp.json()
    assert completion._request_id == resp.request_id  # type: ignore[attr-defined]


def test_with_raw_response_of_a_stream_gives_a_stream_from_parse(mock: MockServer, client: Oruel) -> None:
    resp = client.chat.completions.with_raw_response.create(**BODY, stream=True, extra_headers=TRACE)
    assert isinstance(resp, APIResponse)
    assert resp.headers["content-type"].startswith("text/event-stream")
    stream = resp.parse()
    assert isinstance(stream, Stream)
    with stream:
        assert text_of(list(stream))
    assert_stream_request(mock)


async def test_async_with_raw_response(mock: MockServer, aclient: AsyncOruel) -> None:
    resp = await aclient.chat.completions.with_raw_response.create(**BODY, extra_headers=fault("500", 1))
    assert (resp.status_code, resp.retries_taken) == (200, 1)
    assert isinstance(resp.parse(), ChatCompletion)
    streamed = await aclient.chat.completions.with_raw_response.create(**BODY, stream=True)
    stream = streamed.parse()
    assert isinstance(stream, AsyncStream)
    async with stream:
        assert text_of([c async for c in stream])


def test_with_raw_response_raises_the_typed_error(mock: MockServer) -> None:
    with Oruel(api_key=MOCK_API_KEY, base_url=mock.url, max_retries=0) as client:
        with pytest.raises(InternalServerError) as info:
            client.chat.completions.with_raw_response.create(**BODY, extra_headers=fault("502", 1))
    assert info.value.status_code == 502


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda c: c.completions.with_raw_response.create(model=MODEL, prompt="Once"), TextCompletion),
        (lambda c: c.embeddings.with_raw_response.create(model="e5-mistral-7b", input="hi"), EmbeddingResponse),
        (lambda c: c.models.with_raw_response.list(), ModelList),
        (lambda c: c.images.with_raw_response.generate(model="flux-1-schnell", prompt="a cat"), ImagesResponse),
        (lambda c: c.audio.speech.with_raw_response.create(model="tts-1", input="hi", voice="alloy"), File),
    ],
    ids=["completions", "embeddings", "models", "images", "speech"],
)
def test_every_resource_has_with_raw_response(client: Oruel, call: Any, kind: type[Any]) -> None:
    resp = call(client)
    assert isinstance(resp, APIResponse)
    assert resp.status_code == 200 and resp.request_id is not None
    assert isinstance(resp.parse(), kind)
    assert resp.content  # the body, read


# ------------------------------------------------------------------------------------------------ facade: streamed


def test_with_streaming_response_reads_the_body_only_when_asked(mock: MockServer, client: Oruel) -> None:
    with client.chat.completions.with_streaming_response.create(**BODY) as resp:
        assert isinstance(resp, APIResponse)
        assert resp.status_code == 200 and resp.request_id is not None
        assert not resp.http_response.is_stream_consumed  # unread so far
        assert not resp.is_closed
        completion = resp.parse()
        assert isinstance(completion, ChatCompletion)
        assert resp.http_response.is_stream_consumed
    assert resp.is_closed


def test_with_streaming_response_read_gives_the_raw_bytes(client: Oruel) -> None:
    with client.chat.completions.with_streaming_response.create(**BODY) as resp:
        assert not resp.http_response.is_stream_consumed
        data = resp.read()
        assert data.startswith(b"{") and resp.parse().to_dict() == resp.json()
    assert resp.is_closed


def test_with_streaming_response_releases_the_connection_on_exit_unread(mock: MockServer) -> None:
    """One pooled connection and a 1 s pool timeout: a response left unread and not released on exit would make
    the next call wait for the pool and fail with a timeout."""
    http = httpx.Client(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(10.0, pool=1.0))
    with http, Oruel(api_key=MOCK_API_KEY, base_url=mock.url, http_client=http, max_retries=0) as client:
        for _ in range(3):
            with client.chat.completions.with_streaming_response.create(**BODY) as resp:
                assert resp.status_code == 200
            assert resp.is_closed
        assert isinstance(client.chat.completions.create(**BODY), ChatCompletion)


def test_with_streaming_response_control_an_unreleased_response_holds_the_pool(mock: MockServer) -> None:
    """The control of the test above: the same pool does time out when a streamed response is kept open."""
    http = httpx.Client(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(10.0, pool=0.5))
    with http, Oruel(api_key=MOCK_API_KEY, base_url=mock.url, http_client=http, max_retries=0) as client:
        with client.chat.completions.with_streaming_response.create(**BODY) as resp:
            assert resp.status_code == 200
            with pytest.raises(APITimeoutError):
                client.chat.completions.create(**BODY)


def test_with_streaming_response_of_a_stream(mock: MockServer, client: Oruel) -> None:
    with client.chat.completions.with_streaming_response.create(**BODY, stream=True, extra_headers=TRACE) as resp:
        assert resp.headers["content-type"].startswith("text/event-stream")
        assert not resp.http_response.is_stream_consumed
        stream = resp.parse()
        assert isinstance(stream, Stream)
        assert text_of(list(stream))
    assert resp.is_closed
    assert_stream_request(mock)


async def test_async_with_streaming_response(mock: MockServer, aclient: AsyncOruel) -> None:
    async with aclient.chat.completions.with_streaming_response.create(**BODY) as resp:
        assert isinstance(resp, AsyncAPIResponse)
        assert resp.status_code == 200 and resp.request_id is not None
        assert not resp.http_response.is_stream_consumed
        completion = await resp.parse()
        assert isinstance(completion, ChatCompletion)
        assert await resp.parse() is completion
    assert resp.is_closed
    async with aclient.chat.completions.with_streaming_response.create(**BODY) as unread:
        assert not unread.http_response.is_stream_consumed
    assert unread.is_closed


async def test_async_with_streaming_response_of_a_stream(mock: MockServer, aclient: AsyncOruel) -> None:
    async with aclient.chat.completions.with_streaming_response.create(**BODY, stream=True) as resp:
        assert isinstance(resp, AsyncAPIResponse)
        stream = await resp.parse()
        assert isinstance(stream, AsyncStream)
        assert text_of([c async for c in stream])
    assert resp.is_closed


# ------------------------------------------------------------------------------------------------ raw bodies


def test_a_body_cut_while_a_streamed_response_reads_it_is_a_connection_error(client: Oruel) -> None:
    cut = {"x-oruel-mock-fault": "drop-mid-stream", "x-oruel-mock-fault-id": f"one-stack-{next(_ids)}"}
    with client.chat.completions.with_streaming_response.create(**BODY, extra_headers=cut) as response:
        with pytest.raises(APIConnectionError) as info:
            response.parse()
    assert not isinstance(info.value, httpx.HTTPError) and isinstance(info.value.__cause__, httpx.HTTPError)


async def test_async_a_body_cut_while_a_streamed_response_reads_it_is_a_connection_error(aclient: AsyncOruel) -> None:
    cut = {"x-oruel-mock-fault": "drop-mid-stream", "x-oruel-mock-fault-id": f"one-stack-{next(_ids)}"}
    async with aclient.chat.completions.with_streaming_response.create(**BODY, extra_headers=cut) as response:
        with pytest.raises(APIConnectionError):
            await response.parse()


async def test_async_raw_stream_body_is_read_through_its_stream(aclient: AsyncOruel) -> None:
    raw = await aclient.chat.completions.with_raw_response.create(**BODY, stream=True)
    with pytest.raises(OruelError, match="iterating parse"):
        raw.read()
    stream = raw.parse()
    assert isinstance(stream, AsyncStream)
    assert [c async for c in stream]
