"""Per-key rate limiting for the local server (``oruel mock --rate-limit 50/s``, ``MockServer(rate_limit=...)``).

A token bucket per API key (the ``Authorization`` header; requests without one share a bucket) holding one
second's worth of requests (at least one). A request finding it empty is answered 429 with ``Retry-After``:
whole seconds, rounded up, as HTTP defines it, so a client that honours it finds a full bucket again.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Final

__all__ = ["RateLimiter", "parse_rate"]

_UNITS: Final = {"s": 1.0, "sec": 1.0, "second": 1.0, "m": 60.0, "min": 60.0, "minute": 60.0, "h": 3600.0,
                 "hour": 3600.0}  # fmt: skip
_RATE: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*([a-z]+)\s*$")


def parse_rate(text: str | float) -> float:
    """Requests per second from ``"50/s"``, ``"600/min"``, ``"1000/h"`` or a number (per second)."""
    if isinstance(text, int | float):
        rate = float(text)
    else:
        match = _RATE.match(text.lower())
        if match is None or match.group(2) not in _UNITS:
            raise ValueError(f"rate limit {text!r}: expected N/s, N/min or N/h, e.g. 50/s")
        rate = float(match.group(1)) / _UNITS[match.group(2)]
    if not rate > 0 or not math.isfinite(rate):
        raise ValueError(f"rate limit {text!r} must be positive")
    return rate


class RateLimiter:
    """Token buckets by key. ``check(key)`` takes a token and returns None, or returns the seconds until one
    is available (nothing taken)."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_second
        self.capacity = max(1.0, per_second)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)
        self._lock = threading.Lock()  # tests may share one app between server threads
        self.limited = 0  # 429s answered

    def check(self, key: str) -> float | None:
        with self._lock:
            now = self._clock()
            tokens, when = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - when) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            self.limited += 1
            return (1.0 - tokens) / self.rate

    def retry_after_headers(self, wait: float) -> list[tuple[str, str]]:
        return [("retry-after", str(max(1, math.ceil(wait)))), ("x-ratelimit-limit-requests", f"{self.rate:g}/s")]

    def key(self, headers: Mapping[str, str]) -> str:
        return headers.get("authorization", "")
