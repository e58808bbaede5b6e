from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

KEY = "oruel_" + "ab12" * 12


def completion(content: str = "hi", **extra: Any) -> dict[str, Any]:
    return {
        "id": "cmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        **extra,
    }


def sse(*events: Any) -> bytes:
    return b"".join(b"data: " + (e if isinstance(e, bytes) else json.dumps(e).encode()) + b"\n\n" for e in events)


@pytest.fixture
def ok_server() -> Iterator[RawServer]:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, completion()))

    with RawServer(handler=handler) as server:
        yield server


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    """The base URL of tests/hostile_server.py, run in a process of its own for the module."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "tests.hostile_server"], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = proc.stdout.readline().strip()
        assert port.isdigit(), "the hostile server did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait(10)
