"""How the CLI tests run ``oruel``: as a user does, a subprocess (``python -m oruel_client.cli``) against a real
server on 127.0.0.1 — the local Oru-el server (``MockServer``, the ``mock`` fixture) for normal answers and its
fault headers, and ``tests.rawhttp.RawServer`` where exact bytes or timing are needed."""

from __future__ import annotations

import os
import re
import selectors
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEY = "oruel_" + "5eC7" * 12  # a well-formed key whose text is easy to spot in any output
RANGE_FLAGS = ("--max-retries", "0")
CLI = (sys.executable, "-m", "oruel_client.cli")


def env(base_url: str | None, key: str | None = KEY, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORUEL_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env["COLUMNS"] = "200"  # argparse wraps help at the terminal width; keep each flag's help on one line
    if base_url is not None:
        env["ORUEL_BASE_URL"] = base_url
    if key is not None:
        env["ORUEL_API_KEY"] = key
    env.update(extra)
    return env


def run(
    *args: str, base_url: str | None = None, key: str | None = KEY, stdin: str | None = None, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*CLI, *args],
        env=env(base_url, key),
        cwd=ROOT,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    # Whatever the command, the key must never be printed.
    assert KEY not in proc.stdout and KEY not in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def one_line(text: str) -> str:
    return " ".join(text.split())


def option_help(help_text: str, option: str) -> str:
    """The help of one option (its line and continuation lines), whitespace-normalised."""
    lines = help_text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s+{re.escape(option)}[ ,]", line + " "):
            block = [line]
            for nxt in lines[i + 1 :]:
                if re.match(r"\s+-", nxt) or not nxt.startswith(" "):
                    break
                block.append(nxt)
            return one_line(" ".join(block))
    raise AssertionError(f"{option} not in help:\n{help_text}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unused_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1/inference"


def read_until(proc: subprocess.Popen[bytes], want: bytes, timeout: float) -> bytes:
    """What the process printed on stdout until ``want`` appeared, it closed stdout, or ``timeout`` passed."""
    assert proc.stdout is not None
    got = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while want not in got and time.monotonic() < deadline:
        if sel.select(timeout=max(0.0, deadline - time.monotonic())):
            piece = os.read(proc.stdout.fileno(), 4096)
            if not piece:
                break
            got += piece
    sel.close()
    return got
