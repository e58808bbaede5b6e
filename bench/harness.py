"""The benchmark server as a child process, round-robin scheduling, and summary statistics."""

from __future__ import annotations

import json
import os
import select
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self
from urllib.request import urlopen

__all__ = ["ROOT", "ServerProcess", "Summary", "summarize", "round_robin", "Deadline", "BenchError"]

ROOT: Final = Path(__file__).resolve().parent.parent
_START_TIMEOUT: Final = 20.0


class BenchError(RuntimeError):
    """A client failed, gave a wrong result, or a step ran out of time: the run is broken, not slow."""


class ServerProcess:
    """``python -m bench.server`` in its own process (so it never competes for this process's GIL).

    The child exits when its stdin closes, so it cannot outlive this process; ``__exit__`` also terminates it.
    """

    def __init__(self, max_seconds: float) -> None:
        self._max_seconds = max_seconds
        self._proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self._proc.pid if self._proc is not None else 0

    def __enter__(self) -> Self:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.server", "--max-seconds", str(self._max_seconds)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._proc = proc
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], _START_TIMEOUT)
        line = proc.stdout.readline().decode() if ready else ""
        if not line.startswith("PORT "):
            self._stop()
            raise BenchError(f"the benchmark server did not start (said {line!r})")
        self.port = int(line.split()[1])
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()

    def _stop(self) -> None:
        proc = self._proc
        if proc is None:
            return
        self._proc = None
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()

    def stats(self) -> dict[str, dict[str, int]]:
        """Connections opened and requests served so far, per client family."""
        with urlopen(f"{self.root}/_bench/stats", timeout=10) as resp:
            data: dict[str, dict[str, int]] = json.loads(resp.read())
        return data


class Deadline:
    """A time budget for one step; ``expired`` once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    @property
    def expired(self) -> bool:
        return time.monotonic() > self._end

    @property
    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())


@dataclass(frozen=True, slots=True)
class Summary:
    n: int
    median: float
    p25: float
    p75: float
    minimum: float

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "median": self.median, "p25": self.p25, "p75": self.p75, "min": self.minimum}


def summarize(samples: Sequence[float]) -> Summary:
    if not samples:
        raise BenchError("no samples")
    ordered = sorted(samples)
    if len(ordered) >= 4:
        q = statistics.quantiles(ordered, n=4)
        p25, p75 = q[0], q[2]
    else:
        p25, p75 = ordered[0], ordered[-1]
    return Summary(len(ordered), statistics.median(ordered), p25, p75, ordered[0])


@dataclass(slots=True)
class RoundRobin:
    samples: dict[str, list[float]]
    reps_done: int
    truncated: bool
    notes: list[str] = field(default_factory=list)


def round_robin(
    names: Sequence[str], reps: int, deadline: Deadline, measure: Callable[[str], float], min_reps: int = 1
) -> RoundRobin:
    """``reps`` rounds; each round measures every client once, the order rotated by one per round.

    Interleaving spreads machine drift (frequency changes, other load) evenly over the clients, and the
    rotation spreads whatever the previous client leaves behind (garbage, cache state). Stops early, after at
    least ``min_reps`` rounds, when the deadline passes.
    """
    samples: dict[str, list[float]] = {name: [] for name in names}
    k = len(names)
    done = 0
    truncated = False
    for rep in range(reps):
        if rep >= min_reps and deadline.expired:
            truncated = True
            break
        order = [names[(rep + i) % k] for i in range(k)]
        for name in order:
            samples[name].append(measure(name))
        done += 1
    result = RoundRobin(samples, done, truncated)
    if truncated:
        result.notes.append(f"stopped after {done} of {reps} rounds: the {deadline.seconds:.0f} s budget ran out")
    return result
