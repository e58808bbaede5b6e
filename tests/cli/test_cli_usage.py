"""The CLI behaviours of issue 13, as a user meets them: a subprocess against the real local server (or a port
where nothing listens).

* every not-allowed enum value exits 3 with the library's message, like an out-of-range number;
* ``speech -o FILE`` asks for the format FILE's extension names, and refuses a contradicting ``--format``;
* each retry prints one line on stderr; a connection error names its cause and the attempts made;
* an empty prompt is a usage error (exit 2), and nothing is sent;
* ``embed``, ``images generate`` and ``speech`` say why ``--model`` is required.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oruel_client import Oruel, OruelValidationError
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client.cli import build_parser
from oruel_client.cli.flags import body_flags
from tests.cli.test_cli import KEY, free_port, run

MockServer = pytest.importorskip("oruel_client.mock.server").MockServer

# The commands whose request body comes from an operation, with the arguments each needs besides flags.
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "createChatCompletion": ("chat", ["hi", "--no-stream"]),
    "createCompletion": ("complete", ["hi", "--no-stream"]),
    "createEmbedding": ("embed", ["hi", "--model", "bge-m3"]),
    "createImage": ("images generate", ["a fox", "--model", "flux-1-schnell", "-o", os.devnull]),
    "createSpeech": ("speech", ["hi", "--model", "kokoro-82m", "--voice", "af", "-o", os.devnull]),
}


@pytest.fixture(scope="module")
def mock() -> Iterator[Any]:
    with MockServer() as server:
        yield server


def unused_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1/inference"


def enum_flags() -> list[tuple[str, list[str], str, tuple[Any, ...]]]:
    """(command, its arguments, flag, allowed values) for every enum flag of every command, from the spec."""
    found = []
    for op_id, (command, argv) in COMMANDS.items():
        body = OPERATIONS[op_id]["body"]
        for flag in body_flags(str(body)):
            if flag.choices:
                found.append((command, argv, flag.option, flag.choices))
    return found


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
        Oruel(api_key=KEY, base_url=base).chat.completions.create(
            model="llama-4-maverick", messages=[{"role": "user", "content": "hi"}], tier="fast"
        )
    assert proc.returncode == 3
    assert f"oruel: validation error: {info.value}\n" in proc.stderr
    assert "invalid choice" not in proc.stderr


def test_enum_values_are_still_shown_in_help() -> None:
    tiers = SCHEMAS["SamplingParameters"]["properties"]["tier"]["enum"]
    assert "{" + ",".join(tiers) + "}" in run("chat", "--help").stdout


# ------------------------------------------------------------------------------------------ speech formats


def speech_formats() -> list[str]:
    return list(SCHEMAS["SpeechRequest"]["properties"]["response_format"]["enum"])


@pytest.mark.parametrize("fmt", speech_formats())
def test_speech_asks_for_the_format_the_file_extension_names(fmt: str, mock: Any, tmp_path: Path) -> None:
    target = tmp_path / f"hello.{fmt.upper() if fmt == 'wav' else fmt}"  # case does not matter
    proc = run("speech", "hello", "--model", "kokoro-82m", "--voice", "af", "-o", str(target), base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    assert mock.requests[-1].json()["response_format"] == fmt
    assert target.read_bytes()


def test_speech_to_a_wav_file_writes_wav_bytes(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.wav"  # the README's example, which used to get MP3 bytes
    proc = run("speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", str(target), base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    data = target.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"


def test_speech_refuses_a_format_that_contradicts_the_file_name(mock: Any, tmp_path: Path) -> None:
    before = len(mock.requests)
    target = tmp_path / "hi.wav"
    proc = run(
        "speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "--format", "mp3", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--format mp3 does not match" in proc.stderr and "hi.wav" in proc.stderr
    assert not target.exists() and len(mock.requests) == before


def test_speech_with_an_unknown_extension_needs_format(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.audio"
    argv = ["speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", str(target)]
    proc = run(*argv, base_url=mock.url)
    assert proc.returncode == 2 and "--format" in proc.stderr
    for fmt in speech_formats():
        assert f"*.{fmt}" in proc.stderr
    proc = run(*argv, "--format", "flac", base_url=mock.url)
    assert proc.returncode == 0 and mock.requests[-1].json()["response_format"] == "flac"


def test_speech_with_a_matching_format_or_no_extension(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hi.pcm"
    proc = run(
        "speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "--format", "pcm", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 0 and mock.requests[-1].json()["response_format"] == "pcm"
    proc = run("speech", "Hi", "--model", "kokoro-82m", "--voice", "af", "-o", os.devnull, base_url=mock.url)
    assert proc.returncode == 0 and "response_format" not in mock.requests[-1].json()  # the server's default


# ------------------------------------------------------------------------------------------ retries, connection


def fault(kind: str, times: int, **extra: str) -> list[str]:
    headers = {
        "x-oruel-mock-fault": kind,
        "x-oruel-mock-fault-times": str(times),
        "x-oruel-mock-fault-id": uuid.uuid4().hex,
        **extra,
    }
    return [arg for name, value in headers.items() for arg in ("-H", f"{name}:{value}")]


def test_each_retry_prints_one_line(mock: Any) -> None:
    headers = fault("429", 2, **{"x-oruel-mock-retry-after": "1"})
    proc = run("chat", "hi", "--no-stream", *headers, base_url=mock.url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        "429 rate limited; retrying in 1.0 s (attempt 2 of 3)",
        "429 rate limited; retrying in 1.0 s (attempt 3 of 3)",
    ]
    assert proc.stdout.strip()


def test_retry_lines_name_the_status_and_follow_max_retries(mock: Any) -> None:
    headers = fault("503", 5, **{"x-oruel-mock-retry-after": "0"})
    proc = run("chat", "hi", "--no-stream", "--max-retries", "1", *headers, base_url=mock.url)
    assert proc.returncode == 4
    lines = proc.stderr.splitlines()
    assert lines[0] == "503 service unavailable; retrying in 0.0 s (attempt 2 of 2)"
    assert lines[1].startswith("oruel: API error:") and len(lines) == 2


def test_no_retry_no_line(mock: Any) -> None:
    proc = run("chat", "hi", "--no-stream", base_url=mock.url)
    assert proc.returncode == 0 and proc.stderr == ""


def test_a_refused_connection_names_the_cause_and_the_attempts() -> None:
    base = unused_url()
    proc = run("chat", "hi", "--no-stream", "--max-retries", "1", base_url=base)
    assert proc.returncode == 5
    lines = proc.stderr.splitlines()
    assert re.fullmatch(r"connect error; retrying in \d+\.\d s \(attempt 2 of 2\)", lines[0]), lines
    assert lines[1] == f"oruel: connection error: connection refused; 2 attempts made (base URL: {base})"
    proc = run("models", "--max-retries", "0", base_url=base)
    assert proc.returncode == 5 and proc.stderr.splitlines() == [
        f"oruel: connection error: connection refused; 1 attempt made (base URL: {base})"
    ]


def test_a_timeout_names_which_one_and_the_attempts() -> None:
    with socket.socket() as listener:  # accepts connections (the kernel's backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}/v1/inference"
        proc = run("chat", "hi", "--no-stream", "--timeout", "0.3", "--max-retries", "1", base_url=base)
    assert proc.returncode == 5
    lines = proc.stderr.splitlines()
    assert re.fullmatch(r"read timeout; retrying in \d+\.\d s \(attempt 2 of 2\)", lines[0]), lines
    assert lines[1] == f"oruel: timeout: read timeout; 2 attempts made (base URL: {base})"


# ------------------------------------------------------------------------------------------ empty input


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


# ------------------------------------------------------------------------------------------ --model


@pytest.mark.parametrize("command", [["embed"], ["images", "generate"], ["speech"]], ids=" ".join)
def test_model_is_required_where_the_api_documents_no_default(command: list[str]) -> None:
    help_text = " ".join(run(*command, "--help").stdout.split())
    assert "(required: the API documents no default; `oruel models` lists the ids)" in help_text
    proc = run(*command, "x", base_url=unused_url())
    assert proc.returncode == 2 and "--model" in proc.stderr


def test_chat_and_complete_have_the_documented_default_model(mock: Any) -> None:
    proc = run("chat", "hi", "--no-stream", base_url=mock.url)
    assert proc.returncode == 0
    assert mock.requests[-1].json()["model"] == build_parser().parse_args(["chat", "x"]).model
