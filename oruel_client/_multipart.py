"""multipart/form-data request bodies, encoded as OpenAI-compatible servers read them (and as the openai SDK
sends them): ``true``/``false`` for booleans, numbers as their JSON text, one ``name[]`` part per array item,
``name[key]`` parts for the fields of an object (recursively), None and UNSET left out, and file parts that carry
a filename and a content type.

The body is encoded once per call, with a fresh random boundary, so every retry sends the same body: into bytes
when every part is in memory, otherwise into a StreamedBody whose files are read in chunks as httpx sends them
(``_files``: a path is reopened and a file object rewound for each attempt), so an upload of any size costs
a few chunks of memory. This module is the one place that decides how a multipart body is encoded.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from enum import Enum
from typing import Any, Final

from ._body_stream import Piece, StreamedBody
from ._exceptions import OruelValidationError
from ._files import FilePart, is_file_input, read_file
from ._validation import validate
from .types import Unset

__all__ = ["StreamedBody", "encode_multipart"]

_to_number: Final = json.JSONEncoder(allow_nan=False).encode
# What a header parameter (name, filename) must not carry raw, with the escapes browsers use (WHATWG HTML).
_ESCAPES: Final = {ord('"'): "%22", ord("\r"): "%0D", ord("\n"): "%0A"}


def encode_multipart(
    body: Mapping[str, Any], extra_body: Mapping[str, Any] | None, schema: str | None
) -> tuple[bytes | StreamedBody, str]:
    """The request body (bytes, or a StreamedBody whose files are read as it is sent) and its Content-Type:
    ``body`` with ``extra_body`` merged over it (it wins on a key), checked against components/schemas/<schema>
    first unless ``schema`` is None.

    Raises:
        OruelValidationError: a value breaks a constraint of the spec, a file field holds no file, or a value
            has no multipart form; nothing was sent.
        OSError: a file given by its path cannot be opened.
    """
    fields = {**body, **extra_body} if extra_body else dict(body)
    if schema is not None:
        validate(schema, _checkable(fields))
    parts: list[tuple[str, str | FilePart]] = []
    for name, value in fields.items():
        _flatten(str(name), value, parts)
    return _encode(parts)


def _checkable(value: Any) -> Any:
    """The fields as the validator reads them: plain data, with file inputs (and their tuples) left as they are."""
    if value is None or isinstance(value, (str, int, float)) or is_file_input(value):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {k: _checkable(v) for k, v in value.items() if v is not None and not isinstance(v, Unset)}
    if isinstance(value, (list, tuple)):
        return [_checkable(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    return _checkable(to_dict()) if to_dict is not None else value


def _flatten(name: str, value: Any, out: list[tuple[str, str | FilePart]]) -> None:
    if value is None or isinstance(value, Unset):
        return
    if isinstance(value, bool):
        out.append((name, "true" if value else "false"))
    elif isinstance(value, Enum):
        _flatten(name, value.value, out)
    elif isinstance(value, str):
        out.append((name, value))
    elif isinstance(value, (int, float)):
        try:
            out.append((name, _to_number(value)))
        except ValueError:
            raise OruelValidationError(name, "type", "a finite number", value) from None
    elif is_file_input(value):
        out.append((name, read_file(value, name)))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{name}[{key}]", item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _flatten(f"{name}[]", item, out)
    elif callable(getattr(value, "to_dict", None)):
        _flatten(name, value.to_dict(), out)
    else:
        raise OruelValidationError(name, "type", "a string, number, boolean, array, object or file", value)


def _quote(value: str) -> str:
    return value.translate(_ESCAPES)


def _utf8(name: str, text: str) -> bytes:
    try:
        return text.encode()
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 form
        raise OruelValidationError(name, "type", "text that UTF-8 can encode", text) from None


def _encode(parts: list[tuple[str, str | FilePart]]) -> tuple[bytes | StreamedBody, str]:
    heads: list[bytes] = []
    contents: list[bytes | FilePart] = []
    for name, value in parts:
        disposition = f'Content-Disposition: form-data; name="{_quote(name)}"'
        if isinstance(value, FilePart):
            if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value.content_type):
                raise OruelValidationError(name, "type", "a content type", value.content_type)
            head = f'{disposition}; filename="{_quote(value.filename)}"\r\nContent-Type: {value.content_type}'
            contents.append(value.source if isinstance(value.source, bytes) else value)
        else:
            head = disposition
            contents.append(_utf8(name, value))
        heads.append(_utf8(name, head))
    # 128 random bits, fresh for every call: no content can aim at the boundary, and the odds that a part holds it
    # by chance are nil (searching a large file for it would cost as much as reading it).
    boundary = secrets.token_hex(16)
    delimiter = f"--{boundary}".encode()
    pieces: list[bytes | Piece] = []
    run: list[bytes] = []  # the bytes since the last streamed file, sent as one piece
    for part_head, content in zip(heads, contents, strict=True):
        run += (delimiter, b"\r\n", part_head, b"\r\n\r\n")
        if isinstance(content, bytes):
            run.append(content)
        else:
            pieces += (b"".join(run), content)
            run = []
        run.append(b"\r\n")
    run += (delimiter, b"--\r\n")
    content_type = f"multipart/form-data; boundary={boundary}"
    if not pieces:
        return b"".join(run), content_type  # all in memory: one copy of the files, not several
    pieces.append(b"".join(run))
    return StreamedBody(pieces), content_type
