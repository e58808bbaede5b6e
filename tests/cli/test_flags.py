"""The request-body flags (``oruel_client.cli.flags``): derived from the spec, shown with their documented
ranges, enums shown but not enforced by argparse (an out-of-enum value exits 3 with the library's message)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import pytest

from oruel_client import Oruel, OruelValidationError
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client.cli import build_parser
from oruel_client.cli.flags import body_flags

from .support import KEY, option_help, run, unused_url

# The commands whose request body comes from an operation, with the arguments each needs besides flags.
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "createChatCompletion": ("chat", ["hi", "--no-stream"]),
    "createCompletion": ("complete", ["hi", "--no-stream"]),
    "createEmbedding": ("embed", ["hi", "--model", "bge-m3"]),
    "createImage": ("images generate", ["a fox", "--model", "flux-1-schnell", "-o", os.devnull]),
    "createSpeech": ("speech", ["hi", "--model", "kokoro-82m", "--voice", "af", "-o", os.devnull]),
}


def deref(rule: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in rule:
        rule = SCHEMAS[rule["$ref"]]
    return rule


def top_properties(schema: str) -> dict[str, Mapping[str, Any]]:
    """Independent of the CLI's walker: top-level properties through $ref and allOf."""
    rule = deref({"$ref": schema})
    props: dict[str, Mapping[str, Any]] = {}
    for part in rule.get("allOf", ()):
        props.update(top_properties_of(deref(part)))
    props.update(top_properties_of(rule))
    return props


