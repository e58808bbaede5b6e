"""SSE throughput of oruel_client from several checkouts against raw httpx, in one run (issue 18):
``python -m bench.sse_ab [--path DIR ...] [--chunks 20000] [--rounds 8] [--clients oruel,oruel-fn]``.

Every measurement is a fresh process that reads ``--chunks``-chunk streams from one benchmark server (the
``sse`` step's server and adapters, ``bench.server`` and ``bench.clients``) and prints its best of five; the
contenders take turns, round after round, so that a slower minute of a shared machine hits them alike. Each
``--path`` is a folder holding another ``oruel_client`` (a ``git worktree`` or ``git archive`` of an older
commit); this checkout is always measured. Prints each contender's median time per stream and its chunks/s as
a ratio to raw httpx's (above 1: faster than the floor), the same ratio as the ``sse`` step's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .harness import ServerProcess

ROOT = Path(__file__).resolve().parent.parent

# bench comes from this checkout, oruel_client from the contender's folder (first on sys.path once bench is in).
CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from bench.clients import make_sync
sys.path.insert(0, {path!r})
adapter = make_sync({client!r}, {server!r})
adapter.stream(64)
best = float("inf")
for _ in range(5):
    started = time.perf_counter()
    got = adapter.stream({chunks})
    best = min(best, time.perf_counter() - started)
    assert got.chunks == {chunks}, got.chunks
print(best)
"""


def _once(client: str, path: str, server: str, chunks: int) -> float:
    code = CHILD.format(root=str(ROOT), path=path, client=client, server=server, chunks=chunks)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=path, capture_output=True, text=True, timeout=300, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"{client} from {path} failed: {proc.stderr.strip()[-800:]}")
    return float(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sse_ab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", action="append", default=[], help="a folder holding another oruel_client")
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--clients", default="oruel", help="comma-separated: oruel, oruel-fn")
    args = parser.parse_args(argv)
    paths = [str(ROOT), *(str(Path(p).resolve()) for p in args.path)]
    for path in paths:
        if not (Path(path) / "oruel_client" / "__init__.py").is_file():
            parser.error(f"{path} holds no oruel_client package")
    contenders = [("httpx", str(ROOT))] + [(c, p) for p in paths for c in args.clients.split(",") if c]
    times: dict[tuple[str, str], list[float]] = {key: [] for key in contenders}
    with ServerProcess(max_seconds=3600) as server:
        for _ in range(args.rounds):
            for client, path in contenders:
                times[(client, path)].append(_once(client, path, server.root, args.chunks))
    load = os.getloadavg()[0]
    floor = statistics.median(times[("httpx", str(ROOT))])
    print(f"{args.chunks:,}-chunk streams, best of 5 per process, median of {args.rounds} rounds (load {load:.1f})")
    for (client, path), samples in times.items():
        median = statistics.median(samples)
        where = "" if client == "httpx" else f" ({path})"
        print(f"  {client + where:60} {median * 1000:8.1f} ms   vs httpx {floor / median:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
