"""Budgets hold for every attempt: retries pay the per-minute budgets, a usage far below the estimate
releases the waiting lines at once, and a run-wide pause is never shortened by a later, shorter Retry-After.
Against a real socket server that logs when each attempt arrives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oruel_client import AsyncOruel
from oruel_client.batch import BatchRunner
from oruel_client.testing import MOCK_API_KEY
from tests.rawhttp import RawServer

from .hostile import OK, Answer, Hostile, completion, serve, token_line

JSON = (("content-type", "application/json"),)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[tuple[RawServer, Hostile]]:
    server, handler = serve()
    with server:
        yield server, handler


def arrivals(handler: Hostile, token: int) -> list[float]:
    return [at for t, _, at in handler.log if t == token]


async def _run(server: RawServer, lines: list[dict[str, object]], max_retries: int, **options: float) -> BatchRunner:
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url, max_retries=max_retries) as client:
        runner = BatchRunner(client, **options)  # type: ignore[arg-type]
        async for result in runner.results(enumerate(lines, 1)):
            assert result.ok, result.to_dict()
    return runner


async def test_retries_count_against_max_requests_per_minute(hostile_server: tuple[RawServer, Hostile]) -> None:
    server, handler = hostile_server
    handler.reset({1: [Answer(503, b"{}", JSON), OK]})
    runner = await _run(server, [token_line(1)], max_retries=1, max_requests_per_minute=30)  # one every 2 s
    first, retry = arrivals(handler, 1)
    assert runner.stats.retries == 1
    assert retry - first >= 1.6, "the retry is a request of the minute's budget too"


async def test_usage_far_below_the_estimate_releases_waiting_lines_at_once(
    hostile_server: tuple[RawServer, Hostile],
) -> None:
    """Each line is estimated at about 10,000 tokens; at 1,000 tokens a second the second line would wait
    about ten seconds for the first one's estimate, but the first answer reports 12 tokens."""
    server, handler = hostile_server
    handler.reset({1: [Answer(200, completion(total_tokens=12), JSON)]})
    big = "x" * 40_000
    lines = [token_line(1, text=big), token_line(2, text=big)]
    runner = await _run(server, lines, max_retries=0, max_tokens_per_minute=60_000)
    assert runner.stats.succeeded == 2
    (one,), (two,) = arrivals(handler, 1), arrivals(handler, 2)
    assert two - one < 3.0, f"the second line waited {two - one:.1f} s for tokens that were refunded"


async def test_a_shorter_retry_after_during_a_pause_does_not_shorten_it(
    hostile_server: tuple[RawServer, Hostile],
) -> None:
    server, handler = hostile_server
    long_pause = Answer(429, b"{}", JSON + (("retry-after", "2"),))
    short_pause = Answer(429, b"{}", JSON + (("retry-after", "0.1"),), delay=0.3)  # arrives inside the pause
    handler.reset({1: [long_pause, OK], 2: [short_pause, OK]})
    runner = await _run(server, [token_line(1), token_line(2)], max_retries=0, concurrency=2)
    assert runner.stats.rate_limited == 2
    paused_at = arrivals(handler, 1)[0]
    retries = [arrivals(handler, 1)[1], arrivals(handler, 2)[1]]
    assert min(retries) - paused_at >= 1.8, "a retry went out inside the server's two-second pause"


async def test_retries_count_against_max_tokens_per_minute(hostile_server: tuple[RawServer, Hostile]) -> None:
    """A line estimated at about 2,000 tokens, at 1,000 tokens a second: its retry waits for the budget."""
    server, handler = hostile_server
    handler.reset({1: [Answer(503, b"{}", JSON), OK]})
    line = token_line(1, text="x" * 8_000)
    runner = await _run(server, [line], max_retries=1, max_tokens_per_minute=60_000)
    first, retry = arrivals(handler, 1)
    assert runner.stats.retries == 1
    assert retry - first >= 1.4, "the retry spends the line's estimated tokens again"
