"""oruel_client.batch.ray on a local cluster against the rate-limited local server: one limit for every
worker, near it, nothing lost (bad rows, a killed worker), resume, and a 429 that slows every worker."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from oruel_client.batch.ray import COLUMNS, OruelStep, process
from oruel_client.mock import MockServer

from .conftest import CHAT_URL, MODEL, RATE, by_id, chat_row, client_options, collect, ray


def test_workers_share_one_limit_and_reach_it(server: MockServer) -> None:
    ids = [f"r{i}" for i in range(160)]
    ds = ray.data.from_items([chat_row(i) for i in ids], override_num_blocks=6)
    out = process(ds, max_requests_per_minute=RATE * 60, concurrency=3, max_in_flight=8, **client_options(server))
    rows = by_id(collect(out, timeout=90), ids)
    assert all(row["ok"] for row in rows.values())
    traffic = server.traffic()
    assert traffic.received == len(ids)
    # Three workers, each free to send 8 at once, together stay under the server's limit: no 429 ...
    assert traffic.rate_limited == 0, traffic.rate_limited
    # ... and at most its token bucket (one second's worth, refilled at RATE) in any window.
    for window in (1.0, 2.0, 5.0):
        assert traffic.most_in_window(window) <= RATE * window + RATE
    # Near the limit: the requests after the first, over the time from the first to the last.
    achieved = (traffic.received - 1) / traffic.span()
    assert achieved >= 0.9 * RATE, achieved


def test_bad_rows_become_error_rows(server: MockServer) -> None:
    good = [chat_row(f"g{i}") for i in range(6)]
    bad: list[dict[str, Any]] = [
        {"url": CHAT_URL, "body": {"model": MODEL, "messages": []}},  # no custom_id
        chat_row("range", temperature=9),  # breaks the spec's range: not sent
        {**chat_row("url"), "url": "/v1/nowhere"},
        {"custom_id": "text", "url": CHAT_URL, "body": "{not json"},
        {**chat_row("stream"), "body": {"model": MODEL, "messages": [], "stream": True}},
    ]
    ds = ray.data.from_items(good + bad, override_num_blocks=2)
    rows = collect(process(ds, concurrency=2, **client_options(server)), timeout=60)
    assert len(rows) == len(good) + len(bad)
    assert set(rows[0]) == set(COLUMNS)
    codes = {row["custom_id"]: row["error_code"] for row in rows if not row["ok"]}
    assert codes == {
        None: "invalid_request",
        "range": "invalid_body",
        "url": "unknown_url",
        "text": "invalid_request",
        "stream": "invalid_request",
    }
    for row in rows:
        if row["ok"]:
            assert row["status_code"] == 200 and row["request_id"].startswith("req_")
            assert json.loads(row["body"])["object"] == "chat.completion"
            assert row["completion_tokens"] > 0 and row["error"] is None
        else:
            assert row["status_code"] is None and "message" in json.loads(row["error"])
    assert server.traffic().received == len(good)  # bad rows never reach the server


def test_build_body_rows(server: MockServer) -> None:
    items = [{"custom_id": f"p{i}", "prompt": f"question {i}"} for i in range(5)] + [{"prompt": "no id"}]

    def build(row: dict[str, Any]) -> dict[str, Any]:
        if row["prompt"] == "question 3":
            raise KeyError("boom")
        return {"model": MODEL, "messages": [{"role": "user", "content": row["prompt"]}]}

    rows = collect(process(ray.data.from_items(items), build_body=build, **client_options(server)), timeout=60)
    assert len(rows) == len(items)
    outcome = {row["custom_id"]: (row["ok"], row["error_code"]) for row in rows}
    assert outcome == {
        "p0": (True, None),
        "p1": (True, None),
        "p2": (True, None),
        "p3": (False, "invalid_request"),  # build_body raised
        "p4": (True, None),
        None: (False, "invalid_request"),  # no custom_id column value
    }
    assert "build_body raised KeyError" in next(row["error"] for row in rows if row["custom_id"] == "p3")


def test_killed_worker_leaves_one_result_per_row(server: MockServer, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()

    def build(row: dict[str, Any]) -> dict[str, Any]:
        (pids / str(os.getpid())).touch()
        return {"model": MODEL, "messages": [{"role": "user", "content": row["prompt"]}]}

    ids = [f"k{i}" for i in range(120)]
    ds = ray.data.from_items([{"custom_id": i, "prompt": i} for i in ids], override_num_blocks=4)
    out = process(ds, build_body=build, max_requests_per_minute=RATE * 60, concurrency=2, max_in_flight=8,
                  batch_size=40, **client_options(server))  # fmt: skip
    killed: list[int] = []

    def kill_workers_mid_block() -> None:
        # Fewer answers than one block holds (40): no block has finished, so every worker that built a body is
        # inside its block, with requests already sent (a worker that had finished its block would lose nothing).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.traffic().received < 10:
            time.sleep(0.05)
        for path in pids.iterdir():
            os.kill(int(path.name), signal.SIGKILL)
            killed.append(int(path.name))

    killer = threading.Thread(target=kill_workers_mid_block, daemon=True)
    killer.start()
    rows = by_id(collect(out, timeout=120), ids)
    killer.join(5)
    assert killed, "no worker was killed"
    assert all(row["ok"] for row in rows.values())
    # The killed worker's block was sent again by its retry: the server saw more requests than rows.
    assert server.traffic().received > len(ids)


def test_resume_skips_done_rows(server: MockServer, tmp_path: Path) -> None:
    first = [chat_row(f"s{i}") for i in range(30)]
    first[4] = chat_row("s4", temperature=9)  # an error result: sent again on resume
    previous = tmp_path / "previous"
    first_run = process(ray.data.from_items(first), **client_options(server)).materialize()
    first_run.write_parquet(str(previous))
    old = {row["custom_id"]: row for row in first_run.take_all()}
    assert not old["s4"]["ok"] and sum(row["ok"] for row in old.values()) == 29
    server.reset_traffic()

    ids = [f"s{i}" for i in range(45)]
    out = process(ray.data.from_items([chat_row(i) for i in ids]), resume_from=str(previous), **client_options(server))
    rows = by_id(collect(out, timeout=90), ids)
    assert all(row["ok"] for row in rows.values())
    assert server.traffic().received == 45 - 29  # s4 and the 15 new rows
    for custom_id, row in old.items():  # a success is kept as it was, not paid for again
        if row["ok"]:
            assert rows[custom_id]["id"] == row["id"]


def test_429_pauses_every_worker(server: MockServer) -> None:
    # No client-side budget: 3 workers x 8 in flight start well above the server's limit and get 429s.
    ids = [f"t{i}" for i in range(100)]
    ds = ray.data.from_items([chat_row(i) for i in ids], override_num_blocks=6)
    out = process(ds, concurrency=3, max_in_flight=8, batch_size=25, **client_options(server))
    rows = by_id(collect(out, timeout=120), ids)
    assert all(row["ok"] for row in rows.values()), "a throttled row waits its turn, it does not fail"
    traffic = server.traffic()
    assert traffic.rate_limited >= 1
    # The server answers Retry-After: 1. After the first 429, once the requests already on their way have
    # arrived, no worker sends anything until the pause ends: the whole cluster waited, not only one worker.
    first = next(when for when, limited in traffic.arrivals if limited)
    during_pause = [when for when, _ in traffic.arrivals if first + 0.5 < when < first + 0.95]
    assert during_pause == [], [round(when - first, 3) for when in during_pause]
    # A few episodes, each about one in-flight allowance's worth of 429s, not one storm per worker.
    assert traffic.rate_limited <= len(ids) // 4, traffic.rate_limited


def test_oruel_step_in_map_batches(server: MockServer) -> None:
    # The class alone, in Ray Data's default (numpy) batch format: nested values arrive as numpy arrays.
    ids = [f"m{i}" for i in range(30)]
    options = {**client_options(server), "max_requests_per_minute": RATE * 60}
    ds = ray.data.from_items([chat_row(i) for i in ids]).map_batches(
        OruelStep, fn_constructor_kwargs=options, compute=ray.data.ActorPoolStrategy(size=2), num_cpus=0.25,
        batch_size=10,
    )  # fmt: skip
    try:
        rows = by_id(collect(ds, timeout=90), ids)
    finally:  # the step made a detached limit actor, named after its settings: remove it
        for actor in ray.util.list_named_actors(all_namespaces=True):
            if actor["name"].startswith("oruel-limit-"):
                try:  # the list may still hold an earlier test's limit, gone by the time it is looked up
                    handle = ray.get_actor(actor["name"], namespace=actor["namespace"])
                except ValueError:
                    continue
                ray.kill(handle)
    assert all(row["ok"] for row in rows.values())
    assert server.traffic().rate_limited == 0
