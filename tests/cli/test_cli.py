"""The package's entry point, ``oruel_client.cli.main``: what every command shares as a program — the top-level
help, the exported names, what ``oruel --help`` imports, and how it stops on a closed pipe or Ctrl-C."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time

import oruel_client.cli as cli
from tests.rawhttp import Conn, RawServer, RecordedRequest, sse_head

from .support import CLI, KEY, ROOT, env, one_line, read_until, run


def test_top_level_help_documents_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    text = one_line(proc.stdout)
    for code in ("0", "1", "2", "3", "4", "5", "6", "7", "130"):
        assert re.search(rf"(^| ){code} ", text.split("exit codes:")[1]), code
    for command in ("chat", "complete", "embed", "models", "images", "speech", "mock", "batch", "conformance"):
        assert command in proc.stdout


def test_the_package_exports_main_build_parser_and_every_exit_code_it_documents() -> None:
    codes = {name: getattr(cli, name) for name in cli.__all__ if name.startswith("EXIT_")}
    assert len(codes) == 9 and callable(cli.main) and callable(cli.build_parser)
    documented = cli.EPILOG.split("exit codes:")[1].split("\n\n")[0]
    assert sorted(int(n) for n in re.findall(r"^\s+(\d+)\s", documented, re.M)) == sorted(codes.values())


def test_help_imports_neither_the_client_nor_httpx_nor_the_batch_engine() -> None:
    code = (
        "import sys\n"
        "from oruel_client.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('httpx', 'oruel_client._client', 'oruel_client._base_client', 'oruel_client.batch.runner',\n"
        "         'oruel_client.mock.server')\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env(None), cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "LOADED []"


def _chunk(text: str) -> bytes:
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    body = {**chunk, "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def test_a_closed_stdout_stops_quietly_with_exit_1() -> None:
    """``oruel chat ... | head -c 7``: the reader goes away mid-stream; no traceback, no message on stderr."""
    reader_gone = threading.Event()

    def stream(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head() + _chunk("partial"))
        reader_gone.wait(10)
        for _ in range(50):
            conn.send(_chunk("more "))
        conn.send(b"data: [DONE]\n\n")

    with RawServer(handler=stream) as raw:
        proc = subprocess.Popen(
            [*CLI, "chat", "hi"],
            env=env(raw.url + "/v1/inference"),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert b"partial" in read_until(proc, b"partial", timeout=15)
            assert proc.stdout is not None
            proc.stdout.close()
            reader_gone.set()
            _, err = proc.communicate(timeout=15)
        finally:
            reader_gone.set()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == cli.EXIT_FAILURE
    assert err == b""


def test_ctrl_c_during_a_stream_exits_130_without_traceback() -> None:
    def slow(req: RecordedRequest, conn: Conn) -> None:
        conn.send(sse_head() + _chunk("partial"))
        time.sleep(8)  # the stall the user gives up on

    with RawServer(handler=slow) as raw:
        proc = subprocess.Popen(
            [*CLI, "chat", "hi"],
            env=env(raw.url + "/v1/inference"),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            got = read_until(proc, b"partial", timeout=15)
            assert b"partial" in got
            started = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 130
    assert time.monotonic() - started < 5  # it did not wait for the stalled stream
    assert (got + out).endswith(b"\n")
    assert b"Traceback" not in err and KEY.encode() not in err + got + out
