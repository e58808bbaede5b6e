"""``oruel chat`` and ``oruel complete`` (``oruel_client.cli.chat``): streamed text, JSON chunks or the JSON
response, against the local server."""

from __future__ import annotations

import json
import re
from typing import Any

from oruel_client.cli import build_parser

from .support import run


def test_streaming_chat_prints_the_content(mock: Any) -> None:
    args = ("chat", "Tell me about sampling", "--max-tokens", "30", "--top-k", "40")
    streamed = run(*args, "--show-usage", base_url=mock.url)
    assert streamed.returncode == 0, streamed.stderr
    whole = run(*args, "--no-stream", "--json", base_url=mock.url)
    content = json.loads(whole.stdout)["choices"][0]["message"]["content"]
    assert content and streamed.stdout == content + "\n"
    assert re.search(r"usage: prompt_tokens=\d+ completion_tokens=\d+ total_tokens=\d+", streamed.stderr)
    assert mock.requests[-2].json()["stream"] is True


def test_streaming_json_prints_one_chunk_per_line(mock: Any) -> None:
    proc = run("chat", "hi", "--json", "--max-tokens", "8", base_url=mock.url)
    assert proc.returncode == 0
    chunks = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(chunks) > 1 and all(c["object"] == "chat.completion.chunk" for c in chunks)


def test_no_stream_json_prints_valid_json(mock: Any) -> None:
    proc = run("chat", "hi", "--no-stream", "--json", "--system", "be brief", base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["object"] == "chat.completion" and data["choices"][0]["message"]["role"] == "assistant"
    sent = mock.requests[-1].json()["messages"]
    assert sent == [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]


def test_extra_body_is_merged_into_the_request(mock: Any) -> None:
    extra = {"response_format": {"type": "json_object"}}
    proc = run("chat", "hi", "--no-stream", "--extra-body", json.dumps(extra), base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    assert mock.requests[-1].json()["response_format"] == extra["response_format"]


def test_chat_and_complete_have_the_documented_default_model(mock: Any) -> None:
    proc = run("chat", "hi", "--no-stream", base_url=mock.url)
    assert proc.returncode == 0
    assert mock.requests[-1].json()["model"] == build_parser().parse_args(["chat", "x"]).model
    proc = run("complete", "hi", "--no-stream", base_url=mock.url)
    assert proc.returncode == 0
    assert mock.requests[-1].json()["model"] == build_parser().parse_args(["complete", "x"]).model


def test_complete_prints_the_continuation(mock: Any) -> None:
    proc = run("complete", "Once upon", "--max-tokens", "5", base_url=mock.url)
    assert proc.returncode == 0 and proc.stdout.strip()
    assert mock.requests[-1].json()["prompt"] == "Once upon"
