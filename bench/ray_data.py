"""``python -m bench.ray_data``: one rate limit over a local Ray cluster (issue 20). The same chat rows, sent to
the local server started with ``--rate-limit`` in another process (one API key per line, so each line starts
with a full bucket; the server's counters restart for each line), by:

- **ray-data http**: Ray Data's own HTTP step (``ray.data.llm.HttpRequestProcessorConfig``), ``qps`` per
  worker set so that the workers together send the limit, everything else at its default (no retries);
- **ray-data http, retries**: the same with ``max_retries`` set, the fairer setting for a rate-limited API;
- **oruel on ray**: ``oruel_client.batch.ray.process`` with ``max_requests_per_minute`` = the limit;
- **oruel batch**: ``oruel_client.batch.run`` on one machine with the same limit (the reference).

For each: the requests the server accepted, and those it received, as a fraction of what it allows between
the first arrival and the last (``count_traffic``: 1.0 keeps it exactly at its limit), the 429s it answered,
the rows lost (no output row) or failed (an error row), and the wall time from the start of the run to its
last row (Ray's start-up of the step's workers included).

    python -m bench.ray_data            # the full size: a few minutes at most
    python -m bench.ray_data --quick    # tiny sizes, same code paths (``python -m bench --quick``, CI)
    python -m bench.ray_data --json     # one JSON object on stdout (what ``python -m bench`` reads)

It is also the ``ray`` step of ``python -m bench``, which runs it in a child process, so that Ray's processes
and state never live in the benchmark's own process. Exit status: 0 every line ran (whatever it measured), 1
a line could not run, or one of oruel's lines lost, failed or repeated a row (``check``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from oruel_client.mock import MockServer

MODEL: Final = "bench-model"
CHAT_URL: Final = "/v1/chat/completions"
LINES: Final = ("ray-data http", "ray-data http, retries", "oruel on ray", "oruel batch")


@dataclass(frozen=True, slots=True)
class RaySizes:
    rows: int
    limit: int  # requests per second the server allows (per key), an integer so qps splits evenly
    workers: int  # Ray Data actors in each Ray line
    retries: int  # max_retries of the second anchor line
    lines: tuple[str, ...] = LINES


# Full: 15 s per line at the limit, 2-3 minutes in all with Ray's start-up and the anchor's slower lines. Quick:
# the same code paths in 30-40 s, most of it Ray's start-up; it leaves out the anchor with retries (its code path
# again).
FULL: Final = RaySizes(rows=600, limit=40, workers=4, retries=5)
QUICK: Final = RaySizes(rows=40, limit=40, workers=2, retries=5, lines=(LINES[0], LINES[2], LINES[3]))


@dataclass(slots=True)
class LineResult:
    line: str
    rows: int
    ok: int = 0  # output rows with a successful answer
    failed: int = 0  # output rows carrying an error
    lost: int = 0  # input rows with no output row (a failed block, a failed job)
    duplicated: int = 0  # custom_ids output more than once
    wall: float = 0.0
    received: int = 0  # requests that reached the server
    limited: int = 0  # of which the server answered 429
    accepted_share: float = 0.0  # requests accepted / what the server allows from first to last arrival
    sent_share: float = 0.0  # requests received (429s included) / the same
    first_request: float = 0.0  # seconds from the start of the run to the server's first arrival (start-up)
    job_error: str = ""  # the exception that ended the run early, if any
    settings: str = ""
    broken: bool = False  # the line could not run at all: the bench is broken, not the measurement


@dataclass(slots=True)
class RayReport:
    sizes: RaySizes
    lines: list[LineResult] = field(default_factory=list)
    cluster: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"sizes": asdict(self.sizes), "cluster": self.cluster, "lines": [asdict(x) for x in self.lines]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RayReport:
        sizes = {**data["sizes"], "lines": tuple(data["sizes"]["lines"])}
        return cls(RaySizes(**sizes), [LineResult(**x) for x in data["lines"]], data["cluster"])

    def line(self, name: str) -> LineResult | None:
        return next((x for x in self.lines if x.line == name), None)


def chat_rows(n: int) -> list[dict[str, Any]]:
    """Rows in the OpenAI batch input shape, as they would sit in a Parquet or JSONL file."""
    return [
        {
            "custom_id": f"row-{i}",
            "method": "POST",
            "url": CHAT_URL,
            "body": {"model": MODEL, "messages": [{"role": "user", "content": f"Question number {i}?"}]},
        }
        for i in range(n)
    ]


# ---------------------------------------------------------------- the server


def line_key(i: int) -> str:
    """An API key of its own for line ``i``: the server keeps one bucket per key, so every line starts with a full
    bucket (a fresh account) and none inherits another's debt."""
    return "oruel_" + str(i % 10) * 48


