"""``x-oruel-retry-count`` tells the server which attempt it is answering. The batch runner retries a 429 (as
a run-wide pause) and a 503 (as the line's own backoff) on separate budgets; the header counts every earlier
attempt of the line whichever kind of answer made it retry, as the client's own retries do."""

from __future__ import annotations

import json

import pytest

from oruel_client import AsyncOruel
from oruel_client.batch import BatchRunner
from tests.client.conftest import completion
from tests.rawhttp import Conn, Handler, RawServer, RecordedRequest, json_response

from .conftest import chat_line

BUSY = {"error": {"message": "busy", "type": "server_error"}}


def status(code: int) -> Handler:
    def handler(_req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(code, BUSY, {"retry-after-ms": "1"}))

    return handler


def ok(_req: RecordedRequest, conn: Conn) -> None:
    conn.send(json_response(200, completion()))


@pytest.mark.parametrize("first, second", [(429, 503), (503, 429), (429, 429), (503, 503)])
async def test_retry_count_header_counts_retries_after_a_429_as_after_a_503(first: int, second: int) -> None:
    with RawServer(script=[status(first), status(second), ok]) as server:
        async with AsyncOruel(api_key="oruel_" + "2" * 48, base_url=server.url, max_retries=2) as client:
            runner = BatchRunner(client, concurrency=1)
            results = [r async for r in runner.results(enumerate([chat_line("r1")], 1))]
        assert [r.ok for r in results] == [True]
        assert [req.headers["x-oruel-retry-count"] for req in server.requests] == ["0", "1", "2"]
        assert len({json.dumps(req.json(), sort_keys=True) for req in server.requests}) == 1
