"""``oruel batch``: registered here; the command itself (its flags and handler) is ``oruel_client.batch.command``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .context import Context
from .parser import command

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["register"]


def _cmd_batch(args: argparse.Namespace, ctx: Context) -> int:
    from ..batch.command import run_command

    return run_command(args, ctx)


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    batch = command(
        sub,
        "batch",
        _cmd_batch,
        resource=None,
        connection=conn,
        help="run a JSONL file of requests (OpenAI batch format): resumable, rate-limit aware, with progress",
    )
    from ..batch.command import add_arguments

    add_arguments(batch)
    return [batch]
