"""Fault injection (x-oruel-mock-fault and friends), over real HTTP."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest

from oruel_client.mock import MockServer

from .conftest import HELLO, chunks, sse

CHAT = "/chat/completions"
STREAM = {"model": "m", "messages": HELLO, "stream": True, "seed": 1, "max_tokens": 6}
PLAIN = {"model": "m", "messages": HELLO, "seed": 1}


def post(client: httpx.Client, fault: str, body: dict[str, Any] = STREAM, **headers: str) -> httpx.Response:
    extra = {"x-oruel-mock-fault": fault, **{k.replace("_", "-"): v for k, v in headers.items()}}
    return client.post(CHAT, json=body, headers=extra)


def test_429_with_retry_after(client: httpx.Client) -> None:
    response = post(client, "429")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "0"
    assert response.json()["error"]["type"] == "rate_limit_error"
    response = post(client, "429", x_oruel_mock_retry_after="3", x_oruel_mock_retry_after_ms="2500")
    assert (response.headers["retry-after"], response.headers["retry-after-ms"]) == ("3", "2500")
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert post(client, "429", x_oruel_mock_retry_after=date).headers["retry-after"] == date


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors(client: httpx.Client, status: int) -> None:
    response = post(client, str(status), PLAIN)
    assert response.status_code == status
    assert response.json()["error"]["type"] == "server_error"
    assert "retry-after" not in response.headers


def test_html_502(client: httpx.Client) -> None:
    response = post(client, "html")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<html>")


def test_drop_closes_before_any_response(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        post(client, "drop", PLAIN)
    # The server is fine afterwards.
    assert client.post(CHAT, json=PLAIN).status_code == 200


def test_drop_mid_stream(client: httpx.Client) -> None:
    received = b""
    with pytest.raises(httpx.RemoteProtocolError):
        with client.stream("POST", CHAT, json=STREAM, headers={"x-oruel-mock-fault": "drop-mid-stream"}) as response:
            assert response.status_code == 200
            for piece in response.iter_raw():
                received += piece
    events = sse(received)
    assert events and all(json.loads(data)["object"] == "chat.completion.chunk" for _, data in events)
    assert len(events) < len(chunks(client.post(CHAT, json=STREAM).content))


def test_drop_mid_stream_without_streaming_cuts_the_body(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        post(client, "drop-mid-stream", PLAIN)


def test_slow_stream(client: httpx.Client) -> None:
    started = time.perf_counter()
    response = post(client, "slow-stream", x_oruel_mock_delay="0.05")
    elapsed = time.perf_counter() - started
    parts = chunks(response.content)
    assert elapsed >= 0.05 * (len(parts) + 1) * 0.9  # a pause before each event, [DONE] included
    # turbo halves the delay
    started = time.perf_counter()
    post(client, "slow-stream", {**STREAM, "tier": "turbo"}, x_oruel_mock_delay="0.05")
    assert time.perf_counter() - started < elapsed
    started = time.perf_counter()
    assert post(client, "slow-stream", PLAIN, x_oruel_mock_delay="0.1").status_code == 200
    assert time.perf_counter() - started >= 0.09


def test_malformed_chunk(client: httpx.Client) -> None:
    events = sse(post(client, "malformed-chunk").content)
    assert events[-1] == (None, "[DONE]")
    bad = [data for _, data in events[:-1] if not _is_json(data)]
    assert len(bad) == 1 and events[1][1] == bad[0]
    response = post(client, "malformed-chunk", PLAIN)
    assert response.status_code == 200 and not _is_json(response.text)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def test_error_event(client: httpx.Client) -> None:
    events = sse(post(client, "error-event").content)
    assert json.loads(events[0][1])["object"] == "chat.completion.chunk"
    name, data = events[-1]
    assert name == "error"
    assert json.loads(data)["error"]["type"] == "server_error"
    assert (None, "[DONE]") not in events
    assert post(client, "error-event", PLAIN).status_code == 500


def test_error_data(client: httpx.Client) -> None:
    events = sse(post(client, "error-data").content)
    name, data = events[-1]
    assert name is None and "error" in json.loads(data)
    assert (None, "[DONE]") not in events


def test_fault_times_fail_twice_then_succeed(client: httpx.Client, oruel_mock_server: MockServer) -> None:
    fault_id = uuid.uuid4().hex
    headers = {"x_oruel_mock_fault_id": fault_id, "x_oruel_mock_fault_times": "2"}
    statuses = [post(client, "503", PLAIN, **headers).status_code for _ in range(4)]
    assert statuses == [503, 503, 200, 200]
    assert oruel_mock_server.app is not None and oruel_mock_server.app.faults.seen(fault_id) == 4
    # Drops too: the connection is lost twice, then the answer comes.
    fault_id = uuid.uuid4().hex
    headers = {"x_oruel_mock_fault_id": fault_id, "x_oruel_mock_fault_times": "2"}
    for _ in range(2):
        with pytest.raises(httpx.RemoteProtocolError):
            post(client, "drop", PLAIN, **headers)
    assert post(client, "drop", PLAIN, **headers).status_code == 200


def test_fault_times_without_an_id_fires_every_time(client: httpx.Client) -> None:
    assert [post(client, "500", PLAIN, x_oruel_mock_fault_times="1").status_code for _ in range(2)] == [500, 500]


def test_a_bad_fault_header_is_a_400_naming_it(client: httpx.Client) -> None:
    response = post(client, "explode")
    assert (response.status_code, response.json()["error"]["param"]) == (400, "x-oruel-mock-fault")
    response = post(client, "slow-stream", x_oruel_mock_delay="soon")
    assert (response.status_code, response.json()["error"]["param"]) == (400, "x-oruel-mock-delay")


def test_faults_come_after_auth_and_validation(anonymous: httpx.Client, client: httpx.Client) -> None:
    assert post(anonymous, "500", PLAIN).status_code == 401
    assert post(client, "500", {**PLAIN, "temperature": 9}).status_code == 400


def test_faults_apply_to_other_operations(client: httpx.Client) -> None:
    response = client.post("/embeddings", json={"model": "m", "input": "x"}, headers={"x-oruel-mock-fault": "429"})
    assert response.status_code == 429
    assert client.get("/models", headers={"x-oruel-mock-fault": "502"}).status_code == 502
