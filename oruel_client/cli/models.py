"""``oruel models``: the ids of the available models, one a line, or the JSON response."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .context import Context, open_client
from .output import EXIT_OK, dump, out
from .parser import command

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["register"]


def _cmd_models(args: argparse.Namespace, ctx: Context) -> int:
    client = open_client(args, ctx)
    with client:
        resp = client.models.list()
    if args.json:
        out(dump(resp.to_dict()) + "\n")
    else:
        for model in resp.data:
            out(model.id + "\n")
    return EXIT_OK


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    models = command(
        sub, "models", _cmd_models, resource=None, connection=conn, help="list the ids of the available models"
    )
    models.add_argument("--json", action="store_true", help="print the full JSON response")
    return [models]
