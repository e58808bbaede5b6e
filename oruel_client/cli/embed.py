"""``oruel embed``: a summary line per vector, or the whole JSON response."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .context import Context, open_client, read_text
from .flags import body_values
from .output import EXIT_OK, dump, err, is_set, out, usage_line
from .parser import NO_DEFAULT_MODEL, add_extra_body, command

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["register"]


def _cmd_embed(args: argparse.Namespace, ctx: Context) -> int:
    texts: list[str] = list(args.texts) or [read_text(ctx, None, "text")]
    fields = body_values(args, ctx.flags)
    client = open_client(args, ctx)
    with client:
        resp = client.embeddings.create(
            model=args.model, input=texts[0] if len(texts) == 1 else texts, extra_body=args.extra_body, **fields
        )
    if args.json:
        out(dump(resp.to_dict()) + "\n")
    else:
        for item in sorted(resp.data, key=lambda d: d.index):
            vector = item.embedding
            if isinstance(vector, str):
                out(f"{item.index}: base64, {len(vector)} characters\n")
                continue
            head = ", ".join(f"{v:.6g}" for v in vector[:4])
            more = ", ..." if len(vector) > 4 else ""
            out(f"{item.index}: {len(vector)} dimensions [{head}{more}]\n")
    if args.show_usage and is_set(resp.usage):
        err(usage_line(resp.usage))
    return EXIT_OK


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    embed = command(
        sub,
        "embed",
        _cmd_embed,
        resource="embeddings.create",
        exclude=("model", "input"),
        connection=conn,
        help="embed texts; prints a summary per vector, or the JSON response",
    )
    embed.add_argument("texts", nargs="*", metavar="TEXT", help="texts to embed; none: read one text from stdin")
    embed.add_argument("--model", required=True, help=f"embedding model id (required: {NO_DEFAULT_MODEL})")
    embed.add_argument("--json", action="store_true", help="print the full JSON response, vectors included")
    embed.add_argument("--show-usage", action="store_true", help="print token usage to stderr")
    add_extra_body(embed)
    return [embed]
