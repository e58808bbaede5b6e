"""Whatever an input line holds and whatever the server answers, each line ends in exactly one result (or none,
sent again on resume), the output stays strict JSON lines, and the summary and exit code say what happened."""

from __future__ import annotations

import base64
import json
import resource
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.rawhttp import RawServer

from .conftest import read_results, run_batch
from .hostile import OK, Answer, Hostile, completion, serve, token_line

JSON = (("content-type", "application/json"),)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[tuple[RawServer, Hostile]]:
    server, handler = serve()
    with server:
        yield server, handler


def strict_lines(path: Path) -> list[dict[str, Any]]:
    """Every output line: UTF-8, strict JSON (no NaN, no lone surrogate), one object per line."""

    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in the output")

    records = []
    for raw in path.read_bytes().splitlines():
        if not raw.strip():
            continue
        record = json.loads(raw.decode("utf-8"), parse_constant=refuse)
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # no lone surrogate anywhere
        records.append(record)
    return records


def write_bytes_lines(path: Path, lines: list[bytes | str | dict[str, Any]]) -> Path:
    out = bytearray()
    for line in lines:
        if isinstance(line, dict):
            line = json.dumps(line)
        out += (line.encode() if isinstance(line, str) else line) + b"\n"
    path.write_bytes(bytes(out))
    return path


def test_every_kind_of_malformed_line_is_one_error_result_and_the_run_goes_on(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    server, handler = hostile_server
    handler.reset({})
    deep = "[" * 100_000 + "]" * 100_000
    lines: list[bytes | str | dict[str, Any]] = [
        token_line(1),  # 1
        b'{"custom_id": "x\xff\xfe", "url": "/v1/chat/completions"}',  # 2: not UTF-8
        token_line(3, custom_id="\ud800"),  # 3: json.dumps escapes it: "\ud800" in the file
        token_line(4, text="cut \ud83d emoji"),  # 4: a lone surrogate in the body
        deep,  # 5
        # 6: deep enough to break the checks (Python frames) and, before 3.13, json's parser too; 3.13's
        # parser takes it, so the body then reaches the checks: either way one "nested too deep" error
        json.dumps(token_line(6))[:-2] + ', "x": ' + "[" * 1500 + "]" * 1500 + "}}",
        {**token_line(7), "url": "http://[::1/v1/chat/completions"},  # 7: urlsplit cannot parse it
        token_line(8, custom_id="id1"),  # 8: duplicate of line 1
        "{not json",  # 9
        token_line(10),  # 10
        '{"custom_id": "nan", "url": "/v1/chat/completions", "body": {"model": "m", "messages": [],'
        ' "temperature": NaN}}',  # 11: NaN is not JSON a request can carry
    ]
    inp = write_bytes_lines(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    done = run_batch(inp, out, server.url, "--progress", "none", "--max-retries", "0")
    assert done.returncode == 7, done.stderr
    assert "nothing was sent" not in done.stderr and "Traceback" not in done.stderr
    results = strict_lines(out)
    assert len(results) == 11, results
    errors = {r["error"]["line"]: r["error"] for r in results if r["error"] is not None}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8, 9, 11]
    for line, error in errors.items():
        assert error["message"].startswith(f"line {line}: "), error
    assert "UTF-8" in errors[2]["message"]
    assert "surrogate" in errors[3]["message"] and "surrogate" in errors[4]["message"]
    assert "deep" in errors[5]["message"] and "deep" in errors[6]["message"]
    assert "cannot be parsed" in errors[7]["message"] and "duplicate" in errors[8]["message"]
    assert "nan" in errors[11]["message"].lower(), errors[11]
    assert sorted(t for t in handler.sent() if t is not None) == [1, 10], "only the good lines are sent"
    assert "2 succeeded, 0 failed, 9 invalid" in done.stderr


def test_every_kind_of_hostile_answer_is_kept_losslessly(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    server, handler = hostile_server
    answers = {
        1: b'{"choices": [], "text": "cut \\ud83d"}',  # an escaped lone surrogate: a cut emoji
        2: b"[" * 100_000 + b"]" * 100_000,
        3: b"\xff\xfe not utf-8",
        4: b"",
        5: b'{"x": NaN}',
        6: b"<html>bad gateway</html>",
        7: completion("caf\xe9 \U0001f600"),
    }
    script = {n: [Answer(200, body, JSON)] for n, body in answers.items()}
    script.update({10 + n: [Answer(500, body, JSON + (("x-should-retry", "false"),))] for n, body in answers.items()})
    handler.reset(script)
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(n) for n in sorted(script)])
    out = tmp_path / "out.jsonl"
    done = run_batch(inp, out, server.url, "--progress", "none", "--max-retries", "0")
    assert done.returncode == 7, done.stderr
    assert "Traceback" not in done.stderr
    results = {r["custom_id"]: r for r in strict_lines(out)}
    assert len(results) == len(script)
    for n, body in answers.items():
        for token, status in ((n, 200), (10 + n, 500)):
            response = results[f"id{token}"]["response"]
            assert response["status_code"] == status
            if "body_base64" in response:
                assert base64.b64decode(response["body_base64"]) == body and response["body"] is None
            elif "body_text" in response:
                assert response["body_text"].encode() == body and response["body"] is None
            elif body.strip():
                assert json.loads(body) == response["body"], token
            else:
                assert response["body"] is None
    kinds = {n: max(set(results[f"id{n}"]["response"]) - {"status_code", "request_id"}, key=len) for n in answers}
    assert kinds == {1: "body_base64", 2: "body_base64", 3: "body_base64", 4: "body", 5: "body_text",
                     6: "body_text", 7: "body"}  # fmt: skip
    # A 2xx that is not JSON is no success; an error answer is a failure, whatever its body.
    assert [n for n in answers if results[f"id{n}"]["error"] is None] == [7]
    assert results["id1"]["error"]["code"] == "invalid_response"
    assert "1 succeeded, 13 failed, 0 invalid" in done.stderr


