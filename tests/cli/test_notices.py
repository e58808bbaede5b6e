"""What ``oruel`` says about retries and connection failures (``oruel_client.cli.notices``): one stderr line per
retry, and a connection error that names its cause and the attempts made."""

from __future__ import annotations

import re
import socket
import uuid
from typing import Any

from .support import run, unused_url


def fault(kind: str, times: int, **extra: str) -> list[str]:
    headers = {
        "x-oruel-mock-fault": kind,
        "x-oruel-mock-fault-times": str(times),
        "x-oruel-mock-fault-id": uuid.uuid4().hex,
        **extra,
    }
    return [arg for name, value in headers.items() for arg in ("-H", f"{name}:{value}")]


def test_each_retry_prints_one_line(mock: Any) -> None:
    headers = fault("429", 2, **{"x-oruel-mock-retry-after": "1"})
    proc = run("chat", "hi", "--no-stream", *headers, base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        "429 rate limited; retrying in 1.0 s (attempt 2 of 3)",
        "429 rate limited; retrying in 1.0 s (attempt 3 of 3)",
    ]
    assert proc.stdout.strip()


def test_retry_lines_name_the_status_and_follow_max_retries(mock: Any) -> None:
    headers = fault("503", 5, **{"x-oruel-mock-retry-after": "0"})
    proc = run("chat", "hi", "--no-stream", "--max-retries", "1", *headers, base_url=mock.url)
    assert proc.returncode == 4
    lines = proc.stderr.splitlines()
    assert lines[0] == "503 service unavailable; retrying in 0.0 s (attempt 2 of 2)"
    assert lines[1].startswith("oruel: API error:") and len(lines) == 2


def test_no_retry_no_line(mock: Any) -> None:
    proc = run("chat", "hi", "--no-stream", base_url=mock.url)
    assert proc.returncode == 0 and proc.stderr == ""


def test_a_refused_connection_names_the_cause_and_the_attempts() -> None:
    base = unused_url()
    proc = run("chat", "hi", "--no-stream", "--max-retries", "1", base_url=base)
    assert proc.returncode == 5
    lines = proc.stderr.splitlines()
    assert re.fullmatch(r"connect error; retrying in \d+\.\d s \(attempt 2 of 2\)", lines[0]), lines
    assert lines[1] == f"oruel: connection error: connection refused; 2 attempts made (base URL: {base})"
    proc = run("models", "--max-retries", "0", base_url=base)
    assert proc.returncode == 5 and proc.stderr.splitlines() == [
        f"oruel: connection error: connection refused; 1 attempt made (base URL: {base})"
    ]


def test_a_timeout_names_which_one_and_the_attempts() -> None:
    with socket.socket() as listener:  # accepts connections (the kernel's backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}/v1/inference"
        proc = run("chat", "hi", "--no-stream", "--timeout", "0.3", "--max-retries", "1", base_url=base)
    assert proc.returncode == 5
    lines = proc.stderr.splitlines()
    assert re.fullmatch(r"read timeout; retrying in \d+\.\d s \(attempt 2 of 2\)", lines[0]), lines
    assert lines[1] == f"oruel: timeout: read timeout; 2 attempts made (base URL: {base})"
