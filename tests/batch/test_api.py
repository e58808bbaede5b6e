"""The Python API: ``run`` (blocking) and ``arun`` (async) over any iterable, with or without an output file."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from oruel_client import AsyncOruel
from oruel_client.batch import BatchResult, BatchRunner, arun, run
from oruel_client.mock import MockServer
from oruel_client.testing import MOCK_API_KEY

from .conftest import assert_each_id_once, chat_line, read_results


def test_sync_run_yields_every_result_and_writes_the_output(tmp_path: Path, server: MockServer) -> None:
    out = tmp_path / "out.jsonl"
    lines = [chat_line(f"s{i}", text=f"number {i}") for i in range(25)]
    results = list(run(lines, output=out, api_key=MOCK_API_KEY, base_url=server.url, concurrency=4))
    assert sorted(r.custom_id or "" for r in results) == sorted(f"s{i}" for i in range(25))
    assert all(isinstance(r, BatchResult) and r.ok for r in results)
    written = read_results(out)
    assert_each_id_once(written, [f"s{i}" for i in range(25)])
    assert {r["id"] for r in written} == {r.id for r in results}
    assert written[0]["response"]["body"] == next(r.body for r in results if r.id == written[0]["id"])


def test_sync_run_takes_json_text_lines_and_a_generator(server: MockServer) -> None:
    def lines() -> Iterator[str]:
        for i in range(5):
            yield json.dumps(chat_line(f"g{i}"))

    results = list(run(lines(), api_key=MOCK_API_KEY, base_url=server.url))
    assert sorted(r.custom_id or "" for r in results) == [f"g{i}" for i in range(5)]


def test_sync_run_stopped_early_leaves_a_resumable_output(tmp_path: Path, server: MockServer) -> None:
    out = tmp_path / "out.jsonl"
    lines = [chat_line(f"e{i}") for i in range(40)]
    iterator = run(lines, output=out, api_key=MOCK_API_KEY, base_url=server.url, concurrency=2)
    first = [next(iterator) for _ in range(3)]
    iterator.close()  # type: ignore[attr-defined]
    partial = read_results(out)
    assert len(partial) >= 3 and {r.custom_id for r in first} <= {r["custom_id"] for r in partial}
    rest = list(run(lines, output=out, api_key=MOCK_API_KEY, base_url=server.url))
    assert len(rest) == 40 - len(partial)
    assert_each_id_once(read_results(out), [f"e{i}" for i in range(40)])


def test_sync_run_refuses_to_run_inside_an_event_loop(server: MockServer) -> None:
    async def inside() -> None:
        run([chat_line("x")], api_key=MOCK_API_KEY, base_url=server.url)

    with pytest.raises(RuntimeError, match="arun"):
        asyncio.run(inside())


async def test_arun_yields_results_as_they_finish(server: MockServer) -> None:
    # The first result reaches the caller while later lines are still to be sent.
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url) as client:
        seen: list[str] = []
        runner = BatchRunner(client, concurrency=3)
        async for result in runner.results(enumerate((chat_line(f"a{i}") for i in range(30)), 1)):
            seen.append(result.custom_id or "")
            if len(seen) == 1:
                assert runner.stats.done < 30, "the first result came only after the whole run"
    assert sorted(seen) == sorted(f"a{i}" for i in range(30))
    assert runner.stats.succeeded == 30 and runner.stats.prompt_tokens > 0 and runner.stats.completion_tokens > 0


async def test_arun_does_not_close_the_callers_client(server: MockServer) -> None:
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url) as client:
        assert len([r async for r in arun([chat_line("one")], client=client)]) == 1
        again = await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "still open"}])
        assert again.choices


async def test_stop_sends_nothing_more_and_finishes_what_is_in_flight(tmp_path: Path, server: MockServer) -> None:
    out = tmp_path / "out.jsonl"
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url) as client:
        runner = BatchRunner(client, output=out, concurrency=4, max_requests_per_minute=600)
        count = 0
        async for _ in runner.results(enumerate((chat_line(f"t{i}") for i in range(100)), 1)):
            count += 1
            if count == 5:
                runner.stop()
    assert 5 <= count < 30
    assert len(read_results(out)) == count


async def test_leaving_the_loop_early_with_a_full_queue_does_not_hang(tmp_path: Path, server: MockServer) -> None:
    async with AsyncOruel(api_key=MOCK_API_KEY, base_url=server.url) as client:
        results = arun(["not json"] * 2000, client=client, output=tmp_path / "out.jsonl", concurrency=1)

        async def first_then_leave() -> BatchResult:
            async for result in results:
                await asyncio.sleep(0.2)  # meanwhile the rejected lines fill the queue
                return result
            raise AssertionError("no result")

        first = await asyncio.wait_for(first_then_leave(), timeout=20)
        await asyncio.wait_for(results.aclose(), timeout=20)
    assert first.error is not None and first.error["code"] == "invalid_json"
    assert read_results(tmp_path / "out.jsonl")  # whole lines only
