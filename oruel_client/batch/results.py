"""A batch result and the run's counters, in the OpenAI Batch API output format.

An answer's body is kept losslessly in one of three forms, so that the output file is always strict JSON
lines (valid UTF-8, no NaN, no lone surrogate) whatever the server sent:

* ``response.body``: the body's JSON value, when the body is UTF-8 JSON that strict JSON can carry (null for
  an empty body);
* ``response.body_text`` (``body`` null): a UTF-8 body that is not JSON (an HTML page from a proxy);
* ``response.body_base64`` (``body`` null): anything else, as its exact bytes: not UTF-8, nested deeper than
  the JSON parser goes, or JSON holding an escaped lone surrogate (a cut emoji) or NaN.

A 2xx answer whose body is not JSON is not a success: its result also has ``error.code`` ``invalid_response``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["BatchResult", "BatchStats", "DEFAULT_CONCURRENCY", "INVALID_RESPONSE", "keep_body"]

INVALID_RESPONSE: Final = "invalid_response"
# A \uD800-\uDFFF escape: JSON that may decode to a lone surrogate, which UTF-8 (and strict JSON) cannot carry.
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _strict_json(value: Any) -> None:
    json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")


def keep_body(raw: bytes) -> tuple[Any, dict[str, str], str | None]:
    """How the output keeps a body: (``body``, extra response fields, why it is not JSON or None)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, {"body_base64": base64.b64encode(raw).decode("ascii")}, "the body is not valid UTF-8"
    if not text.strip():
        return None, {}, "the body is empty"
    try:
        body = json.loads(text, parse_constant=_no_constants)
        if _SURROGATE_ESCAPE.search(raw):
            _strict_json(body)
    except RecursionError:
        return None, {"body_base64": base64.b64encode(raw).decode("ascii")}, "the body is JSON nested too deep"
    except UnicodeEncodeError:
        reason = "the body's JSON holds an escaped lone surrogate (not valid Unicode)"
        return None, {"body_base64": base64.b64encode(raw).decode("ascii")}, reason
    except ValueError:
        return None, {"body_text": text}, "the body is not JSON"
    return body, {}, None


DEFAULT_CONCURRENCY = 32


def _result_id() -> str:
    return "batch_req_" + os.urandom(12).hex()


@dataclass(slots=True)
class BatchResult:
    """One line's outcome. ``status_code``/``request_id``/``body`` are the server's answer (any status);
    ``error`` (``code``, ``message``, ``line``) is set instead for a line rejected before sending.
    ``custom_id`` is None for a line without a usable custom_id, or a duplicate one."""

    line: int
    custom_id: str | None
    status_code: int | None = None
    request_id: str | None = None
    body: Any = None
    error: dict[str, Any] | None = None
    id: str = field(default_factory=_result_id)
    #: ``body_text`` or ``body_base64`` when the body is not JSON (see the module's docstring).
    body_kept: dict[str, str] = field(default_factory=dict)
    #: The answer's bytes, until the result is written (a body deeper than the writer goes is then kept as these).
    raw: bytes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def answer(cls, line: int, custom_id: str, status: int, request_id: str | None, raw: bytes) -> BatchResult:
        """The result of a server's answer, its body kept as the module's docstring says."""
        body, kept, problem = keep_body(raw)
        error = None
        if problem is not None and 200 <= status < 300:
            error = {"code": INVALID_RESPONSE, "message": f"a {status} answer that is not JSON: {problem}"}
        return cls(line, custom_id, status, request_id, body, error, body_kept=kept, raw=raw)

    def keep_as_bytes(self) -> None:
        """Keep the body as its exact bytes (for a JSON value that the output's writer cannot encode)."""
        raw = self.raw or b""
        self.body = None
        self.body_kept = {"body_base64": base64.b64encode(raw).decode("ascii")}
        if self.status_code is not None and 200 <= self.status_code < 300:
            self.error = {"code": INVALID_RESPONSE, "message": f"a {self.status_code} answer too deep to write as JSON"}

    @property
    def ok(self) -> bool:
        return self.error is None and self.status_code is not None and 200 <= self.status_code < 300

    def usage(self) -> tuple[int, int]:
        """(prompt tokens, completion tokens) reported in the answer's ``usage``, 0 when absent."""
        usage = self.body.get("usage") if isinstance(self.body, dict) else None
        if not isinstance(usage, dict):
            return 0, 0
        prompt, completion = usage.get("prompt_tokens"), usage.get("completion_tokens")
        return (prompt if type(prompt) is int else 0), (completion if type(completion) is int else 0)

    def to_dict(self) -> dict[str, Any]:
        response = (
            None
            if self.status_code is None
            else {"status_code": self.status_code, "request_id": self.request_id, "body": self.body, **self.body_kept}
        )
        return {"id": self.id, "custom_id": self.custom_id, "response": response, "error": self.error}


@dataclass(slots=True)
class BatchStats:
    """Counters of a run, updated as results arrive. ``total`` is the number of input lines when known."""

    total: int | None = None
    succeeded: int = 0
    failed: int = 0  # an error answer, or no answer after the retries
    invalid: int = 0  # rejected before sending
    skipped: int = 0  # already in the output (resumed)
    skipped_errors: int = 0  # of the skipped, those whose result in the output is an error
    unanswered: int = 0  # no answer after the retries (connection errors): no result, sent again on resume
    rate_limited: int = 0  # 429 answers received (each was retried or became a result)
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    concurrency: int = 0
    in_flight: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def done(self) -> int:
        """Lines with a result, the skipped ones included."""
        return self.succeeded + self.failed + self.invalid + self.skipped

    @property
    def errors(self) -> int:
        return self.failed + self.invalid

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def sent_per_second(self) -> float:
        elapsed = self.elapsed
        return (self.succeeded + self.failed) / elapsed if elapsed > 0 else 0.0
