"""The six measurements. Each returns a ``Result``; a wrong answer or a failed call raises ``BenchError``."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

from . import server
from .clients import (
    CHAT_MODEL,
    LONG_MESSAGES,
    MESSAGES,
    AsyncAdapter,
    ChatResult,
    EmbeddingResult,
    StreamResult,
    SyncAdapter,
    embedding_model,
    make_async,
    make_sync,
)
from .harness import ROOT, BenchError, Deadline, ServerProcess, Summary, round_robin, summarize

__all__ = [
    "Sizes",
    "FULL",
    "QUICK",
    "Result",
    "ImportRow",
    "ImportResult",
    "ImportNode",
    "measure_imports",
    "measure_sequential",
    "measure_sse",
    "measure_async",
    "measure_embeddings",
    "measure_memory",
    "preflight",
    "expected_chat",
    "expected_stream",
    "expected_embedding",
]


@dataclass(frozen=True, slots=True)
class Sizes:
    import_runs: int
    seq_requests: int
    seq_warmup: int
    sse_chunks: int
    sse_reps: int
    async_streams: int
    async_chunks: int
    async_reps: int
    emb_rows: int
    emb_dim: int
    emb_reps: int
    mem_iterations: int
    mem_warmup: int
    mem_chunks: int
    budget: float  # seconds per step before it stops early (each step still completes one round)
    batch_requests: int = 3000  # chat requests per round of the batch step, at concurrency 32
    batch_reps: int = 6


FULL: Final = Sizes(
    import_runs=11,
    seq_requests=2000,
    seq_warmup=200,
    sse_chunks=20_000,
    sse_reps=5,
    async_streams=200,
    async_chunks=200,
    async_reps=5,
    emb_rows=1024,
    emb_dim=1024,
    emb_reps=9,
    mem_iterations=2500,  # one request and one stream each: 5,000 requests and streams
    mem_warmup=300,
    mem_chunks=8,
    budget=240.0,
)
QUICK: Final = Sizes(
    import_runs=2,
    seq_requests=60,
    seq_warmup=10,
    sse_chunks=500,
    sse_reps=2,
    async_streams=16,
    async_chunks=20,
    async_reps=2,
    emb_rows=32,
    emb_dim=64,
    emb_reps=2,
    mem_iterations=60,
    mem_warmup=10,
    mem_chunks=4,
    budget=20.0,
    batch_requests=300,
    batch_reps=2,
)


@dataclass(slots=True)
class Result:
    """One measurement for every client: summaries in ``unit``, plus what the server saw."""

    key: str
    title: str
    unit: str
    higher_is_better: bool
    summaries: dict[str, Summary]
    connections: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- expected answers


def expected_chat() -> ChatResult:
    body = server.chat_completion(CHAT_MODEL)
    return ChatResult(body["choices"][0]["message"]["content"], body["usage"]["total_tokens"])


def expected_stream(chunks: int) -> StreamResult:
    return StreamResult(chunks, server.expected_stream_text(chunks), 12 + chunks)


@cache
def expected_embedding(rows: int, dim: int) -> EmbeddingResult:
    data = server.embedding_response(embedding_model(rows, dim), rows, dim)["data"]
    return EmbeddingResult(rows, dim, data[0]["embedding"][0], data[-1]["embedding"][-1])


def _check(name: str, what: str, got: object, want: object) -> None:
    if got != want:
        raise BenchError(f"{name}: wrong {what}: got {str(got)[:300]}, expected {str(want)[:300]}")


def _stats_delta(
    before: dict[str, dict[str, int]], after: dict[str, dict[str, int]], names: Sequence[str]
) -> tuple[dict[str, int], dict[str, int]]:
    def delta(kind: str) -> dict[str, int]:
        return {n: after.get(kind, {}).get(n, 0) - before.get(kind, {}).get(n, 0) for n in names}

    return delta("connections"), delta("requests")


# ---------------------------------------------------------------- 0. the server's answers are spec-valid


def preflight(srv: ServerProcess, sizes: Sizes) -> None:
    """Check what the server sends against the spec's schemas (the rules oruel_client itself checks with)."""
    import httpx

    from oruel_client._validation import validate  # the project's own JSON Schema rules, from openapi.yaml

    with httpx.Client(base_url=srv.root + "/v1/inference", timeout=60) as client:
        chat = client.post("/chat/completions", json={"model": CHAT_MODEL, "messages": []})
        validate("ChatCompletion", chat.json())
        n = 5
        sse = client.post("/chat/completions", json={"model": f"bench-sse-{n}", "stream": True})
        events = [e[6:] for e in sse.content.split(b"\n\n") if e.startswith(b"data: ")]
        if len(events) != n + 1 or events[-1] != b"[DONE]":
            raise BenchError(f"the server's stream is malformed: {sse.content[:200]!r}")
        chunks = [json.loads(e) for e in events[:-1]]
        for chunk in chunks:
            validate("ChatCompletionChunk", chunk)
        if "usage" not in chunks[-1] or chunks[-1]["choices"][0]["finish_reason"] != "stop":
            raise BenchError("the last content chunk lacks usage or finish_reason")
        emb = client.post("/embeddings", json={"model": embedding_model(3, 4), "input": ["a"]})
        validate("EmbeddingResponse", emb.json())


