"""Spec validation (openapi-core): a 400 naming the field; validate=False turns it off; over real HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oruel_client.mock import MockServer

from .conftest import AUTH, HELLO
from .helpers import error_of


@pytest.mark.parametrize(
    ("extra", "param"),
    [
        ({"temperature": 3}, "temperature"),
        ({"top_k": 201}, "top_k"),
        ({"repetition_penalty": 0.05}, "repetition_penalty"),
        ({"n": 2}, "n"),
        ({"tier": "fast"}, "tier"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "stop"),
        ({"stop": ["x" * 257]}, "stop.0"),
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "user", "content": 5}]}, "messages.0.content"),
        ({"messages": [{"role": "tool", "content": "42"}]}, "messages.0.tool_call_id"),
        ({"response_format": {"type": "xml"}}, "response_format"),
        ({"tool_choice": "sometimes"}, "tool_choice"),
        ({"tools": [{"type": "function", "function": {"name": "f"}}]}, "tools.0.function.description"),
    ],
)
def test_a_spec_violation_is_a_400_naming_the_field(client: httpx.Client, extra: dict[str, Any], param: str) -> None:
    response = client.post("/chat/completions", json={"model": "llama-4-maverick", "messages": HELLO, **extra})
    assert response.status_code == 400
    error = error_of(response)
    assert error["type"] == "invalid_request_error"
    assert error["code"] == "invalid_parameter"
    assert error["param"] == param
    assert param in error["message"]


def test_a_missing_required_field_is_named(client: httpx.Client) -> None:
    response = client.post("/chat/completions", json={"model": "llama-4-maverick"})
    assert response.status_code == 400
    assert error_of(response)["param"] == "messages"
    assert "Missing required parameter" in error_of(response)["message"]


def test_other_operations_are_validated_too(client: httpx.Client) -> None:
    response = client.post("/embeddings", json={"model": "bge-m3", "input": "x", "encoding_format": "int8"})
    assert (response.status_code, error_of(response)["param"]) == (400, "encoding_format")
    response = client.post("/images/generations", json={"model": "flux-1-schnell", "prompt": ""})
    assert (response.status_code, error_of(response)["param"]) == (400, "prompt")
    response = client.post("/completions", json={"model": "m", "prompt": "x", "max_tokens": 0})
    assert (response.status_code, error_of(response)["param"]) == (400, "max_tokens")


@pytest.fixture(scope="module")
def unvalidated() -> Iterator[httpx.Client]:
    with MockServer(validate=False) as server, httpx.Client(base_url=server.url, headers=AUTH) as http:
        yield http


def test_without_validation_out_of_range_values_pass(unvalidated: httpx.Client) -> None:
    response = unvalidated.post("/chat/completions", json={"model": "m", "messages": HELLO, "temperature": 3})
    assert response.status_code == 200
    # Keys are still checked, and a body the answer cannot be built from is still a 400, not a crash.
    assert unvalidated.post("/chat/completions", json={}, headers={"Authorization": ""}).status_code == 401
    response = unvalidated.post("/chat/completions", json={"model": "m"})
    assert response.status_code == 400
    assert error_of(response)["type"] == "invalid_request_error"


def test_validation_cost_is_small() -> None:
    # Benchmarks rely on the server being quick; validation is on by default, so keep an eye on it.
    with MockServer() as server, httpx.Client(base_url=server.url, headers={"Authorization": "Bearer oruel_x"}) as c:
        body = {"model": "m", "messages": HELLO, "temperature": 0.5}
        for _ in range(20):
            c.post("/chat/completions", json=body)
        started = time.perf_counter()
        for _ in range(100):
            c.post("/chat/completions", json=body)
        assert (time.perf_counter() - started) / 100 < 0.02  # generous: ~2 ms is typical
