"""``oruel mock --rate-limit`` / ``MockServer(rate_limit=...)``: a token bucket per key, 429 with Retry-After."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import httpx
import pytest

from oruel_client.mock import MockServer
from oruel_client.mock.ratelimit import RateLimiter, parse_rate

BODY = {"model": "llama-4-maverick", "messages": [{"role": "user", "content": "hi"}]}


def _auth(digit: str) -> dict[str, str]:
    return {"Authorization": "Bearer oruel_" + digit * 48}


def test_past_the_bucket_the_server_answers_429_with_retry_after_per_key() -> None:
    with MockServer(rate_limit="5/s") as server, httpx.Client(base_url=server.url, timeout=10) as http:
        statuses = [http.post("/chat/completions", json=BODY, headers=_auth("1")).status_code for _ in range(5)]
        assert statuses == [200] * 5
        limited = http.post("/chat/completions", json=BODY, headers=_auth("1"))
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "1"
        assert limited.json()["error"]["type"] == "rate_limit_error"
        assert limited.json()["error"]["code"] == "rate_limit_exceeded"
        assert limited.headers["x-request-id"]
        # Another key has its own bucket.
        assert http.post("/chat/completions", json=BODY, headers=_auth("2")).status_code == 200
        time.sleep(float(limited.headers["retry-after"]))
        assert http.post("/chat/completions", json=BODY, headers=_auth("1")).status_code == 200
        assert server.app is not None and server.app.rate_limiter is not None
        assert server.app.rate_limiter.limited == 1


def test_without_the_option_there_is_no_limit() -> None:
    with MockServer() as server, httpx.Client(base_url=server.url, timeout=10) as http:
        assert all(http.post("/chat/completions", json=BODY, headers=_auth("1")).status_code == 200 for _ in range(60))


def test_subprocess_server_gets_the_limit_too() -> None:
    with MockServer(rate_limit="2/s", subprocess=True) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        statuses = [http.post("/chat/completions", json=BODY, headers=_auth("1")).status_code for _ in range(4)]
        assert statuses[:2] == [200, 200] and 429 in statuses[2:]


def test_rate_texts() -> None:
    assert parse_rate("50/s") == 50
    assert parse_rate("600/min") == 10
    assert parse_rate("3600/h") == 1
    assert parse_rate(2.5) == 2.5
    for bad in ("fast", "50", "0/s", "-1/s", "5/week"):
        with pytest.raises(ValueError):
            parse_rate(bad)
    with pytest.raises(ValueError):
        MockServer(rate_limit="lots")


def test_bucket_refills_at_the_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(10.0, clock=lambda: now[0])
    assert all(limiter.check("k") is None for _ in range(10))
    wait = limiter.check("k")
    assert wait == pytest.approx(0.1)
    now[0] += 0.1
    assert limiter.check("k") is None and limiter.check("k") is not None


def test_cli_mock_accepts_rate_limit_and_refuses_a_bad_one() -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "oruel_client.cli", "mock", "--port", "0", "--rate-limit", "lots"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert bad.returncode == 2 and "rate limit 'lots'" in bad.stderr
    process = subprocess.Popen(
        [sys.executable, "-m", "oruel_client.cli", "mock", "--port", "0", "--rate-limit", "3/s"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(30, process.kill)  # a server that never prints its URL fails, not hangs
    watchdog.start()
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=url, timeout=10) as http:
            statuses = [http.post("/chat/completions", json=BODY, headers=_auth("1")).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
    finally:
        watchdog.cancel()
        process.terminate()
        process.communicate(timeout=30)
