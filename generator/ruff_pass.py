"""The pinned ruff over the rendered package (`check --fix-only` for imports, then `format`), in batches of files
on a background thread: the main thread prepares the next batch (the builtin-shadowing pass) and finishes the
previous ones (docstrings, long literals) while ruff works on one, instead of each pass waiting for the whole
tree. Ruff lints and formats each file on its own, with the same settings from the same folder, so batches give
the bytes one run over the tree gives.
"""

from __future__ import annotations

import importlib
import queue
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

COMMON = ["--isolated", "--no-cache", "--line-length", "120", "--target-version", "py311"]
# Paths given one by one are still filtered by ruff's default excludes, as when it walks the folder itself.
COMMANDS = (
    ["check", *COMMON, "--force-exclude", "--fix-only", "--select", "F,I,UP"],
    ["format", *COMMON, "--force-exclude"],
)


class RuffFailed(Exception):
    """A ruff run ended with a non-zero code: its command and output."""


class RuffPipeline:
    """`submit` batches of files (inside folder); `finished()` yields each batch once ruff has done both passes
    on it, in order, raising RuffFailed for the first failure; `cancel()` stops it."""

    def __init__(self, folder: Path) -> None:
        # The pinned ruff of this environment, not whatever is on PATH (ruff's module ships no type information).
        self._ruff = str(importlib.import_module("ruff.__main__").find_ruff_bin())
        self._folder = folder
        self._todo: queue.SimpleQueue[list[Path] | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[list[Path] | RuffFailed | None] = queue.SimpleQueue()
        self._proc: subprocess.Popen[str] | None = None
        self._cancelled = False
        self._submitted = 0
        self._thread = threading.Thread(target=self._work, name="ruff", daemon=True)
        self._thread.start()

    def submit(self, batch: list[Path]) -> None:
        self._submitted += 1
        self._todo.put(batch)

    def finished(self) -> Iterator[list[Path]]:
        self._todo.put(None)
        for _ in range(self._submitted):
            item = self._done.get()
            if isinstance(item, RuffFailed):
                raise item
            if item is None:
                return
            yield item
        self._thread.join()

    def cancel(self) -> None:
        self._cancelled = True
        self._todo.put(None)
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
        self._thread.join()

    def _work(self) -> None:
        try:
            while (batch := self._todo.get()) is not None:
                if self._cancelled:
                    break
                self._run(batch)
                self._done.put(batch)
        except RuffFailed as err:
            self._done.put(err)
        except Exception as err:  # noqa: BLE001 - said by finished(), never a hang or a traceback on this thread
            self._done.put(RuffFailed(f"ruff could not run: {type(err).__name__}: {err}"))
        finally:
            self._done.put(None)

    def _run(self, batch: list[Path]) -> None:
        paths = [path.relative_to(self._folder).as_posix() for path in batch]
        for command in COMMANDS:
            if self._cancelled:
                return
            self._proc = subprocess.Popen(
                [self._ruff, *command, "--", *paths],
                cwd=self._folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            output, _ = self._proc.communicate()
            if self._proc.returncode != 0 and not self._cancelled:
                raise RuffFailed(f"ruff {command[0]} failed ({self._proc.returncode}):\n{output}")
