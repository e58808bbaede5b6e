"""The text a command sends (``oruel_client.cli.context.read_text``): the argument, or stdin when it is ``-`` or
absent; an empty one is a usage error (exit 2) and nothing is sent."""

from __future__ import annotations

import os
from typing import Any

import pytest

from .support import run, unused_url


def test_prompt_from_stdin(mock: Any) -> None:
    proc = run("chat", "--no-stream", base_url=mock.url, stdin="from a pipe\n")
    assert proc.returncode == 0, proc.stderr
    assert mock.requests[-1].json()["messages"][-1]["content"] == "from a pipe"
    proc = run("chat", "-", "--no-stream", base_url=mock.url, stdin="dash")
    assert mock.requests[-1].json()["messages"][-1]["content"] == "dash"


@pytest.mark.parametrize(
    "argv",
    [
        ["chat", "--no-stream"],
        ["chat"],
        ["complete"],
        ["embed", "--model", "bge-m3"],
        ["images", "generate", "--model", "flux-1-schnell"],
        ["speech", "--model", "kokoro-82m", "--voice", "af", "-o", os.devnull],
    ],
    ids=" ".join,
)
def test_an_empty_stdin_is_a_usage_error(argv: list[str]) -> None:
    # stdin is /dev/null (empty, not a terminal); if anything were sent, the unused port would make it exit 5
    proc = run(*argv, base_url=unused_url())
    assert proc.returncode == 2, proc.stderr
    assert "stdin was empty" in proc.stderr and proc.stdout == ""


def test_an_empty_prompt_argument_is_a_usage_error() -> None:
    proc = run("chat", "", "--no-stream", base_url=unused_url())
    assert proc.returncode == 2 and "the prompt is empty" in proc.stderr
    proc = run("chat", "-", "--no-stream", stdin="\n", base_url=unused_url())
    assert proc.returncode == 2 and "stdin was empty" in proc.stderr
