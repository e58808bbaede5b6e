"""Memory stays flat: the input is streamed and the resume index lives on disk, so ten times the lines add
(almost) nothing to the peak RSS of ``oruel batch``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from oruel_client.mock import MockServer

from .conftest import batch_argv, chat_line, child_env

_MEASURE = (
    "import resource, sys\n"
    "from oruel_client.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "print('peak_rss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def _generate(path: Path, lines: int, sent: int) -> None:
    """``sent`` real requests, then lines that break a documented range (checked, rejected, written; the
    path through decoding, the duplicate index, validation and the journal, without a request each)."""
    with open(path, "w") as file:
        for i in range(sent):
            file.write(json.dumps(chat_line(f"ok-{i}")) + "\n")
        bad = chat_line("", text="x" * 200, temperature=7)
        for i in range(lines - sent):
            bad["custom_id"] = f"bad-{i:09d}"
            file.write(json.dumps(bad) + "\n")


def _peak_rss_kb(tmp_path: Path, server: MockServer, lines: int) -> int:
    inp, out = tmp_path / f"in-{lines}.jsonl", tmp_path / f"out-{lines}.jsonl"
    _generate(inp, lines, sent=200)
    argv = batch_argv(inp, out, server, "--progress", "none")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv[3:]], env=child_env(), capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 7, done.stderr  # the rejected lines
    assert f"200 succeeded, 0 failed, {lines - 200} invalid" in done.stderr
    assert out.read_bytes().count(b"\n") == lines
    match = re.search(r"peak_rss_kb (\d+)", done.stderr)
    assert match, done.stderr
    return int(match.group(1))


def test_peak_memory_does_not_grow_with_the_input(tmp_path: Path, server: MockServer) -> None:
    small = _peak_rss_kb(tmp_path, server, 8_000)
    large = _peak_rss_kb(tmp_path, server, 80_000)
    # 72,000 more lines of ~350 bytes (25 MB in, 30 MB out): the SQLite page cache is capped at 2 MB, while
    # merely a set of the 72,000 custom_ids would take about 7 MB, and a list of the lines 25 MB and more.
    assert large - small < 6_000, (small, large)
