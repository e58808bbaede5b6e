"""A local Ray cluster (several worker processes on this machine) and the local server in another process,
rate-limited per key, counting what it receives (``MockServer.traffic()``).

Every test bounds its run with ``collect(..., timeout=...)``: a hang inside Ray is a failure, not a stuck run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY

ray = pytest.importorskip("ray")  # the `ray` extra; CI installs it for these tests

RATE = 20  # requests per second the server accepts per key
MODEL = "llama-4-maverick"
CHAT_URL = "/v1/chat/completions"


@pytest.fixture(scope="session")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=4, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="session")
def limited_server() -> Iterator[MockServer]:
    with MockServer(rate_limit=f"{RATE}/s", subprocess=True) as server:
        yield server


@pytest.fixture
def server(cluster: None, limited_server: MockServer) -> MockServer:
    limited_server.reset_traffic()
    return limited_server


def client_options(server: MockServer) -> dict[str, Any]:
    return {"api_key": MOCK_API_KEY, "base_url": server.url}


def chat_row(custom_id: str, text: str = "hi", **body: Any) -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "url": CHAT_URL,
        "body": {"model": MODEL, "messages": [{"role": "user", "content": text}], **body},
    }


def collect(ds: Any, timeout: float) -> list[dict[str, Any]]:
    """Every row of ``ds``, or a failure after ``timeout`` seconds."""
    rows: list[dict[str, Any]] = []
    failure: list[BaseException] = []

    def consume() -> None:
        try:
            rows.extend(ds.take_all())
        except BaseException as exc:  # raised in the test's thread below
            failure.append(exc)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"the Ray run did not finish within {timeout} s")
    if failure:
        raise failure[0]
    return rows


def by_id(rows: list[dict[str, Any]], ids: list[str]) -> dict[str, dict[str, Any]]:
    """Rows by custom_id, asserting exactly one per id and nothing else."""
    seen = [row["custom_id"] for row in rows]
    assert sorted(seen) == sorted(ids), "each custom_id must have exactly one result"
    return {row["custom_id"]: row for row in rows}
