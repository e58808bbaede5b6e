"""The shared limit's policy, run in-process (it is a plain class that ``ray.remote`` makes an actor): leases
wait for the budgets, a 429 pauses every lease, unused permits go back, tokens are paid before the next lease."""

from __future__ import annotations

import asyncio
import time

from oruel_client.batch.ray.limit import BURST, SharedLimit


async def test_leases_follow_the_request_budget() -> None:
    limit = SharedLimit(16, max_requests_per_minute=600)  # 10/s, a burst of BURST seconds' worth
    started = time.monotonic()
    granted = 0
    while granted < 5 + 10:
        permits, share = await limit.lease(5, 0, 0, 0)
        granted += permits
        assert share == 1.0
    # 10 * BURST at once, the rest at 10/s
    assert time.monotonic() - started >= (granted - 10 * BURST) / 10 - 0.1


async def test_a_429_pauses_every_lease_and_halves_the_share() -> None:
    limit = SharedLimit(16)
    limit.rate_limited(0.5)
    started = time.monotonic()
    permits, share = await limit.lease(1, 0, 0, 0)
    assert permits == 1 and time.monotonic() - started >= 0.45
    assert share == 0.5 and limit.stats()["episodes"] == 1


async def test_unused_permits_go_back() -> None:
    limit = SharedLimit(16, max_requests_per_minute=60)  # 1/s: a burst of one
    await limit.lease(1, 0, 0, 0)
    limit.report(0, 0, 1)  # not sent: returned
    started = time.monotonic()
    await asyncio.wait_for(limit.lease(1, 0, 0, 0), 0.5)
    assert time.monotonic() - started < 0.5 and limit.stats()["returned"] == 1


async def test_tokens_spent_are_paid_before_the_next_lease() -> None:
    limit = SharedLimit(16, max_tokens_per_minute=600)  # 10 tokens/s
    await limit.lease(1, 0, 0, 0)
    started = time.monotonic()
    await limit.lease(1, 0, 10 + 10, 0)  # 20 tokens spent since: about 1.5 s of debt past the burst
    assert time.monotonic() - started >= (20 - 10 * BURST) / 10 - 0.1
