"""The ``oruel`` command line: chat, complete, embed, models, images generate, speech, mock.

Body-field flags (``--temperature``, ``--top-k``, ``--tier`` ...) are not listed here: ``flags`` derives
them from the spec for each operation's request body, so a field added to ``openapi.yaml`` becomes a flag
after regeneration. Ranges are checked by the library, never by argparse, so the CLI reports exactly the
library's ``OruelValidationError``.

Results go to stdout, errors and progress to stderr. The API key is never printed: every error message is
passed through ``_redact`` before it is shown.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, Protocol, TypeVar

from .._generated.rules import BASE_URL, OPERATIONS
from .flags import BodyFlag, HelpFormatter, add_body_flags, body_values
from .notices import RetryNotices, connection_cause

if TYPE_CHECKING:
    from .._client import Oruel
    from .._streaming import Stream
    from ..models.params import ChatMessageParam

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_USAGE", "EXIT_VALIDATION", "EXIT_API", "EXIT_CONNECTION"]

EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_VALIDATION: Final = 3
EXIT_API: Final = 4
EXIT_CONNECTION: Final = 5
EXIT_NO_KEY: Final = 6
EXIT_INTERRUPTED: Final = 130

DEFAULT_CHAT_MODEL: Final = "llama-4-maverick"  # the model Oru-el's own docs use
# embed, images generate and speech: the API documents no default model for them, and no model ids.
_NO_DEFAULT_MODEL: Final = "the API documents no default; `oruel models` lists the ids"
_PROG: Final = "oruel"

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
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)

Run `oruel COMMAND --help` for the flags of a command; the request-field flags and their documented ranges
come from the API spec.
"""


class _Chunk(Protocol):
    @property
    def usage(self) -> Any: ...

    def to_dict(self) -> dict[str, Any]: ...


C = TypeVar("C", bound=_Chunk)


class _NoKeyError(Exception):
    pass


@dataclass
class _Context:
    """What a command needs besides its parsed arguments."""

    parser: argparse.ArgumentParser
    flags: list[BodyFlag] = field(default_factory=list)
    key: str | None = None
    retries: RetryNotices | None = None

    def usage_error(self, message: str) -> NoReturn:
        self.parser.error(message)


# ------------------------------------------------------------------------------------------ output


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def _redact(text: str, key: str | None) -> str:
    if key:
        text = text.replace(key, "***")
    return text


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _usage_line(usage: Any) -> str:
    data = usage.to_dict() if hasattr(usage, "to_dict") else dict(usage)
    return "usage: " + " ".join(f"{k}={v}" for k, v in data.items())


def _is_set(value: Any) -> bool:
    from ..types import Unset

    return value is not None and not isinstance(value, Unset)


# ------------------------------------------------------------------------------------------ client


def _client(args: argparse.Namespace, ctx: _Context) -> Oruel:
    from .._client import Oruel
    from .._exceptions import OruelError, OruelValidationError

    key = args.api_key if args.api_key is not None else os.environ.get("ORUEL_API_KEY")
    ctx.key = key or None
    if not key:
        raise _NoKeyError
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
            raise _NoKeyError from exc
        raise
    ctx.retries = RetryNotices(client.max_retries + 1, _err).install()
    return client


def _read_text(ctx: _Context, given: str | None, what: str) -> str:
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


# ------------------------------------------------------------------------------------------ streaming


