"""Property 1: every spec-valid request body, sent through the public client, arrives on the wire as a request
that the spec accepts (openapi-core 0.23.1 over method, full URL, headers and body) and whose body is exactly
the input after a JSON round trip: no key added, dropped or renamed, no type changed, no unset default sent.

Run over every operation of ``OPERATIONS``; bodies come from each operation's body schema. ``stream: true`` is
left out of the plain property and covered by its own property for every streaming operation.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import AsyncOruel
from oruel_client._generated.rules import OPERATIONS
from tests.contract.support import (
    JSON,
    KEY,
    SSE,
    STREAM_FIELD,
    RecorderSession,
    assert_same_json,
    base_path,
    body_strategy,
    call,
    examples,
    json_round_trip,
    minimal_body,
    note_sent,
    streaming_ops,
    validate_recorded,
)
from tests.rawhttp import RecordedRequest

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


async def _send_async(base_url: str, op: str, body: dict[str, Any] | None, stream: bool) -> None:
    async with AsyncOruel(api_key=KEY, base_url=base_url, max_retries=0) as client:
        result = await call(client, op, body)
        if stream:
            async with result as events:
                async for _ in events:
                    pass


def check_request(
    session: RecorderSession, op: str, body: dict[str, Any] | None, *, stream: bool = False, use_async: bool = False
) -> None:
    """Send body through the public client (sync or async); the one request seen on the wire is spec-valid and
    carries body."""
    recorder = session.recorder
    recorder.reset()
    if use_async:
        asyncio.run(_send_async(recorder.base_url, op, body, stream))
    else:
        result = call(session.client, op, body)
        if stream:
            with result as events:
                for _ in events:
                    pass
    assert len(recorder.requests) == 1, f"{op}: expected exactly one request, saw {len(recorder.requests)}"
    req: RecordedRequest = recorder.requests[0]
    # openapi-core raises with the schema errors when the spec rejects the request.
    validate_recorded(session.openapi, recorder.host_url, req)
    info = OPERATIONS[op]
    assert req.method == info["method"].upper()
    assert req.path.partition("?")[0] == base_path() + info["path"]
    if stream:
        assert SSE in req.headers.get("accept", "")
    if body is None:
        assert req.body == b"", f"{op}: a body was sent for an operation without one"
        return
    assert req.headers.get("content-type", "").split(";")[0] == JSON
    sent = req.json()
    note_sent(op, sent)
    assert_same_json(sent, json_round_trip(body), f"{op}: body on the wire vs. the input")


@pytest.mark.parametrize("op", list(OPERATIONS))
@settings(max_examples=examples(80), **SETTINGS)
@given(data=st.data())
def test_valid_body_arrives_spec_valid_and_unchanged(
    rec_session: RecorderSession, op: str, data: st.DataObject
) -> None:
    check_request(rec_session, op, data.draw(body_strategy(op, stream=False), label="body"))


@pytest.mark.parametrize("op", streaming_ops())
@settings(max_examples=examples(30), **SETTINGS)
@given(data=st.data())
def test_valid_streaming_body_arrives_spec_valid_and_unchanged(
    rec_session: RecorderSession, op: str, data: st.DataObject
) -> None:
    check_request(rec_session, op, data.draw(body_strategy(op, stream=True), label="body"), stream=True)


@pytest.mark.parametrize("op", list(OPERATIONS))
@settings(max_examples=examples(10), **SETTINGS)
@given(data=st.data())
def test_valid_body_through_async_client(rec_session: RecorderSession, op: str, data: st.DataObject) -> None:
    """The async facade is generated separately: the same property through AsyncOruel, streams included."""
    body = data.draw(body_strategy(op, stream=None), label="body")
    stream = bool(OPERATIONS[op].get("chunk")) and body is not None and body.get(STREAM_FIELD) is True
    check_request(rec_session, op, body, stream=stream, use_async=True)


@pytest.mark.parametrize("op", list(OPERATIONS))
def test_required_fields_only_send_nothing_else(rec_session: RecorderSession, op: str) -> None:
    """The smallest valid body (required fields, lowest values) goes out as is: no server default is added."""
    check_request(rec_session, op, minimal_body(op))
