"""``oruel conformance`` as a user runs it (a subprocess) against real servers on 127.0.0.1: exit codes, the
three outputs, Ctrl-C, and the key kept out of all of them even when the server echoes it back."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from oruel_client.mock import MockServer
from tests.cli.support import CLI, KEY, ROOT, env, run

EXIT_OK, EXIT_API, EXIT_DRIFT, EXIT_CONNECTION, EXIT_NO_KEY, EXIT_INTERRUPTED = 0, 4, 7, 5, 6, 130


class _Echo(BaseHTTPRequestHandler):
    """Refuses everything with a message quoting the Authorization header (the catalog excepted)."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        if self.path.endswith("/models"):
            body = json.dumps({"object": "list", "data": [{"id": "m", "object": "model"}]}).encode()
            status = 200
        else:
            message = f"key rejected: {self.headers.get('authorization')}"
            body = json.dumps({"error": {"message": message, "type": "x", "code": None, "param": None}}).encode()
            status = 400
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1/inference"
    httpd.shutdown()
    httpd.server_close()


def test_exit_0_when_the_service_conforms(server: MockServer) -> None:
    proc = run("conformance", "--rate", "0", "--budget", "15", base_url=server.url)
    assert proc.returncode == EXIT_OK, proc.stderr
    assert "conforms: " in proc.stdout and "15 of 15 requests" in proc.stdout


def test_exit_7_on_drift_with_table_json_and_markdown(drifted: MockServer, tmp_path: Path) -> None:
    report = tmp_path / "drift.md"
    args = ("conformance", "--rate", "0", "--budget", "200", "--operations", "createChatCompletion")
    table = run(*args, "--report", str(report), base_url=drifted.url)
    assert table.returncode == EXIT_DRIFT, table.stderr
    assert "refuses_allowed" in table.stdout and "$.top_k" in table.stdout
    assert "| createChatCompletion | accepts_forbidden | `$.top_k` |" in report.read_text()
    as_json = run(*args, "--json", base_url=drifted.url)
    assert as_json.returncode == EXIT_DRIFT
    data = json.loads(as_json.stdout)
    assert data["conforms"] is False
    assert any(f["kind"] == "stream_no_usage" and f["path"] == "chunk:$.usage" for f in data["findings"])


def test_the_key_never_appears_even_when_the_server_echoes_it(echo: str, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    proc = run("conformance", "--rate", "0", "--budget", "12", "--json", "--report", str(report), base_url=echo)
    assert proc.returncode == EXIT_DRIFT, proc.stderr
    assert "key rejected: Bearer ***" in proc.stdout  # the echo is there, the key is not
    for text in (proc.stdout, proc.stderr, report.read_text()):
        assert KEY not in text


def test_a_refused_key_ends_as_an_api_error(server: MockServer) -> None:
    proc = run("conformance", "--rate", "0", base_url=server.url, key="not-an-oruel-key")
    assert proc.returncode == EXIT_API and "401" in proc.stderr and "not-an-oruel-key" not in proc.stderr


def test_usual_codes_for_no_key_and_no_connection() -> None:
    assert run("conformance", base_url="http://127.0.0.1:9/v1", key=None).returncode == EXIT_NO_KEY
    proc = run("conformance", "--rate", "0", base_url="http://127.0.0.1:9/v1")
    assert proc.returncode == EXIT_CONNECTION and KEY not in proc.stderr + proc.stdout


def test_ctrl_c_prints_what_was_found_so_far(drifted: MockServer) -> None:
    args = ["conformance", "--rate", "4", "--budget", "200", "--operations", "createChatCompletion"]
    proc = subprocess.Popen([*CLI, *args], env=env(drifted.url), cwd=ROOT, stdout=subprocess.PIPE, text=True)
    time.sleep(4)  # the baseline (a finding) has been answered by now
    proc.send_signal(signal.SIGINT)
    stdout, _ = proc.communicate(timeout=20)
    assert proc.returncode == EXIT_INTERRUPTED
    assert "stopped: interrupted" in stdout and "missing_field" in stdout
