"""A hostile HTTP server for tests, run in its own process: `python -m tests.hostile_server` prints its port.

Each path is one kind of abuse a client must survive with bounded memory and a typed error:

* ``/gzip-bomb`` and ``/gzip-bomb-500``: about 1 MB on the wire that inflates to 1 GiB (200 or 500).
* ``/long-line``: an SSE response whose first line never ends (100 MB of ``a``).
* ``/comment-flood``: 200 MB of ``: keepalive`` comment lines with no blank line between them.
* ``/deep``: a 200 JSON body nested 10,000 arrays deep; ``/deep-500`` the same as an error body.
* ``/done-then-hang``: a keep-alive chunked stream of two chat chunks and ``data: [DONE]``, after which the
  body stays open (no last chunk) for ten minutes; ``/done-partial-end`` sends the first bytes of the last
  chunk, then hangs the same way; ``/done-then-more`` sends a comment after [DONE], then hangs.

It runs in another process so that the client's memory is measured alone, and so that its writes really
block on a socket buffer the way a remote server's do.
"""

from __future__ import annotations

import json
import socket
import socketserver
import sys
import time
import zlib
from functools import cache

INFLATED = 1024 * 1024 * 1024
CHAT_CHUNKS = [
    {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": reason}],
    }
    for text, reason in (("Hello", None), (" world", "stop"))
]
STREAMED = {
    "/long-line": (b"data: ", b"a", 100 * 1024 * 1024),
    "/comment-flood": (b"", b": keepalive\n", 200 * 1024 * 1024),
}


@cache
def gzip_bomb() -> bytes:
    """1 GiB of spaces (valid JSON whitespace) in a gzip stream, made once per process."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    parts = [comp.compress(block) for _ in range(INFLATED // len(block))]
    parts.append(comp.flush())
    return b"".join(parts)


def head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} X", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        buf = b""
        while b"\r\n\r\n" not in buf:
            got = sock.recv(65536)
            if not got:
                return
            buf += got
        # Read the whole request body: closing a socket with unread input sends a reset, which can destroy
        # the answer before the client has read it.
        head_end = buf.index(b"\r\n\r\n") + 4
        length = next(
            (
                int(line.split(b":")[1])
                for line in buf[:head_end].lower().split(b"\r\n")
                if line.startswith(b"content-length:")
            ),
            0,
        )
        while len(buf) < head_end + length:
            got = sock.recv(65536)
            if not got:
                return
            buf += got
        # The first path segment names the abuse, so a client's base URL can point at it.
        path = "/" + buf.split(b" ", 2)[1].decode().split("/")[1]
        try:
            self.respond(sock, path)
        except OSError:
            pass  # the client gave up, as it should

    def respond(self, sock: socket.socket, path: str) -> None:
        if path in ("/gzip-bomb", "/gzip-bomb-500"):
            body = gzip_bomb()
            status = 500 if path.endswith("500") else 200
            hdrs = {"content-type": "application/json", "content-encoding": "gzip", "content-length": str(len(body))}
            sock.sendall(head(status, {**hdrs, "connection": "close"}) + body)
        elif path in ("/deep", "/deep-500"):
            body = b"[" * 10_000 + b"]" * 10_000
            status = 500 if path.endswith("500") else 200
            hdrs = {"content-type": "application/json", "content-length": str(len(body)), "connection": "close"}
            sock.sendall(head(status, hdrs) + body)
        elif path in ("/done-then-hang", "/done-partial-end", "/done-then-more"):
            events = [*(b"data: " + json.dumps(c).encode() + b"\n\n" for c in CHAT_CHUNKS), b"data: [DONE]\n\n"]
            body = b"".join(b"%x\r\n%s\r\n" % (len(e), e) for e in events)
            if path == "/done-partial-end":
                body += b"0\r\n"
            elif path == "/done-then-more":
                body += b"8\r\n: more\n\n\r\n"
            sock.sendall(head(200, {"content-type": "text/event-stream", "transfer-encoding": "chunked"}) + body)
            time.sleep(600)  # the body stays open: a client that waits for its end hangs until its read timeout
        elif path in STREAMED:
            prefix, unit, total = STREAMED[path]
            sock.sendall(head(200, {"content-type": "text/event-stream", "connection": "close"}) + prefix)
            piece = unit * (65536 // len(unit))
            for _ in range(total // len(piece)):
                sock.sendall(piece)
        else:
            sock.sendall(head(404, {"content-length": "0", "connection": "close"}))


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main() -> None:
    gzip_bomb()  # before the port is announced, so no request waits for it
    with Server(("127.0.0.1", 0), Handler) as server:
        print(server.server_address[1], flush=True)
        sys.stdout.close()
        server.serve_forever()


if __name__ == "__main__":
    main()
