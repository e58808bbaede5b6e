"""Batch input lines: decoded, checked and turned into transport request options, or rejected with a reason.

A line is the OpenAI Batch API input format: ``{"custom_id", "method", "url", "body"}``. The body is checked
against the spec by the operation's generated ``build_request`` (with the client's ``validate`` setting), exactly as a
facade call would be, so a line that breaks a documented range is rejected before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .._exceptions import OruelValidationError
from .operations import find_operation

if TYPE_CHECKING:
    from .._client import AsyncOruel

__all__ = [
    "Prepared",
    "Rejected",
    "INVALID_JSON",
    "INVALID_REQUEST",
    "UNKNOWN_URL",
    "INVALID_BODY",
    "DUPLICATE_CUSTOM_ID",
    "decode",
    "prepare",
    "read_lines",
    "count_lines",
]

# error.code of a line that was rejected before sending.
INVALID_JSON: Final = "invalid_json"
INVALID_REQUEST: Final = "invalid_request"
UNKNOWN_URL: Final = "unknown_url"
INVALID_BODY: Final = "invalid_body"
DUPLICATE_CUSTOM_ID: Final = "duplicate_custom_id"

_KEYS: Final = frozenset({"custom_id", "method", "url", "body"})


@dataclass(slots=True)
class Prepared:
    """A line ready to send: the transport's request options, and a token estimate for rate limits."""

    line: int
    custom_id: str
    options: dict[str, Any]
    estimated_tokens: int


@dataclass(slots=True)
class Rejected:
    """A line that is not sent. ``custom_id`` is None when the line has no usable one (or a duplicate one)."""

    line: int
    custom_id: str | None
    code: str
    message: str


def read_lines(path: str | Path) -> Iterator[tuple[int, bytes]]:
    """(line number from 1, raw line) for every non-blank line, streamed: the file is never held whole."""
    with open(path, "rb") as file:
        for number, raw in enumerate(file, 1):
            if raw.strip():
                yield number, raw


def count_lines(path: str | Path) -> int:
    """Non-blank lines of the file (for the progress total), read in blocks."""
    total = 0
    with open(path, "rb") as file:
        for raw in file:
            if raw.strip():
                total += 1
    return total


def decode(line: int, item: str | bytes | Mapping[str, Any]) -> dict[str, Any] | Rejected:
    """The request object of one input line, or why the line is not one."""
    if isinstance(item, Mapping):
        obj: Any = dict(item)
    else:
        try:
            obj = json.loads(item)
        except (ValueError, UnicodeDecodeError) as exc:
            return Rejected(line, None, INVALID_JSON, f"line {line}: not valid JSON ({exc})")
    if not isinstance(obj, dict):
        return Rejected(line, None, INVALID_REQUEST, f"line {line}: expected a JSON object, got {type(obj).__name__}")
    custom_id = obj.get("custom_id")
    if not isinstance(custom_id, str) or not custom_id:
        return Rejected(line, None, INVALID_REQUEST, f"line {line}: custom_id must be a non-empty string")
    return obj


def prepare(line: int, obj: dict[str, Any], client: AsyncOruel) -> Prepared | Rejected:
    """Map the line's url to its operation and build the request, range checks included."""
    custom_id: str = obj["custom_id"]

    def rejected(code: str, message: str) -> Rejected:
        return Rejected(line, custom_id, code, f"line {line}: {message}")

    unknown = sorted(obj.keys() - _KEYS)
    if unknown:
        return rejected(INVALID_REQUEST, f"unknown keys {', '.join(map(repr, unknown))}; expected {sorted(_KEYS)}")
    method, url, body = obj.get("method", "POST"), obj.get("url"), obj.get("body")
    if not isinstance(method, str) or not isinstance(url, str) or not url:
        return rejected(INVALID_REQUEST, "method and url must be strings")
    found = find_operation(method, url)
    if isinstance(found, str):
        return rejected(UNKNOWN_URL, found)
    op, path_params = found
    if op.has_body:
        if not isinstance(body, dict):
            return rejected(INVALID_REQUEST, f"body must be a JSON object for {op.method} {op.path}")
        if body.get("stream") is True:
            return rejected(INVALID_REQUEST, "stream: true is not supported in a batch (results are whole answers)")
    elif body not in (None, {}):
        return rejected(INVALID_REQUEST, f"{op.method} {op.path} takes no body")
    try:
        kwargs: dict[str, Any] = {**path_params, "body": body} if op.has_body else dict(path_params)
        options: dict[str, Any] = op.module.build_request(**kwargs, validate=client.validates)
    except OruelValidationError as exc:
        return rejected(INVALID_BODY, f"body breaks the spec: {exc}")
    except (TypeError, ValueError) as exc:  # a body the generated code cannot take at all
        return rejected(INVALID_BODY, f"body not usable: {exc}")
    return Prepared(line, custom_id, options, _estimate_tokens(options))


def _estimate_tokens(options: Mapping[str, Any]) -> int:
    """A rough, field-agnostic token estimate for --max-tokens-per-minute before the answer's usage is known:
    about four bytes of JSON per token. The real usage replaces it once the answer arrives."""
    body = options.get("json")
    return max(1, len(json.dumps(body, separators=(",", ":"))) // 4) if body is not None else 1
