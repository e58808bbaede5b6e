"""``oruel mock``: the local Oru-el server (``oruel_client.mock``, the ``mock`` extra) in the foreground."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .context import Context
from .output import EXIT_FAILURE, PROG, err
from .parser import command, non_negative_int

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["register"]


def _cmd_mock(args: argparse.Namespace, ctx: Context) -> int:
    try:
        from ..mock.server import main as serve
    except ImportError as exc:
        err(f"{PROG}: error: the local server is not available ({exc}); install oruel-client[mock]")
        return EXIT_FAILURE
    argv: list[str] = []
    if args.host is not None:
        argv += ["--host", args.host]
    if args.port is not None:
        argv += ["--port", str(args.port)]
    if args.rate_limit is not None:
        argv += ["--rate-limit", args.rate_limit]
    if args.spec is not None:
        argv += ["--spec", args.spec]
    return serve(argv)


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    mock = command(
        sub,
        "mock",
        _cmd_mock,
        resource=None,
        connection=None,  # it serves, it does not connect
        help="run the local Oru-el server in the foreground (Ctrl-C stops it)",
    )
    mock.add_argument("--host", default=None, help="address to listen on (default: the server's, 127.0.0.1)")
    mock.add_argument("--port", type=non_negative_int, default=None, help="port to listen on (default: the server's)")
    mock.add_argument("--rate-limit", metavar="N/s", help="answer 429 with Retry-After past N requests/s per key")
    mock.add_argument(
        "--spec", metavar="FILE", help="serve this OpenAPI document (YAML or JSON) instead of the embedded spec"
    )
    return [mock]