def _stream_out(
    stream: Stream[C],
    *,
    as_json: bool,
    texts: Callable[[C], Iterable[str]],
    show_usage: bool,
) -> int:
    """Print a stream as it arrives: the text deltas (and a final newline), or one JSON chunk per line."""
    usage: Any = None
    try:
        with stream:
            for chunk in stream:
                if _is_set(chunk.usage):
                    usage = chunk.usage
                if as_json:
                    _out(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
                    continue
                for text in texts(chunk):
                    if text:
                        _out(text)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
        stream.close()
        if not as_json:
            _out("\n")
        raise
    except BaseException:
        if not as_json:
            _out("\n")  # end the partial line before the error goes to stderr
        raise
    if not as_json:
        _out("\n")
    if show_usage and usage is not None:
        _err(_usage_line(usage))
    return EXIT_OK


def _chat_texts(chunk: Any) -> Iterable[str]:
    for choice in chunk.choices:
        content = choice.delta.content
        if isinstance(content, str):
            yield content


def _completion_texts(chunk: Any) -> Iterable[str]:
    for choice in chunk.choices:
        if isinstance(choice.text, str):
            yield choice.text


# ------------------------------------------------------------------------------------------ commands


def _cmd_chat(args: argparse.Namespace, ctx: _Context) -> int:
    prompt = _read_text(ctx, args.prompt, "prompt")
    messages: list[ChatMessageParam] = []
    if args.system is not None:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": prompt})
    fields = body_values(args, ctx.flags)
    client = _client(args, ctx)
    with client:
        if args.stream:
            stream = client.chat.completions.create(
                model=args.model, messages=messages, stream=True, extra_body=args.extra_body, **fields
            )
            return _stream_out(stream, as_json=args.json, texts=_chat_texts, show_usage=args.show_usage)
        resp = client.chat.completions.create(
            model=args.model, messages=messages, stream=False, extra_body=args.extra_body, **fields
        )
    if args.json:
        _out(_dump(resp.to_dict()) + "\n")
    else:
        contents = [c.message.content for c in resp.choices if isinstance(c.message.content, str)]
        _out("\n".join(contents) + "\n")
    if args.show_usage and _is_set(resp.usage):
        _err(_usage_line(resp.usage))
    return EXIT_OK


def _cmd_complete(args: argparse.Namespace, ctx: _Context) -> int:
    prompt = _read_text(ctx, args.prompt, "prompt")
    fields = body_values(args, ctx.flags)
    client = _client(args, ctx)
    with client:
        if args.stream:
            stream = client.completions.create(
                model=args.model, prompt=prompt, stream=True, extra_body=args.extra_body, **fields
            )
            return _stream_out(stream, as_json=args.json, texts=_completion_texts, show_usage=args.show_usage)
        resp = client.completions.create(
            model=args.model, prompt=prompt, stream=False, extra_body=args.extra_body, **fields
        )
    if args.json:
        _out(_dump(resp.to_dict()) + "\n")
    else:
        _out("\n".join(c.text for c in resp.choices) + "\n")
    if args.show_usage and _is_set(resp.usage):
        _err(_usage_line(resp.usage))
    return EXIT_OK


def _cmd_embed(args: argparse.Namespace, ctx: _Context) -> int:
    texts: list[str] = list(args.texts) or [_read_text(ctx, None, "text")]
    fields = body_values(args, ctx.flags)
    client = _client(args, ctx)
    with client:
        resp = client.embeddings.create(
            model=args.model, input=texts[0] if len(texts) == 1 else texts, extra_body=args.extra_body, **fields
        )
    if args.json:
        _out(_dump(resp.to_dict()) + "\n")
    else:
        for item in sorted(resp.data, key=lambda d: d.index):
            vector = item.embedding
            if isinstance(vector, str):
                _out(f"{item.index}: base64, {len(vector)} characters\n")
                continue
            head = ", ".join(f"{v:.6g}" for v in vector[:4])
            more = ", ..." if len(vector) > 4 else ""
            _out(f"{item.index}: {len(vector)} dimensions [{head}{more}]\n")
    if args.show_usage and _is_set(resp.usage):
        _err(_usage_line(resp.usage))
    return EXIT_OK


def _cmd_models(args: argparse.Namespace, ctx: _Context) -> int:
    client = _client(args, ctx)
    with client:
        resp = client.models.list()
    if args.json:
        _out(_dump(resp.to_dict()) + "\n")
    else:
        for model in resp.data:
            _out(model.id + "\n")
    return EXIT_OK


_IMAGE_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)


