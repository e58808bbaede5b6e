"""One rate limit for every worker of a cluster: a Ray actor holds the budgets and the 429 policy, each worker
leases permits from it in small blocks.

``SharedLimit`` (the actor) runs the very ``Pacing`` a single-machine ``oruel batch`` run uses (the per-minute
budgets, the pause after a 429, the learned rate, the growth back), on the actor's event loop: a lease of ``n``
permits waits there exactly as ``n`` requests of one local run would. ``ClusterPacing`` stands in for ``Pacing``
inside each worker's ``BatchRunner``: an attempt takes a leased permit, or asks the actor for a block of them.

Cost: one actor call per block of up to ``block`` requests (successes and token usage ride along on the next
lease) plus one call per 429 (sent at once, so the whole cluster pauses). A block is sized to what the worker
can send right away (its free in-flight slots), and a permit not used within ``TTL`` seconds goes back to the
actor, so that permits granted at different times are never sent together in a burst the server would refuse.

Tokens per minute are paid after the fact: the estimates of the requests a worker sent (corrected by the
answers' ``usage``) are taken from the shared budget before that worker's next lease is granted.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Final

from ..ratelimit import ConcurrencyLimit, Pacing

__all__ = ["BLOCK", "BURST", "TTL", "ClusterPacing", "SharedLimit"]

BLOCK: Final = 8  # permits per lease at most
TTL: Final = 0.25  # seconds a leased permit stays usable
# Seconds' worth of budget that may go at once. The server's bucket holds about one second's worth; a smaller
# one here leaves the server's bucket that much slack for good, which absorbs the jitter between workers (a
# lease's permits reach the server a little earlier or later than the next one's) without a 429.
BURST: Final = 0.5


class SharedLimit:
    """The cluster's budgets and 429 policy (made a Ray actor by ``ray.remote``; its methods are async, so
    leases wait concurrently on the actor's event loop). ``total_in_flight`` is the cluster's concurrency
    (workers x in-flight per worker): a 429 halves it and calm grows it back, as in a local run."""

    def __init__(
        self,
        total_in_flight: int,
        max_requests_per_minute: float | None = None,
        max_tokens_per_minute: float | None = None,
    ) -> None:
        self.pacing = Pacing(total_in_flight, max_requests_per_minute, max_tokens_per_minute, burst=BURST)
        self.leases = 0
        self.granted = 0
        self.returned = 0

    async def lease(self, wanted: int, successes: int, tokens: int, unused: int) -> tuple[int, float]:
        """Grant ``wanted`` permits when the budgets allow (waiting here until they do). The caller reports
        since its last call: ``successes``, ``tokens`` it spent (negative: a refund) and ``unused`` permits.
        Returns (permits, share of the in-flight limit the worker may use)."""
        self.report(successes, tokens, unused)
        pacing = self.pacing
        if pacing.tokens is not None:
            await pacing.tokens.take(0)  # until the tokens spent so far are paid for
        for _ in range(wanted):
            await pacing.wait()
        if pacing.requests is not None:
            await pacing.requests.take(wanted)
        self.leases += 1
        self.granted += wanted
        return wanted, pacing.limit.limit / pacing.limit.maximum

    def report(self, successes: int, tokens: int, unused: int) -> None:
        pacing = self.pacing
        for _ in range(successes):
            pacing.on_success()
        if pacing.tokens is not None and tokens:
            pacing.tokens.charge(tokens)
        if unused:
            self.returned += unused
            if pacing.requests is not None:
                pacing.requests.charge(-unused)
            if pacing.throttle.learned is not None:
                pacing.throttle.learned.charge(-unused)

    def rate_limited(self, delay: float) -> None:
        """A worker got a 429 (or a Retry-After): every lease waits out the pause."""
        self.pacing.on_rate_limited(delay)

    def stats(self) -> dict[str, Any]:
        throttle = self.pacing.throttle
        return {
            "leases": self.leases,
            "granted": self.granted,
            "returned": self.returned,
            "rate_limited": throttle.rate_limited,
            "episodes": throttle.episodes,
            "learned_rate": None if throttle.learned is None else throttle.learned.rate,
            "in_flight_limit": self.pacing.limit.limit,
        }


class ClusterPacing(Pacing):
    """A worker's side of the shared limit, for its ``BatchRunner``s (one event loop, so no locks)."""

    def __init__(self, limit: Any, max_in_flight: int, block: int = BLOCK) -> None:
        # Not Pacing.__init__: the budgets and the throttle live in the actor; only the in-flight limit is local.
        self.limit = ConcurrencyLimit(max_in_flight)
        self._actor = limit
        self._block = max(1, block)
        self._permits = 0
        self._granted_at = 0.0
        self._pause_until = 0.0
        self._successes = 0
        self._tokens = 0
        self._unused = 0
        self._lease: asyncio.Task[None] | None = None
        self._rate_limited = 0

    @property
    def rate_limited(self) -> int:
        return self._rate_limited

    async def wait(self) -> None:
        # A 429 this worker saw pauses it at once; the others learn of it through their next lease.
        while (delay := self._pause_until - time.monotonic()) > 0:
            await asyncio.sleep(delay)

    async def pay(self, estimated_tokens: int) -> None:
        self._tokens += estimated_tokens
        while True:
            if self._permits and time.monotonic() - self._granted_at > TTL:
                self._unused += self._permits
                self._permits = 0
            if self._permits:
                self._permits -= 1
                return
            if self._lease is None:
                self._lease = asyncio.create_task(self._take_lease())
            lease = self._lease
            await asyncio.shield(lease)  # several attempts share one lease; cancelling one leaves it be

    async def _take_lease(self) -> None:
        try:
            wanted = min(self._block, 1 + max(0, self.limit.limit - self.limit.active))
            report = self._successes, self._tokens, self._unused
            self._successes = self._tokens = self._unused = 0
            granted, share = await self._actor.lease.remote(wanted, *report)
            self._permits += granted
            self._granted_at = time.monotonic()
            self.limit.set_limit(max(1, round(share * self.limit.maximum)))
        finally:
            self._lease = None

    def on_success(self) -> None:
        self._successes += 1

    def on_rate_limited(self, delay: float) -> None:
        self._rate_limited += 1
        self._pause_until = max(self._pause_until, time.monotonic() + delay)
        self._unused += self._permits  # permits granted before the 429 must not be spent after it
        self._permits = 0
        self._actor.rate_limited.remote(delay)

    def on_usage(self, correction: int) -> None:
        self._tokens += correction

    async def flush(self) -> None:
        """Report what is pending and give back unused permits (at the end of a batch)."""
        if self._lease is not None:
            await asyncio.shield(self._lease)
        self._unused += self._permits
        self._permits = 0
        report = self._successes, self._tokens, self._unused
        self._successes = self._tokens = self._unused = 0
        if any(report):
            await self._actor.report.remote(*report)
