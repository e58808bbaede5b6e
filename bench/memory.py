"""Memory growth of one client, in a fresh process: ``python -m bench.memory --client oruel --root URL``.

One iteration is one non-streaming chat completion and one ``--chunks``-chunk stream. After ``--warmup``
iterations (so caches, the pool and lazily imported code are in place) comes checkpoint A, then
``--iterations`` more with checkpoint B halfway and C at the end. A checkpoint is ``gc.collect()``, then the
resident set size (``/proc/self/statm``) and the number of objects the garbage collector tracks
(``gc.get_objects()``). A to C is the growth the benchmark reports; B to C, the same number of operations
again after the first half, is what judges a leak: whatever is allocated once (a cache filling, a lazily
built table) lands in the first half, while per-request leaks grow in both.

Then tracemalloc (too slow to leave on for the main run): ``m`` iterations, snapshot, ``m`` more, snapshot;
the difference is what stays allocated per iteration, and where it was allocated. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import tracemalloc
from collections import Counter
from typing import Any, Final

from .clients import CLIENTS, make_sync
from .harness import BenchError
from .scenarios import expected_chat, expected_stream

__all__ = ["main", "rss_bytes"]

_PAGE: Final = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * _PAGE


def _type_counts() -> Counter[str]:
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("--client", choices=CLIENTS, required=True)
    parser.add_argument("--root", required=True, help="the benchmark server, http://127.0.0.1:<port>")
    parser.add_argument("--iterations", type=int, default=2500)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--chunks", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    args = parser.parse_args(argv)
    if not args.root.startswith("http://127.0.0.1:"):
        parser.error("--root must be on 127.0.0.1")

    adapter = make_sync(args.client, args.root)
    want_chat = expected_chat()
    want_stream = expected_stream(args.chunks)

    def iteration() -> None:
        got_chat = adapter.chat()
        got_stream = adapter.stream(args.chunks)
        if got_chat != want_chat or got_stream != want_stream:
            raise BenchError(f"{args.client}: wrong answer: {got_chat} / {got_stream}")

    end = time.monotonic() + args.max_seconds
    for _ in range(args.warmup):
        iteration()

    def checkpoint() -> tuple[int, Counter[str]]:
        gc.collect()
        types = _type_counts()
        return rss_bytes(), types

    rss_a, types_a = checkpoint()
    started = time.perf_counter()
    done = 0
    half = args.iterations // 2
    rss_b, types_b = rss_a, types_a
    for i in range(args.iterations):
        if i == half:
            rss_b, types_b = checkpoint()
        iteration()
        done += 1
        if time.monotonic() > end:
            break
    seconds = time.perf_counter() - started
    rss_c, types_c = checkpoint()
    growth = types_c.copy()
    growth.subtract(types_b)
    # The checkpoints' own records (the Counters of A and B) are gc-tracked objects too: leave them out.
    growth["Counter"] -= 1
    top_types = [[name, delta] for name, delta in growth.most_common(5) if delta > 0]

    traced_iterations = max(10, done // 50)
    tracemalloc.start(1)
    for _ in range(traced_iterations):
        iteration()
    gc.collect()
    first = tracemalloc.take_snapshot()
    for _ in range(traced_iterations):
        iteration()
    gc.collect()
    second = tracemalloc.take_snapshot()
    tracemalloc.stop()
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen *>")]
    diff = second.filter_traces(ignore).compare_to(first.filter_traces(ignore), "lineno")
    traced_bytes = sum(stat.size_diff for stat in diff)
    top_sites = [
        [f"{stat.traceback[0].filename}:{stat.traceback[0].lineno}", stat.size_diff, stat.count_diff]
        for stat in sorted(diff, key=lambda st: -st.size_diff)[:5]
        if stat.size_diff > 0
    ]
    adapter.close()

    # Less the checkpoint records alive at each checkpoint: none at A, A's at B, A's and B's at C.
    objects = {key: sum(t.values()) - own for key, t, own in (("a", types_a, 0), ("b", types_b, 1), ("c", types_c, 2))}
    result: dict[str, Any] = {
        "client": args.client,
        "iterations": done,
        "requests_and_streams": done * 2,
        "second_half_ops": (done - half) * 2,
        "warmup": args.warmup,
        "chunks": args.chunks,
        "seconds": seconds,
        "rss_after_warmup": rss_a,
        "rss_growth": rss_c - rss_a,
        "rss_growth_second_half": rss_c - rss_b,
        "objects_after_warmup": objects["a"],
        "objects_growth": objects["c"] - objects["a"],
        "objects_growth_second_half": objects["c"] - objects["b"],
        "top_type_growth_second_half": top_types,
        "traced_ops": 2 * traced_iterations,
        "traced_bytes": traced_bytes,
        "traced_top": top_sites,
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
