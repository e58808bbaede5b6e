"""A hostile server for batch tests: each request names its line with a token in its text (``zq<n>zq``), and
the server answers that line's scripted answers in turn (the last one again once they run out): any status,
any bytes, a dropped connection, a body cut short. Runs on ``tests.rawhttp.RawServer`` (a real socket on
127.0.0.1), so the client reads real bytes off the wire.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response

from .conftest import chat_line

_TOKEN = re.compile(rb"zq(\d+)zq")


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    action: str = "respond"  # respond | drop (close, no answer) | cut (a body shorter than announced)
    delay: float = 0.0

    @property
    def answered(self) -> bool:
        return self.action == "respond"


def completion(text: str = "ok", total_tokens: int = 12) -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 2, "completion_tokens": total_tokens - 2, "total_tokens": total_tokens},
        }
    ).encode()


OK = Answer(200, completion(), (("content-type", "application/json"),))


def token_line(n: int, custom_id: str | None = None, text: str = "", **body: Any) -> dict[str, Any]:
    """A valid chat line whose requests the server knows as line ``n``."""
    return chat_line(custom_id if custom_id is not None else f"id{n}", f"zq{n}zq {text}", **body)


@dataclass
class Hostile:
    """The handler: ``script`` maps a token to its answers; ``log`` records (token, attempt, arrival time)."""

    script: dict[int, list[Answer]] = field(default_factory=dict)
    log: list[tuple[int | None, int, float]] = field(default_factory=list)
    attempts: Counter[int | None] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self, script: dict[int, list[Answer]]) -> None:
        with self.lock:
            self.script = script
            self.log.clear()
            self.attempts.clear()

    def sent(self) -> Counter[int | None]:
        """How many requests each token got since the last reset."""
        with self.lock:
            return Counter(token for token, _, _ in self.log)

    def __call__(self, request: RecordedRequest, conn: Conn) -> None:
        found = _TOKEN.search(request.body)
        token = int(found.group(1)) if found else None
        with self.lock:
            attempt = self.attempts[token]
            self.attempts[token] += 1
            self.log.append((token, attempt, time.monotonic()))
            answers = self.script.get(token, [OK]) if token is not None else [OK]
        answer = answers[min(attempt, len(answers) - 1)]
        if answer.delay:
            time.sleep(answer.delay)
        if answer.action == "drop":
            conn.drop()
            return
        response = http_response(answer.status, answer.body, dict(answer.headers))
        if answer.action == "cut":
            head, _, body = response.partition(b"\r\n\r\n")
            head = head.replace(f"content-length: {len(answer.body)}".encode(), b"content-length: 999999")
            conn.send(head + b"\r\n\r\n" + body)
            conn.drop()
            return
        conn.send(response)


def serve() -> tuple[RawServer, Hostile]:
    hostile = Hostile()
    return RawServer(handler=hostile), hostile
