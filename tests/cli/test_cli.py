"""The ``oruel`` CLI as a user runs it: a subprocess (``python -m oruel_client.cli``) against a real server on
127.0.0.1 — the local Oru-el server (``MockServer``) for normal answers and its fault headers, and
``tests.rawhttp.RawServer`` where exact bytes or timing are needed (a stream that stalls, an error that echoes
the key)."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from oruel_client import Oruel, OruelValidationError
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client.cli import build_parser
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response, sse_head

MockServer = pytest.importorskip("oruel_client.mock.server").MockServer

ROOT = Path(__file__).resolve().parents[2]
KEY = "oruel_" + "5eC7" * 12  # a well-formed key whose text is easy to spot in any output
RANGE_FLAGS = ("--max-retries", "0")


# ------------------------------------------------------------------------------------------ helpers


def _env(base_url: str | None, key: str | None = KEY, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORUEL_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env["COLUMNS"] = "200"  # argparse wraps help at the terminal width; keep each flag's help on one line
    if base_url is not None:
        env["ORUEL_BASE_URL"] = base_url
    if key is not None:
        env["ORUEL_API_KEY"] = key
    env.update(extra)
    return env


def run(
    *args: str, base_url: str | None = None, key: str | None = KEY, stdin: str | None = None, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "oruel_client.cli", *args],
        env=_env(base_url, key),
        cwd=ROOT,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    # Whatever the command, the key must never be printed.
    assert KEY not in proc.stdout and KEY not in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def one_line(text: str) -> str:
    return " ".join(text.split())


def option_help(help_text: str, option: str) -> str:
    """The help of one option (its line and continuation lines), whitespace-normalised."""
    lines = help_text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s+{re.escape(option)}[ ,]", line + " "):
            block = [line]
            for nxt in lines[i + 1 :]:
                if re.match(r"\s+-", nxt) or not nxt.startswith(" "):
                    break
                block.append(nxt)
            return one_line(" ".join(block))
    raise AssertionError(f"{option} not in help:\n{help_text}")


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def mock() -> Iterator[Any]:
    with MockServer() as server:
        yield server


@pytest.fixture(scope="module")
def chat_help() -> str:
    proc = run("chat", "--help")
    assert proc.returncode == 0
    return proc.stdout


# ------------------------------------------------------------------------------------------ flags from the spec


def test_top_level_help_documents_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    text = one_line(proc.stdout)
    for code in ("0", "2", "3", "4", "5", "6", "130"):
        assert re.search(rf"(^| ){code} ", text.split("exit codes:")[1]), code
    for command in ("chat", "complete", "embed", "models", "images", "speech", "mock"):
        assert command in proc.stdout


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


# ------------------------------------------------------------------------------------------ errors and exit codes


def test_out_of_range_exits_3_with_the_library_message_and_sends_nothing() -> None:
    with RawServer(handler=lambda req, conn: conn.send(json_response(500, {}))) as raw:
        base = raw.url + "/v1/inference"
        proc = run("chat", "hi", "--temperature", "3", base_url=base)
        assert proc.returncode == 3
        with pytest.raises(OruelValidationError) as info:
            Oruel(api_key=KEY, base_url=base).chat.completions.create(
                model="llama-4-maverick", messages=[{"role": "user", "content": "hi"}], temperature=3.0
            )
        assert str(info.value) in proc.stderr
        assert "0 to 2" in proc.stderr
        assert proc.stdout == ""
        proc = run("chat", "hi", "--top-k", "500", "--no-stream", base_url=base)
        assert proc.returncode == 3 and "0 to 200" in proc.stderr
        assert raw.requests == []


def test_missing_key_exits_6_with_a_clear_message(mock: Any) -> None:
    before = len(mock.requests)
    proc = run("chat", "hi", base_url=mock.url, key=None)
    assert proc.returncode == 6
    assert "ORUEL_API_KEY" in proc.stderr and "--api-key" in proc.stderr
    assert proc.stdout == ""
    assert run("chat", "hi", base_url=mock.url, key="").returncode == 6
    assert len(mock.requests) == before


def test_key_with_a_trailing_newline_or_password_in_base_url_exits_3_showing_neither() -> None:
    with RawServer(handler=lambda req, conn: conn.send(json_response(500, {}))) as raw:
        proc = run("chat", "hi", "--no-stream", base_url=raw.url + "/v1/inference", key=KEY + "\n")
        assert proc.returncode == 3
        assert "API key contains a control character (a trailing newline?)" in proc.stderr
        password = "pw-" + KEY[6:20]
        proc = run("models", base_url=f"http://me:{password}@127.0.0.1:{raw.port}/v1")
        assert proc.returncode == 3 and "user name or password" in proc.stderr
        assert password not in proc.stderr + proc.stdout
        assert raw.requests == []


def test_api_key_flag_works_and_is_never_printed(mock: Any) -> None:
    proc = run("models", "--api-key", KEY, base_url=mock.url, key=None)
    assert proc.returncode == 0 and "llama-4-maverick" in proc.stdout.split()
    proc = run("chat", "--help", key=None)
    assert KEY not in proc.stdout  # run() checks this for every call; --help shows no env default


def test_a_key_echoed_by_the_server_is_redacted() -> None:
    def echo(req: RecordedRequest, conn: Conn) -> None:
        shown = req.headers.get("authorization", "")
        conn.send(json_response(401, {"error": {"message": f"Incorrect API key: {shown}", "type": "auth"}}))

    with RawServer(handler=echo) as raw:
        proc = run("chat", "hi", "--no-stream", base_url=raw.url + "/v1/inference")
    assert proc.returncode == 4
    assert "401" in proc.stderr and "Incorrect API key: Bearer ***" in proc.stderr


@pytest.mark.parametrize("fault", ["429", "500"])
def test_error_status_exits_4(mock: Any, fault: str) -> None:
    proc = run("chat", "hi", "-H", f"x-oruel-mock-fault:{fault}", *RANGE_FLAGS, base_url=mock.url)
    assert proc.returncode == 4
    assert f"Error code: {fault}" in proc.stderr
    assert proc.stdout == ""


def test_in_stream_error_exits_4(mock: Any) -> None:
    proc = run("chat", "hi", "-H", "x-oruel-mock-fault:error-event", base_url=mock.url)
    assert proc.returncode == 4
    assert proc.stdout.endswith("\n")  # the partial line is ended before the error is reported
    assert "API error" in proc.stderr


def test_unreachable_server_exits_5() -> None:
    proc = run("chat", "hi", *RANGE_FLAGS, base_url=f"http://127.0.0.1:{free_port()}/v1/inference")
    assert proc.returncode == 5
    assert "connection error" in proc.stderr.lower()


def test_bad_flag_is_a_usage_error() -> None:
    proc = run("chat", "hi", "--top-k", "lots")
    assert proc.returncode == 2 and "--top-k" in proc.stderr


# ------------------------------------------------------------------------------------------ commands


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


def test_prompt_from_stdin(mock: Any) -> None:
    proc = run("chat", "--no-stream", base_url=mock.url, stdin="from a pipe\n")
    assert proc.returncode == 0, proc.stderr
    assert mock.requests[-1].json()["messages"][-1]["content"] == "from a pipe"
    proc = run("chat", "-", "--no-stream", base_url=mock.url, stdin="dash")
    assert mock.requests[-1].json()["messages"][-1]["content"] == "dash"


def test_complete_embed_and_models(mock: Any) -> None:
    proc = run("complete", "Once upon", "--max-tokens", "5", base_url=mock.url)
    assert proc.returncode == 0 and proc.stdout.strip()
    proc = run("embed", "one", "two", "--model", "bge-m3", base_url=mock.url)
    assert proc.returncode == 0
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == ["0", "1"]
    proc = run("embed", "one", "--model", "bge-m3", "--json", base_url=mock.url)
    assert isinstance(json.loads(proc.stdout)["data"][0]["embedding"], list)
    proc = run("models", base_url=mock.url)
    assert "llama-4-maverick" in proc.stdout.split()
    assert json.loads(run("models", "--json", base_url=mock.url).stdout)["object"] == "list"


def test_images_generate_writes_a_file(mock: Any, tmp_path: Path) -> None:
    proc = run(
        "images", "generate", "a red fox", "--model", "flux-1-schnell", "--out", str(tmp_path), base_url=mock.url
    )
    assert proc.returncode == 0, proc.stderr
    paths = [Path(p) for p in proc.stdout.split()]
    assert len(paths) == 1 and paths[0].parent == tmp_path
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    target = tmp_path / "fox.png"
    proc = run("images", "generate", "a fox", "--model", "flux-1-schnell", "-o", str(target), base_url=mock.url)
    assert proc.stdout.split() == [str(target)] and target.read_bytes().startswith(b"\x89PNG")


def test_speech_writes_bytes(mock: Any, tmp_path: Path) -> None:
    target = tmp_path / "hello.wav"
    proc = run(
        "speech", "hello there", "--model", "kokoro-82m", "--voice", "v1", "--format", "wav", "-o", str(target),
        base_url=mock.url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = target.read_bytes()
    assert data.startswith(b"RIFF") and len(data) > 100
    assert mock.requests[-1].json()["response_format"] == "wav"


# ------------------------------------------------------------------------------------------ Ctrl-C and mock


def _read_until(proc: subprocess.Popen[bytes], want: bytes, timeout: float) -> bytes:
    assert proc.stdout is not None
    got = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while want not in got and time.monotonic() < deadline:
        if sel.select(timeout=max(0.0, deadline - time.monotonic())):
            piece = os.read(proc.stdout.fileno(), 4096)
            if not piece:
                break
            got += piece
    sel.close()
    return got


def test_ctrl_c_during_a_stream_exits_130_without_traceback() -> None:
    def slow(req: RecordedRequest, conn: Conn) -> None:
        chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
        first = {**chunk, "choices": [{"index": 0, "delta": {"content": "partial"}, "finish_reason": None}]}
        conn.send(sse_head() + b"data: " + json.dumps(first).encode() + b"\n\n")
        time.sleep(8)  # the stall the user gives up on

    with RawServer(handler=slow) as raw:
        proc = subprocess.Popen(
            [sys.executable, "-m", "oruel_client.cli", "chat", "hi"],
            env=_env(raw.url + "/v1/inference"),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            got = _read_until(proc, b"partial", timeout=15)
            assert b"partial" in got
            started = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 130
    assert time.monotonic() - started < 5  # it did not wait for the stalled stream
    assert (got + out).endswith(b"\n")
    assert b"Traceback" not in err and KEY.encode() not in err + got + out


def test_mock_subcommand_serves_in_the_foreground() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "oruel_client.cli", "mock", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(None),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        got = _read_until(proc, b"\n", timeout=20)
        url = got.decode().strip().splitlines()[0]
        assert url.startswith(f"http://127.0.0.1:{port}")
        listed = run("models", base_url=url)
        assert listed.returncode == 0 and "llama-4-maverick" in listed.stdout.split()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, 130)
    assert b"Traceback" not in err