def test_a_whole_last_result_without_its_newline_is_kept_and_blank_lines_survive(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    server, handler = hostile_server
    handler.reset({})
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(n) for n in range(1, 5)])
    out = tmp_path / "out.jsonl"
    first = {"id": "batch_req_1", "custom_id": "id1", "response": {"status_code": 200, "body": {}}, "error": None}
    last = {"id": "batch_req_2", "custom_id": "id2", "response": {"status_code": 200, "body": {}}, "error": None}
    before = (json.dumps(first) + "\n\n   \n" + json.dumps(last)).encode()  # blank lines, then no final newline
    out.write_bytes(before)
    done = run_batch(inp, out, server.url, "--progress", "none")
    assert done.returncode == 0, done.stderr
    assert sorted(t for t in handler.sent() if t is not None) == [3, 4], "lines 1 and 2 are not paid for again"
    after = out.read_bytes()
    assert after.startswith(before + b"\n"), "the earlier lines, blank ones included, are left as they were"
    assert sorted(r["custom_id"] for r in strict_lines(out)) == ["id1", "id2", "id3", "id4"]
    assert "lacked its newline" in done.stderr


def test_a_torn_last_line_is_still_cut_and_sent_again(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    server, handler = hostile_server
    handler.reset({})
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(1), token_line(2)])
    out = tmp_path / "out.jsonl"
    whole = json.dumps({"id": "r", "custom_id": "id1", "response": {"status_code": 200, "body": {}}, "error": None})
    out.write_bytes(whole.encode() + b"\n" + b'{"id": "r2", "custom_id": "id2", "resp')
    done = run_batch(inp, out, server.url, "--progress", "none")
    assert done.returncode == 0, done.stderr
    assert [t for t in handler.sent() if t is not None] == [2]
    assert sorted(r["custom_id"] for r in read_results(out)) == ["id1", "id2"]


