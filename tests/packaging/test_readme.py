"""Every ``sh`` and ``python`` block of README.md, run as written against the local server.

The blocks are read from README.md at collection time, so a block added by anyone is run too. A block that
cannot run here is marked in the README source by a comment on the line(s) just above its fence::

    <!-- readme-test: skip (the reason) -->

and the reason is required. A block that shows a file the commands use (an input file) is marked

    <!-- readme-file: requests.jsonl -->

and written under that name into the directory every block runs in. How blocks run:

* ``python``: a fresh interpreter of this venv, in a temp dir, with ``ORUEL_API_KEY`` and ``ORUEL_BASE_URL``
  pointing at the local server (the ``oruel_mock_server`` fixture).
* ``sh``: ``bash -euo pipefail`` in a temp dir, with the same variables and this venv's ``bin`` first on PATH
  (so ``oruel`` and ``python`` are the installed ones). ``pip install ...`` runs as
  ``python -m pip install --dry-run ...`` from the repository root: it proves the project builds and each
  named extra exists without changing the environment the tests run in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
KEY = "oruel_" + "0" * 48
SHELLS = ("sh", "bash", "shell")
PYTHONS = ("python", "py")
SKIP = re.compile(r"<!--\s*readme-test:\s*skip\s*(?:\((?P<reason>[^)]*)\))?\s*-->")
FILE = re.compile(r"<!--\s*readme-file:\s*(?P<name>[\w.-]+)\s*-->")
FENCE = re.compile(r"^```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^```\s*$", re.S | re.M)

# `pip install` in a README block: checked, not performed (see the module docstring).
PIP_SHIM = """
pip() {
  if [ "${1:-}" = install ]; then
    shift
    (cd "$README_ROOT" && python -m pip install --dry-run --quiet "$@")
  else
    python -m pip "$@"
  fi
}
"""


@dataclass(frozen=True)
class Block:
    line: int
    lang: str
    body: str
    skip_reason: str | None  # None: runs; "": marked but with no reason (an error)
    skip_marked: bool


def readme_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for match in FENCE.finditer(text):
        lang = match.group("lang").lower()
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rsplit("\n\n", 1)[-1]  # the paragraph just above
        marker = SKIP.search(before)
        blocks.append(
            Block(
                line=line,
                lang=lang,
                body=match.group("body"),
                skip_reason=(marker.group("reason") or "").strip() if marker else None,
                skip_marked=marker is not None,
            )
        )
    return blocks


def readme_files(text: str) -> dict[str, str]:
    """The blocks marked ``readme-file: NAME`` (just above their fence), by name."""
    files: dict[str, str] = {}
    for match in FENCE.finditer(text):
        above = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]  # the line just above the fence
        marker = FILE.fullmatch(above.strip())
        if marker:
            files[marker.group("name")] = match.group("body")
    return files


BLOCKS = [b for b in readme_blocks(README.read_text(encoding="utf-8")) if b.lang in SHELLS + PYTHONS]
FILES = readme_files(README.read_text(encoding="utf-8"))


def block_id(block: Block) -> str:
    first = next((ln for ln in block.body.splitlines() if ln.strip()), "")
    return f"L{block.line}-{block.lang}-{re.sub(r'[^A-Za-z0-9]+', '-', first)[:40]}"


def env_for(server: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORUEL_") and k != "PYTHONPATH"}
    env.update(
        ORUEL_API_KEY=KEY,
        ORUEL_BASE_URL=server.url,
        README_ROOT=str(ROOT),
        PATH=os.pathsep.join((str(Path(sys.executable).parent), env.get("PATH", ""))),
        COLUMNS="120",
    )
    return env


def run_block(block: Block, server: Any, cwd: Path) -> subprocess.CompletedProcess[str]:
    for name, body in FILES.items():
        (cwd / name).write_text(body, encoding="utf-8")
    if block.lang in PYTHONS:
        command = [sys.executable, "-c", block.body]
    else:
        command = ["bash", "-euo", "pipefail", "-c", PIP_SHIM + block.body]
    return subprocess.run(
        command, cwd=cwd, env=env_for(server), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180
    )


def test_the_readme_has_runnable_blocks_of_both_kinds() -> None:
    langs = {b.lang for b in BLOCKS if not b.skip_marked}
    assert langs & set(SHELLS) and langs & set(PYTHONS), langs


def test_every_skip_marker_gives_a_reason() -> None:
    unexplained = [b.line for b in BLOCKS if b.skip_marked and not b.skip_reason]
    assert not unexplained, f"README blocks marked readme-test: skip with no (reason), at lines {unexplained}"


def test_the_quick_start_is_exactly_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = readme_blocks(section)[0]
    assert block.lang in SHELLS
    commands = [ln.strip() for ln in block.body.splitlines() if ln.strip()]
    assert commands == ["python3 .ci/tasks.py demo", "python3 .ci/tasks.py test"]


def test_the_block_finder_sees_a_marker_only_just_above_its_block() -> None:
    text = (
        "<!-- readme-test: skip (far above) -->\n\nprose\n\n```sh\necho one\n```\n\n"
        "<!-- readme-test: skip (here) -->\n```python\nprint(2)\n```\n\n"
        "<!-- readme-test: skip -->\n```sh\necho three\n```\n"
    )
    blocks = readme_blocks(text)
    assert [(b.lang, b.skip_marked, b.skip_reason) for b in blocks] == [
        ("sh", False, None),
        ("python", True, "here"),
        ("sh", True, ""),
    ]


@pytest.mark.parametrize("block", [b for b in BLOCKS if not b.skip_marked], ids=block_id)
def test_readme_block_runs_as_written(block: Block, oruel_mock_server: Any, tmp_path: Path) -> None:
    proc = run_block(block, oruel_mock_server, tmp_path)
    where = f"README.md line {block.line} failed ({proc.returncode})"
    assert proc.returncode == 0, f"{where}:\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    # pip only warns about an extra that does not exist; a README that names one must fail.
    assert "does not provide the extra" not in proc.stderr, proc.stderr


def test_the_runner_catches_a_failing_command_and_a_missing_extra(oruel_mock_server: Any, tmp_path: Path) -> None:
    # the README's old embed example: --model is required, so it exits 2
    proc = run_block(Block(1, "sh", 'oruel embed "a" "b"\n', None, False), oruel_mock_server, tmp_path)
    assert proc.returncode == 2
    proc = run_block(Block(1, "sh", "pip install -e '.[no-such-extra]'\n", None, False), oruel_mock_server, tmp_path)
    assert "does not provide the extra 'no-such-extra'" in proc.stderr
    proc = run_block(Block(1, "python", "import oruel_client.nope\n", None, False), oruel_mock_server, tmp_path)
    assert proc.returncode == 1


def test_every_environment_variable_of_the_cli_is_in_the_readme() -> None:
    from oruel_client.cli import EPILOG

    names = set(re.findall(r"^\s+(ORUEL_[A-Z_]+)\s", EPILOG, re.M))
    assert {"ORUEL_API_KEY", "ORUEL_BASE_URL", "ORUEL_LOG"} <= names
    text = README.read_text(encoding="utf-8")
    assert not [n for n in names if n not in text]