def _image_suffix(data: bytes) -> str:
    for magic, suffix in _IMAGE_SIGNATURES:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return ".png"


def _free_path(directory: Path, stem: str, suffix: str) -> Path:
    path = directory / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = directory / f"{stem}-{number}{suffix}"
        number += 1
    return path


def _image_bytes(b64: Any, url: Any) -> bytes | None:
    """The image in a response item: ``b64_json``, or a ``data:...;base64,`` URL. None for a remote URL."""
    if isinstance(b64, str):
        return base64.b64decode(b64, validate=True)
    if isinstance(url, str) and url.startswith("data:"):
        head, sep, payload = url.partition(",")
        if sep and head.endswith(";base64"):
            return base64.b64decode(payload, validate=True)
    return None


def _cmd_images_generate(args: argparse.Namespace, ctx: _Context) -> int:
    prompt = _read_text(ctx, args.prompt, "prompt")
    fields = body_values(args, ctx.flags)
    client = _client(args, ctx)
    with client:
        resp = client.images.generate(model=args.model, prompt=prompt, extra_body=args.extra_body, **fields)
    if not resp.data:
        _err(f"{_PROG}: error: the server returned no image")
        return EXIT_API
    directory = Path(args.out_dir if args.out_dir is not None else ".")
    status = EXIT_OK
    for i, image in enumerate(resp.data):
        try:
            data = _image_bytes(image.b64_json, image.url)
        except (binascii.Error, ValueError):
            _err(f"{_PROG}: error: image {i + 1} is not valid base64; not written")
            status = EXIT_API
            continue
        if data is None:
            if isinstance(image.url, str):
                _out(image.url + "\n")  # a remote URL: printed, not downloaded
            continue
        if args.output is not None:
            target = Path(args.output)
            path = target if i == 0 else target.with_name(f"{target.stem}-{i + 1}{target.suffix}")
        else:
            stem = f"image-{resp.created}-{i + 1}" if _is_set(resp.created) else f"image-{i + 1}"
            path = _free_path(directory, stem, _image_suffix(data))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        _out(f"{path}\n")
    return status


def _speech_format(ctx: _Context, output: str | None, given: Any) -> str | None:
    """The audio format to ask for: ``--format`` if given, else the one the output file's extension names.

    The formats are the spec's ``response_format`` enum, each also a file extension (``hi.wav`` -> ``wav``).
    A file whose extension names another format than ``--format`` is refused, so that the bytes written
    always match the name.
    """
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


def _cmd_speech(args: argparse.Namespace, ctx: _Context) -> int:
    text = _read_text(ctx, args.text, "text")
    if args.output is None and sys.stdout.isatty():
        ctx.usage_error("refusing to write audio to a terminal: give -o FILE, or redirect stdout")
    fields = body_values(args, ctx.flags)
    audio_format = _speech_format(ctx, args.output, fields.get("response_format"))
    if audio_format is not None:
        fields["response_format"] = audio_format
    client = _client(args, ctx)
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
    _out(f"{path}\n")
    _err(f"{len(data)} bytes written")
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace, ctx: _Context) -> int:
    from ..batch.command import run_command

    return run_command(args, ctx)


def _cmd_mock(args: argparse.Namespace, ctx: _Context) -> int:
    try:
        from ..mock.server import main as serve
    except ImportError as exc:
        _err(f"{_PROG}: error: the local server is not available ({exc}); install oruel-client[mock]")
        return EXIT_FAILURE
    argv: list[str] = []
    if args.host is not None:
        argv += ["--host", args.host]
    if args.port is not None:
        argv += ["--port", str(args.port)]
    if args.rate_limit is not None:
        argv += ["--rate-limit", args.rate_limit]
    return serve(argv)


# ------------------------------------------------------------------------------------------ parser


def _body_schema(resource: str) -> str | None:
    """The request-body schema of the operation behind a facade method, from the generated OPERATIONS."""
    for op in OPERATIONS.values():
        if op.get("resource") == resource:
            body = op.get("body")
            return str(body) if body else None
    return None


