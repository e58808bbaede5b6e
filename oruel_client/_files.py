"""File fields of a request: what a caller may give (types.FileInput) and the one form a multipart part is made
from (FilePart: a filename, where its bytes come from, their size, a content type).

A file is not read when the request is built, only opened (so a missing or unreadable path fails before anything
is sent) and sized: its bytes are read in chunks as httpx sends them, so a large upload is never held in memory.
Every attempt of a request reads the file again from where it started: a path is reopened, a seekable file object
is put back at its position (and left there after each attempt, so the same object can be sent again by a later
call). A file object that cannot seek (a pipe, a socket) is read once, as it is sent, so a request that carries
one is not retried once its body began (``FilePart.replayable``).
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any, Final

from ._exceptions import OruelError, OruelValidationError
from .types import File

if TYPE_CHECKING:
    import httpx

__all__ = ["FilePart", "FILE_KINDS", "file_from_response", "is_file_input", "read_file"]

#: How a wrong value at a file field is described in OruelValidationError.
FILE_KINDS: Final = "file (bytes, a file object opened in binary mode, a pathlib.Path, or (filename, content))"
#: The filename of a part whose content came without one (bytes), so that servers still read it as a file.
DEFAULT_FILENAME: Final = "upload"
#: How much of a file is read at a time while it is sent (what httpx itself reads of a file body).
CHUNK: Final = 64 * 1024
_BYTES: Final = (bytes, bytearray, memoryview)


@dataclass(slots=True, eq=False)
class FilePart:
    """A file, ready to be one part of a multipart body: ``source`` is the bytes, a path (reopened for every
    attempt) or a file object (read from ``start``); ``size`` is None for a file object that cannot seek."""

    filename: str
    source: bytes | str | IO[bytes]
    content_type: str
    size: int | None
    start: int = 0
    _started: bool = field(default=False, repr=False)

    @property
    def replayable(self) -> bool:
        """Whether the part can be sent again: anything but a file object that cannot seek and was read already."""
        return self.size is not None or not self._started

    def chunks(self) -> Iterator[bytes]:
        """The part's bytes, read as they are sent. Raises OruelError if a file's size changed since the request
        was built (the Content-Length sent would be wrong) or a one-shot file object is asked for a second time."""
        source = self.source
        if isinstance(source, bytes):
            yield source
            return
        if isinstance(source, str):
            with open(source, "rb") as fh:
                yield from _exactly(fh, self.size or 0, self.filename)
            return
        if self.size is None:  # a file object that cannot seek: read once
            if self._started:
                raise OruelError(f"Cannot send {self.filename!r} again: its file object cannot seek back")
            self._started = True
            while chunk := source.read(CHUNK):
                yield chunk
            return
        source.seek(self.start)
        try:
            yield from _exactly(source, self.size, self.filename)
        finally:
            source.seek(self.start)


def _exactly(fh: IO[bytes], size: int, filename: str) -> Iterator[bytes]:
    left = size
    while left > 0:
        chunk = fh.read(min(CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        yield chunk
    if left or fh.read(1):
        raise OruelError(f"{filename!r} changed size while the request was being sent ({size} bytes were announced)")


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
    """The FilePart of a file input (``path`` names the field in errors): the file is opened and sized, not read.
    Raises OruelValidationError for a value that is not a file input, or a file object opened in text mode;
    OSError for a path that cannot be opened."""
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
    source: bytes | str | IO[bytes]
    start = 0
    if isinstance(content, os.PathLike):
        where = os.fspath(content)
        with open(where, "rb") as fh:  # fails here, before sending, if it cannot be opened
            size: int | None = os.fstat(fh.fileno()).st_size
        source, name = where, name or os.path.basename(where)
    elif isinstance(content, _BYTES):
        source = bytes(content)
        size = len(source)
    else:
        source, start, size = _sized_object(content, path)
        own = getattr(content, "name", None)  # open() sets it to the path it was given
        if name is None and isinstance(own, (str, os.PathLike)):
            name = os.path.basename(os.fspath(own)) or None
    name = name or DEFAULT_FILENAME
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FilePart(name, source, content_type, size, start)


def _sized_object(fh: Any, path: str) -> tuple[IO[bytes], int, int | None]:
    """The file object, where its content starts, and its size from there (None if it cannot seek)."""
    try:
        probe = fh.read(0)
    except (OSError, ValueError) as exc:  # closed, or not readable
        message = f"{path}: the file object cannot be read: {exc}"
        raise OruelValidationError(path, "type", FILE_KINDS, fh, message=message) from None
    if not isinstance(probe, _BYTES):
        message = f"{path}: the file object gives {type(probe).__name__}, not bytes; open it in binary mode ('rb')"
        raise OruelValidationError(path, "type", FILE_KINDS, fh, message=message)
    try:
        if not fh.seekable():
            return fh, 0, None
        start = fh.tell()
        end = fh.seek(0, os.SEEK_END)
        fh.seek(start)
    except (AttributeError, OSError, ValueError):
        return fh, 0, None
    return fh, start, max(0, end - start)


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
