"""The app: every spec operation routed to an answer, unknown routes and methods, API keys, the JSON body,
request ids and the recorded requests; over real HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from oruel_client.mock import MockServer
from oruel_client.mock.answers import HANDLERS
from oruel_client.mock.app import operations

from .conftest import HELLO
from .helpers import CHAT, assert_spec_valid, error_of

SAMPLES: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "createChatCompletion": ("POST", "/chat/completions", {"model": "llama-4-maverick", "messages": HELLO}),
    "createCompletion": ("POST", "/completions", {"model": "llama-4-maverick", "prompt": "Once upon a time"}),
    "createEmbedding": ("POST", "/embeddings", {"model": "bge-m3", "input": "hello"}),
    "listModels": ("GET", "/models", None),
    "createImage": ("POST", "/images/generations", {"model": "flux-1-schnell", "prompt": "a red fox"}),
    "createSpeech": ("POST", "/audio/speech", {"model": "kokoro-82m", "input": "Hello there", "voice": "af"}),
}


def test_every_hand_written_answer_answers(client: httpx.Client) -> None:
    # The operations without a hand-written answer are answered from the spec: test_every_operation.py.
    spec_operations = {op.operation_id: op for methods in operations().values() for op in methods.values()}
    assert set(SAMPLES) == set(HANDLERS), "add a sample request for each hand-written answer"
    assert set(SAMPLES) <= set(spec_operations)
    for operation_id, (method, path, body) in SAMPLES.items():
        assert (spec_operations[operation_id].method, spec_operations[operation_id].path) == (method, path)
        response = client.request(method, path, json=body)
        assert response.status_code == 200, (operation_id, response.text)
        assert response.headers["x-request-id"].startswith("req_")
        if operation_id != "createSpeech":  # the spec says application/octet-stream; see test_speech_is_audio
            assert_spec_valid(method.lower(), path, response)


def test_an_unknown_path_is_a_404(client: httpx.Client, oruel_mock_server: MockServer) -> None:
    for url in ("/no-such-resource", "/chat/completions/extra"):
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


def test_a_body_that_is_not_json_is_a_400(client: httpx.Client) -> None:
    response = client.post("/chat/completions", content=b"{nope", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"
    response = client.post("/chat/completions")
    assert response.status_code == 400


PLAIN = {"model": "llama-4-maverick", "messages": HELLO}


def test_requests_are_recorded_with_the_key_redacted(client: httpx.Client, oruel_mock_server: MockServer) -> None:
    marker = uuid.uuid4().hex
    client.post(CHAT, json=PLAIN, headers={"x-marker": marker})
    (seen,) = [r for r in oruel_mock_server.requests if r.headers.get("x-marker") == marker]
    assert seen.method == "POST" and seen.path.endswith(CHAT)
    assert seen.headers["authorization"] == "<redacted>"
    assert seen.json() == PLAIN
