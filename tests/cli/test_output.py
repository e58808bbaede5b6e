"""Errors, exit codes and the key (``oruel_client.cli.output``): each kind of error has its exit code and
message on stderr, and the API key is never printed, even when a server echoes it."""

from __future__ import annotations

from typing import Any

import pytest

from oruel_client import Oruel, OruelValidationError
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

from .support import KEY, RANGE_FLAGS, free_port, run


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
