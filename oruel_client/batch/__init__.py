"""Run many requests from a file or an iterable: resumable, rate-limit aware, results as they finish.

    async for result in arun(requests, client=AsyncOruel(), output="results.jsonl"):
        ...
    for result in run(requests, output="results.jsonl"):       # blocking; builds its own AsyncOruel
        ...

A request is an OpenAI Batch API input line (a dict, or its JSON text): ``custom_id``, ``method``, ``url``
(``/v1/chat/completions`` or ``/chat/completions``, any JSON operation of the API) and ``body``. A result is
an OpenAI batch output line (``BatchResult.to_dict()``). With ``output``, each result is appended and flushed
as it finishes and a rerun with the same file skips every custom_id that already has a result. The command
line is ``oruel batch requests.jsonl -o results.jsonl``. On a Ray cluster, ``oruel_client.batch.ray`` runs the
same engine as a Ray Data step with one rate limit for every worker (the ``ray`` extra).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import arun, run
    from .results import DEFAULT_CONCURRENCY, BatchResult, BatchStats
    from .runner import BatchRunner

__all__ = ["arun", "run", "BatchRunner", "BatchResult", "BatchStats", "DEFAULT_CONCURRENCY"]
# Loaded on first use, so that `oruel --help` does not import the engine and httpx.
_HOMES = {
    "arun": ".api",
    "run": ".api",
    "BatchResult": ".results",
    "BatchStats": ".results",
    "BatchRunner": ".runner",
    "DEFAULT_CONCURRENCY": ".results",
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
