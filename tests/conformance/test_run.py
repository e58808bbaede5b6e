"""``oruel_client.conformance.run`` against real local servers: silent where the service follows the spec,
each drift found with its kind and path where it does not, and the budget counted at the server."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from oruel_client.conformance import run
from oruel_client.conformance.probes import plan
from oruel_client.mock import MockServer

from .conftest import DRIFT_FINDINGS, KEY

CHAT = ["createChatCompletion"]
ALL_CHAT_PROBES = 1000  # more than the chat operation's probes: the whole plan runs


def test_the_local_server_conforms_to_the_spec(server: MockServer) -> None:
    report = run(server.url, KEY, budget=ALL_CHAT_PROBES, rate=0)
    assert report.findings == []
    assert report.conforms and report.stopped is None
    assert report.probes_run == report.probes_planned > 60  # every operation, every range probe


def test_each_drift_is_found_with_its_kind_and_path_and_nothing_else(drifted: MockServer) -> None:
    report = run(drifted.url, KEY, budget=ALL_CHAT_PROBES, operations=CHAT, rate=0)
    found = {(f.kind, f.path) for f in report.findings}
    assert found == DRIFT_FINDINGS
    assert {f.operation for f in report.findings} == {"createChatCompletion"}


def test_a_range_finding_names_the_spec_its_provenance_and_the_change(drifted: MockServer) -> None:
    report = run(drifted.url, KEY, budget=ALL_CHAT_PROBES, operations=CHAT, rate=0)
    by_path = {(f.kind, f.path): f for f in report.findings}
    narrowed = by_path[("refuses_allowed", "$.temperature")]
    assert narrowed.source == "documented" and narrowed.docs and "parameters" in narrowed.docs
    assert narrowed.pointer == "#/components/schemas/SamplingParameters/properties/temperature"
    assert narrowed.status == 400 and narrowed.request_id and narrowed.request_id.startswith("req_")
    assert "2" in narrowed.observed and "maximum" in (narrowed.suggestion or "")
    widened = by_path[("accepts_forbidden", "$.top_k")]
    assert "201" in widened.observed and widened.status == 200
    enum = by_path[("unknown_enum_value", "$.choices[0].finish_reason")]
    assert '"eos"' in enum.observed and enum.pointer == "#/components/schemas/FinishReason"


@pytest.mark.parametrize("budget", [1, 7, 23])
def test_the_budget_caps_the_requests_the_server_receives(server: MockServer, budget: int) -> None:
    assert server.app is not None
    server.app.reset()
    report = run(server.url, KEY, budget=budget, rate=0)
    assert len(server.requests) == report.requests_sent == budget
    assert report.stopped == "budget" and report.probes_skipped


def test_retries_of_429_count_against_the_budget() -> None:
    with MockServer(rate_limit="4/s") as limited:
        report = run(limited.url, KEY, budget=12, operations=CHAT, rate=0)
        assert len(limited.requests) == report.requests_sent == 12
        assert limited.app is not None and limited.app.rate_limiter is not None
        assert limited.app.rate_limiter.limited > 0  # some attempts were 429s, and were counted
        assert report.findings == []  # a 429 retried is not a finding


def test_the_same_seed_gives_the_same_probes_and_another_seed_another_order() -> None:
    first, _ = plan(CHAT, {}, 1)
    again, _ = plan(CHAT, {}, 1)
    other, _ = plan(CHAT, {}, 2)
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.name for p in first] != [p.name for p in other]
    assert sorted(p.name for p in first) == sorted(p.name for p in other)


def test_every_range_probe_keeps_tokens_minimal() -> None:
    probes, costly = plan(CHAT, {}, 0)
    for probe in probes:
        assert probe.body is not None
        if not (probe.bound and probe.bound.field in ("max_tokens", "n")):
            assert probe.body["max_tokens"] == 1 and probe.body["n"] == 1, probe.name
    assert costly and all("max_tokens" in c for c in costly)  # the upper edges of the token cap are not sent


class _Exhausted(BaseHTTPRequestHandler):
    """Says after every answer that no requests remain in its window, which resets in 300 ms."""

    times: list[float] = []

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("content-length") or 0))
        self.times.append(time.monotonic())
        body = json.dumps({"object": "list", "data": [{"id": "m", "object": "model"}]}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("x-ratelimit-remaining-requests", "0")
        self.send_header("x-ratelimit-reset-requests", "300ms")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_no_request_is_sent_before_the_services_window_resets() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Exhausted)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        run(f"http://127.0.0.1:{httpd.server_address[1]}/v1/inference", KEY, budget=4, rate=0)
    finally:
        httpd.shutdown()
        httpd.server_close()
    times = _Exhausted.times
    assert len(times) == 4
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.28


def test_a_server_error_is_not_taken_for_a_refused_value(server: MockServer) -> None:
    from oruel_client import Oruel

    headers = {"x-oruel-mock-fault": "503"}
    with Oruel(api_key=KEY, base_url=server.url, default_headers=headers) as client:
        report = run(client, budget=40, operations=CHAT, model="llama-4-maverick", rate=0)
    kinds = {f.kind for f in report.findings}
    assert "unexpected_status" in kinds and "refuses_allowed" not in kinds