def count_traffic(server: MockServer, line: LineResult, limit: int, started: float) -> None:
    """Fill ``line``'s server-side figures from what the server saw since its last reset.

    The server's bucket starts full (a second's worth) and refills at the limit, so from the first arrival to
    the last (``span``) it accepts at most ``limit * (span + 1 s)`` requests: accepted and sent are given as
    fractions of that, 1.0 for a client that keeps the server exactly at its limit.
    """
    traffic = server.traffic()
    line.received = traffic.received
    line.limited = traffic.rate_limited
    if traffic.arrivals:
        line.first_request = traffic.arrivals[0][0] - started
        allowed = limit * (traffic.span() + 1.0)
        line.accepted_share = (traffic.received - traffic.rate_limited) / allowed
        line.sent_share = traffic.received / allowed


# ---------------------------------------------------------------- the lines


Outputs = Callable[[], Iterable[tuple[str, bool]]]  # (custom_id, ok) of each output row


def _run_line(result: LineResult, rows: list[dict[str, Any]], outputs: Outputs) -> None:
    """Time ``outputs()`` (custom_id, ok) to its end and count ok, failed, lost and repeated rows. An exception
    that ends the run is a measurement (the rows it cost are lost), not a crash of the bench."""
    seen: dict[str, int] = {}
    failed: set[str] = set()
    started = time.perf_counter()
    try:
        for cid, ok in outputs():
            seen[cid] = seen.get(cid, 0) + 1
            if not ok:
                failed.add(cid)
    except Exception as exc:  # noqa: BLE001
        result.job_error = _one_line(exc)
    result.wall = time.perf_counter() - started
    result.duplicated = sum(1 for count in seen.values() if count > 1)
    result.lost = sum(1 for row in rows if row["custom_id"] not in seen)
    result.failed = len(failed)
    result.ok = len(seen) - result.failed


def anchor_line(url: str, key: str, sizes: RaySizes, rows: list[dict[str, Any]], retries: int) -> LineResult:
    """Ray Data's HTTP step, ``qps`` per worker = limit / workers, ``max_retries`` = ``retries``."""
    import ray
    from ray.data.llm import HttpRequestProcessorConfig, build_processor

    qps = sizes.limit // sizes.workers
    name = LINES[1] if retries else LINES[0]
    settings = f"concurrency={sizes.workers}, qps={qps} per worker, max_retries={retries}, other fields default"
    result = LineResult(name, len(rows), settings=settings)
    config = HttpRequestProcessorConfig(
        url=url + "/chat/completions",
        headers={"Authorization": f"Bearer {key}"},
        concurrency=sizes.workers,
        qps=qps,
        max_retries=retries,
    )
    processor = build_processor(
        config,
        preprocess=lambda row: {"custom_id": row["custom_id"], "payload": row["body"]},
        postprocess=lambda row: {"custom_id": row["custom_id"], "ok": "choices" in row["http_response"]},
    )

    def outputs() -> Iterator[tuple[str, bool]]:
        for out in processor(ray.data.from_items(rows)).iter_rows():
            yield out["custom_id"], bool(out["ok"])

    _run_line(result, rows, outputs)
    return result


def oruel_ray_line(url: str, key: str, sizes: RaySizes, rows: list[dict[str, Any]]) -> LineResult:
    """``oruel_client.batch.ray.process`` with the limit as ``max_requests_per_minute``, defaults otherwise."""
    import ray

    from oruel_client.batch.ray import process

    settings = f"concurrency={sizes.workers}, max_requests_per_minute={sizes.limit * 60}, other arguments default"
    result = LineResult(LINES[2], len(rows), settings=settings)

    def outputs() -> Iterator[tuple[str, bool]]:
        # process() inside: the wall time includes creating the shared limit actor, as a user's run does.
        ds = process(
            ray.data.from_items(rows),
            concurrency=sizes.workers,
            max_requests_per_minute=sizes.limit * 60,
            api_key=key,
            base_url=url,
        )
        for out in ds.iter_rows():
            yield out["custom_id"], bool(out["ok"])

    _run_line(result, rows, outputs)
    return result


def oruel_batch_line(url: str, key: str, sizes: RaySizes, rows: list[dict[str, Any]]) -> LineResult:
    """``oruel_client.batch.run`` in this process with the same limit: the reference."""
    from oruel_client.batch import run

    result = LineResult(LINES[3], len(rows), settings=f"max_requests_per_minute={sizes.limit * 60}, one process")

    def outputs() -> Iterator[tuple[str, bool]]:
        for out in run(rows, max_requests_per_minute=sizes.limit * 60, api_key=key, base_url=url):
            yield str(out.custom_id), out.ok

    _run_line(result, rows, outputs)
    return result


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


@contextmanager
def local_cluster(sizes: RaySizes) -> Iterator[str]:
    """A local Ray cluster: one head, logical CPUs for every worker plus two for the read and map tasks."""
    import ray
    from ray.data import DataContext

    cpus = sizes.workers + 2
    ray.init(
        num_cpus=cpus,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.WARNING,
        configure_logging=True,
    )
    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    # A block that fails (a row that raised in the step) is counted as lost rows instead of ending the job, so
    # the table shows how many rows a failure costs; with Ray's default (0) the whole job ends at the first one.
    ctx.max_errored_blocks = -1
    try:
        yield f"ray.init(num_cpus={cpus}) on {os.cpu_count()} cores; {sizes.workers} workers per Ray line"
    finally:
        ray.shutdown()


