"""Streams abandoned in every way a user can abandon them never hang the program and give their connection
back as soon as the last reference goes, with no help from the cyclic garbage collector.

The hard way: the local server runs in another process; each scenario runs hundreds of times in a client
subprocess under a hard timeout (a deadlock fails the test instead of hanging CI) with a one-connection pool
(a connection that is not given back makes the next call fail after a 3 s pool timeout). Once with the cyclic GC
off (nothing may rely on it) and once with it running all the time (its finalizers, run at arbitrary moments
such as inside httpcore's pool lock, used to close abandoned streams and deadlock there).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from oruel_client.mock.server import MockServer

ROOT = Path(__file__).resolve().parents[2]
KEY = "oruel_" + "0" * 48

DRIVER = r"""
import asyncio, gc, sys
import httpx
from oruel_client import AsyncOruel, Oruel

url, key, mode, scenario, gc_mode, rounds = sys.argv[1:7]
rounds = int(rounds)
if gc_mode == "off":
    gc.disable()
else:
    gc.set_threshold(5, 1, 1)  # collect all the time, anywhere
timeout = httpx.Timeout(30.0, pool=3.0)
call = dict(model="m", messages=[{"role": "user", "content": "tell a long story"}], max_tokens=400, stream=True)

def sync_round(client):
    if scenario == "break":
        for _ in client.chat.completions.create(**call):
            break
    elif scenario == "never":
        client.chat.completions.create(**call)
    elif scenario == "next":
        stream = client.chat.completions.create(**call)
        next(iter(stream))
        del stream
    elif scenario == "raise":
        try:
            for _ in client.chat.completions.create(**call):
                raise KeyError("consumer failed")
        except KeyError:
            pass

async def async_round(client):
    if scenario == "break":
        async for _ in await client.chat.completions.create(**call):
            break
    elif scenario == "never":
        await client.chat.completions.create(**call)
    elif scenario == "next":
        stream = await client.chat.completions.create(**call)
        await stream.__anext__()
        del stream
    elif scenario == "raise":
        try:
            async for _ in await client.chat.completions.create(**call):
                raise KeyError("consumer failed")
        except KeyError:
            pass
    await asyncio.sleep(0)  # one loop turn: the async-generator finalizer runs its aclose on the loop

if mode == "sync":
    with httpx.Client(limits=httpx.Limits(max_connections=1)) as http:
        client = Oruel(api_key=key, base_url=url, http_client=http, timeout=timeout, max_retries=0)
        for _ in range(rounds):
            sync_round(client)
else:
    async def main():
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=1)) as http:
            client = AsyncOruel(api_key=key, base_url=url, http_client=http, timeout=timeout, max_retries=0)
            for _ in range(rounds):
                await async_round(client)
    asyncio.run(main())
print("completed", rounds)
"""


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with MockServer(subprocess=True) as server:
        yield server.url


@pytest.mark.parametrize("gc_mode", ["off", "busy"])
@pytest.mark.parametrize("scenario", ["break", "never", "next", "raise"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_abandoned_streams_release_their_connection(server_url: str, mode: str, scenario: str, gc_mode: str) -> None:
    rounds = 300 if scenario == "break" and mode == "sync" else 100
    try:
        done = subprocess.run(
            [sys.executable, "-c", DRIVER, server_url, KEY, mode, scenario, gc_mode, str(rounds)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{mode} '{scenario}' with the GC {gc_mode} hung (deadlock) for 120 s")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["completed", str(rounds)]
