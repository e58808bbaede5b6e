"""Shared fixtures: one real server on 127.0.0.1 for the whole run, and httpx clients for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY, oruel_mock_server  # noqa: F401  (the fixture)

AUTH = {"Authorization": f"Bearer {MOCK_API_KEY}"}
HELLO = [{"role": "user", "content": "Hello there"}]


@pytest.fixture
def client(oruel_mock_server: MockServer) -> Iterator[httpx.Client]:  # noqa: F811
    with httpx.Client(base_url=oruel_mock_server.url, headers=AUTH, timeout=10) as http:
        yield http


@pytest.fixture
def anonymous(oruel_mock_server: MockServer) -> Iterator[httpx.Client]:  # noqa: F811
    with httpx.Client(base_url=oruel_mock_server.url, timeout=10) as http:
        yield http


def sse(raw: bytes) -> list[tuple[str | None, str]]:
    """(event name, data) per SSE event of a stream the mock server wrote (its frames end with a blank line)."""
    events = []
    for block in raw.decode().split("\n\n"):
        if not block:
            continue
        name, data = None, []
        for line in block.split("\n"):
            field, _, value = line.partition(": ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        events.append((name, "\n".join(data)))
    return events


def chunks(raw: bytes) -> list[dict[str, Any]]:
    """The JSON chunks of a well-formed stream, checking that it ends with exactly one [DONE]."""
    events = sse(raw)
    assert events[-1] == (None, "[DONE]")
    assert all(data != "[DONE]" for _, data in events[:-1])
    return [json.loads(data) for _, data in events[:-1]]