# ---------------------------------------------------------------- 1. import time


IMPORT_STATEMENTS: Final[tuple[tuple[str, str, str], ...]] = (
    # (key, client, statement)
    ("oruel_pkg", "oruel", "import oruel_client"),
    ("oruel", "oruel", "from oruel_client import Oruel"),
    ("openai", "openai", "import openai"),
    ("together", "together", "import together"),
    ("httpx", "httpx", "import httpx"),
    # Ready to send (issue 10's import target): oruel_ready and oruel_fn_ready, each against httpx_ready.
    (
        "oruel_ready",
        "oruel",
        "from oruel_client import Oruel; c = Oruel(api_key='k', base_url='http://127.0.0.1:9'); c.chat.completions;"
        " c.embeddings",
    ),
    (
        "oruel_fn_ready",
        "oruel-fn",
        "from oruel_client import Oruel; from oruel_client.api.chat import create_chat_completion;"
        " c = Oruel(api_key='k', base_url='http://127.0.0.1:9')",
    ),
    ("httpx_ready", "httpx", "import httpx; c = httpx.Client(base_url='http://127.0.0.1:9')"),
    (
        "openai_ready",
        "openai",
        "from openai import OpenAI; c = OpenAI(api_key='k', base_url='http://127.0.0.1:9'); c.chat.completions;"
        " c.embeddings",
    ),
    (
        "together_ready",
        "together",
        "from together import Together; c = Together(api_key='k', base_url='http://127.0.0.1:9');"
        " c.chat.completions; c.embeddings",
    ),
    # What a user with only oruel_client's dependencies pays: httpx imports its optional CLI (click, rich,
    # pygments) whenever click is importable, and this environment has it (through together and others).
    ("httpx_noclick", "httpx", "import sys; sys.modules['click'] = None; import httpx"),
    ("oruel_noclick", "oruel", "import sys; sys.modules['click'] = None; from oruel_client import Oruel"),
    ("python", "-", "pass"),
    # The same as "oruel" but in the inherited environment: if it sets PYTHONDONTWRITEBYTECODE (this sandbox
    # does) and the checkout has no __pycache__, every import compiles oruel_client from source.
    ("oruel_inherited_env", "oruel", "from oruel_client import Oruel"),
)
_INHERITED_ENV: Final = frozenset({"oruel_inherited_env"})
_IMPORT_TIMEOUT: Final = 60.0


@dataclass(frozen=True, slots=True)
class ImportRow:
    key: str
    client: str
    statement: str
    inner_ms: Summary  # measured inside the fresh interpreter, around the statement only
    process_ms: Summary  # the whole `python -c` process, interpreter start-up included


