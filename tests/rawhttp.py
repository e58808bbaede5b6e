"""A real HTTP/1.1 server on 127.0.0.1 for tests that need exact bytes on the wire.

Each accepted request is parsed (request line, headers, Content-Length body), recorded, and handed to a
scripted handler that writes raw bytes to the socket: it can split a response into arbitrary chunks, pause
between them, or drop the connection, which no mocked transport can do.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body)


class Conn:
    """The handler's side of one connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send_chunks(self, pieces: Iterable[bytes], delay: float = 0.0) -> None:
        for piece in pieces:
            self.sock.sendall(piece)
            if delay:
                time.sleep(delay)

    def drop(self) -> None:
        """Close abruptly (RST), as a crashed upstream would."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        self.sock.close()


Handler = Callable[[RecordedRequest, Conn], None]


def http_response(
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    reason: str = "X",
) -> bytes:
    """A complete response with Content-Length, as bytes."""
    head = [f"HTTP/1.1 {status} {reason}"]
    hdrs = {"content-length": str(len(body)), "connection": "close"}
    hdrs.update({k.lower(): v for k, v in (headers or {}).items()})
    head += [f"{k}: {v}" for k, v in hdrs.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def json_response(status: int, obj: Any, headers: dict[str, str] | None = None) -> bytes:
    return http_response(status, json.dumps(obj).encode(), {"content-type": "application/json", **(headers or {})})


def sse_head(status: int = 200, headers: dict[str, str] | None = None) -> bytes:
    """Response head for a stream whose end is marked by closing the connection."""
    hdrs = {"content-type": "text/event-stream", "connection": "close", **(headers or {})}
    return (f"HTTP/1.1 {status} OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items()) + "\r\n").encode()


@dataclass
class RawServer:
    """Serve ``handler`` (or a script of handlers, one per request) until closed."""

    handler: Handler | None = None
    script: list[Handler] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _next_handler(self) -> Handler:
        with self._lock:
            if self.script:
                return self.script.pop(0)
        if self.handler is None:
            raise AssertionError("RawServer: more requests than scripted handlers")
        return self.handler

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(sock,), daemon=True).start()

    def _handle(self, sock: socket.socket) -> None:
        sock.settimeout(10)
        try:
            buf = b""
            while b"\r\n\r\n" not in buf:
                data = sock.recv(65536)
                if not data:
                    return
                buf += data
            head, _, rest = buf.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
            length = int(headers.get("content-length", "0"))
            while len(rest) < length:
                data = sock.recv(65536)
                if not data:
                    break
                rest += data
            req = RecordedRequest(method, path, headers, rest[:length], time.monotonic())
            with self._lock:
                self.requests.append(req)
            self._next_handler()(req, Conn(sock))
        except (OSError, AssertionError):
            pass
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=2)

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
