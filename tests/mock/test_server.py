"""MockServer, start_mock_server and main(): starting, stopping, ports, the foreground CLI entry."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY, start_mock_server

from .conftest import HELLO

ROOT = Path(__file__).resolve().parents[2]


def ping(url: str) -> int:
    return httpx.get(url + "/models", timeout=5).status_code


def test_port_zero_picks_a_free_port_and_stop_frees_it() -> None:
    server = MockServer()
    with pytest.raises(RuntimeError):
        server.url  # noqa: B018  (not started yet)
    server.start()
    assert server.start() is server  # starting twice is harmless
    url = server.url
    assert url.startswith("http://127.0.0.1:") and url.endswith("/v1/inference")
    assert ping(url) == 200
    server.stop()
    server.stop()
    with pytest.raises(httpx.ConnectError):
        ping(url)


def test_stop_does_not_wait_for_a_slow_stream() -> None:
    server = start_mock_server()
    body = {"model": "m", "messages": HELLO, "stream": True}
    slow = {"Authorization": f"Bearer {MOCK_API_KEY}", "x-oruel-mock-fault": "slow-stream", "x-oruel-mock-delay": "5"}
    errors: list[Exception] = []

    def listen() -> None:
        try:
            httpx.post(server.url + "/chat/completions", json=body, headers=slow, timeout=30)
        except httpx.HTTPError as exc:
            errors.append(exc)

    thread = threading.Thread(target=listen)
    thread.start()
    time.sleep(0.3)
    started = time.perf_counter()
    server.stop()
    assert time.perf_counter() - started < 1.0
    thread.join(10)
    assert len(errors) == 1 and isinstance(errors[0], httpx.RemoteProtocolError)


def test_a_busy_port_raises() -> None:
    with MockServer() as first:
        port = int(first.url.split(":")[2].split("/")[0])
        with pytest.raises(OSError):
            MockServer(port=port).start()


def test_start_mock_server() -> None:
    server = start_mock_server(validate=False)
    try:
        assert server.app is not None and not server.app.validate
        answer = httpx.post(
            server.url + "/chat/completions",
            json={"model": "m", "messages": HELLO, "temperature": 5},
            headers={"Authorization": f"Bearer {MOCK_API_KEY}"},
        )
        assert answer.status_code == 200
    finally:
        server.stop()


def test_the_fixture_gives_a_started_server(oruel_mock_server: MockServer) -> None:
    assert ping(oruel_mock_server.url) == 200


def test_subprocess_mode() -> None:
    with MockServer(subprocess=True) as server:
        assert server.app is None
        assert ping(server.url) == 200
        response = httpx.post(
            server.url + "/chat/completions",
            json={"model": "m", "messages": HELLO, "temperature": 5},
            headers={"Authorization": f"Bearer {MOCK_API_KEY}"},
        )
        assert response.status_code == 400  # validation is on in the child too
        url = server.url
    with pytest.raises(httpx.ConnectError):
        ping(url)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_main_serves_in_the_foreground_until_a_signal(sig: signal.Signals) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    code = "import sys; from oruel_client.mock.server import main; sys.exit(main(sys.argv[1:]))"
    with subprocess.Popen(
        [sys.executable, "-c", code, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1/inference")
        assert ping(url) == 200
        process.send_signal(sig)
        assert process.wait(10) == 0
        assert "Traceback" not in process.stderr.read()


def test_main_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    from oruel_client.mock.server import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["--port", str(busy.getsockname()[1])]) == 1
    assert "cannot listen" in capsys.readouterr().err
