"""Targets, the compact terminal table, and BENCHMARKS.md (whose hand-written part is kept across runs)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from .harness import ROOT
from .scenarios import ImportNode, ImportResult, Result, Sizes

__all__ = [
    "Target",
    "Run",
    "machine_info",
    "evaluate",
    "memory_verdicts",
    "terminal_table",
    "markdown",
    "write_report",
    "BEGIN",
    "END",
]

BEGIN: Final = "<!-- bench:results:begin (written by `python -m bench`, which rewrites up to bench:results:end) -->"
END: Final = "<!-- bench:results:end -->"
PACKAGES: Final = (
    "oruel-client",
    "openai",
    "together",
    "httpx",
    "httpcore",
    "h11",
    "httpx2",
    "httpcore2",
    "pydantic",
    "attrs",
    "anyio",
)
# Memory: "no growth" is judged on the second half of the run (the same number of operations again after
# the first half, so one-off allocations are excluded); the allowances absorb noise, not per-request leaks.
MEM_OBJECT_SLACK: Final = 50
MEM_MAX_OBJECTS_PER_1K_OPS: Final = 2.0
MEM_MAX_RSS_BYTES: Final = 1024 * 1024
MEM_TRACED_SLACK: Final = 16 * 1024
MEM_MAX_TRACED_BYTES_PER_OP: Final = 8.0


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    value: float | None  # oruel or oruel-fn / reference, the way the target is written (memory: 0 or 1)
    limit: float
    at_most: bool  # True: value <= limit; False: value >= limit
    detail: str

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    @property
    def verdict(self) -> str:
        met = self.met
        return "n/a" if met is None else ("met" if met else "MISSED")

    @property
    def rule(self) -> str:
        return f"{'≤' if self.at_most else '≥'} {self.limit:g}"


@dataclass(slots=True)
class Run:
    quick: bool
    sizes: Sizes
    command: str
    started: dt.datetime
    seconds: float
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    imports: ImportResult | None
    results: dict[str, Result]
    memory: dict[str, Any] | None
    errors: list[str]
    targets: list[Target] = field(default_factory=list)
    stream_memory: dict[str, Any] | None = None  # bench/stream_memory.py's result
    ray: dict[str, Any] | None = None  # bench/ray_data.py's report (RayReport.as_dict)


# ---------------------------------------------------------------- machine


def _cpu_model() -> str:
    """``model name`` from /proc/cpuinfo, with the family and clock (the model name can be as terse as "AMD EPYC")."""
    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    break  # the first processor is enough
                key, sep, value = line.partition(":")
                if sep:
                    fields.setdefault(key.strip(), value.strip())
    except OSError:
        return platform.processor() or "unknown"
    model = fields.get("model name", platform.processor() or "unknown")
    details = []
    if "cpu family" in fields:
        details.append(f"family {fields['cpu family']}")
    if "cpu MHz" in fields:
        details.append(f"{float(fields['cpu MHz']):.0f} MHz")
    return f"{model} ({', '.join(details)})" if details else model


def _git(*args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return proc.stdout.strip() if proc.returncode == 0 else "unknown"


def machine_info() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    dirty = _git("status", "--porcelain", "--", "oruel_client")
    return {
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "cpu": _cpu_model(),
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "os": f"{platform.system()} {platform.release()}",
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "commit": _git("rev-parse", "--short", "HEAD")
        + (" + uncommitted changes in oruel_client/" if dirty not in ("", "unknown") else ""),
    }


def load_is_high(load: tuple[float, float, float]) -> bool:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return load[0] > 0.5 * cpus


# ---------------------------------------------------------------- targets


def _ratio(result: Result | None, a: str, b: str) -> float | None:
    if result is None or a not in result.summaries or b not in result.summaries:
        return None
    return result.summaries[a].median / result.summaries[b].median


def memory_verdicts(memory: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    """Per client: (no growth?, why), from the second half of the run and the tracemalloc difference."""
    out = {}
    for name, m in memory.items():
        ops = max(1, int(m["second_half_ops"]))
        objects = int(m["objects_growth_second_half"])
        object_limit = max(MEM_OBJECT_SLACK, MEM_MAX_OBJECTS_PER_1K_OPS * ops / 1000.0)
        traced_limit = max(MEM_TRACED_SLACK, MEM_MAX_TRACED_BYTES_PER_OP * int(m["traced_ops"]))
        problems = []
        if objects > object_limit:
            problems.append(f"+{objects} objects over the last {ops:,} ops (limit {object_limit:.0f})")
        rss = int(m["rss_growth_second_half"])
        if rss > MEM_MAX_RSS_BYTES:
            problems.append(f"RSS +{rss / 1024:.0f} KiB over the last {ops:,} ops (limit {MEM_MAX_RSS_BYTES // 1024})")
        traced = int(m["traced_bytes"])
        if traced > traced_limit:
            problems.append(f"tracemalloc +{traced:,} B over {m['traced_ops']} ops (limit {traced_limit:.0f})")
        out[name] = (not problems, "; ".join(problems) or "no growth")
    return out


# The ways into oruel_client that the runtime targets judge, each against raw httpx: the facade
# (``client.chat.completions.create``) and the generated endpoint functions (``create_chat_completion.sync``).
SUBJECTS: Final = ("oruel", "oruel-fn")


def _import_ratio(imp: ImportResult, a: str, b: str) -> float | None:
    x, y = imp.rows.get(a), imp.rows.get(b)
    return x.inner_ms.median / y.inner_ms.median if x and y else None


def _ray_target(data: dict[str, Any]) -> Target:
    from .ray_data import LINES, RayReport  # noqa: PLC0415

    report = RayReport.from_dict(data)
    line = report.line(LINES[2])
    rate = line.accepted_share if line is not None and not line.broken else None
    detail = "not measured"
    if line is not None:
        detail = (
            f"requests the server accepted / what its {report.sizes.limit}/s limit allows from the first arrival "
            f"to the last, {report.sizes.workers} workers; {line.limited} 429s, {line.lost} rows lost, "
            f"{line.failed} failed"
        )
    return Target(
        "ray", "(extra, issue 20) oruel on Ray Data: accepted / allowed by the server's limit", rate, 0.9, False, detail
    )


def evaluate(run: Run) -> list[Target]:
    """Issue 10's targets (ratios of medians against raw httpx, same run), for the facade and for the endpoint
    functions alike; then the extras: the 21-message history, the batch runner, memory, import vs openai."""
    targets: list[Target] = []
    imp = run.imports
    if imp is not None:
        for key, row in (("import", "oruel_ready"), ("import_fn", "oruel_fn_ready")):
            targets.append(
                Target(
                    key,
                    f"import + client + `.chat.completions`: {row} / httpx_ready",
                    _import_ratio(imp, row, "httpx_ready"),
                    1.10,
                    True,
                    "median time of the statement in a fresh interpreter (see Import time)",
                )
            )
    r = run.results
    runtime: tuple[tuple[str, str, float, bool, str], ...] = (
        # (step, label, limit, at_most, detail)
        ("sequential", "sequential chat", 1.08, True, "median ms per request"),
        (
            "sequential_long",
            "(extra) sequential chat, 21-message history",
            1.08,
            True,
            "median ms per request; same target as the 2-message request",
        ),
        ("sse", "SSE throughput", 0.95, False, "median chunks/s"),
        ("async", "200x200 async streams", 1.15, True, "median total wall time"),
        ("embeddings", "embeddings", 1.05, True, "median ms per request incl. transfer"),
    )
    for step, label, limit, at_most, detail in runtime:
        for name in SUBJECTS:
            key = step if name == "oruel" else f"{step}_fn"
            targets.append(
                Target(key, f"{label}: {name} / httpx", _ratio(r.get(step), name, "httpx"), limit, at_most, detail)
            )
    targets.append(
        Target(
            "batch",
            "batch runner: `oruel batch` engine / asyncio + httpx loop",
            _ratio(r.get("batch"), "oruel", "httpx"),
            0.8,
            False,
            "median requests/s, same requests and concurrency",
        )
    )
    verdicts = memory_verdicts(run.memory) if run.memory is not None else {}
    for name in SUBJECTS:
        key = "memory" if name == "oruel" else "memory_fn"
        if name in verdicts:
            ok, why = verdicts[name]
            targets.append(Target(key, f"memory: {name} grows", 0.0 if ok else 1.0, 0.0, True, why))
        else:
            targets.append(Target(key, f"memory: {name} grows", None, 0.0, True, "not measured"))
    if run.stream_memory is not None:
        from .stream_memory import STREAM_MEMORY_LIMIT  # noqa: PLC0415

        sm = run.stream_memory
        targets.append(
            Target(
                "stream_memory",
                f"stream memory: peak growth / text, {sm['chunks']:,}-chunk stream to its final completion",
                sm["ratio"],
                STREAM_MEMORY_LIMIT,
                True,
                f"{sm['peak_growth_bytes'] / 1024:,.0f} KiB peak growth for {sm['text_bytes'] / 1024:,.0f} KiB of text",
            )
        )
    if run.ray is not None:
        targets.append(_ray_target(run.ray))
    if imp is not None:
        targets.append(
            Target(
                "import_openai",
                "(extra, earlier issue) import: `from oruel_client import Oruel` / `import openai`",
                _import_ratio(imp, "oruel", "openai"),
                0.25,
                True,
                "median import time in a fresh interpreter",
            )
        )
    return targets


# ---------------------------------------------------------------- formatting


def _fmt(value: float, unit: str) -> str:
    if unit == "chunks/s":
        return f"{value / 1000:,.1f}k"
    if unit == "s":
        return f"{value:.3f}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}"


def _cell(value: float | None) -> str:
    return "–" if value is None else _fmt(value, "ms")


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


_ROW_TITLES: Final = {
    "sequential": "sequential chat",
    "sequential_long": "seq. 21 messages",
    "sse": "SSE parse",
    "async": "async streams",
    "embeddings": "embeddings",
    "batch": "batch runner",
}


_NAMES: Final = ("oruel", "oruel-fn", "openai", "together", "httpx")
_RATIOS: Final = (
    ("oruel", "openai"),
    ("oruel", "httpx"),
    ("oruel-fn", "httpx"),
    ("together", "httpx"),
    ("openai", "httpx"),
)
# The import rows: which statement of the Import time table stands for each client.
_IMPORT_ROWS: Final = (
    ("import", "import_openai", {"oruel": "oruel", "openai": "openai", "together": "together", "httpx": "httpx"}),
    (
        "import+client",
        "import",
        {
            "oruel": "oruel_ready",
            "oruel-fn": "oruel_fn_ready",
            "openai": "openai_ready",
            "together": "together_ready",
            "httpx": "httpx_ready",
        },
    ),
)


def _target_cells(targets: dict[str, Target], key: str) -> list[str]:
    """The target and verdict cells of a row: one target, or the pair ``key`` (oruel) and ``key_fn`` (oruel-fn),
    which share their rule; a pair's verdict reads oruel/oruel-fn."""
    t, t_fn = targets.get(key), targets.get(f"{key}_fn")
    if t is None:
        return ["", ""]
    if key.startswith("memory"):
        rule = "no growth"
    elif key == "import_openai":
        rule = f"oruel/openai {t.rule}"
    else:
        rule = f"{'oruel(-fn)' if t_fn is not None else 'oruel'}/httpx {t.rule}"
    return [rule, t.verdict if t_fn is None else f"{t.verdict}/{t_fn.verdict}"]


