"""Bodies and chunks of the wrong shape, through the facade with the generated parsers, sync and async, and
through the CLI: each is an APIResponseValidationError (or the status error), never a raw Python exception.
In-stream errors keep the server's message whatever the shape of their payload."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel
from oruel_client._exceptions import APIError, APIResponseValidationError
from oruel_client.api.chat import create_chat_completion
from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response, json_response, sse_head

ROOT = Path(__file__).resolve().parents[2]
KEY = "oruel_" + "0" * 48
CALL: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
GOOD_CHUNK = {
    "id": "c1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "m",
    "choices": [{"index": 0, "delta": {"content": "a"}, "finish_reason": None}],
}
DEEP = "[" * 10_000 + "]" * 10_000

# Payloads that decode as JSON but are not a ChatCompletionChunk.
WRONG_CHUNKS = {
    "choices-a-string": json.dumps({**GOOD_CHUNK, "choices": "oops"}),
    "null": "null",
    "no-id": json.dumps({k: v for k, v in GOOD_CHUNK.items() if k != "id"}),
    "a-list": "[1, 2]",
    "choice-not-object": json.dumps({**GOOD_CHUNK, "choices": [7]}),
    "deep": DEEP,
}
WRONG_BODIES = {
    "not-json": b"<html>bad gateway</html>",
    "null": b"null",
    "choices-a-string": json.dumps({"id": "x", "choices": "oops"}).encode(),
    "deep": DEEP.encode(),
}


class Routes:
    """One server process-wide; the first path segment picks the answer."""

    def __init__(self) -> None:
        self.answers: dict[str, bytes] = {}
        self.server = RawServer(self._dispatch)

    def _dispatch(self, req: RecordedRequest, conn: Conn) -> None:
        conn.send(self.answers[req.path.split("/")[1]])

    def url(self, name: str, answer: bytes) -> str:
        self.answers[name] = answer
        return f"{self.server.url}/{name}"


@pytest.fixture(scope="module")
def routes() -> Iterator[Routes]:
    r = Routes()
    yield r
    r.server.close()


def sse(*datas: str, event: str | None = None) -> bytes:
    prefix = f"event: {event}\n" if event else ""
    return sse_head() + b"".join(f"{prefix}data: {d}\n\n".encode() for d in datas)


@pytest.mark.parametrize("name", WRONG_CHUNKS)
def test_wrong_shaped_chunk_sync(routes: Routes, name: str) -> None:
    url = routes.url(f"chunk-{name}", sse(json.dumps(GOOD_CHUNK), WRONG_CHUNKS[name], "[DONE]"))
    client = Oruel(api_key=KEY, base_url=url, max_retries=0)
    seen = []
    with pytest.raises(APIResponseValidationError) as info:
        for chunk in client.chat.completions.create(**CALL, stream=True):
            seen.append(chunk.id)
    assert seen == ["c1"]
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", WRONG_CHUNKS)
async def test_wrong_shaped_chunk_async(routes: Routes, name: str) -> None:
    url = routes.url(f"achunk-{name}", sse(json.dumps(GOOD_CHUNK), WRONG_CHUNKS[name], "[DONE]"))
    client = AsyncOruel(api_key=KEY, base_url=url, max_retries=0)
    seen = []
    with pytest.raises(APIResponseValidationError):
        async for chunk in await client.chat.completions.create(**CALL, stream=True):
            seen.append(chunk.id)
    assert seen == ["c1"]


@pytest.mark.parametrize("name", WRONG_BODIES)
def test_wrong_shaped_body_sync_and_async(routes: Routes, name: str) -> None:
    url = routes.url(f"body-{name}", http_response(200, WRONG_BODIES[name], {"content-type": "application/json"}))
    with pytest.raises(APIResponseValidationError, match="createChatCompletion"):
        Oruel(api_key=KEY, base_url=url, max_retries=0).chat.completions.create(**CALL)

    async def call() -> None:
        await AsyncOruel(api_key=KEY, base_url=url, max_retries=0).chat.completions.create(**CALL)

    with pytest.raises(APIResponseValidationError, match="createChatCompletion"):
        asyncio.run(call())


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"error": {"message": "overloaded", "type": "server_error"}}, "overloaded"),
        ({"message": "top-level message", "type": "server_error"}, "top-level message"),
        ({"error": "just a string"}, "just a string"),
        ("plain text, not JSON", "plain text, not JSON"),
    ],
    ids=["envelope", "top-level", "error-string", "text"],
)
def test_error_event_keeps_the_servers_message(routes: Routes, payload: object, message: str) -> None:
    data = payload if isinstance(payload, str) else json.dumps(payload)
    url = routes.url(
        f"event-{message[:8].replace(' ', '-')}",
        sse(json.dumps(GOOD_CHUNK)) + f"event: error\ndata: {data}\n\n".encode(),
    )
    client = Oruel(api_key=KEY, base_url=url, max_retries=0)
    with pytest.raises(APIError) as info:
        for _ in client.chat.completions.create(**CALL, stream=True):
            pass
    assert info.value.message == message


def test_cli_reports_a_wrong_shaped_chunk_in_one_line_with_exit_4(routes: Routes) -> None:
    url = routes.url("cli-chunk", sse(json.dumps(GOOD_CHUNK), json.dumps({**GOOD_CHUNK, "choices": "oops"}), "[DONE]"))
    env = {"PATH": "/usr/bin:/bin", "ORUEL_API_KEY": KEY, "ORUEL_BASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "oruel_client.cli", "chat", "hi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oruel: API error: Event data is not of the documented shape")


def test_size_limits_are_checked_when_the_client_is_built() -> None:
    for bad in (0, -1, 1.5, None, True, "10"):
        with pytest.raises(ValueError, match="max_response_bytes must be a positive number of bytes"):
            Oruel(api_key=KEY, max_response_bytes=bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="max_event_bytes must be a positive number of bytes"):
            Oruel(api_key=KEY).with_options(max_event_bytes=bad)  # type: ignore[arg-type]


def test_with_options_sets_the_limits(routes: Routes) -> None:
    url = routes.url("limits", sse(json.dumps(GOOD_CHUNK), "[DONE]"))
    client = Oruel(api_key=KEY, base_url=url, max_retries=0)
    small = client.with_options(max_event_bytes=64)
    with pytest.raises(APIResponseValidationError, match=r"max_event_bytes \(64 bytes\)"):
        list(small.chat.completions.create(**CALL, stream=True))
    assert [c.id for c in client.chat.completions.create(**CALL, stream=True)] == ["c1"]  # the original keeps its own

    body_url = routes.url("limits-body", json_response(200, {"id": "x" * 500}))
    tiny = Oruel(api_key=KEY, base_url=body_url, max_retries=0).with_options(max_response_bytes=100)
    with pytest.raises(APIResponseValidationError, match=r"max_response_bytes \(100 bytes"):
        tiny.chat.completions.create(**CALL)


def test_every_way_in_honours_the_size_limits(routes: Routes) -> None:
    """The limits live in the one transport: endpoint functions, *_detailed, with_raw_response and
    with_streaming_response (whose body is read later, by parse()) refuse the same oversized answers."""
    body_url = routes.url("limits-ways", json_response(200, {"id": "x" * 500}))
    tiny = Oruel(api_key=KEY, base_url=body_url, max_retries=0, max_response_bytes=100)
    too_large = r"max_response_bytes \(100 bytes"
    with pytest.raises(APIResponseValidationError, match=too_large):
        create_chat_completion.sync(client=tiny, body=CALL)
    with pytest.raises(APIResponseValidationError, match=too_large):
        create_chat_completion.sync_detailed(client=tiny, body=CALL)
    with pytest.raises(APIResponseValidationError, match=too_large):
        tiny.chat.completions.with_raw_response.create(**CALL)
    with tiny.chat.completions.with_streaming_response.create(**CALL) as response:
        with pytest.raises(APIResponseValidationError, match=too_large):
            response.parse()

    async def async_ways() -> None:
        async with AsyncOruel(api_key=KEY, base_url=body_url, max_retries=0, max_response_bytes=100) as client:
            with pytest.raises(APIResponseValidationError, match=too_large):
                await create_chat_completion.asyncio(client=client, body=CALL)
            async with client.chat.completions.with_streaming_response.create(**CALL) as response:
                with pytest.raises(APIResponseValidationError, match=too_large):
                    await response.parse()

    asyncio.run(async_ways())

    stream_url = routes.url("limits-ways-stream", sse(json.dumps(GOOD_CHUNK), "[DONE]"))
    small = Oruel(api_key=KEY, base_url=stream_url, max_retries=0, max_event_bytes=64)
    with pytest.raises(APIResponseValidationError, match=r"max_event_bytes \(64 bytes\)"):
        list(create_chat_completion.sync_stream(client=small, body=CALL))
