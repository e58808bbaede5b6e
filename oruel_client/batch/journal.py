"""The output file as a journal: resume state, torn-line repair, and one flushed append per result.

Every result is one JSON line written with a single ``os.write`` on an ``O_APPEND`` descriptor, so a crash
leaves at most the last line torn; opening the journal again truncates that torn tail. Which custom_ids
(and which id-less lines) already have a result is kept in ``KeyIndex``, SQLite tables in a private temporary
database (a file SQLite unlinks as soon as it opens it, so not even SIGKILL leaves it behind) with a small page
cache, so memory stays flat however long the input is.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["KeyIndex", "Journal", "JournalLockedError", "ResumeState"]


class KeyIndex:
    """Sets of custom_ids and line numbers kept in SQLite on disk: results already in the output (``done``,
    with whether each is a success) and ids already met in the input (``seen``, with the first line)."""

    def __init__(self) -> None:
        # "": SQLite's private temporary database, spilled to an unlinked file past the cache size.
        # isolation_level=None and one explicit transaction: no fsync per insert, nothing to recover later.
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000;
            CREATE TABLE done_ids (k TEXT PRIMARY KEY, ok INTEGER) WITHOUT ROWID;
            CREATE TABLE done_lines (n INTEGER PRIMARY KEY, ok INTEGER);
            CREATE TABLE seen (k TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
            BEGIN;
            """
        )

    def mark_done(self, custom_id: str | None, line: int | None, ok: bool) -> None:
        if custom_id is not None:
            self._db.execute("INSERT OR IGNORE INTO done_ids VALUES (?, ?)", (custom_id, ok))
        elif line is not None:
            self._db.execute("INSERT OR IGNORE INTO done_lines VALUES (?, ?)", (line, ok))

    def done_id(self, custom_id: str) -> bool | None:
        """None when ``custom_id`` has no result yet; else whether its result is a success."""
        row = self._db.execute("SELECT ok FROM done_ids WHERE k = ?", (custom_id,)).fetchone()
        return None if row is None else bool(row[0])

    def done_line(self, line: int) -> bool | None:
        """Likewise for an id-less line's result (always an error)."""
        row = self._db.execute("SELECT ok FROM done_lines WHERE n = ?", (line,)).fetchone()
        return None if row is None else bool(row[0])

    def first_seen(self, custom_id: str, line: int) -> int | None:
        """Record that ``line`` has ``custom_id``; returns the earlier line that had it, or None."""
        row = self._db.execute("SELECT n FROM seen WHERE k = ?", (custom_id,)).fetchone()
        if row is not None:
            return int(row[0])
        self._db.execute("INSERT INTO seen VALUES (?, ?)", (custom_id, line))
        return None

    def close(self) -> None:
        self._db.close()


@dataclass(slots=True)
class ResumeState:
    """What opening an existing output found."""

    results: int = 0
    repaired_bytes: int = 0  # a torn last line, cut
    unreadable_lines: int = 0
    completed_last_line: bool = False  # a whole last line without its newline: the newline was added


def _result_keys(record: Any) -> tuple[str | None, int | None, bool] | None:
    """(custom_id, or the line of an id-less result; whether the result is a success), or None."""
    if not isinstance(record, dict):
        return None
    error = record.get("error")
    response = record.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    ok = error is None and type(status) is int and 200 <= status < 300
    custom_id = record.get("custom_id")
    if isinstance(custom_id, str):
        try:
            custom_id.encode("utf-8")
        except UnicodeEncodeError:  # not an id any input line can have (inputs refuse lone surrogates)
            return None
        return custom_id, None, ok
    line = error.get("line") if isinstance(error, dict) else None
    return (None, line, ok) if type(line) is int and 0 < line < 2**62 else None


def _read_line(raw: bytes) -> tuple[tuple[str | None, int | None, bool] | None, bool]:
    """(the result's keys or None, whether the line is JSON at all)."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
        return None, False
    return _result_keys(record), True


class JournalLockedError(OSError):
    """Another process is writing results to the same file."""


def _lock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not on this platform: no protection against two runs on one file
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise JournalLockedError(f"{path} is being written by another oruel batch run") from None


class Journal:
    """Append-only result file. ``open()`` reads what an earlier run wrote into ``index`` and repairs a torn
    last line; ``write()`` appends one result and hands it to the OS before returning."""

    def __init__(self, path: str | Path, index: KeyIndex) -> None:
        self.path = Path(path)
        self.index = index
        self._fd: int | None = None

    def open(self) -> ResumeState:
        """Lock the file (a second run on the same output would write every result twice), then read it."""
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a device or a pipe can be neither resumed nor repaired
                raise OSError(f"{self.path} is not a regular file; the output must be one")
            _lock(fd, self.path)
            state = self._scan(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return state

    def _scan(self, fd: int) -> ResumeState:
        state = ResumeState()
        good_end = 0
        with open(self.path, "rb") as file:
            for raw in file:
                keys, parsed = _read_line(raw)
                if not raw.endswith(b"\n"):
                    # The last line. One that parses is whole and lacks only its newline (an editor, a copy):
                    # it is kept, or its request would be paid for again. Only an unparsable tail is torn.
                    if not parsed and raw.strip():
                        break
                    state.completed_last_line = True
                good_end += len(raw)
                if not raw.strip():
                    continue
                if keys is None:
                    state.unreadable_lines += 1
                else:
                    self.index.mark_done(*keys)
                    state.results += 1
        size = os.fstat(fd).st_size
        if size > good_end:
            state.repaired_bytes = size - good_end
            os.ftruncate(fd, good_end)
        elif state.completed_last_line:
            os.write(fd, b"\n")
        return state

    def write(self, record: Mapping[str, Any]) -> None:
        if self._fd is None:
            raise RuntimeError("journal is not open")
        # Strict JSON in UTF-8, or an error before anything is written (the caller then keeps the body as bytes).
        data = (json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode()
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def close(self) -> None:
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            except OSError:
                pass  # e.g. a pipe or /dev/stdout: nothing to sync
            os.close(self._fd)
            self._fd = None
