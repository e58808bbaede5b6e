"""The ``oruel`` argument tree: the top-level parser and its help, the options every command shares, and how
a command module registers its command.

Each command module (``chat``, ``embed``, ``models``, ``images``, ``speech``, ``batch``, ``mock``) has a
``register(sub, conn)`` that adds its parser(s) with ``command`` and its own options, and returns them.
``build_parser`` then adds the body-field flags (``--temperature``, ``--top-k``, ``--tier`` ...) last, so that
a command's own options come first in its help. Those flags are not listed anywhere in the CLI: ``flags``
derives them from the spec for each operation's request body, so a field added to ``openapi.yaml`` becomes a
flag after regeneration. Ranges are checked by the library, never by argparse, so the CLI reports exactly the
library's ``OruelValidationError``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from .._generated.rules import BASE_URL, OPERATIONS
from .flags import HelpFormatter, add_body_flags
from .output import (
    EXIT_API,
    EXIT_CONNECTION,
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_NO_KEY,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    EXIT_VALIDATION,
    PROG,
)

if TYPE_CHECKING:
    from .context import Handler

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = [
    "EPILOG",
    "NO_DEFAULT_MODEL",
    "build_parser",
    "command",
    "add_extra_body",
    "connection_options",
    "non_negative_int",
    "finish",
]

# embed, images generate and speech: the API documents no default model for them, and no model ids.
NO_DEFAULT_MODEL: Final = "the API documents no default; `oruel models` lists the ids"

EPILOG: Final = f"""\
environment:
  ORUEL_API_KEY     API key (or --api-key); never printed
  ORUEL_BASE_URL    API base URL (or --base-url; default {BASE_URL})
  ORUEL_LOG         debug|info: log request metadata to stderr (retries are always shown)

exit codes:
  {EXIT_OK}    ok
  {EXIT_FAILURE}    other failure (e.g. a file could not be written)
  {EXIT_USAGE}    usage error (bad flag or argument)
  {EXIT_VALIDATION}    validation error: a value is outside its documented range; nothing was sent
  {EXIT_API}    API error: the server answered with an error status, or reported an error mid-stream
  {EXIT_CONNECTION}    connection error or timeout: no answer from the server
  {EXIT_NO_KEY}    no API key (set ORUEL_API_KEY or pass --api-key)
  {EXIT_PARTIAL}    partly failed: some `oruel batch` lines failed, or `oruel conformance` found drift
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)

Run `oruel COMMAND --help` for the flags of a command; the request-field flags and their documented ranges
come from the API spec.
"""


# ------------------------------------------------------------------------------------------ argument types
# argparse names a type function in its message when it raises ValueError ("invalid _non_negative_int value:
# 'x'"), so these names are part of the CLI's output.


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("must be a JSON object")
    return value


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError("expected NAME:VALUE")
    return name.strip(), value.strip()


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


non_negative_int: Final = _non_negative_int


# ------------------------------------------------------------------------------------------ shared options


def connection_options() -> argparse.ArgumentParser:
    """The parent parser of every command that talks to the API: key, base URL, timeout, retries, headers."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("connection")
    group.add_argument(
        "--api-key", metavar="KEY", default=None, help="API key (default: the ORUEL_API_KEY environment variable)"
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=None,
        help=f"API base URL (default: ORUEL_BASE_URL, then {BASE_URL})",
    )
    group.add_argument("--timeout", type=_positive_float, metavar="SECONDS", help="request timeout in seconds")
    group.add_argument(
        "--max-retries", type=_non_negative_int, metavar="N", help="retries of 408/409/429/5xx and connection errors"
    )
    group.add_argument(
        "-H",
        "--header",
        dest="headers",
        type=_header,
        action="append",
        default=None,
        metavar="NAME:VALUE",
        help="an HTTP header sent with the request (repeatable)",
    )
    group.add_argument(
        "--no-validate",
        action="store_true",
        help="do not check documented ranges before sending (for a server ahead of the spec)",
    )
    return common


def add_extra_body(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extra-body",
        type=_json_object,
        metavar="JSON",
        default=None,
        help='JSON object merged over the request body, e.g. \'{"response_format": {"type": "json_object"}}\'',
    )


# ------------------------------------------------------------------------------------------ commands


def _body_schema(resource: str) -> str | None:
    """The request-body schema of the operation behind a facade method, from the generated OPERATIONS."""
    for op in OPERATIONS.values():
        if op.get("resource") == resource:
            body = op.get("body")
            return str(body) if body else None
    return None


def command(
    sub: Subparsers,
    name: str,
    handler: Handler,
    *,
    resource: str | None,
    exclude: Sequence[str] = (),
    aliases: dict[str, Sequence[str]] | None = None,
    connection: argparse.ArgumentParser | None,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """A command's parser; ``resource`` (a facade method) names the operation whose body gives its flags."""
    parents = [connection] if connection is not None else []
    parser = sub.add_parser(
        name, parents=parents, help=help, description=description or help, formatter_class=HelpFormatter
    )
    schema = _body_schema(resource) if resource else None
    parser.set_defaults(
        handler=handler, leaf_parser=parser, body_schema=schema, body_exclude=tuple(exclude), body_aliases=aliases
    )
    return parser


def finish(parser: argparse.ArgumentParser) -> None:
    """Add the spec-derived flags last, so that the command's own options come first in --help."""
    schema = parser.get_default("body_schema")
    if schema:
        flags = add_body_flags(
            parser, schema, exclude=parser.get_default("body_exclude"), aliases=parser.get_default("body_aliases")
        )
        parser.set_defaults(body_flags=flags)
    else:
        parser.set_defaults(body_flags=[])


def build_parser() -> argparse.ArgumentParser:
    # The command modules import this one (``command`` and the shared options): imported here, not above.
    from . import batch, chat, conformance, embed, images, mock, models, speech

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Command-line client of the Oru-el inference API.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    conn = connection_options()
    leaves: list[argparse.ArgumentParser] = []
    # The order of the commands in `oruel --help`.
    for group in (chat, embed, models, images, speech, batch, mock, conformance):
        leaves += group.register(sub, conn)
    for leaf in leaves:
        finish(leaf)
    return parser