def _rows(run: Run) -> list[list[str]]:
    """scenario, unit, the five medians, the five ratios of _RATIOS, target, verdict."""
    targets = {t.key: t for t in run.targets}
    rows: list[list[str]] = []
    if run.imports is not None:
        for title, key, statements in _IMPORT_ROWS:
            found = {n: run.imports.rows.get(statements.get(n, "")) for n in _NAMES}
            med = {n: (row.inner_ms.median if row else None) for n, row in found.items()}

            def ratio(a: str, b: str, med: dict[str, float | None] = med) -> float | None:
                x, y = med[a], med[b]
                return x / y if x is not None and y else None

            rows.append(
                [
                    title,
                    "ms",
                    *[_cell(med[n]) for n in _NAMES],
                    *[_x(ratio(a, b)) for a, b in _RATIOS],
                    *_target_cells(targets, key),
                ]
            )
    for key, result in run.results.items():
        s = result.summaries
        rows.append(
            [
                _ROW_TITLES.get(key, key),
                result.unit,
                *[_fmt(s[n].median, result.unit) if n in s else "–" for n in _NAMES],
                *[_x(_ratio(result, a, b)) for a, b in _RATIOS],
                *_target_cells(targets, key),
            ]
        )
    if run.memory is not None:
        cells = []
        for n in _NAMES:
            m = run.memory.get(n)
            cells.append(
                "–" if m is None else f"{m['objects_growth_second_half']:+d}/{m['rss_growth_second_half'] / 1024:+.0f}K"
            )
        rows.append(["memory", "objs/RSS", *cells, *[""] * len(_RATIOS), *_target_cells(targets, "memory")])
    return rows


