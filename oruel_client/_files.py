"""File fields of a request: what a caller may give (types.FileInput) and the one form a multipart part is made
from (FilePart: a filename, the exact bytes, a content type).

The content is read once, when the request is built, so that every retry sends the same bytes: a file object
that httpx read during the first attempt would otherwise be at its end for the second (and send nothing). A
seekable file object is put back where it was, so the same object can be sent again by a later call.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final

from ._exceptions import OruelValidationError
from .types import File

if TYPE_CHECKING:
    import httpx

__all__ = ["FilePart", "FILE_KINDS", "file_from_response", "is_file_input", "read_file"]

#: How a wrong value at a file field is described in OruelValidationError.
FILE_KINDS: Final = "file (bytes, a file object opened in binary mode, a pathlib.Path, or (filename, content))"
#: The filename of a part whose content came without one (bytes), so that servers still read it as a file.
DEFAULT_FILENAME: Final = "upload"
_BYTES: Final = (bytes, bytearray, memoryview)


@dataclass(frozen=True, slots=True)
class FilePart:
    """A file, ready to be one part of a multipart body."""

    filename: str
    content: bytes
    content_type: str


def _is_content(value: Any) -> bool:
    return isinstance(value, (*_BYTES, os.PathLike)) or callable(getattr(value, "read", None))


def is_file_input(value: Any) -> bool:
    """Whether value is something a file field accepts: a File, a FilePart, content, or (name, content[, type])."""
    if isinstance(value, (File, FilePart)) or (not isinstance(value, (str, tuple)) and _is_content(value)):
        return True
    return (
        isinstance(value, tuple)
        and len(value) in (2, 3)
        and (value[0] is None or isinstance(value[0], str))
        and _is_content(value[1])
        and (len(value) == 2 or value[2] is None or isinstance(value[2], str))
    )


def read_file(value: Any, path: str) -> FilePart:
    """The FilePart of a file input (``path`` names the field in errors). Raises OruelValidationError for a value
    that is not a file input, or a file object opened in text mode; OSError for a path that cannot be read."""
    if isinstance(value, FilePart):
        return value
    if not is_file_input(value):
        raise OruelValidationError(path, "type", FILE_KINDS, value)
    name: str | None
    content_type: str | None = None
    if isinstance(value, File):
        name, content, content_type = value.file_name, value.payload, value.mime_type
    elif isinstance(value, tuple):
        name, content = value[0], value[1]
        content_type = value[2] if len(value) == 3 else None
    else:
        name, content = None, value
    if isinstance(content, os.PathLike):
        data = _read_path(content)
        name = name or os.path.basename(os.fspath(content))
    elif isinstance(content, _BYTES):
        data = bytes(content)
    else:
        data = _read_object(content, path)
        own = getattr(content, "name", None)  # open() sets it to the path it was given
        if name is None and isinstance(own, (str, os.PathLike)):
            name = os.path.basename(os.fspath(own)) or None
    name = name or DEFAULT_FILENAME
    return FilePart(name, data, content_type or mimetypes.guess_type(name)[0] or "application/octet-stream")


def _read_path(path: os.PathLike[Any]) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _read_object(fh: Any, path: str) -> bytes:
    try:
        start = fh.tell() if fh.seekable() else None
    except (AttributeError, OSError, ValueError):
        start = None
    data = fh.read()
    if not isinstance(data, _BYTES):
        message = f"{path}: the file object gives {type(data).__name__}, not bytes; open it in binary mode ('rb')"
        raise OruelValidationError(path, "type", FILE_KINDS, fh, message=message)
    if start is not None:
        fh.seek(start)
    return bytes(data)


def file_from_response(response: httpx.Response) -> File:
    """A binary response body (read already) as a File: the bytes, the filename its Content-Disposition gives
    (None without one), and its media type (None without a Content-Type)."""
    media_type = response.headers.get("content-type")
    disposition = response.headers.get("content-disposition")
    filename = None
    if disposition:
        from email.message import Message  # noqa: PLC0415 (only for a response that names its file)

        header = Message()
        header["content-disposition"] = disposition
        filename = header.get_filename()
        filename = os.path.basename(filename) if filename else None  # a name, never a path to write to
    return File(
        payload=BytesIO(response.content),
        file_name=filename or None,
        mime_type=media_type.split(";", 1)[0].strip() or None if media_type else None,
    )
