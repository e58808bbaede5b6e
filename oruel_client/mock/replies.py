"""What an answer is, before it is written: a whole ``Reply``, an ``EventStream`` of SSE frames, or an
``ApiError`` in the error envelope. Plain data, no I/O: ``asgi.py`` writes them, ``faults.py`` bends them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ApiError", "EventStream", "Reply", "Request", "error_envelope", "json_bytes"]


def error_envelope(message: str, type_: str, code: str | None = None, param: str | None = None) -> bytes:
    return json.dumps({"error": {"message": message, "type": type_, "code": code, "param": param}}).encode()


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class EventStream:
    """A 200 ``text/event-stream``. ``batch``: written many events per socket write (bench streams)."""

    events: list[bytes]
    headers: list[tuple[str, str]] = field(default_factory=list)
    batch: bool = False


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs a microsecond per request
class Request:
    """What an answer builder sees: the parsed body (JSON; a dict of fields and ``FilePart``s for a form; None
    for operations without one), the headers (lower-case names), the raw query and the path parameters."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: Any
    query: bytes = b""
    params: Mapping[str, str] = field(default_factory=dict)  # the path's template values


class ApiError(Exception):
    """An answer in the error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        type_: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_
        self.code = code
        self.param = param
        self.headers = list(headers)

    def reply(self) -> Reply:
        body = error_envelope(self.message, self.type, self.code, self.param)
        return Reply(self.status, body, "application/json", self.headers)
