"""What ``oruel batch`` shows on stderr: a tqdm bar, plain lines, the tqdm hint, the summary, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from oruel_client.mock import MockServer

from .conftest import batch_argv, chat_line, child_env, run_batch, write_jsonl


def _input(tmp_path: Path, n: int = 30) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", [chat_line(f"p{i}") for i in range(n)])


def test_bar_shows_done_total_and_the_run_state(tmp_path: Path, server: MockServer) -> None:
    done = run_batch(_input(tmp_path), tmp_path / "out.jsonl", server, "--progress", "bar")
    assert done.returncode == 0, done.stderr
    assert "30/30" in done.stderr and "req/s" in done.stderr
    assert "errors=0" in done.stderr and "conc=" in done.stderr and "tok=" in done.stderr


def test_plain_lines_when_stderr_is_not_a_terminal(tmp_path: Path, server: MockServer) -> None:
    inp = _input(tmp_path, 60)
    done = run_batch(inp, tmp_path / "out.jsonl", server, "--progress-interval", "0.05",
                     "--max-requests-per-minute", "3000")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "/60 done" in line]
    assert len(lines) >= 2, done.stderr
    assert (
        "lines/s" in lines[-1] and "ETA 0:00:" in lines[-1] and "errors 0" in lines[-1] and "concurrency" in lines[-1]
    )
    assert "\r" not in done.stderr  # no bar in a log file


def test_without_tqdm_the_bar_falls_back_to_lines_and_names_the_extra(tmp_path: Path, server: MockServer) -> None:
    code = "import sys; sys.modules['tqdm'] = None; from oruel_client.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = batch_argv(_input(tmp_path), tmp_path / "out.jsonl", server, "--progress", "bar")
    done = subprocess.run(
        [sys.executable, "-c", code, *argv[3:]], env=child_env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "pip install 'oruel-client[batch]'" in done.stderr


def test_summary_and_exit_code_7_when_some_lines_failed(tmp_path: Path, server: MockServer) -> None:
    inp = write_jsonl(tmp_path / "in.jsonl", [chat_line("ok"), "nope", chat_line("hot", temperature=9)])
    done = run_batch(inp, tmp_path / "out.jsonl", server, "--progress", "none")
    assert done.returncode == 7
    summary = done.stderr.strip().splitlines()[-1]
    assert "1 succeeded, 0 failed, 2 invalid, 0 skipped" in summary
    assert "tokens:" in summary and "prompt" in summary and "completion" in summary and "req/s" in summary


def test_missing_key_and_missing_input(tmp_path: Path, server: MockServer) -> None:
    env = child_env()
    del env["ORUEL_API_KEY"]
    argv = batch_argv(_input(tmp_path), tmp_path / "out.jsonl", server)
    no_key = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert no_key.returncode == 6 and "ORUEL_API_KEY" in no_key.stderr
    missing = run_batch(tmp_path / "absent.jsonl", tmp_path / "out.jsonl", server)
    assert missing.returncode == 1 and "no such input file" in missing.stderr
