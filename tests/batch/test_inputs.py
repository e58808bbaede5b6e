"""Bad lines become error results with their line number and reason, and nothing is sent for them; good lines
of every JSON operation are sent; API error answers are results too."""

from __future__ import annotations

import json
from pathlib import Path

from oruel_client.batch import run
from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY

from .conftest import chat_line, read_results, run_batch, write_jsonl


def _paths(server: MockServer) -> set[str]:
    return {r.path for r in server.requests}


def test_each_kind_of_bad_line_gets_an_error_result_and_nothing_is_sent(tmp_path: Path, server: MockServer) -> None:
    lines = [
        chat_line("good-1"),  # 1
        "{not json",  # 2
        "[1, 2]",  # 3
        {"method": "POST", "url": "/v1/chat/completions", "body": {}},  # 4: no custom_id
        chat_line("files", url="/v1/files"),  # 5
        {"custom_id": "get", "method": "GET", "url": "/v1/chat/completions", "body": {}},  # 6
        chat_line("hot", temperature=5),  # 7: documented 0 to 2
        chat_line("good-1", text="again"),  # 8: duplicate
        chat_line("streamed", stream=True),  # 9
        chat_line("good-2"),  # 10
    ]
    inp = write_jsonl(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    server.app.reset()  # type: ignore[union-attr]
    done = run_batch(inp, out, server, "--progress", "none")
    assert done.returncode == 7, done.stderr
    errors = {r["error"]["line"]: r for r in read_results(out) if r["error"] is not None}
    assert {line: r["error"]["code"] for line, r in errors.items()} == {
        2: "invalid_json",
        3: "invalid_request",
        4: "invalid_request",
        5: "unknown_url",
        6: "unknown_url",
        7: "invalid_body",
        8: "duplicate_custom_id",
        9: "invalid_request",
    }
    for line, result in errors.items():
        assert result["error"]["message"].startswith(f"line {line}: ")
        assert result["response"] is None
    assert "temperature" in errors[7]["error"]["message"] and "0 to 2" in errors[7]["error"]["message"]
    assert "first on line 1" in errors[8]["error"]["message"]
    assert errors[8]["custom_id"] is None  # so every custom_id appears once in the output
    assert "method GET is not allowed" in errors[6]["error"]["message"]
    assert errors[7]["custom_id"] == "hot"
    sent = [json.loads(r.body)["messages"][0]["content"] for r in server.requests]  # type: ignore[union-attr]
    assert sorted(sent) == ["hi", "hi"], "only the two good lines reach the server"
    assert "2 succeeded, 0 failed, 8 invalid" in done.stderr


def test_every_url_form_and_json_operation_is_sent_to_its_operation(tmp_path: Path, server: MockServer) -> None:
    lines = [
        chat_line("v1", url="/v1/chat/completions"),
        chat_line("bare", url="/chat/completions"),
        chat_line("base", url="/v1/inference/chat/completions"),
        {"custom_id": "emb", "method": "POST", "url": "/v1/embeddings", "body": {"model": "bge-m3", "input": "a"}},
        {"custom_id": "cmp", "method": "POST", "url": "/v1/completions", "body": {"model": "m", "prompt": "Once"}},
        {"custom_id": "img", "url": "/v1/images/generations", "body": {"model": "flux-1-schnell", "prompt": "a cat"}},
        {"custom_id": "models", "method": "GET", "url": "/v1/models"},
    ]
    results = {r.custom_id: r for r in run(lines, api_key=MOCK_API_KEY, base_url=server.url)}
    assert set(results) == {"v1", "bare", "base", "emb", "cmp", "img", "models"}
    assert all(r.ok for r in results.values()), {k: r.to_dict() for k, r in results.items() if not r.ok}
    assert results["emb"].body["object"] == "list" and results["emb"].body["data"][0]["embedding"]
    assert results["cmp"].body["object"] == "text_completion"
    assert results["models"].body["data"]
    assert results["v1"].body["object"] == "chat.completion"
    assert results["v1"].request_id and results["v1"].request_id.startswith("req_")


def test_a_non_retryable_api_error_is_a_result_not_a_crash(tmp_path: Path, server: MockServer) -> None:
    lines = [chat_line(f"r{i}") for i in range(3)]
    results = list(run(lines, api_key="not-a-valid-key", base_url=server.url, max_retries=2))
    assert sorted(r.custom_id or "" for r in results) == ["r0", "r1", "r2"]
    for result in results:
        assert not result.ok and result.error is None
        assert result.status_code == 401
        assert result.body["error"]["code"] == "invalid_api_key"
        assert result.to_dict()["response"]["request_id"]


def test_retryable_errors_are_retried_with_the_client_policy(tmp_path: Path, server: MockServer) -> None:
    server.app.reset()  # type: ignore[union-attr]
    headers = {"x-oruel-mock-fault": "503", "x-oruel-mock-fault-times": "2", "x-oruel-mock-fault-id": "batch-503"}
    results = list(
        run([chat_line("only")], api_key=MOCK_API_KEY, base_url=server.url, default_headers=headers, max_retries=2)
    )
    assert [r.status_code for r in results] == [200]
    # Each attempt says which it is, as the client's own retries do.
    assert [r.headers["x-oruel-retry-count"] for r in server.requests] == ["0", "1", "2"]  # type: ignore[union-attr]
    # One retry fewer than needed: the 503 is the result.
    server.app.reset()  # type: ignore[union-attr]
    results = list(
        run([chat_line("only")], api_key=MOCK_API_KEY, base_url=server.url, default_headers=headers, max_retries=1)
    )
    assert [r.status_code for r in results] == [503]
