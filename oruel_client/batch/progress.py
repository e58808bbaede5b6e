"""Progress of a batch run on stderr: a tqdm bar on a terminal, plain periodic lines otherwise, and the summary.

tqdm is an optional extra (``pip install 'oruel-client[batch]'``): without it the plain lines are shown, after
a one-line note saying what to install.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from typing import IO, Any, Final, Protocol

from .results import BatchStats

__all__ = ["Progress", "make_progress", "summary", "TQDM_HINT"]

TQDM_HINT: Final = "the live progress bar needs tqdm: pip install 'oruel-client[batch]'"


class Progress(Protocol):
    def update(self, stats: BatchStats) -> None: ...

    def close(self, stats: BatchStats) -> None: ...


def _tokens(stats: BatchStats) -> str:
    return f"{stats.prompt_tokens}+{stats.completion_tokens}"


def _eta(stats: BatchStats, rate: float) -> str:
    if stats.total is None or rate <= 0:
        return "?"
    left = max(0, stats.total - stats.done)
    return str(dt.timedelta(seconds=round(left / rate)))


class NoProgress:
    def update(self, stats: BatchStats) -> None:
        pass

    def close(self, stats: BatchStats) -> None:
        pass


class LineProgress:
    """One line every ``interval`` seconds, for logs and pipes."""

    def __init__(self, stream: IO[str], interval: float) -> None:
        self._stream = stream
        self._interval = interval
        self._next = time.monotonic() + interval

    def update(self, stats: BatchStats) -> None:
        now = time.monotonic()
        if now >= self._next:
            self._next = now + self._interval
            self._write(stats)

    def _write(self, stats: BatchStats) -> None:
        elapsed = stats.elapsed
        rate = (stats.done - stats.skipped) / elapsed if elapsed > 0 else 0.0  # lines of this run, sent or not
        total = f"/{stats.total}" if stats.total is not None else ""
        percent = f" ({100 * stats.done / stats.total:.1f}%)" if stats.total else ""
        self._stream.write(
            f"oruel batch: {stats.done}{total} done{percent}, {rate:.1f} lines/s, ETA {_eta(stats, rate)}, "
            f"errors {stats.errors}, 429s {stats.rate_limited}, concurrency {stats.concurrency}, "
            f"tokens {_tokens(stats)}\n"
        )
        self._stream.flush()

    def close(self, stats: BatchStats) -> None:
        pass


class BarProgress:
    """A tqdm bar: done/total, rate and ETA from tqdm; errors, concurrency and tokens as its postfix."""

    def __init__(self, tqdm: Any, stream: IO[str], total: int | None) -> None:
        self._bar = tqdm(total=total, unit="req", file=stream, dynamic_ncols=True, mininterval=0.2, smoothing=0.05)
        self._last_postfix = 0.0

    def update(self, stats: BatchStats) -> None:
        bar = self._bar
        now = time.monotonic()
        if now - self._last_postfix >= 0.2:
            self._last_postfix = now
            postfix = f"errors={stats.errors} 429s={stats.rate_limited} conc={stats.concurrency} tok={_tokens(stats)}"
            bar.set_postfix_str(postfix, refresh=False)
        bar.update(stats.done - bar.n)

    def close(self, stats: BatchStats) -> None:
        self._last_postfix = 0.0
        self.update(stats)
        self._bar.close()


def make_progress(mode: str, stream: IO[str], total: int | None, interval: float) -> tuple[Progress, str | None]:
    """The progress display for ``mode`` (auto, bar, lines, none), and a note to show first (or None)."""
    if mode == "none":
        return NoProgress(), None
    if mode == "auto":
        mode = "bar" if stream.isatty() else "lines"
    if mode == "bar":
        try:
            tqdm = importlib.import_module("tqdm").tqdm  # an optional extra: no import at the top
        except ImportError:
            return LineProgress(stream, interval), f"{TQDM_HINT}; showing plain progress lines instead"
        return BarProgress(tqdm, stream, total), None
    return LineProgress(stream, interval), None


def summary(stats: BatchStats) -> str:
    """The end-of-run report: counts by outcome, tokens, elapsed time and request rate."""
    sent = stats.succeeded + stats.failed
    parts = [
        f"{stats.succeeded} succeeded",
        f"{stats.failed} failed",
        f"{stats.invalid} invalid",
        f"{stats.skipped} skipped (already in the output"
        + (f", {stats.skipped_errors} of them errors)" if stats.skipped_errors else ")"),
    ]
    if stats.unanswered:
        parts.append(f"{stats.unanswered} unanswered (no result written; sent again on resume)")
    return (
        f"oruel batch: {', '.join(parts)}; {stats.rate_limited} rate-limited answers retried or kept, "
        f"{stats.retries} retries; tokens: {stats.prompt_tokens} prompt, {stats.completion_tokens} completion; "
        f"{sent} requests in {stats.elapsed:.1f} s ({stats.sent_per_second:.1f} req/s)"
    )
