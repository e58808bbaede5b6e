"""Peak memory of one long stream read to its final completion, in a fresh process:
``python -m bench.stream_memory --root URL --chunks 100000``.

``client.chat.completions.create(..., stream=True).get_final_completion()`` must hold memory in proportion to
the text the stream carries, not to its number of chunks (issue 18): each chunk is added up as it arrives. A
short stream first (so code, caches and the pool are in place), then Linux's peak resident set size is reset
(``/proc/self/clear_refs``) and the long stream is read; the peak's growth over the resident size before it is
compared with the length of the text. Without the reset (an older kernel), the peak is the whole process's.
Prints one JSON line.

As a command: ``python -m bench --only stream_memory`` runs it against the benchmark server (target: peak
growth at most ``STREAM_MEMORY_LIMIT`` times the text).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any, Final

from . import server
from .clients import API_KEY, MESSAGES, TIMEOUT, sse_model
from .harness import ROOT, BenchError, Deadline, ServerProcess

__all__ = ["STREAM_MEMORY_CHUNKS", "STREAM_MEMORY_LIMIT", "measure_stream_memory"]

STREAM_MEMORY_CHUNKS: Final = 100_000
#: The most the peak may grow, as a multiple of the stream's text (UTF-8 bytes).
STREAM_MEMORY_LIMIT: Final = 4.0


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        line = next(line for line in f if line.startswith(field + ":"))
    return int(line.split()[1])


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")  # resets VmHWM to the current resident size
    except OSError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stream_memory")
    parser.add_argument("--root", required=True, help="the benchmark server, http://127.0.0.1:<port>")
    parser.add_argument("--chunks", type=int, default=STREAM_MEMORY_CHUNKS)
    args = parser.parse_args(argv)
    if not args.root.startswith("http://127.0.0.1:"):
        parser.error("--root must be on 127.0.0.1")

    from oruel_client import Oruel

    client = Oruel(api_key=API_KEY, base_url=args.root + "/v1/inference", max_retries=0, timeout=TIMEOUT)

    def final_text(chunks: int) -> str:
        # Any, as the bench adapters: MESSAGES is a plain list of dicts, not the facade's typed messages.
        create: Any = client.chat.completions.create
        content = (
            create(model=sse_model(chunks), messages=MESSAGES, stream=True)
            .get_final_completion()
            .choices[0]
            .message.content
        )
        return content if isinstance(content, str) else ""

    if final_text(64) != server.expected_stream_text(64):
        raise BenchError("oruel: wrong final completion for a 64-chunk stream")
    reset = _reset_peak()
    before = _status_kib("VmRSS")
    started = time.perf_counter()
    text = final_text(args.chunks)
    seconds = time.perf_counter() - started
    peak = _status_kib("VmHWM")
    client.close()
    if text != server.expected_stream_text(args.chunks):
        raise BenchError(f"oruel: wrong final completion for a {args.chunks}-chunk stream")
    text_bytes = len(text.encode())
    growth = (peak - before) * 1024
    result: dict[str, Any] = {
        "chunks": args.chunks,
        "text_bytes": text_bytes,
        "peak_growth_bytes": growth,
        "ratio": growth / text_bytes,
        "peak_reset": reset,
        "seconds": seconds,
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


def measure_stream_memory(srv: ServerProcess, deadline: Deadline, chunks: int = STREAM_MEMORY_CHUNKS) -> dict[str, Any]:
    """Run main() in a fresh process against the benchmark server; its JSON result."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "bench.stream_memory", "--root", srv.root, "--chunks", str(chunks)]
    timeout = max(60.0, deadline.remaining)
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"the long stream took longer than {timeout:.0f} s") from exc
    if proc.returncode != 0:
        raise BenchError(f"the long-stream memory run failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    sys.exit(main())
