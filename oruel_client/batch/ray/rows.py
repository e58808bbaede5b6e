"""Dataset rows in and out: an input row becomes a batch request line, a ``BatchResult`` an Arrow-friendly row.

Output columns (one row per input row; ``SCHEMA`` gives their Arrow types):

* ``id`` (string): the result's id, as in ``oruel batch`` output;
* ``custom_id`` (string, null for a row without a usable one);
* ``status_code`` (int64, null when nothing was answered: a row rejected before sending, or no answer);
* ``request_id`` (string or null): the server's ``x-request-id``;
* ``body`` (string or null): the answer's body as JSON text; ``body_text`` / ``body_base64`` (string or null)
  hold a body that is not JSON, as ``oruel batch`` keeps it (see ``batch.results``);
* ``prompt_tokens``, ``completion_tokens`` (int64): the answer's ``usage``, 0 when absent;
* ``error`` (string or null): JSON text of ``{"code", "message"}`` (plus ``"line"`` for a row rejected before
  sending, its position in its block, from 1); ``error_code`` (string or null) is that code alone;
* ``ok`` (bool): a 2xx answer with a JSON body: what a resume skips.

A row the server never answered (connection errors past the retries) has ``error_code`` ``unanswered``
(``oruel batch`` leaves such a line for its resume; here the resume sends every row without ``ok``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any, Final

from ...api.chat.create_chat_completion import PATH_TEMPLATE as CHAT_PATH
from ..inputs import INVALID_REQUEST, printable
from ..results import BatchResult

__all__ = [
    "COLUMNS", "DEFAULT_URL", "UNANSWERED", "BodyBuilder", "build_failed", "output_row", "request_line", "schema",
    "unanswered",
]  # fmt: skip

UNANSWERED: Final = "unanswered"
# The operation a row built with build_body goes to when neither url= nor a url column says otherwise: chat
# completions, its path as the spec writes it (a batch line's url may also carry /v1 in front).
DEFAULT_URL: Final = CHAT_PATH
COLUMNS: Final = (
    "id", "custom_id", "status_code", "request_id", "body", "body_text", "body_base64",
    "prompt_tokens", "completion_tokens", "error", "error_code", "ok",
)  # fmt: skip

BodyBuilder = Callable[[dict[str, Any]], Any]


def schema() -> Any:
    """The output's Arrow schema (pyarrow comes with ray[data])."""
    pa: Any = importlib.import_module("pyarrow")  # untyped: Any at the boundary

    text, count = pa.string(), pa.int64()
    types = [text, text, count, text, text, text, text, count, count, text, text, pa.bool_()]
    return pa.schema(list(zip(COLUMNS, types, strict=True)))


def _without_nulls(value: Any) -> Any:
    """Arrow gives every row every key of a struct column, null where the row had none: drop those keys."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def request_line(row: Mapping[str, Any], build_body: BodyBuilder | None, url: str | None) -> dict[str, Any] | str:
    """The batch request of a row (checked later by the runner, as any ``oruel batch`` line), or the reason
    ``build_body`` could not make one."""
    if build_body is not None:
        try:
            body = build_body(dict(row))
        except Exception as exc:
            return printable(f"build_body raised {type(exc).__name__}: {exc}", 2000)
        line: dict[str, Any] = {"custom_id": row.get("custom_id"), "url": url or row.get("url") or DEFAULT_URL}
        line["body"] = body
        return line
    line = {key: row[key] for key in ("custom_id", "method", "url", "body") if row.get(key) is not None}
    body = line.get("body")
    if isinstance(body, (str, bytes)):  # JSON text: sent as it is written, nulls included
        try:
            line["body"] = json.loads(body)
        except (ValueError, RecursionError):
            pass  # the runner rejects a body that is not an object, with its usual message
    else:
        line["body"] = _without_nulls(body)
    if url is not None:
        line["url"] = url
    return line


def build_failed(line: int, custom_id: Any, message: str) -> BatchResult:
    custom = custom_id if isinstance(custom_id, str) and custom_id else None
    error = {"code": INVALID_REQUEST, "message": f"line {line}: {message}", "line": line}
    return BatchResult(line, custom, error=error)


def unanswered(line: int, custom_id: str | None, why: str | None) -> BatchResult:
    message = f"line {line}: no answer from the server" + (f": {why}" if why else "")
    return BatchResult(line, custom_id, error={"code": UNANSWERED, "message": printable(message, 2000)})


def _body_text(result: BatchResult) -> str | None:
    if result.status_code is None or result.body_kept:
        return None
    return json.dumps(result.body, ensure_ascii=False, allow_nan=False)


def output_row(result: BatchResult) -> dict[str, Any]:
    try:
        body = _body_text(result)
    except (ValueError, RecursionError):  # deeper than the encoder goes: kept as bytes, as oruel batch does
        result.keep_as_bytes()
        body = None
    result.raw = None
    prompt, completion = result.usage()
    error = result.error
    kept = result.body_kept
    return {
        "id": result.id,
        "custom_id": result.custom_id,
        "status_code": result.status_code,
        "request_id": result.request_id,
        "body": body,
        "body_text": kept.get("body_text"),
        "body_base64": kept.get("body_base64"),
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "error": None if error is None else json.dumps(error, ensure_ascii=False),
        "error_code": None if error is None else str(error.get("code")),
        "ok": result.ok,
    }
