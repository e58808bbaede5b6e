"""A 429 storm slows the whole run: against the local server's per-key rate limit the run finishes with every
line once and few 429s; the pacing pieces behave as documented on a fake clock."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from oruel_client import AsyncOruel
from oruel_client.batch import BatchRunner, arun
from oruel_client.batch.ratelimit import CALM, ConcurrencyLimit, Pacer, Throttle
from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY

from .conftest import assert_each_id_once, chat_line, read_results, run_batch, write_jsonl

RATE = 50  # requests per second the server accepts per key


@pytest.fixture(scope="module")
def limited() -> Iterator[MockServer]:
    with MockServer(rate_limit=f"{RATE}/s") as running:
        yield running


def test_429_storm_run_finishes_every_line_once_with_few_429s(tmp_path: Path, limited: MockServer) -> None:
    n = 250
    ids = [f"s{i}" for i in range(n)]
    inp = write_jsonl(tmp_path / "in.jsonl", [chat_line(i) for i in ids])
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    done = run_batch(inp, out, limited, "--concurrency", "32", "--progress", "none", "--max-retries", "2", timeout=90)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    results = read_results(out)
    assert_each_id_once(results, ids)
    assert all(r["response"]["status_code"] == 200 for r in results), "no line may fail on rate limiting"
    throttled = limited.app.rate_limiter.limited  # type: ignore[union-attr]
    # A few episodes, each at most one concurrency's worth of 429s (measured: about 30 for 250 lines).
    assert throttled <= n // 5, (throttled, done.stderr)
    assert f"{throttled} rate-limited answers" in done.stderr
    assert elapsed >= (n - RATE) / RATE * 0.8, "the server's rate cannot have been exceeded"


async def test_a_429_pauses_every_request_not_only_its_own() -> None:
    """Requests not yet sent when a 429 arrives wait for its Retry-After pause (one second) too. A server of
    its own at 10 requests a second: even a client slowed by a loaded machine outruns it, so a 429 comes."""
    key = "oruel_" + "1" * 48
    with MockServer(rate_limit="10/s") as slow:
        async with AsyncOruel(api_key=key, base_url=slow.url) as client:
            lines = [chat_line(f"p{i}") for i in range(40)]
            runner = BatchRunner(client, concurrency=16)
            finished: list[float] = []
            started = time.monotonic()
            async for result in runner.results(enumerate(lines, 1)):
                assert result.ok, result.to_dict()
                finished.append(time.monotonic() - started)
    assert runner.stats.rate_limited >= 1
    # The bucket refills at 10 a second, so requests that each waited on their own would keep finishing
    # every ~100 ms; with the shared pause nothing finishes for about the Retry-After second.
    gaps = [b - a for a, b in zip(finished, finished[1:], strict=False)]
    assert max(gaps) >= 0.8, gaps
    assert runner.stats.rate_limited <= 16 + 8, runner.stats


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_throttle_halves_concurrency_once_per_episode_and_grows_back() -> None:
    clock = FakeClock()
    limit = ConcurrencyLimit(32)
    throttle = Throttle(limit, clock)
    for _ in range(60):
        clock.now += 0.02
        throttle.on_success()
    throttle.on_rate_limited(1.0)
    assert limit.limit == 16 and throttle.pause_until == pytest.approx(clock.now + 1.0)
    assert throttle.learned is not None and throttle.learned.rate == pytest.approx(0.9 * 60 / 1.2, rel=0.01)
    for _ in range(10):  # answers to requests sent before the pause: same episode
        clock.now += 0.01
        throttle.on_rate_limited(1.0)
    assert limit.limit == 16 and throttle.episodes == 1 and throttle.rate_limited == 11
    clock.now = throttle.pause_until + 0.1
    throttle.on_rate_limited(1.0)  # after the pause: a new episode
    assert limit.limit == 8 and throttle.episodes == 2
    rate = throttle.learned.rate
    clock.now += CALM + 0.5
    throttle.on_success()
    assert limit.limit == 10 and throttle.learned.rate == pytest.approx(rate * 1.25)
    for _ in range(30):
        clock.now += 1.1
        throttle.on_success()
    assert limit.limit == 32


async def test_pacer_spaces_requests_at_its_rate() -> None:
    pacer = Pacer(20.0)  # 20 a second, bucket of 20
    started = time.monotonic()
    for _ in range(40):
        await pacer.take(1)
    assert 0.8 <= time.monotonic() - started < 3.0


async def test_max_requests_per_minute_paces_the_run(limited: MockServer) -> None:
    key = "oruel_" + "2" * 48
    async with AsyncOruel(api_key=key, base_url=limited.url) as client:
        started = time.monotonic()
        results = [r async for r in arun([chat_line(f"m{i}") for i in range(30)], client=client,
                                          max_requests_per_minute=600)]  # fmt: skip
        elapsed = time.monotonic() - started
    assert len(results) == 30 and all(r.ok for r in results)
    assert elapsed >= 1.8  # 10 at once, then 10 a second


async def test_max_tokens_per_minute_paces_by_reported_usage(limited: MockServer) -> None:
    key = "oruel_" + "3" * 48
    async with AsyncOruel(api_key=key, base_url=limited.url) as client:
        started = time.monotonic()
        results = [r async for r in arun([chat_line(f"t{i}") for i in range(12)], client=client,
                                          max_tokens_per_minute=60 * 60)]  # fmt: skip
        elapsed = time.monotonic() - started
    used = sum(sum(r.usage()) for r in results)
    assert used > 60 * 1.5, "the mock's answers must be big enough for this test"
    # The bucket holds one second (60 tokens); the rest is paid at 60 tokens a second.
    assert elapsed >= (used - 60) / 60 * 0.7, (used, elapsed)


def test_bad_rate_options_are_refused(tmp_path: Path, limited: MockServer) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", [chat_line("x")])
    bad = run_batch(inp, tmp_path / "o.jsonl", limited, "--max-requests-per-minute", "0")
    assert bad.returncode == 2 and "must be positive" in bad.stderr
    with pytest.raises(ValueError):
        BatchRunner(AsyncOruel(api_key=MOCK_API_KEY, base_url=limited.url), concurrency=0)
    asyncio.get_event_loop_policy()  # keep the import used on every Python
