"""What the local server received, readable from outside its process: ``GET /_mock/traffic`` on the server's
root (not under the spec's base path, so no operation of any spec with a base path can be shadowed) answers

    {"received": 120, "rate_limited": 3, "arrivals": [[1765142012.25, 0], [1765142012.26, 1], ...]}

``received`` counts every request that reached an operation (whatever its answer), ``rate_limited`` those
answered 429 by the rate limit, ``arrivals`` the wall-clock time (``time.time()``, comparable between processes
on one machine) of the last ``KEEP`` of them, with 1 when that one was rate-limited. ``POST /_mock/traffic``
with an empty body starts the counts again. ``MockServer.traffic()`` / ``reset_traffic()`` call these in thread
and subprocess mode alike; ``Traffic.most_in_window`` is what a rate check wants to know.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["KEEP", "TRAFFIC_PATH", "Traffic", "TrafficCounter"]

TRAFFIC_PATH: Final = "/_mock/traffic"
KEEP: Final = 200_000


@dataclass(frozen=True, slots=True)
class Traffic:
    """A snapshot of the counters (see the module's docstring)."""

    received: int
    rate_limited: int
    arrivals: list[tuple[float, bool]]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Traffic:
        arrivals = [(float(when), bool(limited)) for when, limited in data["arrivals"]]
        return cls(int(data["received"]), int(data["rate_limited"]), arrivals)

    def to_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "rate_limited": self.rate_limited,
            "arrivals": [[when, int(limited)] for when, limited in self.arrivals],
        }

    def most_in_window(self, seconds: float, *, accepted_only: bool = False) -> int:
        """The most requests that arrived within any ``seconds`` long window (a sliding window)."""
        times = [when for when, limited in self.arrivals if not (accepted_only and limited)]
        best = start = 0
        for end, when in enumerate(times):
            while when - times[start] > seconds:
                start += 1
            best = max(best, end - start + 1)
        return best

    def span(self) -> float:
        """Seconds from the first arrival to the last (0 with fewer than two)."""
        return self.arrivals[-1][0] - self.arrivals[0][0] if len(self.arrivals) > 1 else 0.0


class TrafficCounter:
    """Counts and timestamps arrivals; the server's threads append while a reader takes snapshots."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received = 0
        self._rate_limited = 0
        self._arrivals: collections.deque[tuple[float, bool]] = collections.deque(maxlen=KEEP)

    def record(self, rate_limited: bool) -> None:
        with self._lock:
            self._received += 1
            self._rate_limited += rate_limited
            self._arrivals.append((time.time(), rate_limited))

    def reset(self) -> None:
        with self._lock:
            self._received = self._rate_limited = 0
            self._arrivals.clear()

    def snapshot(self) -> Traffic:
        with self._lock:
            return Traffic(self._received, self._rate_limited, list(self._arrivals))