@dataclass(slots=True)
class ImportNode:
    name: str
    self_us: int
    cumulative_us: int
    depth: int
    children: list[ImportNode] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    rows: dict[str, ImportRow]
    tree: list[ImportNode]  # -X importtime of `from oruel_client import Oruel`, top level, median of runs
    notes: list[str] = field(default_factory=list)


def _cache_env(prefix: str | None) -> dict[str, str]:
    """The environment for a fresh interpreter: bytecode read from and written to ``prefix`` when given."""
    env = dict(os.environ)
    if prefix is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = prefix
    return env


def _run_python(code: str, env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *flags, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=_IMPORT_TIMEOUT,
        check=False,
    )


def _time_import(statement: str, env: dict[str, str], setup: str = "") -> tuple[float, float]:
    """(ms for the statement alone, ms for the whole process); ``setup`` runs before the timer starts."""
    code = f"{setup}\nimport time as _t\n_s = _t.perf_counter()\n{statement}\nprint(_t.perf_counter() - _s)"
    started = time.perf_counter()
    proc = _run_python(code, env)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise BenchError(f"`{statement}` failed in a fresh interpreter: {proc.stderr.strip()[-500:]}")
    return float(proc.stdout.strip().splitlines()[-1]) * 1000.0, wall * 1000.0


# Written to stderr before the statement, so that imports done by interpreter start-up (site, the editable
# install's finder) are left out of the tree.
_IMPORTTIME_MARK: Final = "-- bench: statement starts --"
_IMPORTTIME_MARK_CODE: Final = f"import sys; sys.stderr.write({_IMPORTTIME_MARK!r} + '\\n'); sys.stderr.flush()\n"


def parse_importtime(stderr: str) -> list[ImportNode]:
    """The import tree from ``-X importtime`` output (printed in post-order, nesting shown by indentation).

    Only what follows the start mark counts, when the output has one.
    """
    pending: dict[int, list[ImportNode]] = {}
    mark = stderr.find(_IMPORTTIME_MARK)
    if mark >= 0:
        stderr = stderr[mark + len(_IMPORTTIME_MARK) :]
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.split(":", 1)[1].split("|", 2)
        raw = name.rstrip()
        stripped = raw.lstrip()
        depth = (len(raw) - len(stripped) - 1) // 2
        node = ImportNode(stripped, int(self_us), int(cumulative_us), depth, pending.pop(depth + 1, []))
        pending.setdefault(depth, []).append(node)
    return pending.get(0, [])


def _median_tree(trees: list[list[ImportNode]]) -> list[ImportNode]:
    """Median self/cumulative time per module path over several runs (the shape comes from the first run)."""
    samples: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}

    def collect(nodes: list[ImportNode], prefix: tuple[str, ...]) -> None:
        for node in nodes:
            key = (*prefix, node.name)
            selfs, cums = samples.setdefault(key, ([], []))
            selfs.append(node.self_us)
            cums.append(node.cumulative_us)
            collect(node.children, key)

    for tree in trees:
        collect(tree, ())

    def rebuild(nodes: list[ImportNode], prefix: tuple[str, ...]) -> list[ImportNode]:
        out = []
        for node in nodes:
            key = (*prefix, node.name)
            selfs, cums = samples[key]
            out.append(
                ImportNode(
                    node.name,
                    int(statistics.median(selfs)),
                    int(statistics.median(cums)),
                    node.depth,
                    rebuild(node.children, key),
                )
            )
        return out

    return rebuild(trees[0], ())


