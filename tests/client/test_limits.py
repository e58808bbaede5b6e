"""Size limits and hostile bodies, end to end: a server in another process (tests/hostile_server.py), the client
in a subprocess of its own whose peak memory is measured, and a hard timeout on both.

What a user sees: a typed error (never a raw Python exception, never a hang) and memory that stays bounded by
the configured limits however much the server sends or inflates.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "oruel_" + "0" * 48
MiB = 1024 * 1024

DRIVER = r"""
import asyncio, json, sys
from oruel_client import AsyncOruel, Oruel

url, mode, limit = sys.argv[1], sys.argv[2], sys.argv[3]
limits = {} if limit == "default" else {"max_response_bytes": int(limit), "max_event_bytes": int(limit)}
kwargs = dict(api_key=sys.argv[4], base_url=url, max_retries=0, timeout=60, **limits)
call = dict(model="m", messages=[{"role": "user", "content": "hi"}])

def status_mib(field):
    # VmHWM (peak RSS) belongs to this process's own memory map, unlike ru_maxrss, which Linux carries over
    # from the parent across fork and exec (a big pytest parent would inflate it).
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024

def run():
    if mode == "sync":
        Oruel(**kwargs).chat.completions.create(**call)
    elif mode == "stream":
        with Oruel(**kwargs).chat.completions.create(**call, stream=True) as s:
            for _ in s:
                pass
    elif mode == "async":
        asyncio.run(AsyncOruel(**kwargs).chat.completions.create(**call))
    else:
        async def consume():
            async with await AsyncOruel(**kwargs).chat.completions.create(**call, stream=True) as s:
                async for _ in s:
                    pass
        asyncio.run(consume())

import httpx, oruel_client._streaming  # loaded before the baseline is taken
base = status_mib("VmRSS")
try:
    run()
    outcome = "no error"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {exc}"
peak = status_mib("VmHWM")
print(json.dumps({"outcome": outcome, "grew_mib": peak - base}))
"""


def drive(base: str, path: str, mode: str, limit: int | str = "default") -> tuple[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, f"{base}{path}", mode, str(limit), KEY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a hang is a failure, not a stuck CI
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    return result["outcome"], result["grew_mib"]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_gzip_bomb_stops_at_max_response_bytes(hostile: str, mode: str) -> None:
    outcome, grew = drive(hostile, "/gzip-bomb", mode, 8 * MiB)
    assert outcome.startswith("APIResponseValidationError: The response body (HTTP 200) is larger than")
    assert "max_response_bytes (8388608 bytes" in outcome
    # Beyond the limit: httpx inflates one 64 KiB read at a time, up to ~64 MiB of a gzip bomb at once.
    assert grew < 150, f"memory grew by {grew:.0f} MiB for an 8 MiB limit (the body inflates to 1 GiB)"


def test_gzip_bomb_with_the_default_limit_stays_bounded(hostile: str) -> None:
    outcome, grew = drive(hostile, "/gzip-bomb", "sync")
    assert outcome.startswith("APIResponseValidationError") and "268435456 bytes" in outcome
    assert grew < 256 + 200, f"memory grew by {grew:.0f} MiB (limit 256 MiB; the body inflates to 1 GiB)"


def test_gzip_bomb_as_an_error_body(hostile: str) -> None:
    outcome, grew = drive(hostile, "/gzip-bomb-500", "sync", 8 * MiB)
    assert outcome.startswith("APIResponseValidationError: The response body (HTTP 500) is larger")
    assert grew < 150


@pytest.mark.parametrize("mode", ["stream", "astream"])
@pytest.mark.parametrize("path", ["/long-line", "/comment-flood"])
def test_endless_event_stops_at_max_event_bytes(hostile: str, path: str, mode: str) -> None:
    outcome, grew = drive(hostile, path, mode)
    assert outcome == (
        "APIResponseValidationError: An event of the stream is larger than max_event_bytes (16777216 bytes); "
        "it was not read whole."
    )
    assert grew < 16 + 40, f"memory grew by {grew:.0f} MiB for a 16 MiB event limit"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_deeply_nested_json_is_a_validation_error(hostile: str, mode: str) -> None:
    outcome, _ = drive(hostile, "/deep", mode)
    assert outcome.startswith("APIResponseValidationError: Response of createChatCompletion nests too deep")


def test_deeply_nested_error_body_keeps_its_status(hostile: str) -> None:
    outcome, _ = drive(hostile, "/deep-500", "sync")
    assert outcome.startswith("InternalServerError: Error code: 500")
