"""Shared fixtures of the generator tests: one real HTTP server on 127.0.0.1 per module whose reply each test
scripts, and generated-client instances pointed at it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.rawhttp import Conn, Handler, RawServer, RecordedRequest, json_response

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
TOKEN = "oruel_" + "0" * 48
ERROR_BODY = {"error": {"message": "rejected by the test server", "type": "invalid_request_error"}}


def reply_error(req: RecordedRequest, conn: Conn) -> None:
    conn.send(json_response(400, ERROR_BODY))


class Stub:
    """A RawServer shared by a module, whose reply the current test sets; `requests` are this test's only."""

    def __init__(self, server: RawServer) -> None:
        self.server = server
        self.reply: Handler = reply_error

    def __call__(self, req: RecordedRequest, conn: Conn) -> None:
        self.reply(req, conn)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.server.requests

    def reset(self) -> None:
        self.reply = reply_error
        self.server.requests.clear()


@pytest.fixture(scope="module")
def _module_server() -> Iterator[Stub]:
    server = RawServer()
    stub = Stub(server)
    server.handler = stub
    try:
        yield stub
    finally:
        server.close()


@pytest.fixture
def stub(_module_server: Stub) -> Iterator[Stub]:
    _module_server.reset()
    yield _module_server
    _module_server.reset()


@contextmanager
def on_path(root: Path, package: str) -> Iterator[None]:
    """A generated package importable from root while the block runs, and forgotten after it (its modules
    leave sys.modules, so another test module may generate a package of the same name)."""
    sys.path.insert(0, str(root))
    try:
        yield
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


def generate_package(spec: Path, out: Path, package: str, *, timeout: float = 180) -> list[str]:
    """Generate `package` from `spec` into `out` (exit 0 asserted), then copy the hand-written runtime beside the
    generated folders (its modules, not its subpackages; not `testing.py`, which imports the local server).
    Returns the generated files, relative to `out`."""
    cmd = [PYTHON, "-m", "generator", "--spec", str(spec), "--package", package, "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    generated = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py"))
    for module in (ROOT / "oruel_client").glob("*.py"):
        if module.name != "testing.py":
            shutil.copy(module, out / module.name)
    return generated