def _connection_options() -> argparse.ArgumentParser:
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


def _add_extra_body(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--extra-body",
        type=_json_object,
        metavar="JSON",
        default=None,
        help='JSON object merged over the request body, e.g. \'{"response_format": {"type": "json_object"}}\'',
    )


def _add_generation_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--model", default=DEFAULT_CHAT_MODEL, help="model id (default: %(default)s)")
    parser.add_argument(
        "--stream",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"print the {what} as it is generated (default: on)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the full JSON response, or one JSON chunk per line when streaming",
    )
    parser.add_argument("--show-usage", action="store_true", help="print token usage to stderr at the end")
    _add_extra_body(parser)


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace, _Context], int],
    *,
    resource: str | None,
    exclude: Sequence[str] = (),
    aliases: dict[str, Sequence[str]] | None = None,
    connection: argparse.ArgumentParser | None,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    parents = [connection] if connection is not None else []
    parser = sub.add_parser(
        name, parents=parents, help=help, description=description or help, formatter_class=HelpFormatter
    )
    schema = _body_schema(resource) if resource else None
    parser.set_defaults(
        handler=handler, leaf_parser=parser, body_schema=schema, body_exclude=tuple(exclude), body_aliases=aliases
    )
    return parser


def _finish(parser: argparse.ArgumentParser) -> None:
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
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Command-line client of the Oru-el inference API.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    conn = _connection_options()
    leaves: list[argparse.ArgumentParser] = []

    chat = _command(
        sub,
        "chat",
        _cmd_chat,
        resource="chat.completions.create",
        exclude=("model", "messages", "stream"),
        connection=conn,
        help="chat with a model (streams by default)",
    )
    chat.add_argument("prompt", nargs="?", help="the user message; '-' or absent: read it from stdin")
    chat.add_argument("--system", metavar="TEXT", help="a system message sent before the prompt")
    _add_generation_options(chat, "answer")
    leaves.append(chat)

    complete = _command(
        sub,
        "complete",
        _cmd_complete,
        resource="completions.create",
        exclude=("model", "prompt", "stream"),
        connection=conn,
        help="continue a text prompt (streams by default)",
    )
    complete.add_argument("prompt", nargs="?", help="the text to continue; '-' or absent: read it from stdin")
    _add_generation_options(complete, "completion")
    leaves.append(complete)

    embed = _command(
        sub,
        "embed",
        _cmd_embed,
        resource="embeddings.create",
        exclude=("model", "input"),
        connection=conn,
        help="embed texts; prints a summary per vector, or the JSON response",
    )
    embed.add_argument("texts", nargs="*", metavar="TEXT", help="texts to embed; none: read one text from stdin")
    embed.add_argument("--model", required=True, help=f"embedding model id (required: {_NO_DEFAULT_MODEL})")
    embed.add_argument("--json", action="store_true", help="print the full JSON response, vectors included")
    embed.add_argument("--show-usage", action="store_true", help="print token usage to stderr")
    _add_extra_body(embed)
    leaves.append(embed)

    models = _command(
        sub, "models", _cmd_models, resource=None, connection=conn, help="list the ids of the available models"
    )
    models.add_argument("--json", action="store_true", help="print the full JSON response")
    leaves.append(models)

    images = sub.add_parser("images", help="image generation", description="Image generation.")
    images_sub = images.add_subparsers(dest="images_command", metavar="COMMAND", required=True)
    generate = _command(
        images_sub,
        "generate",
        _cmd_images_generate,
        resource="images.generate",
        exclude=("model", "prompt"),
        connection=conn,
        help="generate images from a prompt and write them to files; prints the paths",
    )
    generate.add_argument("prompt", nargs="?", help="what to draw; '-' or absent: read it from stdin")
    generate.add_argument("--model", required=True, help=f"image model id (required: {_NO_DEFAULT_MODEL})")
    target = generate.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="FILE", help="write the image to FILE (more: FILE-2, FILE-3...)")
    target.add_argument(
        "--out", dest="out_dir", metavar="DIR", help="write the images into DIR (default: the current directory)"
    )
    _add_extra_body(generate)
    leaves.append(generate)

    speech = _command(
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
    speech.add_argument("--model", required=True, help=f"speech model id (required: {_NO_DEFAULT_MODEL})")
    speech.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the audio to FILE ('-': stdout); its extension (.wav, .mp3, ...) picks the format "
        "unless --format is given",
    )
    _add_extra_body(speech)
    leaves.append(speech)

    batch = _command(
        sub,
        "batch",
        _cmd_batch,
        resource=None,
        connection=conn,
        help="run a JSONL file of requests (OpenAI batch format): resumable, rate-limit aware, with progress",
    )
    from ..batch.command import add_arguments as add_batch_arguments

    add_batch_arguments(batch)
    leaves.append(batch)

    mock = _command(
        sub,
        "mock",
        _cmd_mock,
        resource=None,
        connection=None,
        help="run the local Oru-el server in the foreground (Ctrl-C stops it)",
    )
    mock.add_argument("--host", default=None, help="address to listen on (default: the server's, 127.0.0.1)")
    mock.add_argument("--port", type=_non_negative_int, default=None, help="port to listen on (default: the server's)")
    mock.add_argument("--rate-limit", metavar="N/s", help="answer 429 with Retry-After past N requests/s per key")
    leaves.append(mock)

    for leaf in leaves:
        _finish(leaf)
    return parser


