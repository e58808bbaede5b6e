"""``oruel images generate``: images from a prompt, written to files whose paths are printed."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Final

from .context import Context, open_client, read_text
from .flags import body_values
from .output import EXIT_API, EXIT_OK, PROG, err, is_set, out
from .parser import NO_DEFAULT_MODEL, add_extra_body, command

if TYPE_CHECKING:
    from pathlib import Path

    from .parser import Subparsers

__all__ = ["register"]

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
    import base64

    if isinstance(b64, str):
        return base64.b64decode(b64, validate=True)
    if isinstance(url, str) and url.startswith("data:"):
        head, sep, payload = url.partition(",")
        if sep and head.endswith(";base64"):
            return base64.b64decode(payload, validate=True)
    return None


def _cmd_images_generate(args: argparse.Namespace, ctx: Context) -> int:
    # Imported here, not above: `oruel --help` imports every command module and needs none of these.
    import binascii
    from pathlib import Path

    prompt = read_text(ctx, args.prompt, "prompt")
    fields = body_values(args, ctx.flags)
    client = open_client(args, ctx)
    with client:
        resp = client.images.generate(model=args.model, prompt=prompt, extra_body=args.extra_body, **fields)
    if not resp.data:
        err(f"{PROG}: error: the server returned no image")
        return EXIT_API
    directory = Path(args.out_dir if args.out_dir is not None else ".")
    status = EXIT_OK
    for i, image in enumerate(resp.data):
        try:
            data = _image_bytes(image.b64_json, image.url)
        except (binascii.Error, ValueError):
            err(f"{PROG}: error: image {i + 1} is not valid base64; not written")
            status = EXIT_API
            continue
        if data is None:
            if isinstance(image.url, str):
                out(image.url + "\n")  # a remote URL: printed, not downloaded
            continue
        if args.output is not None:
            target = Path(args.output)
            path = target if i == 0 else target.with_name(f"{target.stem}-{i + 1}{target.suffix}")
        else:
            stem = f"image-{resp.created}-{i + 1}" if is_set(resp.created) else f"image-{i + 1}"
            path = _free_path(directory, stem, _image_suffix(data))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out(f"{path}\n")
    return status


def register(sub: Subparsers, conn: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    images = sub.add_parser("images", help="image generation", description="Image generation.")
    images_sub = images.add_subparsers(dest="images_command", metavar="COMMAND", required=True)
    generate = command(
        images_sub,
        "generate",
        _cmd_images_generate,
        resource="images.generate",
        exclude=("model", "prompt"),
        connection=conn,
        help="generate images from a prompt and write them to files; prints the paths",
    )
    generate.add_argument("prompt", nargs="?", help="what to draw; '-' or absent: read it from stdin")
    generate.add_argument("--model", required=True, help=f"image model id (required: {NO_DEFAULT_MODEL})")
    target = generate.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="FILE", help="write the image to FILE (more: FILE-2, FILE-3...)")
    target.add_argument(
        "--out", dest="out_dir", metavar="DIR", help="write the images into DIR (default: the current directory)"
    )
    add_extra_body(generate)
    return [generate]
