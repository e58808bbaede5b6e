"""``process()``: a Dataset of requests in, a Dataset of results out, one shared rate limit for the run."""

from __future__ import annotations

import os
import uuid
from typing import Any

from .rows import COLUMNS, BodyBuilder, schema
from .step import OruelStep, shared_limit

__all__ = ["process"]


def _previous(resume_from: Any) -> Any:
    """A previous run's output: a Dataset, or a path written by ``write_parquet`` (or JSON lines)."""
    import ray.data

    if not isinstance(resume_from, (str, os.PathLike)):
        return resume_from
    path = os.fspath(resume_from)
    if path.endswith((".jsonl", ".json")):
        return ray.data.read_json(path)
    return ray.data.read_parquet(path)


def _successes(table: Any) -> Any:
    """A previous output's successful rows, in this output's columns and types (JSON lines lose them)."""
    table = table.select(list(COLUMNS)).cast(schema())
    return table.filter(table["ok"].fill_null(False))


def process(
    ds: Any,
    *,
    build_body: BodyBuilder | None = None,
    url: str | None = None,
    max_requests_per_minute: float | None = None,
    max_tokens_per_minute: float | None = None,
    concurrency: int = 2,
    max_in_flight: int = 16,
    num_cpus: float = 0.25,
    resume_from: Any = None,
    batch_size: int | None = None,
    **client_options: Any,
) -> Any:
    """Send every row of ``ds`` through ``AsyncOruel`` on ``concurrency`` actors (each ``max_in_flight``
    requests at once, reserving ``num_cpus``), all paced by one ``SharedLimit`` actor created here; return the
    results as a lazy Dataset (columns in ``oruel_client.batch.ray.rows``), one row per input row.

    Rows are batch request lines (``custom_id``, ``url``, ``body``, optional ``method``), or anything
    ``build_body(row) -> body`` turns into a body (``custom_id`` then comes from the row's ``custom_id``
    column: a row without a non-empty string there becomes an ``invalid_request`` error row, as in
    ``oruel batch``; ``url`` defaults to the row's ``url`` column, then chat completions). ``resume_from``: a
    previous run's output (Dataset or path); its successful rows are kept as they are and their custom_ids are
    not sent again (read now, when ``process`` is called); the result is those rows followed by the new ones.
    ``batch_size``: rows per block handed to a worker (default ``4 * max_in_flight``). Every other keyword goes
    to ``AsyncOruel``.
    """
    import ray.data

    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    # Named, so that `ray list actors` shows it; one per call, alive as long as the returned Dataset's plan.
    name = "oruel-limit-" + uuid.uuid4().hex[:12]
    limit = shared_limit(
        max_requests_per_minute, max_tokens_per_minute, total_in_flight=concurrency * max_in_flight, name=name
    )
    done: list[Any] | None = None
    kept = None
    if resume_from is not None:
        kept = _previous(resume_from).map_batches(_successes, batch_format="pyarrow")
        ids = {row["custom_id"] for row in kept.select_columns(["custom_id"]).iter_rows()}
        done = [ray.put(ids)]  # nested in a list: resolved by the step, once per actor
    constructor = {
        "limit": limit,
        "build_body": build_body,
        "url": url,
        "max_in_flight": max_in_flight,
        "done": done,
        **client_options,
    }
    out = ds.map_batches(
        OruelStep,
        fn_constructor_kwargs=constructor,
        compute=ray.data.ActorPoolStrategy(size=concurrency),  # `concurrency=` is deprecated since Ray 2.51
        num_cpus=num_cpus,
        batch_size=batch_size or 4 * max_in_flight,
        batch_format="pyarrow",
    )
    return out if kept is None else kept.union(out)
