"""A batch result and the run's counters, in the OpenAI Batch API output format."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BatchResult", "BatchStats", "DEFAULT_CONCURRENCY"]

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
            else {"status_code": self.status_code, "request_id": self.request_id, "body": self.body}
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