def measure_imports(sizes: Sizes, deadline: Deadline) -> ImportResult:
    """Each statement in a fresh interpreter, ``import_runs`` times, round-robin over the statements."""
    keys = [key for key, _, _ in IMPORT_STATEMENTS]
    statements = {key: stmt for key, _, stmt in IMPORT_STATEMENTS}
    with tempfile.TemporaryDirectory(prefix="oruel-bench-pycache-") as prefix:
        cached, inherited = _cache_env(prefix), _cache_env(None)
        envs = {key: inherited if key in _INHERITED_ENV else cached for key in keys}
        for key in keys:  # warm-up: bytecode written to the prefix, files in the page cache
            _time_import(statements[key], envs[key])
        wall: dict[str, list[float]] = {key: [] for key in keys}

        def one(key: str) -> float:
            inner, process = _time_import(statements[key], envs[key])
            wall[key].append(process)
            return inner

        rr = round_robin(keys, sizes.import_runs, deadline, one)
        trees = []
        for _ in range(3 if sizes.import_runs >= 3 else 1):
            proc = _run_python(_IMPORTTIME_MARK_CODE + "from oruel_client import Oruel", cached, "-X", "importtime")
            if proc.returncode != 0:
                raise BenchError(f"-X importtime run failed: {proc.stderr[-500:]}")
            trees.append(parse_importtime(proc.stderr))
    rows = {
        key: ImportRow(key, client, stmt, summarize(rr.samples[key]), summarize(wall[key]))
        for key, client, stmt in IMPORT_STATEMENTS
    }
    return ImportResult(rows, _median_tree(trees), rr.notes)


# ---------------------------------------------------------------- 2. sequential chat completions


def measure_sequential(
    srv: ServerProcess, adapters: dict[str, SyncAdapter], sizes: Sizes, deadline: Deadline, long: bool = False
) -> Result:
    """One chat completion at a time; ``long`` sends a 21-message history instead of 2 messages."""
    names = list(adapters)
    want = expected_chat()
    messages = LONG_MESSAGES if long else MESSAGES
    for _ in range(sizes.seq_warmup):
        for name in names:
            _check(name, "chat completion", adapters[name].chat(messages), want)
    before = srv.stats()
    clock = time.perf_counter
    results: list[tuple[str, ChatResult]] = []

    def one(name: str) -> float:
        call = adapters[name].chat
        started = clock()
        got = call(messages)
        elapsed = clock() - started
        results.append((name, got))
        return elapsed * 1000.0

    rr = round_robin(names, sizes.seq_requests, deadline, one)
    for name, got in results:
        _check(name, "chat completion", got, want)
    connections, requests = _stats_delta(before, srv.stats(), names)
    return Result(
        "sequential_long" if long else "sequential",
        f"Sequential chat completion with {len(messages)} messages, per request ({rr.reps_done} per client)",
        "ms",
        False,
        {name: summarize(rr.samples[name]) for name in names},
        connections,
        requests,
        rr.notes,
    )


# ---------------------------------------------------------------- 3. SSE parse throughput


def measure_sse(srv: ServerProcess, adapters: dict[str, SyncAdapter], sizes: Sizes, deadline: Deadline) -> Result:
    names = list(adapters)
    n = sizes.sse_chunks
    want = expected_stream(n)
    for name in names:  # warm-up, and the server builds the stream once
        _check(name, "stream", adapters[name].stream(n), want)
    before = srv.stats()
    clock = time.perf_counter

    def one(name: str) -> float:
        started = clock()
        got = adapters[name].stream(n)
        elapsed = clock() - started
        _check(name, "stream", got, want)
        return n / elapsed

    rr = round_robin(names, sizes.sse_reps, deadline, one)
    connections, requests = _stats_delta(before, srv.stats(), names)
    return Result(
        "sse",
        f"SSE parse throughput, one {n:,}-chunk stream ({rr.reps_done} streams per client)",
        "chunks/s",
        True,
        {name: summarize(rr.samples[name]) for name in names},
        connections,
        requests,
        rr.notes,
    )


# ---------------------------------------------------------------- 4. concurrent async streams


