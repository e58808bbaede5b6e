"""The ``oruel`` command line: chat, complete, embed, models, images generate, speech, batch, mock.

``main`` is the entry point of the ``oruel`` console script and of ``python -m oruel_client.cli``.
The package, by concern:

* ``parser``: the argument tree, the top-level help (environment, exit codes), the options every command shares;
* ``flags``: the request-body flags, derived from the spec (no field is named in the CLI);
* ``context``: what a handler gets besides its arguments; opening the client, reading the prompt;
* ``output``: stdout/stderr, key redaction, and the exit code of each error;
* ``notices``: the stderr lines about retries and connection failures;
* one module per command group: ``chat`` (chat, complete), ``embed``, ``models``, ``images``, ``speech``,
  ``batch`` (its engine is ``oruel_client.batch``), ``mock``.

Only what ``oruel --help`` needs is imported up front: the client, httpx and the batch engine are imported by
the command that uses them.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from .context import Context
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
    run,
)
from .parser import EPILOG, build_parser

__all__ = [
    "main",
    "build_parser",
    "EPILOG",
    "EXIT_OK",
    "EXIT_FAILURE",
    "EXIT_USAGE",
    "EXIT_VALIDATION",
    "EXIT_API",
    "EXIT_CONNECTION",
    "EXIT_NO_KEY",
    "EXIT_PARTIAL",
    "EXIT_INTERRUPTED",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``oruel`` console script and of ``python -m oruel_client.cli``."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        ctx = Context(parser=args.leaf_parser, flags=list(args.body_flags))
        return run(args, ctx)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`oruel chat ... | head`): stop quietly, and keep Python's own flush at exit from
        # failing again on the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