# ------------------------------------------------------------------------------------------ main


def _run(args: argparse.Namespace, ctx: _Context) -> int:
    from .._exceptions import (
        APIConnectionError,
        APIError,
        APIStatusError,
        APITimeoutError,
        OruelError,
        OruelValidationError,
    )

    handler: Callable[[argparse.Namespace, _Context], int] = args.handler
    try:
        return handler(args, ctx)
    except _NoKeyError:
        _err(f"{_PROG}: error: no API key: set the ORUEL_API_KEY environment variable or pass --api-key ")
        return EXIT_NO_KEY
    except OruelValidationError as exc:
        _err(f"{_PROG}: validation error: {_redact(str(exc), ctx.key)}")
        _err(f"nothing was sent; the documented ranges are in `{ctx.parser.prog} --help`")
        return EXIT_VALIDATION
    except APIConnectionError as exc:
        where = getattr(args, "base_url", None) or os.environ.get("ORUEL_BASE_URL") or BASE_URL
        attempts = ctx.retries.retries + 1 if ctx.retries is not None else 1
        what = "timeout" if isinstance(exc, APITimeoutError) else "connection error"
        _err(
            f"{_PROG}: {what}: {_redact(connection_cause(exc), ctx.key)}; "
            f"{attempts} attempt{'s' if attempts != 1 else ''} made (base URL: {_redact(where, ctx.key)})"
        )
        return EXIT_CONNECTION
    except APIStatusError as exc:
        request_id = f" (request id {exc.request_id})" if exc.request_id else ""
        _err(f"{_PROG}: API error: {_redact(str(exc), ctx.key)}{request_id}")
        return EXIT_API
    except APIError as exc:
        _err(f"{_PROG}: API error: {_redact(str(exc), ctx.key)}")
        return EXIT_API
    except OruelError as exc:
        _err(f"{_PROG}: error: {_redact(str(exc), ctx.key)}")
        return EXIT_FAILURE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        _err(f"{_PROG}: error: {_redact(str(exc), ctx.key)}")
        return EXIT_FAILURE
    finally:
        if ctx.retries is not None:
            ctx.retries.remove()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``oruel`` console script and of ``python -m oruel_client.cli``."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        ctx = _Context(parser=args.leaf_parser, flags=list(args.body_flags))
        return _run(args, ctx)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`oruel chat ... | head`): stop quietly, and keep Python's own flush at exit from
        # failing again on the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
