"""A request body sent in pieces as httpx asks for them (a multipart body with files in it), so that a large
upload is read from its file while it is sent instead of being held in memory.

It is both an httpx sync and async byte stream: the same body works with ``Oruel`` and ``AsyncOruel``. Each
attempt iterates it again from the start; ``size`` (None if a piece cannot tell) becomes the Content-Length.
Async iteration reads the files with blocking reads of one chunk (64 KiB) at a time, as a local file read takes
microseconds; a file object on a slow device (a network mount, a pipe) blocks the event loop for that long.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Protocol

import httpx

__all__ = ["Piece", "StreamedBody"]


class Piece(Protocol):
    """Bytes that are read as they are sent (a file part's content: ``_files.FilePart``)."""

    @property
    def size(self) -> int | None: ...

    @property
    def replayable(self) -> bool: ...

    def chunks(self) -> Iterator[bytes]: ...


class StreamedBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """The pieces of a body, in order: bytes sent as they are, and pieces read as they are sent."""

    __slots__ = ("_pieces", "size")

    def __init__(self, pieces: Sequence[bytes | Piece]) -> None:
        self._pieces = tuple(pieces)
        sizes = [len(p) if isinstance(p, bytes) else p.size for p in self._pieces]
        self.size: int | None = None if None in sizes else sum(s for s in sizes if s is not None)

    @property
    def replayable(self) -> bool:
        """Whether another attempt can send the body again (not after a one-shot file object was read)."""
        return all(isinstance(p, bytes) or p.replayable for p in self._pieces)

    def __iter__(self) -> Iterator[bytes]:
        for piece in self._pieces:
            if isinstance(piece, bytes):
                yield piece
            else:
                yield from piece.chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def read(self) -> bytes:
        """The whole body in memory (for a caller that wants it so; the transport never calls this)."""
        return b"".join(self)
