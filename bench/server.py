"""A small, fast HTTP/1.1 server for the benchmarks, meant to run in its own process.

``python -m bench.server`` binds 127.0.0.1 on a free port, prints ``PORT <n>`` on stdout and serves until its
stdin is closed (the parent exits or closes the pipe), it receives SIGTERM/SIGINT, or ``--max-seconds``
pass. Every answer is built once and cached as the complete response bytes, so per request the server only
finds the end of the headers, reads the body and writes a prebuilt buffer: with the client in another process
the figures measure the clients, not this server.

Routes (POST, JSON bodies, keep-alive; a ``Content-Length`` request body is required):

* ``/v1/inference/chat/completions`` (and ``/v1/chat/completions``, where the together SDK sends it when its
  base URL is the server root): a ``chat.completion``; with ``"stream": true`` in the body, a
  ``text/event-stream`` of ``chat.completion.chunk`` events, one SSE event per HTTP chunk of a chunked
  body, ``usage`` and ``finish_reason`` on the last content chunk, then ``data: [DONE]``. The number of
  chunks comes from the ``x-bench-chunks`` header, else from a model named ``bench-sse-<n>``, else 16.
* ``/v1/inference/embeddings`` (and ``/v1/embeddings``): ``<rows>`` vectors of ``<dim>`` floats, from the
  ``x-bench-embeddings: <rows>x<dim>`` header, else a model named ``bench-emb-<rows>x<dim>``, else 1024x1024.
* ``GET /_bench/stats``: connections opened and requests served per client family (from User-Agent), so the
  benchmark can see whether a client reuses its connections.

Everything is bounded: request heads (64 KiB), bodies (8 MiB), chunk counts, embedding sizes, cached
answers, open connections and the server's lifetime.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Final

__all__ = [
    "CHAT_PATHS",
    "EMBEDDING_PATHS",
    "CHUNKS_HEADER",
    "EMBEDDINGS_HEADER",
    "CREATED",
    "chat_completion",
    "chat_chunks",
    "embedding_response",
    "chunk_text",
    "expected_stream_text",
    "sse_body",
    "main",
]

HOST: Final = "127.0.0.1"
CHAT_PATHS: Final = frozenset({b"/v1/inference/chat/completions", b"/v1/chat/completions"})
EMBEDDING_PATHS: Final = frozenset({b"/v1/inference/embeddings", b"/v1/embeddings"})
STATS_PATH: Final = b"/_bench/stats"
CHUNKS_HEADER: Final = "x-bench-chunks"
EMBEDDINGS_HEADER: Final = "x-bench-embeddings"
CREATED: Final = 1_700_000_000
DEFAULT_CHUNKS: Final = 16
DEFAULT_EMBEDDINGS: Final = (1024, 1024)

MAX_HEAD: Final = 64 * 1024
MAX_BODY: Final = 8 * 1024 * 1024
MAX_CHUNKS: Final = 1_000_000
MAX_FLOATS: Final = 4 * 1024 * 1024
MAX_CACHED: Final = 64
MAX_CONNECTIONS: Final = 4096
DEFAULT_MAX_SECONDS: Final = 3600.0

_MODEL_RE: Final = re.compile(rb'"model"\s*:\s*"([^"\\]{1,200})"')
_STREAM_RE: Final = re.compile(rb'"stream"\s*:\s*true')
_SSE_MODEL_RE: Final = re.compile(r"bench-sse-(\d{1,7})")
_EMB_MODEL_RE: Final = re.compile(r"bench-emb-(\d{1,5})x(\d{1,5})")
_SIZE_RE: Final = re.compile(r"(\d{1,5})x(\d{1,5})")
_WORDS: Final = ("river", "light", "stone", "garden", "signal", "paper", "window", "orbit", "quiet", "bright")
_REPLY: Final = "Hello! This is the benchmark server answering a chat completion."


# ---------------------------------------------------------------- payloads (also used by the checks)


def chunk_text(i: int) -> str:
    """The content of chunk ``i`` of a stream."""
    return f"{_WORDS[i % len(_WORDS)]}{i} "


def expected_stream_text(n: int) -> str:
    return "".join(chunk_text(i) for i in range(n))


def chat_completion(model: str) -> dict[str, Any]:
    """A spec-valid ``ChatCompletion``."""
    prompt, completion = 12, len(_REPLY.split())
    return {
        "id": "chatcmpl-bench-0001",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": _REPLY}, "finish_reason": "stop"},
        ],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
    }


def chat_chunks(model: str, n: int) -> list[dict[str, Any]]:
    """``n`` spec-valid ``ChatCompletionChunk`` objects; the last carries finish_reason and usage."""
    chunks: list[dict[str, Any]] = []
    for i in range(n):
        delta: dict[str, Any] = (
            {"role": "assistant", "content": chunk_text(i)} if i == 0 else {"content": chunk_text(i)}
        )
        last = i == n - 1
        chunk: dict[str, Any] = {
            "id": "chatcmpl-bench-0002",
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": "stop" if last else None}],
        }
        if last:
            chunk["usage"] = {"prompt_tokens": 12, "completion_tokens": n, "total_tokens": 12 + n}
        chunks.append(chunk)
    return chunks


def _floats(rows: int, dim: int) -> list[list[float]]:
    rng = random.Random(rows * 100_003 + dim)
    return [[round(rng.uniform(-0.1, 0.1), 8) for _ in range(dim)] for _ in range(rows)]


def embedding_response(model: str, rows: int, dim: int) -> dict[str, Any]:
    """A spec-valid ``EmbeddingResponse`` of ``rows`` vectors of ``dim`` floats (deterministic values)."""
    return {
        "object": "list",
        "data": [
            {"object": "embedding", "index": i, "embedding": vector} for i, vector in enumerate(_floats(rows, dim))
        ],
        "model": model,
        "usage": {"prompt_tokens": rows, "total_tokens": rows},
    }


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def sse_body(model: str, n: int) -> bytes:
    """The whole event stream, chunked-encoded with one SSE event per HTTP chunk, ending with [DONE]."""
    parts: list[bytes] = []
    for chunk in chat_chunks(model, n):
        event = b"data: " + _dumps(chunk) + b"\n\n"
        parts.append(b"%x\r\n%s\r\n" % (len(event), event))
    done = b"data: [DONE]\n\n"
    parts.append(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
    return b"".join(parts)


# ---------------------------------------------------------------- HTTP


def _head(status: str, content_type: str, length: int | None) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"content-type: {content_type}", "x-request-id: req_bench"]
    if length is None:
        lines += ["transfer-encoding: chunked", "cache-control: no-cache"]
    else:
        lines.append(f"content-length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _json_response(status: str, value: Any) -> bytes:
    body = _dumps(value)
    return _head(status, "application/json", len(body)) + body


def _error(status: str, message: str) -> bytes:
    return _json_response(status, {"error": {"message": message, "type": "invalid_request_error"}})


def _family(user_agent: str) -> str:
    ua = user_agent.lower()
    for name in ("oruel-fn", "oruel", "openai", "together", "httpx"):  # oruel-fn's User-Agent also says oruel
        if name in ua:
            return name
    return "other"


class _State:
    def __init__(self) -> None:
        self.cache: dict[tuple[str, str, int, int], bytes] = {}
        self.connections: dict[str, int] = {}
        self.requests: dict[str, int] = {}
        self.open = 0

    def cached(self, key: tuple[str, str, int, int], build: Callable[[], bytes]) -> bytes:
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= MAX_CACHED:
                self.cache.pop(next(iter(self.cache)))
            found = self.cache[key] = build()
        return found


def _count_from(headers: dict[str, str], header: str, model: str, pattern: re.Pattern[str], default: int) -> int:
    raw = headers.get(header)
    if raw is not None and raw.isdigit():
        return int(raw)
    match = pattern.fullmatch(model)
    return int(match.group(1)) if match else default


def _size_from(headers: dict[str, str], model: str) -> tuple[int, int]:
    match = _SIZE_RE.fullmatch(headers.get(EMBEDDINGS_HEADER, "")) or _EMB_MODEL_RE.fullmatch(model)
    return (int(match.group(1)), int(match.group(2))) if match else DEFAULT_EMBEDDINGS


def respond(state: _State, method: bytes, path: bytes, headers: dict[str, str], body: bytes) -> bytes:
    """The complete response bytes for one request."""
    path = path.split(b"?", 1)[0]
    if method == b"GET" and path == STATS_PATH:
        return _json_response("200 OK", {"connections": state.connections, "requests": state.requests})
    if method != b"POST" or (path not in CHAT_PATHS and path not in EMBEDDING_PATHS):
        return _error("404 Not Found", f"no route for {method.decode()} {path.decode('latin-1')}")
    found = _MODEL_RE.search(body)
    if found is None:
        return _error("400 Bad Request", "the body has no model")
    model = found.group(1).decode()
    if path in CHAT_PATHS:
        if _STREAM_RE.search(body) is None:
            return state.cached(("chat", model, 0, 0), lambda: _json_response("200 OK", chat_completion(model)))
        n = _count_from(headers, CHUNKS_HEADER, model, _SSE_MODEL_RE, DEFAULT_CHUNKS)
        if not 1 <= n <= MAX_CHUNKS:
            return _error("400 Bad Request", f"chunk count {n} outside 1..{MAX_CHUNKS}")
        return state.cached(
            ("sse", model, n, 0), lambda: _head("200 OK", "text/event-stream", None) + sse_body(model, n)
        )
    rows, dim = _size_from(headers, model)
    if not (1 <= rows and 1 <= dim and rows * dim <= MAX_FLOATS):
        return _error("400 Bad Request", f"embedding size {rows}x{dim} outside the limit")
    return state.cached(
        ("emb", model, rows, dim), lambda: _json_response("200 OK", embedding_response(model, rows, dim))
    )


class _Connection(asyncio.Protocol):
    def __init__(self, state: _State) -> None:
        self._state = state
        self._buf = bytearray()
        self._transport: asyncio.Transport | None = None
        self._family: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._state.open += 1
        if self._state.open > MAX_CONNECTIONS:
            transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._state.open -= 1
        self._transport = None

    def data_received(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        transport = self._transport
        while transport is not None:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > MAX_HEAD:
                    self._fail(transport, "431 Request Header Fields Too Large", "request head too large")
                return
            lines = bytes(buf[:end]).split(b"\r\n")
            parts = lines[0].split(b" ")
            if len(parts) != 3:
                self._fail(transport, "400 Bad Request", "malformed request line")
                return
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, sep, value = line.partition(b":")
                if sep:
                    headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
            if "transfer-encoding" in headers:
                self._fail(transport, "411 Length Required", "send a Content-Length body")
                return
            length_text = headers.get("content-length", "0")
            if not length_text.isdigit() or int(length_text) > MAX_BODY:
                self._fail(transport, "413 Content Too Large", "bad or too large Content-Length")
                return
            length = int(length_text)
            if len(buf) < end + 4 + length:
                return
            body = bytes(buf[end + 4 : end + 4 + length])
            del buf[: end + 4 + length]
            if self._family is None:
                self._family = _family(headers.get("user-agent", ""))
                self._state.connections[self._family] = self._state.connections.get(self._family, 0) + 1
            self._state.requests[self._family] = self._state.requests.get(self._family, 0) + 1
            transport.write(respond(self._state, parts[0], parts[1], headers, body))
            if headers.get("connection", "").lower() == "close":
                transport.close()
                return

    def _fail(self, transport: asyncio.Transport, status: str, message: str) -> None:
        transport.write(_error(status, message))
        transport.close()
        self._buf.clear()


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Stop when stdin reaches EOF: the parent closed the pipe or died."""

    def run() -> None:
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except (OSError, ValueError):
            pass
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=run, name="stdin-watch", daemon=True).start()


async def serve(port: int, max_seconds: float, watch_stdin: bool) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    state = _State()
    server = await loop.create_server(lambda: _Connection(state), HOST, port, backlog=2048, reuse_address=True)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if watch_stdin:
        _watch_stdin(loop, stop)
    bound = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {bound}\n")
    sys.stdout.flush()
    try:
        await asyncio.wait_for(stop.wait(), timeout=max_seconds)
    except TimeoutError:
        pass
    server.close()
    await server.wait_closed()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0 (the default) picks a free port")
    parser.add_argument("--max-seconds", type=float, default=DEFAULT_MAX_SECONDS, help="exit after this long")
    parser.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin closes")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.port, args.max_seconds, not args.no_stdin_watch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
