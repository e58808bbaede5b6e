"""The server's traffic counters, read over HTTP from another process (what the Ray tests and bench count)."""

from __future__ import annotations

import pytest

from oruel_client import Oruel, RateLimitError
from oruel_client.mock import MockServer
from oruel_client.mock.traffic import Traffic

KEY = "oruel_" + "0" * 48


@pytest.mark.parametrize("subprocess", [False, True])
def test_counts_arrivals_and_429s_and_resets(subprocess: bool) -> None:
    with MockServer(rate_limit="4/s", subprocess=subprocess) as server:
        client = Oruel(api_key=KEY, base_url=server.url, max_retries=0)
        limited = 0
        for _ in range(7):
            try:
                client.models.list()
            except RateLimitError:
                limited += 1
        traffic = server.traffic()
        assert (traffic.received, traffic.rate_limited) == (7, limited)
        assert limited >= 2  # a bucket of 4 with 7 requests in well under a second
        assert len(traffic.arrivals) == 7 and sum(flag for _, flag in traffic.arrivals) == limited
        assert traffic.most_in_window(1.0, accepted_only=True) == 7 - limited
        server.reset_traffic()
        assert server.traffic().received == 0


def test_most_in_window_is_a_sliding_window() -> None:
    arrivals = [(0.0, False), (0.6, False), (1.1, True), (1.5, False), (3.0, False)]
    traffic = Traffic(5, 1, arrivals)
    assert traffic.most_in_window(1.0) == 3  # 0.6, 1.1, 1.5
    assert traffic.most_in_window(1.0, accepted_only=True) == 2
    assert Traffic.from_json(traffic.to_json()) == traffic
