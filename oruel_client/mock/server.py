"""Run the local Oru-el-compatible server with uvicorn, in a background thread or a child process.

    with MockServer() as server:              # port 0: a free port is picked
        client = Oruel(api_key="oruel_" + "0" * 48, base_url=server.url)

``spec=`` (a file path, a parsed document or a ``Spec``) serves that spec instead of the embedded one; a spec
the server cannot use raises ``SpecError`` (a ``ValueError``) from the constructor, before anything listens.

``subprocess=True`` runs it in a child Python process, so that a benchmark's client does not share the GIL
with the server. ``main(argv)`` serves in the foreground (``oruel mock``) until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess as _subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, Self

from .app import MockApp, RecordedRequest
from .ratelimit import parse_rate
from .spec import Spec, embedded_spec
from .traffic import TRAFFIC_PATH, Traffic

if TYPE_CHECKING:
    import uvicorn

__all__ = ["MockServer", "main"]

_START_TIMEOUT = 20.0
# A stream still open at shutdown (a slow-stream fault, say) gets this long before it is cut.
_GRACEFUL_SHUTDOWN = 1


class MockServer:
    """The mock server on ``host:port`` (``port=0`` picks a free port). ``url`` is the base URL, ending in
    the spec's base path (``/v1/inference``). Start with ``start()`` or ``with``; ``stop()`` is idempotent.

    In thread mode (the default) ``app`` is the running ``MockApp``, so a test can read ``app.requests`` or
    call ``app.reset()``; in subprocess mode ``app`` is None.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        validate: bool = True,
        subprocess: bool = False,
        log_level: str = "warning",
        rate_limit: str | float | None = None,
        spec: str | os.PathLike[str] | Mapping[str, Any] | Spec | None = None,
    ) -> None:
        if rate_limit is not None:
            parse_rate(rate_limit)  # a bad value fails here, not in the server thread or process
        # A bad spec fails here too, with one line naming the JSON pointer (SpecError).
        self.spec = embedded_spec() if spec is None else spec if isinstance(spec, Spec) else Spec.load(spec)
        self.rate_limit = rate_limit
        self.host = host
        self.port = port
        self.validate = validate
        self.subprocess = subprocess
        self.log_level = log_level
        self.app: MockApp | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._process: _subprocess.Popen[str] | None = None
        self._spec_file: str | None = None  # a parsed spec written out for a child process
        self._url: str | None = None

    @property
    def url(self) -> str:
        if self._url is None:
            raise RuntimeError("MockServer is not started")
        return self._url

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests the server received, oldest first (thread mode only)."""
        if self.app is None:
            raise RuntimeError("requests are recorded only by a started MockServer in thread mode")
        return self.app.requests

    def traffic(self) -> Traffic:
        """What the server received so far (arrival times, 429s; see traffic.py), in either mode."""
        return Traffic.from_json(self._traffic_call("GET"))

    def reset_traffic(self) -> None:
        """Start the traffic counts again."""
        self._traffic_call("POST")

    def _traffic_call(self, method: str) -> dict[str, Any]:
        import httpx

        root = self.url[: len(self.url) - len(self.spec.base_path)] if self.spec.base_path else self.url
        response = httpx.request(method, root.rstrip("/") + TRAFFIC_PATH, timeout=10.0)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def start(self) -> Self:
        if self._url is None:
            if self.subprocess:
                self._start_process()
            else:
                self._start_thread()
        return self

    def stop(self) -> None:
        if self.app is not None:
            self.app.shutdown()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(_GRACEFUL_SHUTDOWN + 5)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(5)
        if self._socket is not None:
            self._socket.close()
        if self._process is not None:
            _stop_process(self._process)
        if self._spec_file is not None:
            os.unlink(self._spec_file)
            self._spec_file = None
        self._server = self._thread = self._socket = self._process = None
        self._url = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"MockServer(url={self._url!r}, validate={self.validate}, subprocess={self.subprocess})"

    def _start_thread(self) -> None:
        import uvicorn

        # Binding here, not in uvicorn, gives the real port before the server runs (port 0 included).
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto must be IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY on accepted sockets only
        # then, and without it every response waits ~40 ms for a delayed ACK between headers and body.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        self.app = MockApp(validate=self.validate, rate_limit=self.rate_limit, spec=self.spec)
        config = uvicorn.Config(
            self.app,
            log_level=self.log_level,
            access_log=False,
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="oruel-mock", daemon=True)
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.started:
            thread.join(0.01)
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                sock.close()
                raise RuntimeError("the mock server failed to start (see the log above)")
        self._server, self._thread, self._socket = server, thread, sock
        self._url = _base_url(self.host, sock.getsockname()[1], self.spec.base_path)

    def _spec_path(self) -> str:
        if self.spec.source != "<spec>" and os.path.isfile(self.spec.source):
            return self.spec.source
        # A spec given as data reaches the child as a JSON file, removed by stop().
        handle, self._spec_file = tempfile.mkstemp(prefix="oruel-mock-spec-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.spec.document, out)
        return self._spec_file

    def _start_process(self) -> None:
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        argv = ["--host", self.host, "--port", str(self.port), "--log-level", self.log_level]
        if not self.validate:
            argv.append("--no-validate")
        if self.rate_limit is not None:
            argv += ["--rate-limit", str(self.rate_limit)]
        if not self.spec.embedded:
            argv += ["--spec", self._spec_path()]
        code = "import sys; from oruel_client.mock.server import main; sys.exit(main(sys.argv[1:]))"
        process = _subprocess.Popen([sys.executable, "-c", code, *argv], stdout=_subprocess.PIPE, text=True, env=env)
        # The child prints its URL once it listens; read it on a thread to bound the wait.
        line: list[str] = []
        stdout = process.stdout
        assert stdout is not None
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(_START_TIMEOUT)
        if not line or not line[0].startswith("http"):
            _stop_process(process)
            raise RuntimeError("the mock server process failed to start (see its output above)")
        self._process = process
        self._url = line[0].strip()


def _base_url(host: str, port: int, base_path: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{base_path}"


def _stop_process(process: _subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()  # SIGTERM: main() shuts uvicorn down cleanly
        try:
            process.wait(10)
        except _subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve in the foreground, print the base URL on stdout, stop on Ctrl-C or SIGTERM. Returns 0."""
    parser = argparse.ArgumentParser(prog="oruel mock", description="Run a local Oru-el-compatible server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port (default 8000)")
    parser.add_argument("--no-validate", action="store_true", help="skip openapi-core request validation")
    parser.add_argument(
        "--rate-limit", metavar="N/s", help="per-key request rate past which the server answers 429 (e.g. 50/s)"
    )
    parser.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument(
        "--spec", metavar="FILE", help="serve this OpenAPI document (YAML or JSON), not the embedded one"
    )
    args = parser.parse_args(argv)

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, request_stop)
    try:
        try:
            server = MockServer(
                args.host,
                args.port,
                validate=not args.no_validate,
                log_level=args.log_level,
                rate_limit=args.rate_limit,
                spec=args.spec,
            )
        except ValueError as exc:  # SpecError included: one line naming the JSON pointer
            print(f"oruel mock: {exc}", file=sys.stderr)
            return 2
        try:
            server.start()
        except OSError as exc:
            print(f"oruel mock: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
            return 1
        with server:
            print(server.url, flush=True)
            print("Oru-el mock server running; press Ctrl-C to stop.", file=sys.stderr, flush=True)
            # A timed wait, so that a signal handler's set() is noticed even where waits are not interrupted.
            while not stop.wait(0.5):
                pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
