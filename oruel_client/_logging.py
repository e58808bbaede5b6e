"""The package logger, and opt-in stderr logging through the ``ORUEL_LOG`` environment variable.

Records carry request metadata only (method, URL path, status, attempt, delay, elapsed time): never
bodies and never header values, so that the API key cannot reach a log.
"""

from __future__ import annotations

import logging
import os
import sys

__all__ = ["logger", "setup_logging"]

logger = logging.getLogger("oruel_client")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at emit time, so redirection after setup still works."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def setup_logging() -> None:
    """Send ``oruel_client`` records to stderr when ``ORUEL_LOG`` is ``debug`` or ``info``.

    Safe to call any number of times: the handler is added once; the level follows the variable.
    """
    level = _LEVELS.get(os.environ.get("ORUEL_LOG", "").strip().lower())
    if level is None:
        return
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    if logger.level != level:
        logger.setLevel(level)
