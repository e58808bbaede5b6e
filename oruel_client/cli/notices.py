"""What the ``oruel`` command says about retries and connection failures, on stderr.

Retries: the transport logs each one on the ``oruel_client`` logger at INFO, with structured ``extra`` fields
(``oruel_outcome``: the status code or the transport error's name; ``oruel_delay``; ``oruel_retry_count``).
``RetryNotices`` turns each such record into one line, e.g.
``429 rate limited; retrying in 2.0 s (attempt 2 of 3)``, and counts them, so that a final connection error
can say how many attempts were made.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from http import HTTPStatus

from .._logging import logger

__all__ = ["RetryNotices", "connection_cause", "describe_outcome"]


def describe_outcome(outcome: object) -> str:
    """In words: ``429 rate limited``, ``503 service unavailable``, ``ConnectError`` -> ``connect error``."""
    if isinstance(outcome, int):
        if outcome == HTTPStatus.TOO_MANY_REQUESTS:
            return f"{outcome} rate limited"
        try:
            return f"{outcome} {HTTPStatus(outcome).phrase.lower()}"
        except ValueError:
            return f"HTTP {outcome}"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(outcome))
    return words.lower() or "error"


class RetryNotices(logging.Handler):
    """One stderr line per retry, while installed on the package logger."""

    def __init__(self, attempts_allowed: int, write: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.attempts_allowed = attempts_allowed
        self.retries = 0
        self._write = write
        self._saved_level = logging.NOTSET

    def install(self) -> RetryNotices:
        self._saved_level = logger.level
        if logger.getEffectiveLevel() > logging.INFO:  # ORUEL_LOG=debug may already have lowered it
            logger.setLevel(logging.INFO)
        logger.addHandler(self)
        return self

    def remove(self) -> None:
        logger.removeHandler(self)
        if logger.level == logging.INFO and self._saved_level != logging.INFO:
            logger.setLevel(self._saved_level)

    def emit(self, record: logging.LogRecord) -> None:
        delay = getattr(record, "oruel_delay", None)
        count = getattr(record, "oruel_retry_count", None)
        if not isinstance(delay, int | float) or not isinstance(count, int):
            return  # not a retry record
        self.retries = max(self.retries, count)
        cause = describe_outcome(getattr(record, "oruel_outcome", ""))
        self._write(f"{cause}; retrying in {delay:.1f} s (attempt {count + 1} of {self.attempts_allowed})")


def connection_cause(exc: BaseException) -> str:
    """The cause of a connection failure in words: ``connection refused``, ``read timeout``...

    The client's own error says only "Connection error."; the socket error that caused it is at the end of the
    exception chain (httpx -> httpcore -> OSError).
    """
    seen: set[int] = set()
    node: BaseException | None = exc
    last_text = ""
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        if node is not exc and type(node).__name__.endswith("Timeout"):
            return describe_outcome(type(node).__name__)  # httpx's ReadTimeout -> "read timeout"
        if isinstance(node, OSError) and node.strerror:
            return node.strerror.lower()
        if node is not exc and str(node):
            last_text = str(node)
        node = node.__cause__ or node.__context__
    return (last_text or str(exc) or type(exc).__name__).rstrip(".").lower()
