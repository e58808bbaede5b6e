"""A client's life after close() and across os.fork().

A closed client raises an OruelError that says so (httpx's bare RuntimeError before), sync and async, plain
and streaming, and sends nothing. A forked child must not write on the parent's keep-alive connections: the
test runs a real server in another process that reports the client port of every request it serves.
"""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from oruel_client import AsyncOruel, Oruel, OruelError

KEY = "oruel_" + "c0ffee" * 8
MSG = [{"role": "user", "content": "hi"}]
CLOSED = "the client is closed"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.create_server(("127.0.0.1", 0))
    sock.setblocking(False)
    try:
        yield sock
    finally:
        sock.close()


def url_of(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


def assert_closed_error(exc: BaseException, sock: socket.socket) -> None:
    assert type(exc) is OruelError and CLOSED in str(exc)
    with pytest.raises(BlockingIOError):
        sock.accept()


@pytest.mark.parametrize("stream", [False, True])
def test_call_on_a_closed_client_says_so(listener: socket.socket, stream: bool) -> None:
    client = Oruel(api_key=KEY, base_url=url_of(listener), timeout=1.0, max_retries=0)
    copy = client.with_options(max_retries=1)
    client.close()
    for c in (client, copy):
        with pytest.raises(OruelError) as info:
            c.chat.completions.create(model="m", messages=MSG, stream=stream)  # type: ignore[call-overload]
        assert_closed_error(info.value, listener)
    with pytest.raises(OruelError) as info:
        client.models.list()
    assert_closed_error(info.value, listener)


@pytest.mark.parametrize("stream", [False, True])
async def test_call_on_a_closed_async_client_says_so(listener: socket.socket, stream: bool) -> None:
    async with AsyncOruel(api_key=KEY, base_url=url_of(listener), timeout=1.0, max_retries=0) as client:
        pass
    with pytest.raises(OruelError) as info:
        await client.chat.completions.create(model="m", messages=MSG, stream=stream)  # type: ignore[call-overload]
    assert_closed_error(info.value, listener)


def test_a_closed_user_http_client_is_reported_the_same_way(listener: socket.socket) -> None:
    http = httpx.Client()
    client = Oruel(api_key=KEY, base_url=url_of(listener), http_client=http, max_retries=0)
    http.close()
    with pytest.raises(OruelError) as info:
        client.models.list()
    assert_closed_error(info.value, listener)


# ------------------------------------------------------------------------------------------------------ fork

# Keep-alive HTTP/1.1 server in its own process: prints its port, then the client port of every request.
SERVER = r"""
import socket, sys, threading

BODY = b'{"object": "list", "data": []}'
HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(BODY)

def serve(conn, peer_port):
    buf = b""
    with conn:
        while True:
            while b"\r\n\r\n" not in buf:
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
            _, _, buf = buf.partition(b"\r\n\r\n")  # GET requests: no body
            print(peer_port, flush=True)
            conn.sendall(HEAD + BODY)

srv = socket.create_server(("127.0.0.1", 0))
print(srv.getsockname()[1], flush=True)
while True:
    conn, addr = srv.accept()
    threading.Thread(target=serve, args=(conn, addr[1]), daemon=True).start()
"""


class ServerProcess:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.next_line()}"

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def next_line(self) -> str:
        return self.lines.get(timeout=10)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def server() -> Iterator[ServerProcess]:
    srv = ServerProcess()
    try:
        yield srv
    finally:
        srv.close()


def run_in_child(child: Callable[[], bool]) -> int:
    """Fork; the child runs ``child`` and exits 0 if it returned True; the parent waits at most 20 s."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if child() else 3
        except BaseException:  # noqa: BLE001 (any failure is the exit code; never return into pytest)
            code = 2
        finally:
            os._exit(code)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the forked child hung")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_forked_child_opens_its_own_connection(server: ServerProcess) -> None:
    client = Oruel(api_key=KEY, base_url=server.url, timeout=5.0, max_retries=0)
    copy = client.with_options(max_retries=0)  # shares the pool: must share the child's new one too
    client.models.list()
    parent_port = server.next_line()
    copy.models.list()
    assert server.next_line() == parent_port  # keep-alive: one connection so far

    def child() -> bool:
        client.models.list()
        copy.models.list()
        return True

    assert run_in_child(child) == 0
    child_ports = [server.next_line(), server.next_line()]
    assert parent_port not in child_ports
    assert child_ports[0] == child_ports[1]  # the copy shares the child's new pool

    client.models.list()  # the parent's connection was left alone
    assert server.next_line() == parent_port
    client.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_fork_inside_a_forked_child_gets_its_own_pool_again(server: ServerProcess) -> None:
    client = Oruel(api_key=KEY, base_url=server.url, timeout=5.0, max_retries=0)
    client.models.list()
    parent_port = server.next_line()

    def grandchild() -> bool:
        client.models.list()
        return True

    def child() -> bool:
        client.models.list()
        ok = run_in_child(grandchild) == 0
        client.models.list()  # the child's own connection, left alone by the grandchild
        return ok

    assert run_in_child(child) == 0
    child_port, grandchild_port, child_again = server.next_line(), server.next_line(), server.next_line()
    assert child_port != parent_port
    assert grandchild_port not in (parent_port, child_port)
    assert child_again == child_port
    client.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_user_http_client_is_left_to_the_user_across_fork(server: ServerProcess) -> None:
    http = httpx.Client(timeout=5.0)
    client = Oruel(api_key=KEY, base_url=server.url, http_client=http, max_retries=0)
    client.models.list()
    server.next_line()
    assert run_in_child(lambda: client._http.http_client is http) == 0
    http.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_forked_child_async_client_gets_a_new_pool(server: ServerProcess) -> None:
    client = AsyncOruel(api_key=KEY, base_url=server.url, timeout=5.0, max_retries=0)
    before = client._http.http_client

    def child() -> bool:
        asyncio.run(client.models.list())
        return client._http.http_client is not before

    assert run_in_child(child) == 0
    server.next_line()
    assert client._http.http_client is before
