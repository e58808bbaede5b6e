"""Fuzzing the batch runner: hypothesis writes input files (random bytes, random JSON, deep nesting, odd Unicode,
bad urls, duplicate ids) and scripts a hostile server on 127.0.0.1 (any status, any body bytes, connections
dropped or cut). For every run:

* every non-blank input line has exactly one result, or none because its answer never arrived (and then it,
  and only it, is sent again on resume);
* the output is strict JSON lines, and no exception escapes the runner;
* interrupting a run after any number of results and cutting its output at any byte, then resuming, gives
  the same final set of results as one uninterrupted run, and a resume never sends a line that has a result;
* the counters and the command's exit code agree with the results.

Derandomized with fixed example counts, so CI runs the same cases every time, in well under a minute.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from oruel_client import AsyncOruel
from oruel_client.batch import BatchRunner
from oruel_client.batch.inputs import read_lines
from oruel_client.testing import MOCK_API_KEY
from tests.rawhttp import RawServer

from .conftest import batch_argv, child_env, run_batch
from .hostile import Answer, Hostile, completion, serve, token_line
from .test_hostile import strict_lines

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

ODD_TEXT = st.one_of(
    st.sampled_from(["\ud800", "\udfff", "cut \ud83d", "\U0001f600", "\x00", "\u2028", "\ufeff", "e\u0301", ""]),
    st.text(st.characters(codec=None, categories=["Cs", "Cc", "Lo", "So", "Zs"]), max_size=8),
)
CUSTOM_IDS = st.one_of(st.sampled_from(["a", "b", "c"]), ODD_TEXT)  # few ids: duplicates are frequent
BAD_URLS = st.sampled_from(
    ["http://[::1/v1/chat/completions", "", "/v1/files", "/v1/models/\ud800", "/v1/models/a b", "//x", "\x00", "?"]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
    max_leaves=10,
)
BODIES = st.one_of(
    st.sampled_from(
        [
            completion(),
            completion("caf\xe9 \U0001f600"),
            b'{"text": "cut \\ud83d"}',
            b"[" * 100_000 + b"]" * 100_000,
            b"[" * 900 + b"]" * 900,
            b"\xff\xfe",
            b"",
            b'{"x": NaN}',
            b"<html>502</html>",
            b'"just a string"',
        ]
    ),
    st.binary(max_size=40),
)
STATUSES = st.sampled_from([200, 200, 201, 400, 404, 422, 429, 500, 503])
NO_RETRY = (("content-type", "application/json"), ("x-should-retry", "false"))


@dataclass
class Case:
    lines: list[bytes]  # the input file's lines, without their newline
    tokens: dict[int, str]  # line number -> custom_id, for the lines that can be sent
    script: dict[int, list[Answer]]

    def write(self, path: Path) -> Path:
        path.write_bytes(b"".join(line + b"\n" for line in self.lines))
        return path

    @property
    def nonblank(self) -> int:
        return sum(1 for line in self.lines if line.strip())

    def unanswered(self, sent: set[int]) -> set[int]:
        return {t for t in sent if not self.script.get(t, [Answer()])[0].answered}


@st.composite
def cases(draw: st.DrawFn) -> Case:
    lines: list[bytes] = []
    tokens: dict[int, str] = {}
    script: dict[int, list[Answer]] = {}
    drops = 0
    for n in range(1, draw(st.integers(1, 12)) + 1):
        kind = draw(st.sampled_from(["good", "good", "good", "bytes", "json", "deep", "url", "blank", "odd"]))
        if kind in ("good", "odd"):
            custom_id = draw(CUSTOM_IDS) if kind == "odd" else draw(st.sampled_from(["a", "b", "c", f"id{n}"]))
            text = draw(ODD_TEXT) if kind == "odd" else ""
            line = token_line(n, custom_id=custom_id, text=text)
            lines.append(json.dumps(line, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
            tokens[n] = custom_id
            action = draw(st.sampled_from(["respond"] * 6 + ["drop", "cut"])) if drops < 3 else "respond"
            drops += action != "respond"
            script[n] = [Answer(draw(STATUSES), draw(BODIES), NO_RETRY, action)]
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=60)).replace(b"\n", b" "))
        elif kind == "json":
            text = json.dumps(draw(JSON_VALUES), ensure_ascii=draw(st.booleans()))
            lines.append(text.encode("utf-8", "surrogatepass"))
        elif kind == "deep":
            depth = draw(st.sampled_from([10, 900, 5000, 100_000]))
            nested = "[" * depth + "]" * depth
            line = json.dumps(token_line(n))
            lines.append((line if draw(st.booleans()) else line[:-2] + ', "n": ' + nested + "}}").encode())
            if len(lines[-1]) < 300:
                lines[-1] = nested.encode()
        elif kind == "url":
            line = {**token_line(n), "url": draw(BAD_URLS)}
            lines.append(json.dumps(line).encode())
        else:
            lines.append(draw(st.sampled_from([b"", b"   ", b"\t"])))
    return Case(lines, tokens, script)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[tuple[RawServer, Hostile]]:
    server, handler = serve()
    with server:
        yield server, handler


def key(record: dict[str, Any]) -> Any:
    if record["custom_id"] is not None:
        return ("id", record["custom_id"])
    return ("line", record["error"]["line"])


def outcome(records: list[dict[str, Any]]) -> dict[Any, str]:
    """The final results, without their random ids; one per key (asserted)."""
    found: dict[Any, str] = {}
    for record in records:
        assert key(record) not in found, f"two results for {key(record)}"
        found[key(record)] = json.dumps({k: v for k, v in record.items() if k != "id"}, sort_keys=True)
    return found


async def _run(server: RawServer, inp: Path, out: Path, concurrency: int, stop_after: int | None = None) -> BatchRunner:
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url, max_retries=0) as client:
        runner = BatchRunner(client, output=out, concurrency=concurrency)
        results = runner.results(read_lines(inp))
        count = 0
        async for _ in results:
            count += 1
            if stop_after is not None and count >= stop_after:
                break  # leaving the loop abandons what is in flight, as a kill would
        await results.aclose()
    return runner


def check_run(case: Case, runner: BatchRunner, records: list[dict[str, Any]], sent: set[int]) -> None:
    unanswered = case.unanswered(sent)
    assert len(records) + len(unanswered) == case.nonblank, (records, unanswered)
    ids = {r["custom_id"] for r in records}
    for token in sent:
        assert (case.tokens[token] in ids) == (token not in unanswered), token
    assert not [r for r in records if (r["error"] or {}).get("code") == "client_error"], "a defect below the runner"
    ok = sum(1 for r in records if r["error"] is None and 200 <= r["response"]["status_code"] < 300)
    stats = runner.stats
    assert (stats.succeeded, stats.failed + stats.invalid, stats.unanswered) == (
        ok,
        len(records) - ok,
        len(unanswered),
    )


CUTS = st.tuples(st.floats(0, 1), st.booleans())


def cut_at(path: Path, cut: tuple[float, bool]) -> None:
    """Truncate at a fraction of the size; with ``cut[1]``, just before the nearest newline there (a whole
    last line that lacks only its newline, which a resume must keep)."""
    data = path.read_bytes()
    at = int(len(data) * cut[0])
    if cut[1]:
        newline = data.find(b"\n", at)
        at = newline if newline >= 0 else at
    with open(path, "r+b") as file:
        file.truncate(at)


@settings(max_examples=40, **SETTINGS)
@given(case=cases(), concurrency=st.integers(1, 4), stop_after=st.integers(0, 12), cut=CUTS)
def test_fuzzed_inputs_and_answers_each_line_once_and_resume_gives_the_same_results(
    hostile_server: tuple[RawServer, Hostile], case: Case, concurrency: int, stop_after: int, cut: tuple[float, bool]
) -> None:
    server, handler = hostile_server
    with tempfile.TemporaryDirectory() as tmp:
        inp = case.write(Path(tmp) / "in.jsonl")
        whole, broken = Path(tmp) / "whole.jsonl", Path(tmp) / "broken.jsonl"

        handler.reset(case.script)
        runner = asyncio.run(_run(server, inp, whole, concurrency))
        sent = handler.sent()
        assert all(n == 1 for n in sent.values()), sent
        reference = strict_lines(whole)
        check_run(case, runner, reference, {t for t in sent if t is not None})

        # Interrupted after some results, the output cut at any byte (a crash inside a write), resumed.
        handler.reset(case.script)
        asyncio.run(_run(server, inp, broken, concurrency, stop_after=stop_after or None))
        cut_at(broken, cut)
        kept = {key(r) for r in _whole_lines(broken)}
        handler.reset(case.script)
        asyncio.run(_run(server, inp, broken, concurrency))
        resent = {t for t in handler.sent() if t is not None}
        assert not {("id", case.tokens[t]) for t in resent} & kept, "a resume sent a line that has a result"
        assert outcome(strict_lines(broken)) == outcome(reference)


def _whole_lines(path: Path) -> list[dict[str, Any]]:
    """The results a resume finds in a cut output: every line that parses (the last one may lack its newline)."""
    records = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            records.append(json.loads(raw))
        except ValueError:
            pass
    return [r for r in records if isinstance(r, dict)]


def _exit_code(records: list[dict[str, Any]], unanswered: int) -> int:
    if unanswered:
        return 5
    failed = [r for r in records if r["error"] is not None or not 200 <= r["response"]["status_code"] < 300]
    return 7 if failed else 0


@settings(max_examples=4, phases=[Phase.explicit, Phase.reuse, Phase.generate], **SETTINGS)  # no slow shrinking
@given(case=cases(), kill_after=st.integers(0, 8), cut=CUTS)
def test_fuzzed_command_exit_code_matches_and_a_kill_then_resume_gives_the_same_results(
    hostile_server: tuple[RawServer, Hostile], case: Case, kill_after: int, cut: tuple[float, bool]
) -> None:
    server, handler = hostile_server
    argv = ("--progress", "none", "--max-retries", "0", "--concurrency", "2")
    with tempfile.TemporaryDirectory() as tmp:
        inp = case.write(Path(tmp) / "in.jsonl")
        out, killed = Path(tmp) / "out.jsonl", Path(tmp) / "killed.jsonl"
        handler.reset(case.script)
        done = run_batch(inp, out, server.url, *argv)
        assert "Traceback" not in done.stderr, done.stderr
        records = strict_lines(out)
        dropped = case.unanswered({t for t in handler.sent() if t is not None})
        assert done.returncode == _exit_code(records, len(dropped)), done.stderr
        ok = sum(1 for r in records if r["error"] is None and 200 <= r["response"]["status_code"] < 300)
        assert f"{ok} succeeded" in done.stderr, done.stderr

        # SIGKILL once the output has kill_after lines (or the run ended), cut the file, resume.
        handler.reset(case.script)
        process = subprocess.Popen(
            batch_argv(inp, killed, server.url, *argv), env=child_env(), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            if killed.exists() and killed.read_bytes().count(b"\n") >= kill_after:
                break
            time.sleep(0.005)
        process.kill()
        process.wait(timeout=30)
        if killed.exists():
            cut_at(killed, cut)
        handler.reset(case.script)
        again = run_batch(inp, killed, server.url, *argv)
        assert again.returncode == done.returncode, again.stderr
        assert outcome(strict_lines(killed)) == outcome(records)

        # Once more: only the unanswered lines are sent, and the exit code is still the output's verdict.
        handler.reset(case.script)
        last = run_batch(inp, killed, server.url, *argv)
        assert last.returncode == done.returncode, last.stderr
        assert {t for t in handler.sent() if t is not None} == dropped
