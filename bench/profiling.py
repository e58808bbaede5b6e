"""``python -m bench --profile``: cProfile tables of one client on the benchmark workloads.

For finding *why* a target is missed: the same server, calls and sizes as the benchmark, one workload at a
time under cProfile, the top functions by own time and by cumulative time. Compare with ``--profile-client
httpx`` for the floor.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
from collections.abc import Callable
from typing import Any

from .clients import make_async, make_sync
from .harness import ServerProcess
from .scenarios import Sizes

__all__ = ["profile_client"]


def _table(profiler: cProfile.Profile, sort: str, limit: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    text = out.getvalue()
    start = text.find("   ncalls")
    return text[start:].rstrip() if start >= 0 else text.rstrip()


def _profile(title: str, work: Callable[[], Any], limit: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        work()
    finally:
        profiler.disable()
    calls = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
    return "\n".join(
        [
            f"=== {title}: {calls:,} function calls",
            "--- by own time",
            _table(profiler, "tottime", limit),
            "--- by cumulative time",
            _table(profiler, "cumulative", limit),
            "",
        ]
    )


def profile_client(srv: ServerProcess, name: str, sizes: Sizes, limit: int = 18) -> str:
    adapter = make_sync(name, srv.root)
    sections: list[str] = []
    try:
        requests = min(sizes.seq_requests, 1000)
        for _ in range(sizes.seq_warmup):
            adapter.chat()
        adapter.stream(sizes.sse_chunks)
        adapter.embed(sizes.emb_rows, sizes.emb_dim)

        def sequential() -> None:
            for _ in range(requests):
                adapter.chat()

        sections.append(_profile(f"{name}: {requests} sequential chat completions", sequential, limit))
        sections.append(
            _profile(f"{name}: one {sizes.sse_chunks}-chunk stream", lambda: adapter.stream(sizes.sse_chunks), limit)
        )
        sections.append(
            _profile(
                f"{name}: one {sizes.emb_rows}x{sizes.emb_dim} embeddings response",
                lambda: adapter.embed(sizes.emb_rows, sizes.emb_dim),
                limit,
            )
        )
    finally:
        adapter.close()

    async def concurrent() -> str:
        client = make_async(name, srv.root)
        try:

            async def round_() -> None:
                await asyncio.gather(*(client.stream(sizes.async_chunks) for _ in range(sizes.async_streams)))

            await round_()  # warm-up
            profiler = cProfile.Profile()
            profiler.enable()
            await round_()
            profiler.disable()
        finally:
            await client.aclose()
        calls = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
        title = f"{name}: {sizes.async_streams} concurrent streams of {sizes.async_chunks} chunks"
        return "\n".join(
            [
                f"=== {title}: {calls:,} function calls",
                "--- by own time",
                _table(profiler, "tottime", limit),
                "--- by cumulative time",
                _table(profiler, "cumulative", limit),
                "",
            ]
        )

    sections.append(asyncio.run(concurrent()))
    return "\n".join(sections)