def _limit_file_size(size: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_run_stopped_by_a_full_disk_says_how_far_it_got(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    """Earlier lines were sent and written: the CLI must not claim that nothing was sent, and a resume after
    the disk has room again completes the file."""
    import subprocess

    from .conftest import batch_argv, child_env

    server, handler = hostile_server
    handler.reset({})
    n = 40
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(i) for i in range(n)])
    out = tmp_path / "out.jsonl"
    argv = batch_argv(inp, out, server.url, "--progress", "none", "--concurrency", "1")
    limit = 3000  # room for several results, not all
    done = subprocess.run(
        argv, env=child_env(), capture_output=True, text=True, timeout=60, preexec_fn=_limit_file_size(limit)
    )
    assert done.returncode == 1, done.stderr
    assert "nothing was sent" not in done.stderr and "Traceback" not in done.stderr
    assert "the run stopped" in done.stderr and "To resume" in done.stderr
    assert " succeeded" in done.stderr and "0 succeeded" not in done.stderr, done.stderr
    resumed = run_batch(inp, out, server.url, "--progress", "none")
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(r["custom_id"] for r in read_results(out)) == sorted(f"id{i}" for i in range(n))


def test_unanswered_lines_have_no_result_and_the_exit_code_says_so(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    server, handler = hostile_server
    handler.reset({2: [Answer(action="drop")], 3: [Answer(200, completion(), JSON, action="cut")], 4: [OK]})
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(n) for n in range(1, 5)])
    out = tmp_path / "out.jsonl"
    done = run_batch(inp, out, server.url, "--progress", "none", "--max-retries", "0")
    assert done.returncode == 5, done.stderr
    assert sorted(r["custom_id"] for r in strict_lines(out)) == ["id1", "id4"]
    assert "2 unanswered" in done.stderr
    handler.reset({})
    again = run_batch(inp, out, server.url, "--progress", "none", "--max-retries", "0")
    assert again.returncode == 0, again.stderr
    assert sorted(t for t in handler.sent() if t is not None) == [2, 3], "only the unanswered lines go again"


def test_a_resume_that_skips_failed_lines_still_exits_7(
    tmp_path: Path, hostile_server: tuple[RawServer, Hostile]
) -> None:
    """The exit code is the output's verdict: a rerun that has nothing left to send still reports the
    failures the output holds."""
    server, handler = hostile_server
    handler.reset({2: [Answer(400, b'{"error": {"message": "no"}}', JSON)]})
    inp = write_bytes_lines(tmp_path / "in.jsonl", [token_line(1), token_line(2), "{bad"])
    out = tmp_path / "out.jsonl"
    first = run_batch(inp, out, server.url, "--progress", "none")
    assert first.returncode == 7, first.stderr
    again = run_batch(inp, out, server.url, "--progress", "none")
    assert again.returncode == 7, again.stderr
    assert "3 skipped (already in the output, 2 of them errors)" in again.stderr
    assert handler.sent()[1] == 1 and handler.sent()[2] == 1, "nothing is sent again"


async def test_python_items_of_any_shape_are_error_results_not_exceptions(
    hostile_server: tuple[RawServer, Hostile],
) -> None:
    from oruel_client import AsyncOruel
    from oruel_client.batch import arun
    from oruel_client.testing import MOCK_API_KEY

    server, handler = hostile_server
    handler.reset({})
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    good = token_line(1)
    items: list[Any] = [
        good,
        {**token_line(2), "body": {**good["body"], "user": deep}},
        {**token_line(3), "body": {**good["body"], "temperature": float("nan")}},
        {**token_line(4), "body": {**good["body"], "user": {1, 2}}},
        {**token_line(5), 7: "a key that is not a string"},
        42,
        None,
        b"\xff",
        {**token_line(9), "custom_id": "\udc80"},
    ]
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url, max_retries=0, validate=False) as client:
        results = [r async for r in arun(items, client=client)]
    assert sorted(r.line for r in results) == list(range(1, 10))
    assert [r.line for r in results if r.ok] == [1]
    for result in results:
        if not result.ok:
            assert result.error is not None and result.error["message"].startswith(f"line {result.line}: ")
            json.dumps(result.to_dict(), allow_nan=False).encode("utf-8")  # writable as strict JSON
    assert [t for t in handler.sent() if t is not None] == [1]
