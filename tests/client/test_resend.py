"""A retry sends the bytes that were checked: the body is encoded once per call, and every attempt sends those
bytes, even if the caller's objects change after the call started (a callback, another thread or task).

The server (a real one on 127.0.0.1) fails the first attempt with a 503 that asks for no wait; between the two
attempts an httpx response hook, or a thread woken by it, mutates the very list the caller passed.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx

from oruel_client import AsyncOruel, Oruel
from tests.client.conftest import KEY, completion
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response


def _fail_then_succeed() -> RawServer:
    def busy(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(503, {"error": {"message": "busy"}}, {"retry-after-ms": "0"}))

    def ok(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, completion()))

    return RawServer(script=[busy, ok])


def _spoil(messages: list[dict[str, Any]]) -> None:
    """What a careless callback does: change the request's objects in place, past every documented limit."""
    messages[0]["content"] = "changed " * 1000
    messages[0]["role"] = 7
    messages.append({"role": "user", "content": "added later"})


def _assert_same_bytes(server: RawServer, original: list[dict[str, Any]]) -> None:
    assert len(server.requests) == 2
    first, second = server.requests
    assert first.headers["x-oruel-retry-count"] == "0"
    assert second.headers["x-oruel-retry-count"] == "1"
    assert second.body == first.body
    assert first.json()["messages"] == original


def test_retry_resends_the_checked_bytes_after_a_hook_mutates_the_body() -> None:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "hello"}]
    original = [dict(m) for m in messages]

    def hook(response: httpx.Response) -> None:
        if response.status_code == 503:
            _spoil(messages)

    with _fail_then_succeed() as server:
        http = httpx.Client(event_hooks={"response": [hook]})
        with Oruel(api_key=KEY, base_url=server.url, http_client=http) as client:
            client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
        http.close()
        _assert_same_bytes(server, original)
    assert messages[-1]["content"] == "added later"  # the hook did run between the attempts


def test_retry_resends_the_checked_bytes_when_another_thread_mutates_the_body() -> None:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "hello"}]
    original = [dict(m) for m in messages]
    failed, spoiled = threading.Event(), threading.Event()

    def other_thread() -> None:
        failed.wait(10)
        _spoil(messages)
        spoiled.set()

    def hook(response: httpx.Response) -> None:
        if response.status_code == 503:
            failed.set()
            assert spoiled.wait(10)  # the retry starts only once the other thread has changed the body

    worker = threading.Thread(target=other_thread)
    worker.start()
    with _fail_then_succeed() as server:
        http = httpx.Client(event_hooks={"response": [hook]}, cookies={"session": "1"})  # the build_request path
        with Oruel(api_key=KEY, base_url=server.url, http_client=http) as client:
            client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
        http.close()
        _assert_same_bytes(server, original)
    worker.join()


def test_async_retry_resends_the_checked_bytes_after_another_task_mutates_the_body() -> None:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "hello"}]
    original = [dict(m) for m in messages]

    async def main(url: str) -> None:
        failed = asyncio.Event()

        async def hook(response: httpx.Response) -> None:
            if response.status_code == 503:
                failed.set()
                await asyncio.sleep(0.05)  # the other task runs here, between the attempts

        async def other_task() -> None:
            await failed.wait()
            _spoil(messages)

        http = httpx.AsyncClient(event_hooks={"response": [hook]})
        async with AsyncOruel(api_key=KEY, base_url=url, http_client=http) as client:
            spoiler = asyncio.create_task(other_task())
            await client.chat.completions.create(model="m", messages=messages)  # type: ignore[arg-type]
            await spoiler
        await http.aclose()

    with _fail_then_succeed() as server:
        asyncio.run(main(server.url))
        _assert_same_bytes(server, original)
    assert messages[-1]["content"] == "added later"
