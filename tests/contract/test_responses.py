"""Property 3: any spec-valid body, also with unknown fields added at any object level and (in what a server
sends) unknown enum values substituted, parses with the generated ``Model.from_dict`` and ``to_dict()`` gives back
the same JSON: no key lost, renamed or added, no value retyped.

Run over every object schema of ``SCHEMAS`` (each must have its generated model), and through the public client
for every operation: a recording server answers with a drawn body of the operation's documented 2xx schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oruel_client.models
from oruel_client._generated.document import DOCUMENT
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client.types import File
from tests.contract.support import (
    RecorderSession,
    Unknowns,
    assert_same_json,
    call,
    examples,
    is_object_rule,
    json_round_trip,
    minimal_body,
    response_media,
    spec_errors,
    strategy_with_unknowns,
)
from tests.rawhttp import Conn, RecordedRequest, http_response, json_response

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref.rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def response_schemas() -> set[str]:
    """Every schema a server can send: reachable from any response of any operation (stream chunks too)."""
    roots = {name for path in DOCUMENT["paths"].values() for op in path.values() for name in _refs(op["responses"])}
    roots |= {name for name in _refs(DOCUMENT["components"].get("responses", {}))}
    roots = {r for r in roots if r in SCHEMAS}
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(r for r in _refs(SCHEMAS[name]) if r in SCHEMAS)
    return seen


RESPONSE_SCHEMAS = response_schemas()
OBJECT_SCHEMAS = [name for name in SCHEMAS if is_object_rule({"$ref": name})]


def model_class(name: str) -> Any:
    cls = getattr(oruel_client.models, name, None)
    assert cls is not None and hasattr(cls, "from_dict"), f"schema {name} has no generated model with from_dict"
    return cls


def unknowns_for(name: str) -> Unknowns:
    # Unknown enum values are what a server that moved ahead sends; a request model keeps its closed enums.
    return Unknowns(fields=True, enums=name in RESPONSE_SCHEMAS)


@pytest.mark.parametrize("name", OBJECT_SCHEMAS)
@settings(max_examples=examples(40), **SETTINGS)
@given(data=st.data())
def test_model_round_trips_with_unknowns(name: str, data: st.DataObject) -> None:
    cls = model_class(name)
    value = data.draw(strategy_with_unknowns(name, unknowns_for(name)), label=name)
    parsed = cls.from_dict(json_round_trip(value))
    assert_same_json(parsed.to_dict(), json_round_trip(value), f"{name}.from_dict(...).to_dict()")


@pytest.mark.parametrize("name", OBJECT_SCHEMAS)
@settings(max_examples=examples(20), **SETTINGS)
@given(data=st.data())
def test_model_round_trips_spec_valid(name: str, data: st.DataObject) -> None:
    """Without unknowns: the output of to_dict() is itself spec-valid."""
    cls = model_class(name)
    value = data.draw(strategy_with_unknowns(name, Unknowns(fields=False, enums=False)), label=name)
    parsed = cls.from_dict(json_round_trip(value))
    assert_same_json(parsed.to_dict(), json_round_trip(value), f"{name}.from_dict(...).to_dict()")
    check_typed_tree(parsed)


def check_typed_tree(obj: Any, where: str = "") -> None:
    """Every model object in a parsed tree holds data valid for its own schema: a union value parsed as the
    wrong branch (a UserMessage as a SystemMessage...) round-trips as JSON but fails here."""
    if attrs.has(type(obj)):
        name = type(obj).__name__
        if name in SCHEMAS:
            errors = spec_errors(name, json_round_trip(obj.to_dict()))
            assert not errors, f"{where or '<root>'} was parsed as {name}, which the data does not fit: {errors}"
        for f in attrs.fields(type(obj)):
            check_typed_tree(getattr(obj, f.name), f"{where}.{f.name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            check_typed_tree(item, f"{where}[{i}]")


def _reply_with(status_body: bytes) -> Any:
    def reply(req: RecordedRequest, conn: Conn) -> None:
        conn.send(status_body)

    return reply


@pytest.mark.parametrize("op", list(OPERATIONS))
@settings(max_examples=examples(30), **SETTINGS)
@given(data=st.data())
def test_client_parses_any_documented_response(rec_session: RecorderSession, op: str, data: st.DataObject) -> None:
    media, name = response_media(op)
    recorder = rec_session.recorder
    if name is None:
        payload = data.draw(st.binary(max_size=64), label="payload")
        recorder.reset(_reply_with(http_response(200, payload, {"content-type": media})))
        result = call(rec_session.client, op, minimal_body(op))
        assert isinstance(result, File)
        assert result.payload.read() == payload
        return
    body = data.draw(strategy_with_unknowns(name, unknowns_for(name)), label=name)
    recorder.reset(_reply_with(json_response(200, body)))
    result = call(rec_session.client, op, minimal_body(op))
    assert type(result) is model_class(name)
    assert_same_json(result.to_dict(), json_round_trip(body), f"{op}: parsed response .to_dict()")


def test_every_operation_has_a_documented_response_model() -> None:
    for op in OPERATIONS:
        media, name = response_media(op)
        assert name is None or name in SCHEMAS, (op, media, name)
    chunks = {info["chunk"] for info in OPERATIONS.values() if info.get("chunk")}
    assert chunks <= RESPONSE_SCHEMAS, "a stream chunk schema is not among the response schemas"
