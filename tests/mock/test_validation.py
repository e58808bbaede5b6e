"""Routing, API keys and spec validation, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oruel_client.mock import MockServer

from .conftest import AUTH, HELLO


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "code", "param"}
    error: dict[str, Any] = body["error"]
    return error


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


def test_a_body_that_is_not_json_is_a_400(client: httpx.Client) -> None:
    response = client.post("/chat/completions", content=b"{nope", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"
    response = client.post("/chat/completions")
    assert response.status_code == 400


def test_documented_rules_beyond_the_schema(client: httpx.Client) -> None:
    tool = {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}}}
    response = client.post("/chat/completions", json={"model": "m", "messages": HELLO, "tools": [tool, tool]})
    assert (response.status_code, error_of(response)["param"]) == (400, "tools.1.function.name")
    named = {"type": "function", "function": {"name": "g"}}
    response = client.post(
        "/chat/completions", json={"model": "m", "messages": HELLO, "tools": [tool], "tool_choice": named}
    )
    assert (response.status_code, error_of(response)["param"]) == (400, "tool_choice.function.name")


def test_no_key_is_a_401(anonymous: httpx.Client) -> None:
    response = anonymous.post("/chat/completions", json={"model": "m", "messages": HELLO})
    assert response.status_code == 401
    assert error_of(response)["type"] == "authentication_error"


@pytest.mark.parametrize("value", ["Bearer sk-123", "Basic oruel_abc", "oruel_abc", "Bearer"])
def test_a_wrong_key_is_a_401_that_does_not_echo_it(anonymous: httpx.Client, value: str) -> None:
    response = anonymous.post("/embeddings", json={"model": "m", "input": "x"}, headers={"Authorization": value})
    assert response.status_code == 401
    error = error_of(response)
    assert error["type"] == "authentication_error"
    assert "sk-123" not in response.text and "oruel_abc" not in response.text


def test_any_key_starting_oruel_is_accepted(anonymous: httpx.Client) -> None:
    response = anonymous.post(
        "/embeddings", json={"model": "m", "input": "x"}, headers={"Authorization": "bearer oruel_short"}
    )
    assert response.status_code == 200


def test_the_model_list_is_public(anonymous: httpx.Client) -> None:
    response = anonymous.get("/models")
    assert response.status_code == 200
    assert "llama-4-maverick" in {m["id"] for m in response.json()["data"]}


def test_an_unknown_path_is_a_404(client: httpx.Client, oruel_mock_server: MockServer) -> None:
    for url in ("/files", "/chat/completions/extra"):
        response = client.post(url, json={})
        assert response.status_code == 404
        assert error_of(response)["type"] == "invalid_request_error"
    # Outside the base path too.
    response = httpx.post(oruel_mock_server.url.replace("/v1/inference", "/v1") + "/chat/completions", json={})
    assert response.status_code == 404


def test_a_wrong_method_is_a_405(client: httpx.Client) -> None:
    response = client.get("/chat/completions")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_of(response)["code"] == "method_not_allowed"
    assert client.delete("/models").status_code == 405


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
