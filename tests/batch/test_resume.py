"""Nothing lost, nothing twice: SIGKILL at any moment, a torn last line, Ctrl-C, then a resume."""

from __future__ import annotations

import json
import random
import signal
import socket
import subprocess
import time
from pathlib import Path

from oruel_client.mock import BASE_PATH, MockServer

from .conftest import assert_each_id_once, chat_line, read_results, run_batch, start_batch, wait_for_lines, write_jsonl

N = 400
# 50 requests a second: the run takes about eight seconds, so a kill lands in the middle of it even on a busy
# machine (at 200 a second, three kills could come after the last line).
PACED = ("--max-requests-per-minute", "3000", "--concurrency", "8", "--progress", "none")


def _input(tmp_path: Path, n: int = N) -> tuple[Path, list[str]]:
    ids = [f"q{i:05d}" for i in range(n)]
    return write_jsonl(tmp_path / "in.jsonl", [chat_line(i, text=f"question {i}") for i in ids]), ids


def test_sigkill_at_random_moments_then_resume_gives_every_id_once(tmp_path: Path, server: MockServer) -> None:
    inp, ids = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    for _ in range(3):
        process = start_batch(inp, out, server, *PACED)
        try:
            already = out.read_bytes().count(b"\n") if out.exists() else 0
            wait_for_lines(out, min(N - 1, already + 1), process)
            subprocess_sleep = rng.uniform(0.0, 0.4)
            try:
                process.wait(subprocess_sleep)
            except subprocess.TimeoutExpired:
                pass
        finally:
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=30)
    interrupted = read_results(out) if out.read_bytes().endswith(b"\n") else None
    assert out.read_bytes().count(b"\n") < N, "the kills came too late to test anything"
    done = run_batch(inp, out, server, *PACED)
    assert done.returncode == 0, (seed, done.stderr)
    if interrupted is not None:
        assert read_results(out)[: len(interrupted)] == interrupted
    results = read_results(out)
    assert_each_id_once(results, ids)
    assert all(r["response"]["status_code"] == 200 for r in results)
    # Each answer is the one for its own question, not a neighbour's.
    assert all(r["response"]["body"]["object"] == "chat.completion" for r in results)


def test_a_torn_last_line_is_repaired_and_its_request_sent_again(tmp_path: Path, server: MockServer) -> None:
    inp, ids = _input(tmp_path, 20)
    out = tmp_path / "out.jsonl"
    first = run_batch(inp, out, server, "--progress", "none")
    assert first.returncode == 0, first.stderr
    whole = out.read_text().splitlines(keepends=True)
    kept, torn = whole[:12], whole[12]
    out.write_text("".join(kept) + torn[: len(torn) // 2])  # a crash inside the write of result 13
    torn_id = json.loads(torn)["custom_id"]

    again = run_batch(inp, out, server, "--progress", "none")
    assert again.returncode == 0, again.stderr
    assert "repaired a torn last line" in again.stderr
    assert "12 results were already in" in again.stderr
    results = read_results(out)
    assert_each_id_once(results, ids)
    assert results[:12] == [json.loads(line) for line in kept], "earlier results are kept as they were"
    assert torn_id in {r["custom_id"] for r in results[12:]}
    assert "8 succeeded" in again.stderr and "12 skipped" in again.stderr


def test_a_rerun_of_a_finished_batch_sends_nothing(tmp_path: Path, server: MockServer) -> None:
    inp, ids = _input(tmp_path, 10)
    lines = inp.read_text() + "{broken\n" + json.dumps(chat_line("q00001")) + "\n"  # an invalid and a duplicate line
    inp.write_text(lines)
    out = tmp_path / "out.jsonl"
    assert run_batch(inp, out, server, "--progress", "none").returncode == 7
    before = out.read_bytes()
    server.app.reset()  # type: ignore[union-attr]
    again = run_batch(inp, out, server, "--progress", "none")
    # The exit code is the output's verdict: the two error results are still there (a resume after a kill
    # exits as the uninterrupted run would have).
    assert again.returncode == 7, again.stderr
    assert out.read_bytes() == before
    assert server.requests == []  # type: ignore[union-attr]
    assert "12 skipped (already in the output, 2 of them errors)" in again.stderr


def test_ctrl_c_stops_cleanly_says_how_to_resume_and_the_resume_completes(tmp_path: Path, server: MockServer) -> None:
    inp, ids = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    process = start_batch(inp, out, server, *PACED)
    try:
        wait_for_lines(out, 30, process)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert "To resume, run the same command again: oruel batch" in stderr
    assert str(out) in stderr
    assert "Traceback" not in stderr
    partial = read_results(out)
    assert 30 <= len(partial) < N
    assert len({r["custom_id"] for r in partial}) == len(partial)

    done = run_batch(inp, out, server, *PACED)
    assert done.returncode == 0, done.stderr
    assert f"{len(partial)} skipped" in done.stderr
    assert_each_id_once(read_results(out), ids)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_server_stops_the_run_without_burning_lines(tmp_path: Path) -> None:
    inp, ids = _input(tmp_path, 60)
    out = tmp_path / "out.jsonl"
    port = _free_port()  # nothing listens there yet
    started = time.monotonic()
    down = f"http://127.0.0.1:{port}{BASE_PATH}"
    failed = run_batch(inp, out, down, "--max-retries", "0", "--concurrency", "4", "--progress", "none")
    assert failed.returncode == 5, failed.stderr
    assert time.monotonic() - started < 30
    assert "stopped: the server gave no answer to" in failed.stderr
    assert "To resume, run the same command again" in failed.stderr
    assert not out.exists() or read_results(out) == [], "an outage is not a per-line result"
    with MockServer(port=port) as up:
        done = run_batch(inp, out, up, "--progress", "none")
    assert done.returncode == 0, done.stderr
    assert_each_id_once(read_results(out), ids)


def test_a_second_ctrl_c_abandons_requests_in_flight_and_the_resume_sends_them(
    tmp_path: Path, server: MockServer
) -> None:
    inp, ids = _input(tmp_path, 20)
    out = tmp_path / "out.jsonl"
    slow = ("-H", "x-oruel-mock-fault:slow-stream", "-H", "x-oruel-mock-delay:30", "--concurrency", "4")
    process = start_batch(inp, out, server, *slow, "--progress", "none")
    try:
        time.sleep(2)  # four requests are now waiting on the server's 30 s delay
        process.send_signal(signal.SIGINT)
        time.sleep(0.5)
        assert process.poll() is None, "the first Ctrl-C waits for the requests in flight"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert "waiting for 4 requests in flight" in stderr
    assert not out.exists() or read_results(out) == []
    done = run_batch(inp, out, server, "--progress", "none")
    assert done.returncode == 0, done.stderr
    assert_each_id_once(read_results(out), ids)


def test_a_second_run_on_the_same_output_is_refused_while_the_first_runs(tmp_path: Path, server: MockServer) -> None:
    inp, ids = _input(tmp_path)
    out = tmp_path / "out.jsonl"
    first = start_batch(inp, out, server, *PACED)
    try:
        wait_for_lines(out, 5, first)
        second = run_batch(inp, out, server, "--progress", "none")
        assert second.returncode == 1, second.stderr
        assert "being written by another oruel batch run" in second.stderr
        _, stderr = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, stderr
    assert_each_id_once(read_results(out), ids)


def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path: Path, server: MockServer) -> None:
    inp, _ = _input(tmp_path, 3)
    done = run_batch(inp, Path("/dev/full"), server, "--progress", "none", timeout=30)  # reads as endless zeros
    assert done.returncode == 1
    assert "/dev/full is not a regular file" in done.stderr
