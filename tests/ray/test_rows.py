"""Rows in and out of the Ray step, without a cluster: what a Dataset's types do to a body, and how an answer
that is not JSON is kept."""

from __future__ import annotations

import json

from oruel_client.batch.ray.rows import COLUMNS, output_row, request_line, schema
from oruel_client.batch.results import BatchResult


def test_struct_nulls_are_dropped_but_json_text_is_sent_as_written() -> None:
    # Arrow gives every row of a struct column every key, null where the row had none.
    row = {"custom_id": "a", "url": "/v1/chat/completions", "body": {"model": "m", "temperature": None,
           "messages": [{"role": "user", "content": "hi", "name": None}]}}  # fmt: skip
    line = request_line(row, None, None)
    assert line == {"custom_id": "a", "url": "/v1/chat/completions",
                    "body": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}}  # fmt: skip
    text = {**row, "body": '{"model": "m", "messages": [], "seed": null}'}
    assert request_line(text, None, None) == {**line, "body": {"model": "m", "messages": [], "seed": None}}


def test_url_argument_wins_and_build_body_errors_are_reasons() -> None:
    row = {"custom_id": "a", "prompt": "p"}
    line = request_line(row, lambda r: {"x": r["prompt"]}, "/v1/completions")
    assert line == {"custom_id": "a", "url": "/v1/completions", "body": {"x": "p"}}
    assert request_line(row, lambda r: r["missing"], None) == "build_body raised KeyError: 'missing'"


def test_output_keeps_a_body_that_is_not_json_as_oruel_batch_does() -> None:
    html = output_row(BatchResult.answer(3, "h", 200, "req_1", b"<html>proxy</html>"))
    assert set(html) == set(COLUMNS) and list(COLUMNS) == schema().names
    assert html["body"] is None and html["body_text"] == "<html>proxy</html>"
    assert not html["ok"] and html["error_code"] == "invalid_response"
    binary = output_row(BatchResult.answer(4, "b", 500, None, b"\xff\xfe"))
    assert binary["body_base64"] == "//4=" and binary["status_code"] == 500 and binary["error"] is None
    good = output_row(
        BatchResult.answer(5, "g", 200, "req_2", b'{"usage": {"prompt_tokens": 3, "completion_tokens": 4}}')
    )
    assert good["ok"] and (good["prompt_tokens"], good["completion_tokens"]) == (3, 4)
    assert json.loads(good["body"])["usage"]["prompt_tokens"] == 3
