"""``oruel speech``: a text spoken, the audio written to ``-o FILE`` (in the format its extension names) or
to stdout."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .context import Context, open_client, read_text
from .flags import body_values
from .output import EXIT_OK, err, out
from .parser import NO_DEFAULT_MODEL, add_extra_body, command

if TYPE_CHECKING:
    from .parser import Subparsers

__all__ = ["register"]


def _speech_format(ctx: Context, output: str | None, given: Any) -> str | None:
    """The audio format to ask for: ``--format`` if given, else the one the output file's extension names.

    The formats are the spec's ``response_format`` enum, each also a file extension (``hi.wav`` -> ``wav``).
    A file whose extension names another format than ``--format`` is refused, so that the bytes written
    always match the name.
    """
    from pathlib import Path  # not imported above: `oruel --help` does not need it

    formats = next((f.choices for f in ctx.flags if f.name == "response_format" and f.choices), ())
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    if not suffix or not formats:
        return None if given is None else str(given)
    by_suffix = {f".{fmt}".lower(): str(fmt) for fmt in formats}
    implied = by_suffix.get(suffix)
    if given is None:
        if implied is None:
            ctx.usage_error(
                f"cannot tell the audio format from {output!r}: name the file "
                f"{', '.join('*' + s for s in by_suffix)}, or pass --format"
            )
        return implied
    if implied is not None and given in formats and given != implied:
        ctx.usage_error(f"--format {given} does not match the file name {output!r} ({implied})")
    return str(given)


def _cmd_speech(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    text = read_text(ctx, args.text, "text")
    if args.output is None and sys.stdout.isatty():
        ctx.usage_error("refusing to write audio to a terminal: give -o FILE, or redirect stdout")
    fields = body_values(args, ctx.flags)
    audio_format = _speech_format(ctx, args.output, fields.get("response_format"))
    if audio_format is not None:
        fields["response_format"] = audio_format
    client = open_client(args, ctx)
    with client:
        audio = client.audio.speech.create(model=args.model, input=text, extra_body=args.extra_body, **fields)
    data = audio.payload.read()
    if args.output is None or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    path = Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    out(f"{path}\n")
    err(f"{len(data)} bytes written")
    return EXIT_OK


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    speech = command(
        sub,
        "speech",
        _cmd_speech,
        resource="audio.speech.create",
        exclude=("model", "input"),
        aliases={"response_format": ["--format"]},
        connection=conn,
        help="speak a text; writes the audio to -o FILE or to stdout",
    )
    speech.add_argument("text", nargs="?", help="the text to speak; '-' or absent: read it from stdin")
    speech.add_argument("--model", required=True, help=f"speech model id (required: {NO_DEFAULT_MODEL})")
    speech.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the audio to FILE ('-': stdout); its extension (.wav, .mp3, ...) picks the format "
        "unless --format is given",
    )
    add_extra_body(speech)
    return [speech]
