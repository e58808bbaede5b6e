"""Wire equivalence with the openai SDK: for the same call (Oru-el extras in extra_body for openai), both
clients send the same path, auth header and JSON body. Calls are generated from the spec's request schema."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import Oruel
from tests.client.conftest import KEY, completion
from tests.rawhttp import RawServer, json_response
from tests.spec_strategies import schema

OPENAI_PARAMS = set(inspect.signature(openai.resources.chat.completions.Completions.create).parameters)

chat_bodies = schema("ChatCompletionRequest").map(lambda b: {k: v for k, v in b.items() if k != "stream"})


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    with RawServer(handler=lambda r, c: c.send(json_response(200, completion()))) as srv:
        yield srv


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(body=chat_bodies, extras_in_body=st.booleans())
def test_same_wire_as_openai(server: RawServer, body: dict[str, Any], extras_in_body: bool) -> None:
    server.requests.clear()
    base = server.url + "/v1/inference"
    native = {k: v for k, v in body.items() if k in OPENAI_PARAMS}
    extras = {k: v for k, v in body.items() if k not in OPENAI_PARAMS}
    with openai.OpenAI(api_key=KEY, base_url=base, max_retries=0) as theirs:
        theirs.chat.completions.create(**native, extra_body=extras)
    with Oruel(api_key=KEY, base_url=base, max_retries=0) as ours:
        if extras_in_body:
            ours.chat.completions.create(**native, extra_body=extras)
        else:
            ours.chat.completions.create(**body)
    theirs_req, ours_req = server.requests
    assert ours_req.method == theirs_req.method == "POST"
    assert ours_req.path == theirs_req.path == "/v1/inference/chat/completions"
    assert ours_req.headers["authorization"] == theirs_req.headers["authorization"] == f"Bearer {KEY}"
    assert ours_req.json() == theirs_req.json()
