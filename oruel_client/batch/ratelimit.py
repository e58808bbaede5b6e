"""Pacing for a batch run: a concurrency limit that can shrink and grow, per-minute budgets, and the shared
reaction to the server's rate limiting (one pause for every request, a learned request rate, growth back).

All of it runs on one event loop, so there are no locks: state changes between awaits only.
"""

from __future__ import annotations

import asyncio
import collections
import math
import time
from collections.abc import Callable
from typing import Final

__all__ = ["ConcurrencyLimit", "Pacer", "Pacing", "Throttle"]

# Successes of the last WINDOW seconds give the rate the server accepted when a 429 arrives.
WINDOW: Final = 10.0
# After CALM seconds without a 429, concurrency and the learned rate grow back, one step every GROW_EVERY.
CALM: Final = 5.0
GROW_EVERY: Final = 1.0
MIN_RATE: Final = 0.5  # requests per second; the learned rate never drops below it


class ConcurrencyLimit:
    """At most ``limit`` requests in flight; ``limit`` moves between 1 and ``maximum``. Only the scheduler
    acquires, so one event is enough to wake it."""

    def __init__(self, maximum: int) -> None:
        self.maximum = max(1, maximum)
        self.limit = self.maximum
        self.active = 0
        self._changed = asyncio.Event()

    async def acquire(self) -> None:
        while self.active >= self.limit:
            self._changed.clear()
            await self._changed.wait()
        self.active += 1

    def release(self) -> None:
        self.active -= 1
        self._changed.set()

    def set_limit(self, limit: int) -> None:
        self.limit = min(self.maximum, max(1, limit))
        self._changed.set()


class Pacer:
    """A token bucket of ``per_second`` refill holding about one second's worth. ``take`` may overdraw (a
    request bigger than the bucket still goes, later ones wait for the debt); ``charge`` corrects an
    estimate afterwards (negative: a refund). A refund or a higher rate wakes the waiters at once: a debt
    that was overestimated must not keep them asleep for the time it would have taken to pay it."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic, *, burst: float = 1.0) -> None:
        self._clock = clock
        self.rate = per_second
        self._burst = burst
        self.level = self.capacity
        self._stamp = clock()
        self._wakeup: asyncio.Event | None = None

    @property
    def capacity(self) -> float:
        """``burst`` seconds' worth (one second unless told), at least one."""
        return max(1.0, self.rate * self._burst)

    def _refill(self) -> None:
        now = self._clock()
        self.level = min(self.capacity, self.level + (now - self._stamp) * self.rate)
        self._stamp = now

    async def take(self, amount: float) -> None:
        while True:
            self._refill()
            need = min(amount, self.capacity)
            if self.level >= need:
                self.level -= amount
                return
            if self._wakeup is None:
                self._wakeup = asyncio.Event()
            try:
                await asyncio.wait_for(self._wakeup.wait(), (need - self.level) / self.rate)
            except TimeoutError:
                pass

    def _wake(self) -> None:
        if self._wakeup is not None:
            self._wakeup.set()  # every waiter looks at the level again
            self._wakeup = None

    def charge(self, amount: float) -> None:
        self._refill()
        self.level = min(self.capacity, self.level - amount)
        if amount < 0:
            self._wake()

    def set_rate(self, per_second: float) -> None:
        self._refill()
        faster = per_second > self.rate
        self.rate = per_second
        self.level = min(self.level, self.capacity)
        if faster:
            self._wake()


class Throttle:
    """What every request waits for before it goes out, and what a 429 changes for all of them.

    A 429 (or a ``Retry-After`` on a retryable answer) sets one pause for the whole run. The first one of an
    episode (one that arrives after the previous pause ended) also halves the concurrency and caps the
    request rate at 90% of the rate the server accepted over the last ``WINDOW`` seconds. After ``CALM``
    seconds without one, both grow back step by step.
    """

    def __init__(self, limit: ConcurrencyLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._limit = limit
        self.pause_until = 0.0
        self.learned: Pacer | None = None
        self.rate_limited = 0
        self.episodes = 0
        self._started = clock()
        self._last_throttle = -math.inf
        self._last_growth = -math.inf
        self._successes: collections.deque[float] = collections.deque()

    async def wait(self) -> None:
        while True:
            delay = self.pause_until - self._clock()
            if delay <= 0:
                break
            await asyncio.sleep(delay)
        if self.learned is not None:
            await self.learned.take(1)

    def on_success(self) -> None:
        now = self._clock()
        successes = self._successes
        successes.append(now)
        while successes[0] < now - WINDOW:
            successes.popleft()
        if now - self._last_throttle > CALM and now - self._last_growth > GROW_EVERY:
            self._last_growth = now
            if self._limit.limit < self._limit.maximum:
                self._limit.set_limit(self._limit.limit + max(1, self._limit.limit // 4))
            if self.learned is not None:
                self.learned.set_rate(self.learned.rate * 1.25)

    def on_rate_limited(self, delay: float) -> None:
        now = self._clock()
        self.rate_limited += 1
        new_episode = now >= self.pause_until
        self.pause_until = max(self.pause_until, now + delay)
        if not new_episode:
            return  # an answer to a request sent before the pause: the run has already slowed down
        self.episodes += 1
        self._last_throttle = now
        self._limit.set_limit(self._limit.limit // 2)
        while self._successes and self._successes[0] < now - WINDOW:
            self._successes.popleft()
        span = max(1.0, min(WINDOW, now - self._started))
        accepted = max(MIN_RATE, 0.9 * len(self._successes) / span)
        if self.learned is None:
            self.learned = Pacer(accepted, self._clock)
        else:  # the learned rate itself was too much: below what was accepted, and at least 20% lower
            self.learned.set_rate(max(MIN_RATE, min(accepted, self.learned.rate * 0.8)))


class Pacing:
    """Everything a run's requests wait for and report to, in one place: the concurrency limit, the shared
    429 reaction (``Throttle``) and the per-minute budgets. The runner talks only to this, so another pacing
    (the cluster-wide one of ``oruel_client.batch.ray``) can stand in for it.

    Every attempt, the first and each retry, calls ``wait`` then ``pay``. ``burst``: seconds' worth of the
    budgets that may go at once after a quiet spell (see ``Pacer``)."""

    def __init__(
        self,
        concurrency: int,
        max_requests_per_minute: float | None = None,
        max_tokens_per_minute: float | None = None,
        *,
        burst: float = 1.0,
    ) -> None:
        self.limit = ConcurrencyLimit(concurrency)
        self.throttle = Throttle(self.limit)
        self.requests = Pacer(max_requests_per_minute / 60, burst=burst) if max_requests_per_minute else None
        self.tokens = Pacer(max_tokens_per_minute / 60, burst=burst) if max_tokens_per_minute else None

    @property
    def rate_limited(self) -> int:
        """429s (and Retry-After answers) seen so far."""
        return self.throttle.rate_limited

    async def wait(self) -> None:
        """Until the run may send: the pause after a 429 is over and the learned rate allows one more."""
        await self.throttle.wait()

    async def pay(self, estimated_tokens: int) -> None:
        """Take one request and the request's estimated tokens from the per-minute budgets."""
        if self.requests is not None:
            await self.requests.take(1)
        if self.tokens is not None:
            await self.tokens.take(estimated_tokens)

    def on_success(self) -> None:
        self.throttle.on_success()

    def on_rate_limited(self, delay: float) -> None:
        self.throttle.on_rate_limited(delay)

    def on_usage(self, correction: int) -> None:
        """The answer's real token count minus the estimate paid for it."""
        if self.tokens is not None:
            self.tokens.charge(correction)
