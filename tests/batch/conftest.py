"""Helpers for the batch tests: input files, the ``oruel batch`` command in a child process, output checks.

Every child process runs with a hard timeout, so a hang is a failure, not a stuck test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY

CHAT_URL = "/v1/chat/completions"
MODEL = "llama-4-maverick"


def chat_line(custom_id: str, text: str = "hi", url: str = CHAT_URL, **body: Any) -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": url,
        "body": {"model": MODEL, "messages": [{"role": "user", "content": text}], **body},
    }


def write_jsonl(path: Path, lines: Iterable[dict[str, Any] | str]) -> Path:
    with open(path, "w") as file:
        for line in lines:
            file.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path


def read_results(path: Path) -> list[dict[str, Any]]:
    """Every output line, each of which must be a whole JSON result."""
    text = path.read_text()
    assert text == "" or text.endswith("\n"), "the output ends inside a line"
    return [json.loads(line) for line in text.splitlines()]


def assert_each_id_once(results: list[dict[str, Any]], ids: Iterable[str]) -> None:
    counts = Counter(r["custom_id"] for r in results)
    expected = set(ids)
    assert set(counts) == expected, (
        f"missing {sorted(expected - set(counts))[:5]}, extra {sorted(set(counts) - expected)[:5]}"
    )
    twice = [k for k, n in counts.items() if n != 1]
    assert not twice, f"custom_ids written more than once: {twice[:5]}"


def batch_argv(inp: Path, out: Path, server: MockServer | str, *extra: str) -> list[str]:
    """``server``: a started MockServer, or a base URL."""
    url = server if isinstance(server, str) else server.url
    return [
        sys.executable,
        "-m",
        "oruel_client.cli",
        "batch",
        str(inp),
        "-o",
        str(out),
        "--base-url",
        url,
        *extra,
    ]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["ORUEL_API_KEY"] = MOCK_API_KEY
    env.pop("ORUEL_BASE_URL", None)
    env.update(extra)
    return env


def run_batch(
    inp: Path, out: Path, server: MockServer | str, *extra: str, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        batch_argv(inp, out, server, *extra), env=child_env(), capture_output=True, text=True, timeout=timeout
    )


def start_batch(inp: Path, out: Path, server: MockServer, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        batch_argv(inp, out, server, *extra),
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_lines(path: Path, count: int, process: subprocess.Popen[str], timeout: float = 30) -> None:
    """Until the output has ``count`` complete lines (fails if the process ends or the time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        assert process.poll() is None, f"the batch ended early: {process.communicate()}"
        time.sleep(0.01)
    process.kill()
    raise AssertionError(f"no {count} results within {timeout} s")


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        yield running
