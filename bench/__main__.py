"""``python -m bench``: oruel_client (its facade and its generated endpoint functions) against openai, together
and raw httpx on one local server.

    python -m bench                 # full run, prints a table, rewrites the results block of BENCHMARKS.md
    python -m bench --quick         # tiny sizes, same code paths (CI), exit 1 if anything breaks: about 30 s,
                                    # plus 30-40 s for the ray step (issue 20; mostly Ray's start-up)
    python -m bench --only sse,async --no-write
    python -m bench --only ray --no-write   # Ray Data's HTTP step vs oruel on Ray Data vs oruel batch (issue 20)
    python -m bench --profile       # cProfile tables of oruel_client on the same workloads
    python -m bench --profile --profile-client oruel-fn   # the same through the endpoint functions

Exit status: 0 when every step ran and every answer was right; 1 when a step broke (a client raised, an
answer was wrong, a step ran out of time); 2 for bad arguments; 3 with ``--strict`` when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from .clients import CLIENTS, SyncAdapter
from .harness import ROOT, Deadline, ServerProcess
from .report import Run, evaluate, load_is_high, machine_info, markdown, terminal_table, write_report
from .scenarios import (
    FULL,
    QUICK,
    ImportResult,
    Result,
    Sizes,
    make_sync_adapters,
    measure_async,
    measure_embeddings,
    measure_imports,
    measure_memory,
    measure_sequential,
    measure_sse,
    preflight,
    run_checked,
)

ALWAYS = ("oruel", "oruel-fn", "httpx")  # the clients the targets compare, run whatever --clients says
STEPS = (
    "import",
    "sequential",
    "sequential_long",
    "sse",
    "async",
    "embeddings",
    "batch",
    "memory",
    "stream_memory",
    "ray",
)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, same code paths; for CI")
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated steps out of {','.join(STEPS)}")
    parser.add_argument("--clients", default=",".join(CLIENTS), help=f"comma-separated; {', '.join(ALWAYS)} always run")
    parser.add_argument("--out", type=Path, help="report file (default: BENCHMARKS.md; none with --quick)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not touch BENCHMARKS.md")
    parser.add_argument("--strict", action="store_true", help="also exit 3 when a target is missed")
    parser.add_argument("--profile", action="store_true", help="print cProfile tables instead of comparing")
    parser.add_argument("--profile-client", default="oruel", choices=CLIENTS, help="the client --profile runs")
    args = parser.parse_args(argv)
    steps = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(steps) - set(STEPS)
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    bad_clients = set(clients) - set(CLIENTS)
    if unknown or bad_clients:
        parser.error(f"unknown step or client: {', '.join(sorted(unknown | bad_clients))}")
    args.steps = steps
    args.client_list = [c for c in CLIENTS if c in clients or c in ALWAYS]
    return args


def _runtime_step(
    step: str, srv: ServerProcess, adapters: dict[str, SyncAdapter], names: list[str], sizes: Sizes
) -> Result:
    deadline = Deadline(sizes.budget)
    if step == "sequential":
        return measure_sequential(srv, adapters, sizes, deadline)
    if step == "sequential_long":
        return measure_sequential(srv, adapters, sizes, deadline, long=True)
    if step == "sse":
        return measure_sse(srv, adapters, sizes, deadline)
    if step == "async":
        return measure_async(srv, names, sizes, deadline)
    if step == "batch":
        from .batch import measure_batch

        return measure_batch(srv, sizes, deadline)
    return measure_embeddings(srv, adapters, sizes, deadline)


def _say(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    sizes = QUICK if args.quick else FULL
    names: list[str] = args.client_list
    load_before = os.getloadavg()
    if load_is_high(load_before):
        _say(f"warning: load average {load_before[0]:.2f} is high for this machine; figures will be noisy")

    if args.profile:
        from .profiling import profile_client

        with ServerProcess(max_seconds=900) as srv:
            sys.stdout.write(profile_client(srv, args.profile_client, sizes) + "\n")
        return 0

    started_at = dt.datetime.now(dt.UTC)
    started = time.monotonic()
    errors: list[str] = []
    results: dict[str, Result] = {}
    imports: ImportResult | None = None
    memory: dict[str, Any] | None = None
    stream_memory: dict[str, Any] | None = None
    ray: dict[str, Any] | None = None
    budget = sizes.budget

    if "import" in args.steps:
        _say("import time (fresh interpreters)")
        imports = run_checked("import", lambda: measure_imports(sizes, Deadline(budget)), errors)

    if "ray" in args.steps:
        from .ray_data import measure_ray

        # Its own rate-limited server and a local Ray cluster, in a child process (Ray's state stays out of here).
        _say("Ray Data (issue 20): its HTTP step, oruel on Ray Data, oruel batch, one rate-limited server")
        ray = run_checked("ray", lambda: measure_ray(args.quick), errors)

    runtime_steps = [s for s in args.steps if s not in ("import", "ray")]
    if runtime_steps:
        with ServerProcess(max_seconds=3 * 3600) as srv:
            _say(f"server pid {srv.pid} on {srv.root}")
            run_checked("preflight", lambda: preflight(srv, sizes), errors)
            adapters: dict[str, SyncAdapter] = {}
            try:
                if {"sequential", "sequential_long", "sse", "embeddings"} & set(runtime_steps):
                    adapters = make_sync_adapters(srv.root, names)
                for step, title in (
                    ("sequential", "sequential chat"),
                    ("sequential_long", "sequential chat, 21-message history"),
                    ("sse", "SSE parse"),
                    ("async", "async streams"),
                    ("embeddings", "embeddings"),
                    ("batch", "batch runner against a minimal asyncio + httpx loop"),
                ):
                    if step not in runtime_steps:
                        continue
                    _say(title)
                    result = run_checked(step, partial(_runtime_step, step, srv, adapters, names, sizes), errors)
                    if result is not None:
                        results[step] = result
            finally:
                for adapter in adapters.values():
                    adapter.close()
            if "memory" in runtime_steps:
                _say("memory (one fresh process per client)")
                memory = run_checked("memory", lambda: measure_memory(srv, names, sizes, Deadline(budget)), errors)
            if "stream_memory" in runtime_steps:
                from .stream_memory import measure_stream_memory

                _say("memory of one 100,000-chunk stream read to its final completion (fresh process)")
                stream_memory = run_checked(
                    "stream_memory", lambda: measure_stream_memory(srv, Deadline(max(budget, 120.0))), errors
                )

    run = Run(
        quick=args.quick,
        sizes=sizes,
        command=shlex.join(["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])]),
        started=started_at,
        seconds=time.monotonic() - started,
        load_before=load_before,
        load_after=os.getloadavg(),
        imports=imports,
        results=results,
        memory=memory,
        stream_memory=stream_memory,
        ray=ray,
        errors=errors,
    )
    run.targets = evaluate(run)
    sys.stdout.write(terminal_table(run) + "\n")
    if run.ray is not None:
        from .ray_data import RayReport, markdown_table

        sys.stdout.write("\n".join(["Ray Data (issue 20):", *markdown_table(RayReport.from_dict(run.ray))]) + "\n")
    for target in run.targets:
        sys.stdout.write(f"  {target.verdict:6s}  {target.label}: {target.detail}\n")
    for err in errors:
        sys.stdout.write(f"BROKEN: {err}\n")

    out: Path | None = args.out if args.out is not None else (None if args.quick else ROOT / "BENCHMARKS.md")
    if out is not None and not args.no_write:
        write_report(out, markdown(run, machine_info()))
        _say(f"wrote {out}")
    _say(f"done in {run.seconds:.0f} s")
    if errors:
        return 1
    if args.strict and any(t.met is False for t in run.targets):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
