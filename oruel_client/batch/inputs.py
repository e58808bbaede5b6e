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
from .._inputs import body_error
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
    "printable",
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


def printable(text: str, limit: int = 200) -> str:
    """``text`` safe to write anywhere: lone surrogates (which UTF-8 cannot encode) as ``\\udxxx`` escapes,
    and cut to ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + "..."
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _decode_error(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 (byte {exc.start} of the line)"
    if isinstance(exc, RecursionError):
        return "not usable JSON (nested too deep)"
    return f"not valid JSON ({printable(str(exc))})"


def decode(line: int, item: object) -> dict[str, Any] | Rejected:
    """The request object of one input line, or why the line is not one. Never raises: whatever the line
    holds (any bytes, any nesting, any Unicode), the answer is a request or a Rejected."""
    if isinstance(item, Mapping):
        obj: Any = dict(item)
    elif isinstance(item, (str, bytes, bytearray)):
        try:
            # Strict UTF-8 first: json.loads would guess UTF-16/32 from the first bytes of anything else.
            text = item if isinstance(item, str) else bytes(item).decode("utf-8")
            obj = json.loads(text)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            return Rejected(line, None, INVALID_JSON, f"line {line}: {_decode_error(exc)}")
    else:
        return Rejected(
            line, None, INVALID_REQUEST, f"line {line}: expected a dict or JSON text, got {type(item).__name__}"
        )
    if not isinstance(obj, dict):
        return Rejected(line, None, INVALID_REQUEST, f"line {line}: expected a JSON object, got {type(obj).__name__}")
    custom_id = obj.get("custom_id")
    if not isinstance(custom_id, str) or not custom_id:
        return Rejected(line, None, INVALID_REQUEST, f"line {line}: custom_id must be a non-empty string")
    if not _encodable(custom_id):
        return Rejected(
            line,
            None,
            INVALID_REQUEST,
            f"line {line}: custom_id {printable(repr(custom_id))} holds a lone surrogate (not valid Unicode)",
        )
    return obj


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def prepare(line: int, obj: dict[str, Any], client: AsyncOruel) -> Prepared | Rejected:
    """Map the line's url to its operation and build the request, range checks included. Never raises."""
    custom_id: str = obj["custom_id"]

    def rejected(code: str, message: str) -> Rejected:
        return Rejected(line, custom_id, code, f"line {line}: {printable(message, 2000)}")

    unknown = sorted(repr(key) for key in obj.keys() - _KEYS)
    if unknown:
        return rejected(INVALID_REQUEST, f"unknown keys {', '.join(unknown)}; expected {sorted(_KEYS)}")
    method, url, body = obj.get("method", "POST"), obj.get("url"), obj.get("body")
    if not isinstance(method, str) or not isinstance(url, str) or not url:
        return rejected(INVALID_REQUEST, "method and url must be strings")
    try:
        found = find_operation(method, url)
    except ValueError as exc:  # urlsplit: e.g. an unclosed IPv6 bracket
        return rejected(UNKNOWN_URL, f"url {url!r} cannot be parsed ({exc})")
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
    if not _encodable(url):
        return rejected(UNKNOWN_URL, f"url {printable(repr(url))} holds a lone surrogate (not valid Unicode)")
    try:
        kwargs: dict[str, Any] = {**path_params, "body": body} if op.has_body else dict(path_params)
        options: dict[str, Any] = op.module.build_request(**kwargs, validate=client.validates)
    except OruelValidationError as exc:
        return rejected(INVALID_BODY, f"body breaks the spec: {exc}")
    except (TypeError, ValueError) as exc:  # a body the generated code cannot take at all
        return rejected(INVALID_BODY, f"body not usable: {exc}")
    except RecursionError:
        return rejected(INVALID_BODY, "body nested too deep to check")
    if "json" in options:
        # Encoded here, once: a body the encoder refuses (a lone surrogate, NaN, nesting too deep) is this
        # line's error result rather than the transport's exception, and every attempt sends these bytes.
        encoded = _encode(options["json"])
        if isinstance(encoded, str):
            return rejected(INVALID_BODY, f"body cannot be sent as JSON: {encoded}")
        options = {key: value for key, value in options.items() if key != "json"}
        options["content"] = encoded
    return Prepared(line, custom_id, options, _estimate_tokens(options))


def _encode(body: Any) -> bytes | str:
    """The body as the transport would send it (compact UTF-8 JSON), or why it cannot be sent."""
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except RecursionError:
        return "nested too deep"
    except (ValueError, TypeError):  # UnicodeEncodeError is a ValueError
        try:
            error = body_error(body)
        except RecursionError:
            error = None
        return str(error) if error is not None else "not encodable"


def _estimate_tokens(options: Mapping[str, Any]) -> int:
    """A rough, field-agnostic token estimate for --max-tokens-per-minute before the answer's usage is known:
    about four bytes of JSON per token. The real usage replaces it once the answer arrives."""
    content = options.get("content")
    return max(1, len(content) // 4) if isinstance(content, bytes) else 1
