"""Batches as a Ray Data step, with one rate limit for the whole cluster (the ``ray`` extra).

    import ray
    from oruel_client.batch.ray import process

    results = process(ray.data.read_json("requests.jsonl"), max_requests_per_minute=3000, concurrency=4)
    results.write_parquet("results/")

``process`` maps ``OruelStep`` over the rows (each actor: one ``AsyncOruel``, up to ``max_in_flight`` requests
at once, a fraction of a CPU) and creates the ``SharedLimit`` actor that every worker leases permits from
(``limit``): the per-minute budgets and ``oruel batch``'s 429 policy, for the cluster as a whole. Rows in and
out: ``rows``. Importing ``oruel_client`` or ``oruel_client.batch`` never imports Ray; this package does.
"""

from __future__ import annotations

from .limit import SharedLimit
from .process import process
from .rows import COLUMNS
from .step import OruelStep, shared_limit

__all__ = ["COLUMNS", "OruelStep", "SharedLimit", "process", "shared_limit"]
