"""When to retry a request and how long to wait first. Decisions only: the HTTP clients do the I/O.

The clock, the random source and the sleep functions live on ``RetryPolicy`` so that tests can run
retries without waiting and make jitter deterministic.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC

import httpx

__all__ = [
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "RETRYABLE_STATUS_CODES",
    "RetryPolicy",
    "DEFAULT_RETRY_POLICY",
    "should_retry_status",
    "should_retry_error",
    "parse_retry_after",
    "backoff_delay",
]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A server asking for a longer pause than this is better reported to the caller than silently waited out.
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUS_CODES = frozenset({408, 409, 429})

# Failures where the request may not have reached the server, or the answer was lost on the way back.
# UnsupportedProtocol and LocalProtocolError are caller mistakes that a retry cannot fix.
_RETRYABLE_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)


def should_retry_status(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether an error response is worth retrying.

    ``headers`` must look keys up case-insensitively (``httpx.Headers``) or have lowercase keys.
    The server's ``x-should-retry`` verdict beats the status rule in both directions.
    """
    override = headers.get("x-should-retry")
    if override is not None:
        verdict = override.strip().lower()
        if verdict == "true":
            return True
        if verdict == "false":
            return False
    return status_code in RETRYABLE_STATUS_CODES or status_code >= 500


def should_retry_error(exc: BaseException) -> bool:
    """Whether a transport failure (no usable response) is worth retrying."""
    return isinstance(exc, _RETRYABLE_ERRORS)


def _finite_float(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _seconds_until_http_date(text: str, now: float) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(text.strip())
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        # "-0000" dates parse as naive; HTTP dates are always GMT.
        when = when.replace(tzinfo=UTC)
    return when.timestamp() - now


def parse_retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds the server asked us to wait, or None when it did not ask or the value is unusable.

    ``retry-after-ms`` (a float of milliseconds) wins over ``Retry-After`` (float seconds or an HTTP-date).
    Negative, non-finite or unparsable values count as not asked. ``now`` is a Unix timestamp, used only
    for HTTP-dates.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        ms = _finite_float(raw_ms)
        if ms is not None and ms >= 0:
            return ms / 1000.0
    raw = headers.get("retry-after")
    if raw is not None:
        seconds = _finite_float(raw)
        if seconds is None:
            seconds = _seconds_until_http_date(raw, now)
        if seconds is not None and seconds >= 0:
            return seconds
    return None


def backoff_delay(retries_done: int, *, initial: float, maximum: float, rand: float) -> float:
    """Exponential backoff: ``initial * 2**retries_done`` capped at ``maximum``, then scaled by a jitter
    factor in [0.75, 1.0] (``rand`` in [0, 1]) so that clients failing together do not retry together."""
    # Clamp the exponent: the cap is reached long before, and a huge power would overflow a float.
    base = min(initial * 2.0 ** min(max(retries_done, 0), 32), maximum)
    return base * (1.0 - 0.25 * rand)


async def _asyncio_sleep(delay: float) -> None:
    import asyncio  # noqa: PLC0415 (here, not at the top: asyncio costs 10 ms of import time for sync users)

    await asyncio.sleep(delay)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retry timing, with injectable clock, randomness and sleep for tests."""

    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    random: Callable[[], float] = random.random
    now: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep

    def should_retry_status(self, status_code: int, headers: Mapping[str, str]) -> bool:
        return should_retry_status(status_code, headers)

    def should_retry_error(self, exc: BaseException) -> bool:
        return should_retry_error(exc)

    def delay(self, retries_done: int, headers: Mapping[str, str] | None = None) -> float | None:
        """Seconds to wait before the next attempt, or None if the server asked for more than
        ``max_retry_after`` (the caller should surface the error rather than wait).

        ``retries_done`` is the number of retries already made (0 before the first retry).
        """
        if headers is not None:
            requested = parse_retry_after(headers, self.now())
            if requested is not None:
                return requested if requested <= self.max_retry_after else None
        return backoff_delay(retries_done, initial=self.initial_delay, maximum=self.max_delay, rand=self.random())


DEFAULT_RETRY_POLICY = RetryPolicy()