_HEADER: Final = [
    "scenario",
    "unit",
    *_NAMES,
    *(f"{a}/{b}" for a, b in _RATIOS),
    "target",
    "verdict",
]
_LEGEND: Final = (
    "Ratios are of medians. For chunks/s and req/s higher is better; for everything else lower is better. "
    "oruel is the facade (`client.chat.completions.create`), oruel-fn the generated endpoint functions "
    "(`create_chat_completion.sync(client=client, body=...)`). Where a row has two targets, oruel(-fn), "
    "the verdict reads oruel/oruel-fn."
)


def terminal_table(run: Run) -> str:
    rows = [_HEADER, *_rows(run)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADER))]
    left = {0, 1, len(_HEADER) - 2, len(_HEADER) - 1}
    lines = []
    for j, row in enumerate(rows):
        cells = [c.ljust(widths[i]) if i in left else c.rjust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    note = (
        "ratios are of medians; for chunks/s and req/s higher is better, for everything else lower is better;"
        " a verdict a/b is oruel/oruel-fn"
    )
    return "\n".join([*lines, note])


def _md_table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """``align``: one letter per column, ``l`` or ``r``."""
    out = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _tree_lines(nodes: list[ImportNode], total_us: int, depth_limit: int = 3, min_us: int = 2000) -> list[str]:
    lines: list[str] = []

    def walk(items: list[ImportNode], depth: int) -> None:
        for node in sorted(items, key=lambda n: -n.cumulative_us):
            if node.cumulative_us < min_us:
                continue
            share = 100.0 * node.cumulative_us / total_us if total_us else 0.0
            lines.append(
                f"{'  ' * depth}{node.cumulative_us / 1000:7.1f} ms {share:5.1f}%  {node.name}"
                f"  (self {node.self_us / 1000:.1f} ms)"
            )
            if depth + 1 < depth_limit:
                walk(node.children, depth + 1)

    walk(nodes, 0)
    return lines


def markdown(run: Run, machine: dict[str, str]) -> str:
    lines: list[str] = []
    add = lines.append
    add(f"## Results ({'quick' if run.quick else 'full'} run)")
    add("")
    add(f"- **Date:** {run.started.strftime('%Y-%m-%d %H:%M UTC')} (took {run.seconds:.0f} s)")
    add(f"- **Command:** `{run.command}` (from the repository root)")
    add(f"- **Machine:** {machine['nproc']} CPUs available, {machine['cpu']}; {machine['os']}")
    add(f"- **Python:** {machine['python']}")
    add(f"- **Packages:** {machine['packages']}")
    add(f"- **oruel_client at:** {machine['commit']}")
    lb, la = run.load_before, run.load_after
    # "after" includes the benchmark's own two busy processes; only "before" says whether others were busy.
    add(
        f"- **Load average (1/5/15 min):** {lb[0]:.2f} / {lb[1]:.2f} / {lb[2]:.2f} before, "
        f"{la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f} after"
    )
    if load_is_high(run.load_before):
        add("")
        add(
            "> **Warning: the machine was busy during this run** (1-minute load above half the CPU count), so "
            "absolute figures are inflated and noisy; the interleaving keeps the ratios usable, but refresh "
            "the figures on an idle machine."
        )
    if run.errors:
        add("")
        add("> **Broken steps (the run exited non-zero):**")
        for err in run.errors:
            add(f"> - {err}")
    add("")
    add("### Targets")
    add("")
    add(
        "\n".join(
            _md_table(
                ["target", "measured", "limit", "verdict", "measured as"],
                [
                    [
                        t.label,
                        "–" if t.value is None else f"{t.value:.2f}",
                        "no growth" if t.key.startswith("memory") else t.rule,
                        f"**{t.verdict}**",
                        t.detail,
                    ]
                    for t in run.targets
                ],
                align="lrrll",
            )
        )
    )
    add("")
    add("### Medians and ratios")
    add("")
    add("\n".join(_md_table(_HEADER, _rows(run), align="ll" + "r" * (len(_HEADER) - 4) + "ll")))
    add("")
    add(_LEGEND)
    add("Memory cells: growth of gc-tracked objects / RSS (KiB) over the second half of the run (see Memory).")
    add("")
    add("### Spread (median, p25–p75, n) and connections")
    add("")
    rows = []
    for result in run.results.values():
        for name, s in result.summaries.items():
            rows.append(
                [
                    result.title if name == next(iter(result.summaries)) else "",
                    name,
                    f"{_fmt(s.median, result.unit)} {result.unit}",
                    f"{_fmt(s.p25, result.unit)} – {_fmt(s.p75, result.unit)}",
                    str(s.n),
                    str(result.connections.get(name, "–")),
                    str(result.requests.get(name, "–")),
                ]
            )
    add(
        "\n".join(
            _md_table(
                ["scenario", "client", "median", "p25 – p75", "n", "connections opened", "requests"], rows, "llrrrrr"
            )
        )
    )
    add("")
    add(
        "Connections opened are counted by the server per client (by User-Agent) during the timed part: a "
        "client that opens one per stream does not return its connection to the pool after `[DONE]`."
    )
    notes = [n for r in run.results.values() for n in r.notes]
    if run.imports is not None:
        notes += run.imports.notes
    for note in notes:
        add(f"- {note}")
    if run.imports is not None:
        add("")
        add("### Import time")
        add("")
        add(
            "Each statement in a fresh `python -c`, timed inside the interpreter around the statement alone, "
            f"round-robin, {run.sizes.import_runs} runs each after one warm-up. All runs share one temporary "
            "`PYTHONPYCACHEPREFIX`, so every package imports from bytecode, as after `pip install` (this "
            "sandbox sets `PYTHONDONTWRITEBYTECODE=1`, and `oruel_client` is a source checkout without "
            "`__pycache__`, so otherwise it alone would be compiled on every import)."
        )
        add("")
        rows = [
            [
                row.key,
                f"`{row.statement}`",
                f"{row.inner_ms.median:.1f}",
                f"{row.inner_ms.p25:.1f} – {row.inner_ms.p75:.1f}",
                f"{row.process_ms.median:.1f}",
            ]
            for row in run.imports.rows.values()
        ]
        header = ["row", "statement", "median ms", "p25 – p75", "whole process ms"]
        add("\n".join(_md_table(header, rows, "llrrr")))
        add("")
        total = sum(n.cumulative_us for n in run.imports.tree)
        add(
            f"`python -X importtime -c 'from oruel_client import Oruel'`, median of runs, modules of at least "
            f"2 ms, three levels (cumulative, share of {total / 1000:.1f} ms, module, self time):"
        )
        add("")
        add("```")
        lines.extend(_tree_lines(run.imports.tree, total))
        add("```")
    if run.memory is not None:
        add("")
        add("### Memory")
        add("")
        add(
            "Each client in its own fresh process (`bench/memory.py`): warm-up, checkpoint A, "
            f"{run.sizes.mem_iterations:,} iterations of one chat completion plus one {run.sizes.mem_chunks}-chunk "
            f"stream ({2 * run.sizes.mem_iterations:,} requests and streams) with checkpoint B halfway and C at "
            "the end (each after `gc.collect()`). A→C is the growth "
            "after warm-up; the verdict uses B→C, the same number of operations again, so one-off allocations "
            "(caches filling) do not count and per-request leaks do. tracemalloc: the difference between two "
            "snapshots taken the same number of iterations apart, after the main run."
        )
        add("")
        verdicts = memory_verdicts(run.memory)
        rows = []
        for name, m in run.memory.items():
            top = ", ".join(f"{t}: +{d}" for t, d in m["top_type_growth_second_half"][:3]) or "–"
            rows.append(
                [
                    name,
                    f"{m['requests_and_streams']:,}",
                    f"{m['objects_growth']:+,d} / {m['objects_growth_second_half']:+,d}",
                    f"{m['rss_growth'] / 1024:+,.0f} / {m['rss_growth_second_half'] / 1024:+,.0f}",
                    f"{m['traced_bytes']:+,} B over {m['traced_ops']:,} ops",
                    top,
                    verdicts[name][1],
                ]
            )
        add(
            "\n".join(
                _md_table(
                    [
                        "client",
                        "requests + streams",
                        "gc objects A→C / B→C",
                        "RSS KiB A→C / B→C",
                        "tracemalloc difference",
                        "types that grew B→C",
                        "verdict",
                    ],
                    rows,
                    "lrrrrll",
                )
            )
        )
    add("")
    if run.ray is not None:
        from .ray_data import RayReport, markdown_table  # noqa: PLC0415

        report = RayReport.from_dict(run.ray)
        add("### Ray Data (issue 20)")
        add("")
        add(
            f"{report.sizes.rows} chat rows per line, server limit {report.sizes.limit}/s (`oruel mock "
            f"--rate-limit` in another process, a fresh key and so a full bucket per line), {report.cluster}."
        )
        add("")
        add("\n".join(markdown_table(report)))
        add("")
    add("### Setup")
    add("")
    add(
        "- Server: `bench/server.py`, a raw asyncio HTTP/1.1 server in its own process on 127.0.0.1 with "
        "keep-alive and prebuilt response bytes; SSE is chunked, one event per HTTP chunk, `usage` on the last "
        "content chunk, then `data: [DONE]`. Its answers are checked against the spec's schemas before timing."
    )
    add(
        "- Clients: `oruel_client.Oruel`/`AsyncOruel` (defaults, so request range checks are on) twice: "
        "through the facade (oruel: `client.chat.completions.create(...)`) and through the generated endpoint "
        "functions with dict bodies (oruel-fn: `create_chat_completion.sync(client=client, body=...)`, "
        "`sync_stream`, `asyncio_stream`, `create_embedding.sync`; its User-Agent ends in ` oruel-fn` so that "
        "the server counts it apart); "
        "`openai.OpenAI(base_url=<server>/v1/inference)`, `together.Together(base_url=<server>)` (its paths are "
        "`/v1/...` relative to the base URL), and raw httpx as the floor (`json.dumps` body, `json.loads` of the "
        "response or of each `data:` line after splitting on `\\n\\n`). All with `max_retries=0`; SDKs keep "
        "their shipped connection limits (together: 100 connections, 20 kept alive; the others 1000/100), the "
        "floor gets 1000/100. Every answer is checked (text, chunk count, usage, vector shape and values)."
    )
    add("- Interleaving: every repetition measures every client once, the order rotated by one each time.")
    add(f"- Sizes: {run.sizes}")
    return "\n".join(lines)


_DEFAULT_HEAD: Final = """# Benchmarks

`python -m bench` measures `oruel_client`, through its facade and through its generated endpoint functions,
against the openai SDK, the together SDK and raw httpx (the floor), side by side against one local server:
import time, sequential chat completions, SSE parse throughput, 200 concurrent async streams, a 1024 x 1024
embeddings response, the batch runner, and memory growth. `python -m bench --quick` runs the same code paths
with tiny sizes (CI; exits non-zero if anything breaks). `python -m bench --profile` prints cProfile tables of
oruel_client on the same workloads.

"""

_DEFAULT_TAIL: Final = """

## Findings

(Hand-written analysis goes here; `python -m bench` keeps this part when it refreshes the results.)
"""


def write_report(path: Path, generated: str) -> None:
    """Replace the generated block of ``path`` (between BEGIN and END), keeping everything else."""
    block = f"{BEGIN}\n{generated}\n{END}"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        start, end = text.find(BEGIN), text.find(END)
        if start >= 0 and end > start:
            text = text[:start] + block + text[end + len(END) :]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = _DEFAULT_HEAD + block + _DEFAULT_TAIL
    path.write_text(text, encoding="utf-8")
