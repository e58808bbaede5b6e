"""Types shared by the generated models and endpoint functions: the UNSET sentinel and File uploads.

``UNSET`` is the package's one "not given" marker: an optional request field, keyword or client option left
UNSET is not sent (or keeps its current value), where None would send null or clear it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from typing import IO, Any, BinaryIO, Literal, TypeVar


class Unset:
    """The type of UNSET: "not given" for an optional request field or keyword, which is then not sent (None
    would send null)."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

_M = TypeVar("_M", bound=Mapping[str, Any])


def omit_unset(values: _M) -> _M:
    """A new dict of values without its UNSET entries: the body that keyword arguments left out should give.

    The facade builds its body with it, so that a body of plain data is sent as it is (an UNSET left in would
    send every request through the slow path that converts and re-checks it)."""
    return {key: value for key, value in values.items() if value is not UNSET}  # type: ignore[return-value]


# The types that `httpx.Client(files=)` can accept, as that library spells them (File.to_tuple() gives one).
_HttpxFileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, _HttpxFileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, _HttpxFileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@dataclass(slots=True)
class File:
    """A file: one to upload (any FileInput will do), or a binary answer (audio, a download), whose payload is the
    body read whole, with the filename and media type the answer gave. For a body that should not be held whole,
    use ``with_streaming_response`` and ``stream_to_file()``."""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type

    @property
    def content(self) -> bytes:
        """All the bytes of the payload (read from its start), as the openai SDK's binary answers have them."""
        self.payload.seek(0)
        return self.payload.read()

    def write_to_file(self, file: str | PathLike[str]) -> None:
        """Write all the bytes of the payload to ``file`` (the openai SDK's name for it)."""
        from shutil import copyfileobj  # noqa: PLC0415 (only when a file is written)

        self.payload.seek(0)
        with open(file, "wb") as fh:
            copyfileobj(self.payload, fh)


# What a file field of a request body (a `format: binary` property of a multipart body) accepts, as in the openai
# SDK: the content (bytes, a file object opened in binary mode, a path), or (filename, content[, content_type]), or
# a File. The content is read in chunks as the request is sent, from its start again for a retry (_files.py).
FileContent = IO[bytes] | bytes | bytearray | memoryview | PathLike[str]
FileInput = File | FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]

__all__ = ["UNSET", "File", "FileContent", "FileInput", "FileTypes", "RequestFiles", "Unset", "omit_unset"]
