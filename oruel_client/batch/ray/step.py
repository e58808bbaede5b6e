"""``OruelStep``: the ``Dataset.map_batches`` class. Each actor keeps one ``AsyncOruel`` on its own event loop
(a thread of the actor) and runs every block through a ``BatchRunner`` paced by the cluster's shared limit, so a
block's rows go out up to ``max_in_flight`` at a time, with ``oruel batch``'s checks, retries and results.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import json
import threading
from collections.abc import Coroutine, Iterable, Mapping
from typing import Any, TypeVar

from ..._client import AsyncOruel
from ..results import BatchResult
from ..runner import BatchRunner
from .limit import ClusterPacing, SharedLimit
from .rows import BodyBuilder, build_failed, output_row, request_line, schema, unanswered

__all__ = ["OruelStep", "shared_limit"]

T = TypeVar("T")
# The in-flight total a limit created by a step (not by process()) halves and grows back: only its share matters.
_DEFAULT_TOTAL = 1024


def shared_limit(
    max_requests_per_minute: float | None = None,
    max_tokens_per_minute: float | None = None,
    *,
    total_in_flight: int = _DEFAULT_TOTAL,
    name: str | None = None,
    detached: bool = False,
) -> Any:
    """Create (or, by ``name``, find) the cluster's ``SharedLimit`` actor; returns its handle. The actor
    reserves no CPU. Not detached, it lives as long as a handle to it does (the caller's, or a Dataset's plan
    holding it in ``fn_constructor_kwargs``) and dies with the driver."""
    import ray

    for what, value in (("max_requests_per_minute", max_requests_per_minute),
                        ("max_tokens_per_minute", max_tokens_per_minute)):  # fmt: skip
        if value is not None and not value > 0:
            raise ValueError(f"{what} must be positive")
    options: dict[str, Any] = {"num_cpus": 0, "max_concurrency": 10_000}
    if name is not None:
        options.update(name=name, get_if_exists=True)
    if detached:
        options["lifetime"] = "detached"
    actor_class = ray.remote(SharedLimit)
    return actor_class.options(**options).remote(total_in_flight, max_requests_per_minute, max_tokens_per_minute)


def _limit_name(rpm: float | None, tpm: float | None, client_options: Mapping[str, Any]) -> str:
    """One name per account limit and server: steps started with the same settings share one actor."""
    where = {"rpm": rpm, "tpm": tpm, "base_url": str(client_options.get("base_url"))}
    return "oruel-limit-" + hashlib.sha256(json.dumps(where, sort_keys=True).encode()).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """Plain Python values: Ray's numpy and pandas formats leave numpy arrays and scalars inside nested values
    (a ``messages`` list becomes an object array), which JSON and the spec checks do not take."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy array or scalar
        return _plain(value.tolist())
    return value


def _rows(batch: Any) -> list[dict[str, Any]]:
    """A block's rows as dicts of plain values, whatever the batch format (pyarrow, pandas, numpy)."""
    if hasattr(batch, "to_pylist"):  # pyarrow: already plain
        rows: list[dict[str, Any]] = batch.to_pylist()
        return rows
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):
        return [_plain(row) for row in batch.to_dict("records")]
    columns = {key: list(value) for key, value in batch.items()}
    count = len(next(iter(columns.values()), []))
    return [{key: _plain(values[i]) for key, values in columns.items()} for i in range(count)]


class OruelStep:
    """Send each row of a block through ``AsyncOruel`` and return one result row per input row (columns in
    ``rows``). For ``ds.map_batches(OruelStep, fn_constructor_kwargs={...}, concurrency=N, num_cpus=0.25)``;
    ``process()`` sets all of it up.

    ``limit``: the ``SharedLimit`` actor's handle (``shared_limit()``); without one the step finds or
    creates a detached one named after the per-minute limits and the base URL, shared by every step with the
    same settings. ``done``: custom_ids to skip (a set, or a one-element list holding its ObjectRef). Every
    other keyword goes to ``AsyncOruel`` (``api_key``, ``base_url``, ``max_retries``, ``timeout``, ...).
    """

    def __init__(
        self,
        *,
        limit: Any = None,
        build_body: BodyBuilder | None = None,
        url: str | None = None,
        max_requests_per_minute: float | None = None,
        max_tokens_per_minute: float | None = None,
        max_in_flight: int = 16,
        done: Any = None,
        **client_options: Any,
    ) -> None:
        import ray

        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        if limit is None:
            name = _limit_name(max_requests_per_minute, max_tokens_per_minute, client_options)
            limit = shared_limit(max_requests_per_minute, max_tokens_per_minute, name=name, detached=True)
        if isinstance(done, list) and done and isinstance(done[0], ray.ObjectRef):
            done = ray.get(done[0])
        self._done: frozenset[str] = frozenset(done or ())
        self._build_body = build_body
        self._url = url
        self._max_in_flight = max_in_flight
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="oruel-step", daemon=True)
        self._thread.start()
        self._client = self._call(_new_client(client_options))
        self._pacing = ClusterPacing(limit, max_in_flight)
        self._schema = schema()

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def __call__(self, batch: Any) -> Any:
        pa: Any = importlib.import_module("pyarrow")  # untyped: Any at the boundary

        lines: list[tuple[int, dict[str, Any]]] = []
        early: list[BatchResult] = []
        ids: dict[int, str | None] = {}
        for number, row in enumerate(_rows(batch), 1):
            custom_id = row.get("custom_id")
            if isinstance(custom_id, str) and custom_id in self._done:
                continue
            line = request_line(row, self._build_body, self._url)
            if isinstance(line, str):
                early.append(build_failed(number, custom_id, line))
                continue
            lines.append((number, line))
            ids[number] = custom_id if isinstance(custom_id, str) else None
        results, why = self._call(self._run(lines))
        answered = {result.line for result in results}
        missing = [unanswered(number, ids[number], why) for number in ids if number not in answered]
        out = [output_row(result) for result in (*early, *results, *missing)]
        return pa.Table.from_pylist(out, schema=self._schema)

    async def _run(self, lines: Iterable[tuple[int, dict[str, Any]]]) -> tuple[list[BatchResult], str | None]:
        runner = BatchRunner(self._client, concurrency=self._max_in_flight, pacing=self._pacing)
        try:
            results = [result async for result in runner.results(lines)]
        finally:
            await self._pacing.flush()
        return results, runner.last_connection_error

    def __del__(self) -> None:
        loop = getattr(self, "_loop", None)
        if loop is not None and loop.is_running():
            client = getattr(self, "_client", None)
            if client is not None:
                with contextlib.suppress(Exception):
                    asyncio.run_coroutine_threadsafe(client.close(), loop).result(5)
            loop.call_soon_threadsafe(loop.stop)


async def _new_client(options: Mapping[str, Any]) -> AsyncOruel:
    return AsyncOruel(**options)
