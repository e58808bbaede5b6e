"""Wire equivalence with the openai SDK: for the same call (fields openai does not know go in its extra_body),
both clients send the same method, path, auth header and JSON body. Calls are generated from the spec's request
schemas, for every operation whose resource path also exists in the openai SDK (chat.completions.create,
completions.create, embeddings.create, images.generate, audio.speech.create)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import reduce
from typing import Any

import openai
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import Oruel
from oruel_client._generated.rules import OPERATIONS
from tests.client.conftest import KEY
from tests.rawhttp import RawServer, json_response
from tests.spec_strategies import schema

# One body that parses as every operation's success response, so both clients get past parsing.
ANY_OK = {"id": "x", "object": "list", "created": 1, "model": "m", "choices": [], "data": []}


def _method(root: Any, resource: str) -> Any:
    return reduce(getattr, resource.split("."), root)


def _openai_ops() -> list[str]:
    found = []
    for op_id, op in OPERATIONS.items():
        try:
            _method(openai.OpenAI(api_key=KEY), op["resource"])
        except AttributeError:
            continue
        if op["body"]:
            found.append(op_id)
    return found


OPS = _openai_ops()


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    with RawServer(handler=lambda r, c: c.send(json_response(200, ANY_OK))) as srv:
        yield srv


def test_the_openai_sdk_covers_chat_and_more() -> None:
    assert {"createChatCompletion", "createCompletion", "createEmbedding"} <= set(OPS)


@pytest.mark.parametrize("op_id", OPS)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), extras_in_body=st.booleans())
def test_same_wire_as_openai(server: RawServer, op_id: str, data: st.DataObject, extras_in_body: bool) -> None:
    op = OPERATIONS[op_id]
    body = data.draw(schema(op["body"]).map(lambda b: {k: v for k, v in b.items() if k != "stream"}))
    if op_id == "createEmbedding":
        # The openai SDK sends encoding_format="base64" when it is not given (and decodes it itself); oruel
        # sends only what the caller set. Give it explicitly so both calls mean the same thing.
        body.setdefault("encoding_format", "float")
    server.requests.clear()
    base = server.url + "/v1/inference"
    with openai.OpenAI(api_key=KEY, base_url=base, max_retries=0) as theirs:
        accepted = set(inspect.signature(_method(theirs, op["resource"])).parameters)
        native = {k: v for k, v in body.items() if k in accepted}
        extras = {k: v for k, v in body.items() if k not in accepted}
        _method(theirs, op["resource"])(**native, extra_body=extras)
    with Oruel(api_key=KEY, base_url=base, max_retries=0) as ours:
        if extras_in_body:
            _method(ours, op["resource"])(**native, extra_body=extras)
        else:
            _method(ours, op["resource"])(**body)
    theirs_req, ours_req = server.requests
    assert ours_req.method == theirs_req.method == op["method"].upper()
    assert ours_req.path == theirs_req.path == "/v1/inference" + op["path"]
    assert ours_req.headers["authorization"] == theirs_req.headers["authorization"] == f"Bearer {KEY}"
    assert ours_req.json() == theirs_req.json()
