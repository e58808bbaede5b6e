"""``arun`` (async iterator of results) and ``run`` (its blocking form): the batch engine as a Python API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .results import BatchResult
from .runner import DEFAULT_CONCURRENCY, BatchRunner, Item, ProgressHook

if TYPE_CHECKING:
    from .._client import AsyncOruel

__all__ = ["arun", "run"]


def arun(
    requests: Iterable[Item],
    *,
    client: AsyncOruel,
    output: str | Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_requests_per_minute: float | None = None,
    max_tokens_per_minute: float | None = None,
    on_progress: ProgressHook | None = None,
) -> AsyncGenerator[BatchResult, None]:
    """Send ``requests`` (numbered from 1 in results and error messages) and yield results as they finish.
    Use ``BatchRunner`` directly to read the counters or stop a run early."""
    runner = BatchRunner(
        client,
        output=output,
        concurrency=concurrency,
        max_requests_per_minute=max_requests_per_minute,
        max_tokens_per_minute=max_tokens_per_minute,
        on_progress=on_progress,
    )
    return runner.results(enumerate(requests, 1))


def run(
    requests: Iterable[Item],
    *,
    output: str | Path | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_requests_per_minute: float | None = None,
    max_tokens_per_minute: float | None = None,
    on_progress: ProgressHook | None = None,
    **client_options: Any,
) -> Iterator[BatchResult]:
    """The blocking form of ``arun``: an iterator of results. ``client_options`` go to ``AsyncOruel``
    (``api_key``, ``base_url``, ``timeout``, ``max_retries``, ``validate``...). Not for use inside a running
    event loop (a notebook cell with ``await`` support): use ``arun`` there."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError("oruel_client.batch.run() cannot run inside an event loop; use `async for ... in arun()`")
    from .._client import AsyncOruel

    options: dict[str, Any] = {
        "output": output,
        "concurrency": concurrency,
        "max_requests_per_minute": max_requests_per_minute,
        "max_tokens_per_minute": max_tokens_per_minute,
        "on_progress": on_progress,
    }
    return _run_sync(requests, AsyncOruel(**client_options), options)


def _run_sync(requests: Iterable[Item], client: AsyncOruel, options: dict[str, Any]) -> Iterator[BatchResult]:
    # One event loop for the whole iteration; it runs only while the caller waits for the next result.
    with asyncio.Runner() as loop:
        results = arun(requests, client=client, **options)

        async def next_result() -> BatchResult | None:
            try:
                return await anext(results)
            except StopAsyncIteration:
                return None

        try:
            while (result := loop.run(next_result())) is not None:
                yield result
        finally:
            loop.run(_close(results, client))


async def _close(results: AsyncGenerator[BatchResult, None], client: AsyncOruel) -> None:
    await results.aclose()
    await client.close()
