"""The retry policy on its own: which failures are retried and how long to wait. No I/O, no sleeping.

End-to-end retries (including measured Retry-After gaps) are in test_base_client.py.
"""

from __future__ import annotations

import email.utils

import httpx
import pytest

from oruel_client._retry import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RetryPolicy,
    backoff_delay,
    parse_retry_after,
    should_retry_error,
    should_retry_status,
)

NOW = 1_750_000_000.0  # a fixed "current time" for HTTP-date arithmetic


def h(**items: str) -> httpx.Headers:
    return httpx.Headers({k.replace("_", "-"): v for k, v in items.items()})


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 599])
def test_retryable_statuses(status: int) -> None:
    assert should_retry_status(status, h())


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422, 200, 301])
def test_non_retryable_statuses(status: int) -> None:
    assert not should_retry_status(status, h())


def test_x_should_retry_overrides_status_both_ways() -> None:
    assert should_retry_status(400, h(x_should_retry="true"))
    assert not should_retry_status(500, h(x_should_retry="false"))
    assert not should_retry_status(429, httpx.Headers({"X-Should-Retry": " FALSE "}))
    # Anything else is no verdict: the status rule applies.
    assert should_retry_status(503, h(x_should_retry="maybe"))
    assert not should_retry_status(400, h(x_should_retry="1"))


def test_retryable_errors() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/x")
    retryable: list[Exception] = [
        httpx.ConnectError("refused", request=request),
        httpx.ConnectTimeout("t", request=request),
        httpx.ReadTimeout("t", request=request),
        httpx.PoolTimeout("t", request=request),
        httpx.ReadError("reset", request=request),
        httpx.WriteError("reset", request=request),
        httpx.RemoteProtocolError("Server disconnected", request=request),
    ]
    for exc in retryable:
        assert should_retry_error(exc), exc
    not_retryable: list[Exception] = [
        httpx.UnsupportedProtocol("ftp", request=request),
        httpx.LocalProtocolError("bad header", request=request),
    ]
    for exc in not_retryable:
        assert not should_retry_error(exc), exc
    assert not should_retry_error(ValueError("x"))


def test_retry_after_ms_is_milliseconds_and_wins() -> None:
    assert parse_retry_after(h(retry_after_ms="200"), NOW) == pytest.approx(0.2)
    assert parse_retry_after(h(retry_after_ms="12.5", retry_after="30"), NOW) == pytest.approx(0.0125)
    assert parse_retry_after(h(retry_after_ms="0"), NOW) == 0.0


def test_retry_after_seconds() -> None:
    assert parse_retry_after(h(retry_after="3"), NOW) == 3.0
    assert parse_retry_after(h(retry_after=" 1.5 "), NOW) == 1.5


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(NOW + 7, usegmt=True)
    assert parse_retry_after(h(retry_after=date), NOW) == pytest.approx(7.0)
    # "-0000" parses to a naive datetime; it is still GMT.
    naive = email.utils.formatdate(NOW + 4).replace("+0000", "-0000")
    assert parse_retry_after(h(retry_after=naive), NOW) == pytest.approx(4.0)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"retry-after": "soon"},
        {"retry-after": "-1"},
        {"retry-after": "nan"},
        {"retry-after": "inf"},
        {"retry-after": ""},
        {"retry-after-ms": "-5"},
        {"retry-after-ms": "abc"},
        {"retry-after": email.utils.formatdate(NOW - 10, usegmt=True)},  # in the past
    ],
)
def test_unusable_retry_after_is_none(headers: dict[str, str]) -> None:
    assert parse_retry_after(httpx.Headers(headers), NOW) is None


def test_invalid_retry_after_ms_falls_back_to_retry_after() -> None:
    assert parse_retry_after(h(retry_after_ms="oops", retry_after="2"), NOW) == 2.0
    assert parse_retry_after(h(retry_after_ms="-1", retry_after="2"), NOW) == 2.0


def test_backoff_doubles_from_half_a_second_and_caps_at_8() -> None:
    delays = [backoff_delay(n, initial=INITIAL_RETRY_DELAY, maximum=MAX_RETRY_DELAY, rand=0.0) for n in range(7)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    # No float overflow however many retries were made.
    assert backoff_delay(100_000, initial=0.5, maximum=8.0, rand=0.0) == 8.0


def test_jitter_factor_between_three_quarters_and_one() -> None:
    assert backoff_delay(2, initial=0.5, maximum=8.0, rand=1.0) == pytest.approx(2.0 * 0.75)
    assert backoff_delay(2, initial=0.5, maximum=8.0, rand=0.5) == pytest.approx(2.0 * 0.875)
    policy = RetryPolicy()  # the real random source
    samples = [policy.delay(1) for _ in range(500)]
    assert all(s is not None and 0.75 <= s <= 1.0 for s in samples)
    assert len(set(samples)) > 1


def test_policy_delay_uses_injected_random_and_clock() -> None:
    policy = RetryPolicy(random=lambda: 1.0, now=lambda: NOW)
    assert policy.delay(0) == pytest.approx(0.375)
    assert policy.delay(3, h()) == pytest.approx(3.0)
    date = email.utils.formatdate(NOW + 5, usegmt=True)
    assert policy.delay(0, h(retry_after=date)) == pytest.approx(5.0)


def test_policy_honours_server_delay_without_jitter() -> None:
    policy = RetryPolicy(random=lambda: 1.0, now=lambda: NOW)
    assert policy.delay(4, h(retry_after_ms="200")) == pytest.approx(0.2)
    assert policy.delay(0, h(retry_after="2.5")) == 2.5


def test_over_cap_server_delay_means_do_not_retry() -> None:
    policy = RetryPolicy(now=lambda: NOW)
    assert policy.delay(0, h(retry_after=str(MAX_RETRY_AFTER))) == MAX_RETRY_AFTER
    assert policy.delay(0, h(retry_after="61")) is None
    assert policy.delay(0, h(retry_after_ms="60001")) is None
    far = email.utils.formatdate(NOW + 3600, usegmt=True)
    assert policy.delay(0, h(retry_after=far)) is None
    assert RetryPolicy(max_retry_after=100.0).delay(0, h(retry_after="61")) == 61.0


def test_unusable_server_delay_falls_back_to_backoff() -> None:
    policy = RetryPolicy(random=lambda: 0.0, now=lambda: NOW)
    assert policy.delay(1, h(retry_after="soon")) == 1.0
    assert policy.delay(2, h(retry_after="-3")) == 2.0
