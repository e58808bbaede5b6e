"""``python -m bench.batch``: the request rate of ``oruel batch``'s engine against a minimal hand-written
asyncio + httpx loop, same requests, same concurrency, same local server, rounds interleaved.

    python -m bench.batch                # 6 rounds of 3000 chat requests at concurrency 32
    python -m bench.batch --quick        # 2 rounds of 300: same code paths, for CI
    python -m bench.batch --strict       # also exit 3 when the runner is below 0.8 x the loop

It is also the ``batch`` step of ``python -m bench`` (``python -m bench --only batch``).

The loop is what a user would write without the runner: a fixed pool of workers over the input, one POST per
line, the JSON answer written to a JSONL file. The runner does more per line (spec validation, an answer
flushed to the OS per line, the resume index, rate-limit bookkeeping); the target says that costs at most 20%.
Exit status: 0 ok, 1 a request failed or an answer was wrong, 3 with ``--strict`` when the target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import httpx

from .clients import _INFERENCE, API_KEY, LIMITS, TIMEOUT
from .harness import BenchError, Deadline, ServerProcess, summarize
from .scenarios import Result, Sizes

TARGET: Final = 0.8
MODEL: Final = "bench-model"


def _requests(n: int) -> list[dict[str, Any]]:
    return [
        {
            "custom_id": f"req-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": MODEL, "messages": [{"role": "user", "content": f"Question number {i}?"}]},
        }
        for i in range(n)
    ]


async def hand_loop(root: str, requests: list[dict[str, Any]], concurrency: int, out: Path) -> float:
    """Requests per second of the minimal loop."""
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with httpx.AsyncClient(base_url=root + _INFERENCE, headers=headers, timeout=TIMEOUT, limits=LIMITS) as http:
        with open(out, "w") as file:
            lines: Iterator[dict[str, Any]] = iter(requests)

            async def worker() -> None:
                for line in lines:
                    response = await http.post("/chat/completions", json=line["body"])
                    if response.status_code != 200:
                        raise RuntimeError(f"httpx loop: {response.status_code} {response.text[:200]}")
                    result = {"custom_id": line["custom_id"], "status_code": 200, "body": response.json()}
                    file.write(json.dumps(result) + "\n")

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return len(requests) / (time.perf_counter() - started)


async def runner(root: str, requests: list[dict[str, Any]], concurrency: int, out: Path) -> float:
    """Requests per second of the batch engine (``oruel batch`` without the progress display)."""
    from oruel_client import AsyncOruel
    from oruel_client.batch import arun

    async with AsyncOruel(api_key=API_KEY, base_url=root + _INFERENCE, timeout=TIMEOUT) as client:
        started = time.perf_counter()
        ok = 0
        async for result in arun(requests, client=client, output=out, concurrency=concurrency):
            if not result.ok:
                raise RuntimeError(f"runner: {result.to_dict()}")
            ok += 1
        elapsed = time.perf_counter() - started
    if ok != len(requests):
        raise RuntimeError(f"runner: {ok} results for {len(requests)} requests")
    return len(requests) / elapsed


CONCURRENCY: Final = 32


def _rounds(root: str, n: int, rounds: int, concurrency: int, deadline: Deadline | None) -> dict[str, list[float]]:
    """Requests per second of each side, rounds interleaved (the order flips every round), after one warm-up
    round that is not counted."""
    requests = _requests(n)
    rates: dict[str, list[float]] = {"httpx loop": [], "oruel batch": []}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(rounds + 1):
            if k >= 2 and deadline is not None and deadline.expired:
                break
            order = [("httpx loop", hand_loop), ("oruel batch", runner)]
            for name, fn in order if k % 2 == 0 else order[::-1]:
                out = Path(tmp) / f"{name.replace(' ', '-')}-{k}.jsonl"
                rate = asyncio.run(fn(root, requests, concurrency, out))
                if k:
                    rates[name].append(rate)
    return rates


def measure_batch(srv: ServerProcess, sizes: Sizes, deadline: Deadline) -> Result:
    """The ``batch`` step of ``python -m bench``: oruel = the batch engine, httpx = the hand-written loop."""
    try:
        rates = _rounds(srv.root, sizes.batch_requests, sizes.batch_reps, CONCURRENCY, deadline)
    except RuntimeError as exc:
        raise BenchError(str(exc)) from exc
    return Result(
        "batch",
        f"{sizes.batch_requests} chat requests at concurrency {CONCURRENCY}: `oruel_client.batch` (output file, "
        "resume index, validation, pacing) against 32 asyncio workers posting with httpx and writing JSONL",
        "req/s",
        True,
        {"oruel": summarize(rates["oruel batch"]), "httpx": summarize(rates["httpx loop"])},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 rounds of 300 requests")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--strict", action="store_true", help=f"exit 3 when runner/loop < {TARGET}")
    args = parser.parse_args(argv)
    n, rounds = (300, 2) if args.quick else (args.requests, args.rounds)
    with ServerProcess(max_seconds=600) as server:
        try:
            rates = _rounds(server.root, n, rounds, args.concurrency, None)
        except RuntimeError as exc:
            print(f"bench.batch: {exc}", file=sys.stderr)
            return 1
    loop, ours = statistics.median(rates["httpx loop"]), statistics.median(rates["oruel batch"])
    ratio = ours / loop
    print(f"{n} chat requests per round, concurrency {args.concurrency}, {rounds} rounds (median req/s):")
    for name, values in rates.items():
        print(f"  {name:12} {statistics.median(values):8.0f}   rounds: {', '.join(f'{v:.0f}' for v in values)}")
    verdict = "met" if ratio >= TARGET else "MISSED"
    print(f"  oruel batch / httpx loop = {ratio:.2f} (target >= {TARGET}: {verdict})")
    return 3 if args.strict and ratio < TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
