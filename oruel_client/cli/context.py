"""What a command gets besides its parsed arguments, and the two things most commands do with it: open a
client (on the one ``Oruel`` stack, with a stderr line per retry) and read the text to send."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from .flags import BodyFlag
from .notices import RetryNotices
from .output import NoKeyError, err

if TYPE_CHECKING:
    from .._client import Oruel

__all__ = ["Context", "Handler", "open_client", "read_text"]


@dataclass
class Context:
    """What a command needs besides its parsed arguments."""

    parser: argparse.ArgumentParser  # the command's own parser, for its usage line
    flags: list[BodyFlag] = field(default_factory=list)  # the spec-derived body flags of the command
    key: str | None = None  # set once known, so that errors can redact it
    retries: RetryNotices | None = None

    def usage_error(self, message: str) -> NoReturn:
        self.parser.error(message)


Handler: TypeAlias = Callable[[argparse.Namespace, Context], int]


def open_client(args: argparse.Namespace, ctx: Context) -> Oruel:
    """The client the connection options describe; raises ``NoKeyError`` when no key was given."""
    from .._client import Oruel
    from .._exceptions import OruelError, OruelValidationError

    key = args.api_key if args.api_key is not None else os.environ.get("ORUEL_API_KEY")
    ctx.key = key or None
    if not key:
        raise NoKeyError
    options: dict[str, Any] = {"api_key": key, "validate": not args.no_validate}
    if args.base_url:
        options["base_url"] = args.base_url
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    if args.headers:
        options["default_headers"] = dict(args.headers)
    try:
        client = Oruel(**options)
    except OruelError as exc:
        if "api key" in str(exc).lower() and not isinstance(exc, OruelValidationError):  # a bad key is not no key
            raise NoKeyError from exc
        raise
    ctx.retries = RetryNotices(client.max_retries + 1, err).install()
    return client


def read_text(ctx: Context, given: str | None, what: str) -> str:
    """The positional text, or stdin when it is ``-`` or absent and stdin is not a terminal."""
    if given is not None and given != "-":
        if not given:
            ctx.usage_error(f"the {what} is empty")
        return given
    if given is None and (sys.stdin is None or sys.stdin.isatty()):
        ctx.usage_error(f"no {what}: give it as an argument, or pipe it on stdin")
    text = sys.stdin.read()
    text = text[:-1] if text.endswith("\n") else text
    if not text:
        ctx.usage_error(f"no {what}: stdin was empty")
    return text
