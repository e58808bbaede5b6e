"""Streams end when the stream says so: after ``data: [DONE]`` iteration ends at once, even if the server keeps
the body open. The server runs in another process (tests/hostile_server.py) and, after [DONE], sends nothing
more (or part of the last chunk, or a comment) for ten minutes; the client's read timeout is 30 s, so a client
that waits on the server fails the time bound below, and each call runs under a hard timeout of its own.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from oruel_client import AsyncOruel, Oruel
from tests.client.conftest import KEY

PATHS = ["/done-then-hang", "/done-partial-end", "/done-then-more"]
MSG = [{"role": "user", "content": "hi"}]
QUICK = 3.0  # seconds: far below the read timeout, far above the time the stream itself takes
HARD = 60.0


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    """work() in a thread with a hard timeout (a hang fails the test instead of stalling the suite)."""
    pool = ThreadPoolExecutor(1)
    started = time.monotonic()
    try:
        result = pool.submit(work).result(timeout=HARD)
    finally:
        pool.shutdown(wait=False)
    return result, time.monotonic() - started


@pytest.mark.parametrize("path", PATHS)
def test_iteration_ends_at_done_though_the_body_stays_open(hostile: str, path: str) -> None:
    def work() -> list[str | None]:
        with Oruel(api_key=KEY, base_url=hostile + path, timeout=30, max_retries=0) as client:
            with client.chat.completions.create(model="m", messages=MSG, stream=True) as stream:  # type: ignore[arg-type]
                texts = [chunk.choices[0].delta.content for chunk in stream]
                assert stream.response.is_closed
            return texts

    texts, took = _timed(work)
    assert texts == ["Hello", " world"]
    assert took < QUICK, f"the stream took {took:.1f} s to end after [DONE]: it waited on the server"


@pytest.mark.parametrize("path", PATHS)
def test_final_completion_ends_at_done_though_the_body_stays_open(hostile: str, path: str) -> None:
    def work() -> str | None:
        with Oruel(api_key=KEY, base_url=hostile + path, timeout=30, max_retries=0) as client:
            stream = client.chat.completions.create(model="m", messages=MSG, stream=True)  # type: ignore[arg-type]
            return stream.get_final_completion().choices[0].message.content

    content, took = _timed(work)
    assert content == "Hello world"
    assert took < QUICK


@pytest.mark.parametrize("path", PATHS)
def test_async_iteration_ends_at_done_though_the_body_stays_open(hostile: str, path: str) -> None:
    async def main() -> list[str | None]:
        async with AsyncOruel(api_key=KEY, base_url=hostile + path, timeout=30, max_retries=0) as client:
            stream = await client.chat.completions.create(model="m", messages=MSG, stream=True)  # type: ignore[arg-type]
            async with stream:
                texts = [chunk.choices[0].delta.content async for chunk in stream]
            assert stream.response.is_closed
            return texts

    texts, took = _timed(lambda: asyncio.run(asyncio.wait_for(main(), HARD)))
    assert texts == ["Hello", " world"]
    assert took < QUICK
