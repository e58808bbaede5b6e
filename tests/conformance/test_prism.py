"""Against Prism (a server made from the same spec by another tool) the run completes within its budget, and
reports the ways Prism is known to differ: it refuses with 422, it never streams, and in dynamic mode it fills
open objects with random keys (one finding per object, not one per key)."""

from __future__ import annotations

from collections import Counter

from oruel_client.conformance import run
from tests.contract.test_servers import prism_url  # noqa: F401  (the fixture: Prism 5.14.2 on the spec)

from .conftest import KEY


def test_the_run_completes_against_prism(prism_url: str) -> None:  # noqa: F811
    report = run(prism_url, KEY, budget=30, rate=0, operations=["createChatCompletion"], model="llama-4-maverick")
    assert report.requests_sent <= 30 and report.probes_run > 0
    kinds = {f.kind: f for f in report.findings}
    assert kinds["refusal_unclear"].status == 422
    assert kinds["unexpected_status"].probe == "createChatCompletion: stream"
    assert any(f.path.endswith(".*") for f in report.findings if f.kind == "undocumented_field")
    per_object = Counter(f.path.rsplit(".", 1)[0] for f in report.findings if f.kind == "undocumented_field")
    assert max(per_object.values()) <= 5  # at most 4 named fields and one ".*" per object