async def _async_rounds(
    root: str, names: list[str], sizes: Sizes, deadline: Deadline
) -> tuple[dict[str, list[float]], int, list[str]]:
    adapters: dict[str, AsyncAdapter] = {name: make_async(name, root) for name in names}
    streams, n = sizes.async_streams, sizes.async_chunks
    want = expected_stream(n)
    samples: dict[str, list[float]] = {name: [] for name in names}
    notes: list[str] = []

    async def one_round(name: str) -> float:
        adapter = adapters[name]
        started = time.perf_counter()
        try:
            got = await asyncio.wait_for(
                asyncio.gather(*(adapter.stream(n) for _ in range(streams))), timeout=max(30.0, deadline.remaining)
            )
        except TimeoutError as exc:
            raise BenchError(f"{name}: {streams} concurrent streams did not finish in time") from exc
        elapsed = time.perf_counter() - started
        for result in got:
            _check(name, "stream", result, want)
        return elapsed

    try:
        for name in names:  # warm-up: connections opened, code paths loaded
            await one_round(name)
        done = 0
        k = len(names)
        for rep in range(sizes.async_reps):
            if rep >= 1 and deadline.expired:
                notes.append(f"stopped after {done} of {sizes.async_reps} rounds: the budget ran out")
                break
            for i in range(k):
                name = names[(rep + i) % k]
                samples[name].append(await one_round(name))
            done += 1
    finally:
        for adapter in adapters.values():
            await adapter.aclose()
    return samples, done, notes


def measure_async(srv: ServerProcess, names: list[str], sizes: Sizes, deadline: Deadline) -> Result:
    before = srv.stats()
    samples, done, notes = asyncio.run(_async_rounds(srv.root, names, sizes, deadline))
    connections, requests = _stats_delta(before, srv.stats(), names)
    return Result(
        "async",
        f"{sizes.async_streams} concurrent async streams of {sizes.async_chunks} chunks, total wall time "
        f"({done} rounds per client, after one warm-up round)",
        "s",
        False,
        {name: summarize(samples[name]) for name in names},
        connections,
        requests,
        notes,
    )


# ---------------------------------------------------------------- 5. embeddings


def measure_embeddings(
    srv: ServerProcess, adapters: dict[str, SyncAdapter], sizes: Sizes, deadline: Deadline
) -> Result:
    names = list(adapters)
    rows, dim = sizes.emb_rows, sizes.emb_dim
    want = expected_embedding(rows, dim)
    for name in names:
        _check(name, "embeddings", adapters[name].embed(rows, dim), want)
    before = srv.stats()
    clock = time.perf_counter

    def one(name: str) -> float:
        started = clock()
        got = adapters[name].embed(rows, dim)
        elapsed = clock() - started
        _check(name, "embeddings", got, want)
        del got
        return elapsed * 1000.0

    rr = round_robin(names, sizes.emb_reps, deadline, one)
    connections, requests = _stats_delta(before, srv.stats(), names)
    return Result(
        "embeddings",
        f"Embeddings response of {rows} x {dim} floats, per request incl. transfer ({rr.reps_done} per client)",
        "ms",
        False,
        {name: summarize(rr.samples[name]) for name in names},
        connections,
        requests,
        rr.notes,
    )


# ---------------------------------------------------------------- 6. memory


def measure_memory(srv: ServerProcess, names: list[str], sizes: Sizes, deadline: Deadline) -> dict[str, Any]:
    """Each client in its own fresh process (``python -m bench.memory``), one after another."""
    out: dict[str, Any] = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    for name in names:
        cmd = [
            sys.executable,
            "-m",
            "bench.memory",
            "--client",
            name,
            "--root",
            srv.root,
            "--iterations",
            str(sizes.mem_iterations),
            "--warmup",
            str(sizes.mem_warmup),
            "--chunks",
            str(sizes.mem_chunks),
        ]
        timeout = max(60.0, deadline.remaining)
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"{name}: the memory run took longer than {timeout:.0f} s") from exc
        if proc.returncode != 0:
            raise BenchError(f"{name}: the memory run failed: {proc.stderr.strip()[-800:]}")
        out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def run_checked(step: str, fn: Callable[[], Any], errors: list[str]) -> Any:
    """Run one step; a BenchError (or any exception) is recorded and the run carries on with the next step."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, then the run exits non-zero
        errors.append(f"{step}: {type(exc).__name__}: {exc}")
        return None


def make_sync_adapters(root: str, names: Sequence[str]) -> dict[str, SyncAdapter]:
    return {name: make_sync(name, root) for name in names}