def top_properties_of(rule: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return dict(rule.get("properties", {}))


SCALARS = {"number", "integer", "string", "boolean"}


def is_scalar_field(rule: Mapping[str, Any]) -> bool:
    rule = deref(rule)
    types = [t for t in rule.get("type", ()) if t != "null"]
    if len(types) == 1 and types[0] in SCALARS and "const" not in rule:
        return True
    branches = [deref(b) for b in rule.get("oneOf", ())]
    kinds = sorted(tuple(b.get("type", ())) for b in branches)
    # string-or-array-of-strings (``stop``): a repeatable flag
    return kinds == [("array",), ("string",)] and all(
        deref(b.get("items", {})).get("type") == ["string"] for b in branches if b.get("type") == ["array"]
    )


def chat_schema() -> str:
    return str(OPERATIONS["createChatCompletion"]["body"])


def enum_flags() -> list[tuple[str, list[str], str, tuple[Any, ...]]]:
    """(command, its arguments, flag, allowed values) for every enum flag of every command, from the spec."""
    found = []
    for op_id, (command, argv) in COMMANDS.items():
        body = OPERATIONS[op_id]["body"]
        for flag in body_flags(str(body)):
            if flag.choices:
                found.append((command, argv, flag.option, flag.choices))
    return found


@pytest.fixture(scope="module")
def chat_help() -> str:
    proc = run("chat", "--help")
    assert proc.returncode == 0
    return proc.stdout


# ------------------------------------------------------------------------------------------ flags from the spec


def test_help_lists_top_k_with_its_range_and_tier_choices(chat_help: str) -> None:
    top_k = option_help(chat_help, "--top-k")
    assert "0 to 200" in top_k
    assert SCHEMAS["SamplingParameters"]["properties"]["top_k"]["doc"] in top_k
    assert "Not an OpenAI field" in top_k  # the spec's description travels with the range
    tiers = SCHEMAS["SamplingParameters"]["properties"]["tier"]["enum"]
    assert "{" + ",".join(tiers) + "}" in option_help(chat_help, "--tier")


def test_every_scalar_field_of_the_chat_request_is_a_flag(chat_help: str) -> None:
    props = top_properties(chat_schema())
    expected = [name for name, rule in props.items() if is_scalar_field(rule)]
    # A sanity floor, so that a broken walker in this test cannot make it pass vacuously.
    assert {"temperature", "top_k", "min_p", "repetition_penalty", "tier", "stop", "seed"} <= set(expected)
    for name in expected:
        option = "--" + name.replace("_", "-")
        option_help(chat_help, option)  # raises if missing
        doc = deref(props[name]).get("doc") or props[name].get("doc")
        if doc and name not in ("model", "stream"):
            assert doc in option_help(chat_help, option), name


def test_a_new_spec_field_becomes_a_flag_without_a_cli_edit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What regeneration does to _generated.rules.SCHEMAS, done in place: the parser picks the field up."""
    props = SCHEMAS["SamplingParameters"]["properties"]
    monkeypatch.setitem(props, "typical_p", {"type": ["number"], "minimum": 0, "maximum": 1, "doc": "0 to 1"})
    monkeypatch.setitem(props, "mirostat", {"type": ["boolean"]})
    parser = build_parser()
    args = parser.parse_args(["chat", "hi", "--typical-p", "0.3", "--mirostat"])
    assert vars(args)["body:typical_p"] == 0.3
    assert vars(args)["body:mirostat"] is True
    with pytest.raises(SystemExit):
        parser.parse_args(["complete", "--help"])
    shown = capsys.readouterr().out
    assert "--no-mirostat" in shown and "0 to 1" in option_help(shown, "--typical-p")


def test_stop_is_repeatable_and_sampling_flags_reach_the_body(mock: Any) -> None:
    before = len(mock.requests)
    proc = run(
        "chat", "hi", "--no-stream", "--top-k", "50", "--min-p", "0.05", "--repetition-penalty", "1.1",
        "--tier", "turbo", "--stop", "x", "--stop", "y", "--seed", "7",
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    body = mock.requests[before].json()
    assert body["top_k"] == 50 and body["min_p"] == 0.05 and body["repetition_penalty"] == 1.1
    assert body["tier"] == "turbo" and body["stop"] == ["x", "y"] and body["seed"] == 7
    assert body["stream"] is False
    assert "temperature" not in body  # an unset flag sends nothing


# ------------------------------------------------------------------------------------------ enums


def test_the_spec_has_enum_flags_on_several_commands() -> None:
    commands = {command for command, _, _, _ in enum_flags()}
    assert {"chat", "speech", "embed"} <= commands, commands


@pytest.mark.parametrize(("command", "argv", "option", "allowed"), enum_flags(), ids=lambda v: str(v)[:30])
def test_a_not_allowed_enum_value_exits_3_with_the_library_message(
    command: str, argv: list[str], option: str, allowed: tuple[Any, ...], mock: Any
) -> None:
    before = len(mock.requests)
    bad = "not-" + str(allowed[0])
    proc = run(*command.split(), *argv, option, bad, base_url=mock.url)
    assert proc.returncode == 3, proc.stderr
    field = option[2:].replace("-", "_")
    assert re.search(rf"validation error: {field}: violates enum=.*got '{bad}'", proc.stderr), proc.stderr
    assert len(mock.requests) == before  # nothing was sent
    # ... while an allowed value is accepted by the same flag (not rejected by argparse either)
    ok = run(*command.split(), *argv, option, str(allowed[-1]), base_url=mock.url)
    assert ok.returncode == 0, ok.stderr


def test_tier_fast_prints_exactly_the_library_message() -> None:
    base = unused_url()
    proc = run("chat", "hi", "--tier", "fast", base_url=base)
    with pytest.raises(OruelValidationError) as info:
        Oruel(api_key=KEY, base_url=base).chat.completions.create(  # type: ignore[call-overload]  # on purpose
            model="llama-4-maverick", messages=[{"role": "user", "content": "hi"}], tier="fast"
        )
    assert proc.returncode == 3
    assert f"oruel: validation error: {info.value}\n" in proc.stderr
    assert "invalid choice" not in proc.stderr


def test_enum_values_are_still_shown_in_help() -> None:
    tiers = SCHEMAS["SamplingParameters"]["properties"]["tier"]["enum"]
    assert "{" + ",".join(tiers) + "}" in run("chat", "--help").stdout
