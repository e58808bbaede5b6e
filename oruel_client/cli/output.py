"""What the ``oruel`` command prints, and how it ends.

Results go to stdout, errors and progress to stderr. The API key is never printed: every error message is
passed through ``redact`` before it is shown. ``run`` calls a command's handler and turns each kind of error
into its message and exit code (the table in ``oruel --help``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from .._generated.rules import BASE_URL
from .notices import connection_cause

if TYPE_CHECKING:
    from .context import Context

__all__ = [
    "PROG",
    "EXIT_OK",
    "EXIT_FAILURE",
    "EXIT_USAGE",
    "EXIT_VALIDATION",
    "EXIT_API",
    "EXIT_CONNECTION",
    "EXIT_NO_KEY",
    "EXIT_PARTIAL",
    "EXIT_INTERRUPTED",
    "NoKeyError",
    "out",
    "err",
    "redact",
    "dump",
    "usage_line",
    "is_set",
    "run",
]

PROG: Final = "oruel"

EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_VALIDATION: Final = 3
EXIT_API: Final = 4
EXIT_CONNECTION: Final = 5
EXIT_NO_KEY: Final = 6
# The command ran to its end, but not everything it checked or sent is good (batch lines failed, drift found).
EXIT_PARTIAL: Final = 7
EXIT_INTERRUPTED: Final = 130


class NoKeyError(Exception):
    """No API key was given: exit ``EXIT_NO_KEY``, before anything is sent."""


def out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def redact(text: str, key: str | None) -> str:
    if key:
        text = text.replace(key, "***")
    return text


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def usage_line(usage: Any) -> str:
    data = usage.to_dict() if hasattr(usage, "to_dict") else dict(usage)
    return "usage: " + " ".join(f"{k}={v}" for k, v in data.items())


def is_set(value: Any) -> bool:
    from ..types import Unset

    return value is not None and not isinstance(value, Unset)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """The command's exit code: its handler's, or the one its error maps to, the error shown on stderr."""
    from .._exceptions import (
        APIConnectionError,
        APIError,
        APIStatusError,
        APITimeoutError,
        OruelError,
        OruelValidationError,
    )

    handler: Callable[[argparse.Namespace, Context], int] = args.handler
    try:
        return handler(args, ctx)
    except NoKeyError:
        err(f"{PROG}: error: no API key: set the ORUEL_API_KEY environment variable or pass --api-key ")
        return EXIT_NO_KEY
    except OruelValidationError as exc:
        err(f"{PROG}: validation error: {redact(str(exc), ctx.key)}")
        err(f"nothing was sent; the documented ranges are in `{ctx.parser.prog} --help`")
        return EXIT_VALIDATION
    except APIConnectionError as exc:
        where = getattr(args, "base_url", None) or os.environ.get("ORUEL_BASE_URL") or BASE_URL
        attempts = ctx.retries.retries + 1 if ctx.retries is not None else 1
        what = "timeout" if isinstance(exc, APITimeoutError) else "connection error"
        err(
            f"{PROG}: {what}: {redact(connection_cause(exc), ctx.key)}; "
            f"{attempts} attempt{'s' if attempts != 1 else ''} made (base URL: {redact(where, ctx.key)})"
        )
        return EXIT_CONNECTION
    except APIStatusError as exc:
        request_id = f" (request id {exc.request_id})" if exc.request_id else ""
        err(f"{PROG}: API error: {redact(str(exc), ctx.key)}{request_id}")
        return EXIT_API
    except APIError as exc:
        err(f"{PROG}: API error: {redact(str(exc), ctx.key)}")
        return EXIT_API
    except OruelError as exc:
        err(f"{PROG}: error: {redact(str(exc), ctx.key)}")
        return EXIT_FAILURE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise  # main() stops quietly
        err(f"{PROG}: error: {redact(str(exc), ctx.key)}")
        return EXIT_FAILURE
    finally:
        if ctx.retries is not None:
            ctx.retries.remove()
