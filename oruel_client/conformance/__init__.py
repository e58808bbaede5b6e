"""``oruel conformance``: does the service still answer as ``openapi.yaml`` says? Spec-derived probes
(probes), sent within a request budget through the client's own transport (runner), answers checked against
the spec's schemas with jsonschema (schema), findings gathered in a report (report).

    from oruel_client.conformance import run
    report = run("http://127.0.0.1:8000/v1/inference", "oruel_...", budget=40, seed=0)
    print(report.to_text()); report.conforms

Needs the ``conformance`` extra (jsonschema; the ``mock`` extra has it too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from .._generated.rules import OPERATIONS
from .report import KINDS, Finding, Note, Report

if TYPE_CHECKING:
    from .._client import Oruel

__all__ = ["DEFAULT_BUDGET", "DEFAULT_RATE", "KINDS", "Finding", "Note", "Report", "run"]

DEFAULT_BUDGET: Final = 40
DEFAULT_RATE: Final = 2.0  # requests per second


def run(
    client_or_base_url: Oruel | str,
    api_key: str | None = None,
    *,
    budget: int = DEFAULT_BUDGET,
    seed: int = 0,
    operations: Sequence[str] | None = None,
    model: str | Mapping[str, str] | None = None,
    rate: float = DEFAULT_RATE,
) -> Report:
    """Probe a deployment and report where it and the spec part ways.

    ``budget``: the most requests sent, every attempt counted. ``seed``: orders the range probes (same seed,
    same requests). ``operations``: operationIds (default: all). ``model``: one model for every operation,
    or a mapping operationId -> model; operations without one get the first model of the catalog.
    ``rate``: requests per second at most (0: no pacing). Ctrl-C ends the run early with what was found.
    """
    from .._client import Oruel
    from .runner import execute

    if budget < 1:
        raise ValueError("budget must be at least 1")
    chosen = list(OPERATIONS) if not operations else list(operations)
    unknown = [op for op in chosen if op not in OPERATIONS]
    if unknown:
        raise ValueError(f"unknown operation(s) {', '.join(unknown)}; the spec has {', '.join(OPERATIONS)}")
    if isinstance(client_or_base_url, str):
        client = Oruel(api_key=api_key, base_url=client_or_base_url, max_retries=0)
        owned = True
    else:
        client = client_or_base_url if api_key is None else client_or_base_url.with_options(api_key=api_key)
        owned = False
    models = {op: model for op in chosen} if isinstance(model, str) else dict(model or {})
    report = Report(base_url=client.base_url, budget=budget, seed=seed)
    try:
        execute(client, report, chosen, models, seed, rate)
    finally:
        if owned:
            client.close()
        report.redact(client.api_key)
    return report