def measure(sizes: RaySizes, say: Callable[[str], None] = lambda _: None) -> RayReport:
    report = RayReport(sizes)
    rows = chat_rows(sizes.rows)
    runs: list[tuple[str, Callable[[str, str], LineResult]]] = [
        (LINES[0], lambda url, key: anchor_line(url, key, sizes, rows, 0)),
        (LINES[1], lambda url, key: anchor_line(url, key, sizes, rows, sizes.retries)),
        (LINES[2], lambda url, key: oruel_ray_line(url, key, sizes, rows)),
        (LINES[3], lambda url, key: oruel_batch_line(url, key, sizes, rows)),
    ]
    from oruel_client.mock import MockServer

    # One server process for every line; each line has its own key (its own bucket) and the counts restart.
    with MockServer(subprocess=True, rate_limit=f"{sizes.limit}/s") as server, local_cluster(sizes) as cluster:
        report.cluster = cluster
        for i, (name, fn) in enumerate(runs):
            if name not in sizes.lines:
                continue
            say(f"ray: {name}")
            key = line_key(i)
            server.reset_traffic()
            started = time.time()  # the server stamps arrivals with time.time() too
            try:
                line = fn(server.url, key)
            except Exception as exc:  # noqa: BLE001 - the line could not run at all (an import, say)
                line = LineResult(name, len(rows), lost=len(rows), job_error=_one_line(exc), broken=True)
            count_traffic(server, line, sizes.limit, started)
            report.lines.append(line)
    return report


def end_to_end(line: LineResult, limit: int) -> float:
    """Rows answered successfully per second of the whole run (start-up included), / the limit."""
    return line.ok / line.wall / limit if line.wall > 0 else 0.0


HEADER: Final = [
    "line",
    "server: accepted ÷ allowed",
    "server: sent ÷ allowed",
    "429s",
    "ok rows/s ÷ limit (wall)",
    "rows ok",
    "rows lost",
    "rows failed",
    "first request at s",
    "wall s",
]


def rows_of(report: RayReport) -> list[list[str]]:
    limit = report.sizes.limit
    out = []
    for x in report.lines:
        lost = str(x.lost) + (f" ({x.duplicated} duplicated)" if x.duplicated else "")
        out.append(
            [
                x.line,
                f"{x.accepted_share:.2f}",
                f"{x.sent_share:.2f}",
                str(x.limited),
                f"{end_to_end(x, limit):.2f}",
                str(x.ok),
                lost,
                str(x.failed),
                f"{x.first_request:.1f}",
                f"{x.wall:.1f}",
            ]
        )
    return out


def markdown_table(report: RayReport) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|" + "---:|" * (len(HEADER) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows_of(report)]
    lines.append("")
    for x in report.lines:
        lines.append(f"- **{x.line}**: {x.settings}" + (f"; the run ended with `{x.job_error}`" if x.job_error else ""))
    return lines


def measure_ray(quick: bool, timeout: float = 300.0) -> dict[str, Any]:
    """The ``ray`` step of ``python -m bench``: ``main(["--json"])`` in a fresh process; its JSON report."""
    from .harness import ROOT, BenchError

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "bench.ray_data", "--json", *(["--quick"] if quick else [])]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"the Ray Data step took longer than {timeout:.0f} s") from exc
    out = proc.stdout.strip().splitlines()
    if not out:
        raise BenchError(f"the Ray Data step failed (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(out[-1])
    problems = check(RayReport.from_dict(result))
    if proc.returncode != 0 or problems:
        raise BenchError(f"the Ray Data step: {'; '.join(problems) or proc.stderr[-800:]}")
    return result


def check(report: RayReport) -> list[str]:
    """What makes the step broken rather than slow: a line missing or unable to run, or one of oruel's lines
    losing, failing or repeating a row (its promise: one result per row; Ray Data's own step may lose rows,
    that is a measurement)."""
    problems = [f"no '{name}' line" for name in report.sizes.lines if report.line(name) is None]
    for x in report.lines:
        if x.broken:
            problems.append(f"{x.line}: {x.job_error}")
        elif x.line in (LINES[2], LINES[3]) and (x.lost or x.failed or x.duplicated or x.job_error):
            problems.append(
                f"{x.line}: {x.lost} rows lost, {x.failed} failed, {x.duplicated} repeated of {x.rows}"
                + (f" ({x.job_error})" if x.job_error else "")
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ray_data", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK.rows} rows at {QUICK.limit}/s")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    warnings.filterwarnings("ignore")

    def say(message: str) -> None:
        sys.stderr.write(f"[bench] {message}\n")
        sys.stderr.flush()

    report = measure(sizes, say)
    if args.json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
    else:
        title = f"{sizes.rows} chat rows, server limit {sizes.limit}/s, {report.cluster}"
        sys.stdout.write("\n".join([title, *markdown_table(report)]) + "\n")
    problems = check(report)
    for problem in problems:
        say(f"BROKEN: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
