"""The argument tree (``oruel_client.cli.parser``): usage errors exit 2, and the commands without a documented
default model say why ``--model`` is required."""

from __future__ import annotations

import pytest

from .support import run, unused_url


def test_bad_flag_is_a_usage_error() -> None:
    proc = run("chat", "hi", "--top-k", "lots")
    assert proc.returncode == 2 and "--top-k" in proc.stderr


@pytest.mark.parametrize("command", [["embed"], ["images", "generate"], ["speech"]], ids=" ".join)
def test_model_is_required_where_the_api_documents_no_default(command: list[str]) -> None:
    help_text = " ".join(run(*command, "--help").stdout.split())
    assert "(required: the API documents no default; `oruel models` lists the ids)" in help_text
    proc = run(*command, "x", base_url=unused_url())
    assert proc.returncode == 2 and "--model" in proc.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chat", "hi", "--timeout", "0"], "argument --timeout: must be more than 0"),
        (["chat", "hi", "--max-retries", "-1"], "argument --max-retries: must be 0 or more"),
        (["chat", "hi", "-H", "no-colon"], "argument -H/--header: expected NAME:VALUE"),
        (["chat", "hi", "--extra-body", "[1]"], "argument --extra-body: must be a JSON object"),
        (["chat", "hi", "--extra-body", "{"], "argument --extra-body: not valid JSON: "),
        (["mock", "--port", "-3"], "argument --port: must be 0 or more"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_bad_shared_option_value_is_a_usage_error(argv: list[str], message: str) -> None:
    proc = run(*argv, base_url=unused_url())
    assert proc.returncode == 2
    assert f"oruel {argv[0]}: error: {message}" in proc.stderr and proc.stdout == ""
