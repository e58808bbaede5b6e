"""The generated models as a user of the openai SDK expects them: list responses iterate, to_json()/from_json(),
keys with `in` and `[]`, attributes named as on the wire, absent optional response fields read as None (request
models keep UNSET, which prints as such). Responses come from the real local server (oruel_client.mock) or, for
shapes it never sends, from a raw HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import keyword
import pydoc
from collections.abc import Iterator, Mapping
from typing import Any, get_type_hints

import attrs
import pytest

import oruel_client.models as models
from oruel_client import UNSET, Oruel
from oruel_client._generated.document import DOCUMENT
from oruel_client.mock import MockServer
from oruel_client.models import params
from oruel_client.testing import MOCK_API_KEY, oruel_mock_server  # noqa: F401  (the fixture)
from tests.client.conftest import completion
from tests.rawhttp import Conn, RawServer, RecordedRequest, json_response

SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
HELLO: list[params.ChatMessageParam] = [{"role": "user", "content": "Hello there"}]


@pytest.fixture
def client(oruel_mock_server: MockServer) -> Iterator[Oruel]:  # noqa: F811
    with Oruel(api_key=MOCK_API_KEY, base_url=oruel_mock_server.url, max_retries=0, timeout=10) as c:
        yield c


def serve(body: Any) -> RawServer:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, body))

    return RawServer(handler=handler)


# ------------------------------------------------------------------------------------------ spec helpers


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = [r for r in roots if r in SCHEMAS]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(r for r in _refs(SCHEMAS[name]) if r in SCHEMAS)
    return seen


OPS = [op for item in DOCUMENT["paths"].values() for op in item.values() if isinstance(op, dict)]
SENT = _closure({r for op in OPS for r in _refs(op.get("requestBody", {}))})
RECEIVED = _closure(
    {r for op in OPS for r in _refs(op["responses"])} | set(_refs(DOCUMENT["components"].get("responses", {})))
)
OBJECT_MODELS = sorted(
    name for name, s in SCHEMAS.items() if s.get("type") == "object" and s.get("properties") and hasattr(models, name)
)


def _is_list_response(schema: Mapping[str, Any]) -> bool:
    """The rule: a required `data` property that is an array."""
    return "data" in schema.get("required", []) and schema.get("properties", {}).get("data", {}).get("type") == "array"


# ------------------------------------------------------------------------------------------ list responses


def test_models_list_iterates_and_has_len(client: Oruel) -> None:
    page = client.models.list()
    ids = [m.id for m in page]
    assert ids and ids == [m.id for m in page.data]
    assert len(page) == len(page.data) == len(ids)
    assert all(isinstance(m, models.Model) for m in page)


def test_embeddings_response_iterates_over_its_vectors(client: Oruel) -> None:
    resp = client.embeddings.create(model="bge-m3", input=["a", "b", "c"])
    assert len(resp) == 3
    assert [e.index for e in resp] == [0, 1, 2]


@pytest.mark.parametrize("name", OBJECT_MODELS)
def test_list_behaviour_follows_the_schema(name: str) -> None:
    cls = getattr(models, name)
    assert (hasattr(cls, "__iter__") and hasattr(cls, "__len__")) == _is_list_response(SCHEMAS[name])


def test_list_responses_index_and_slice_like_sequences(client: Oruel) -> None:
    page = client.models.list()
    items = list(page)
    assert len(items) >= 2
    assert page[0] is items[0] and page[-1] is items[-1]
    assert page[1:] == items[1:] and page[:] == items
    assert [page[i] for i in range(len(page))] == items
    with pytest.raises(IndexError):
        page[len(page)]
    # String keys still give fields, known or not.
    assert page["object"] == "list"
    assert page["data"] is page.data
    with pytest.raises(KeyError):
        page["nothing"]
    resp = client.embeddings.create(model="bge-m3", input=["a", "b", "c"])
    assert resp[2].index == 2 and [e.index for e in resp[::2]] == [0, 2]


@pytest.mark.parametrize("name", [name for name in OBJECT_MODELS if _is_list_response(SCHEMAS[name])])
def test_every_list_response_indexes_its_data(name: str) -> None:
    cls = getattr(models, name)
    page = cls.__new__(cls)
    page.data = ["first", "second"]
    assert page[0] == "first" and page[-1] == "second" and page[:1] == ["first"]


def test_empty_list_response_is_empty() -> None:
    page = models.ModelList.from_dict({"object": "list", "data": []})
    assert len(page) == 0
    assert list(page) == []


# ------------------------------------------------------------------------------------------ JSON


def test_to_json_and_from_json_round_trip(client: Oruel) -> None:
    resp = client.chat.completions.create(model="llama-4-maverick", messages=HELLO)
    text = resp.to_json()
    assert json.loads(text) == resp.to_dict()
    assert json.dumps(resp.to_dict())  # the documented way to json.dumps a response
    assert text.startswith("{\n  ")  # indent=2 by default, as the openai SDK
    assert "\n" not in resp.to_json(indent=None)
    for data in (text, text.encode()):
        again = models.ChatCompletion.from_json(data)
        assert again == resp
        assert again.to_dict() == resp.to_dict()


def test_to_json_keeps_unicode_and_unknown_fields() -> None:
    body = completion("héllo ✓", system_fingerprint="fp_1")
    resp = models.ChatCompletion.from_dict(body)
    text = resp.to_json()
    assert "héllo ✓" in text
    assert json.loads(text) == body


# ------------------------------------------------------------------------------------------ keys


def test_known_and_unknown_keys_work_with_in_and_brackets() -> None:
    with serve(completion(system_fingerprint="fp_1")) as server, Oruel(api_key=MOCK_API_KEY, base_url=server.url) as c:
        resp = c.chat.completions.create(model="m", messages=HELLO)
    assert "choices" in resp and "object" in resp and "system_fingerprint" in resp
    assert resp["choices"] is resp.choices
    assert resp["object"] == "chat.completion" == resp.object
    assert resp["system_fingerprint"] == "fp_1"
    assert "nope" not in resp and 3 not in resp
    with pytest.raises(KeyError):
        resp["nope"]
    resp["model"] = "other"
    assert resp.model == "other" and resp.to_dict()["model"] == "other"
    resp["extra"] = 1
    assert resp.additional_properties["extra"] == 1
    with pytest.raises(KeyError):
        del resp["choices"]  # required
    del resp["usage"]
    assert resp.usage is None and "usage" not in resp.to_dict()


def test_absent_field_is_not_in_and_raises_keyerror() -> None:
    body = completion()
    del body["usage"]
    resp = models.ChatCompletion.from_dict(body)
    assert "usage" not in resp
    with pytest.raises(KeyError):
        resp["usage"]


# ------------------------------------------------------------------------------------------ names


@pytest.mark.parametrize("name", OBJECT_MODELS)
def test_attributes_are_named_as_on_the_wire(name: str) -> None:
    fields = {f.name for f in attrs.fields(getattr(models, name))}
    for key in SCHEMAS[name]["properties"]:
        if key.isidentifier() and not keyword.iskeyword(key) and not key.startswith("_"):
            assert key in fields, f"{name}.{key} is named {sorted(fields)}"


def test_object_and_type_attributes(client: Oruel) -> None:
    resp = client.chat.completions.create(model="llama-4-maverick", messages=HELLO)
    assert resp.object == "chat.completion"
    assert not hasattr(resp, "object_")
    call = models.ToolCall(id="c", type="function", function=models.FunctionCall(name="f", arguments="{}"))
    assert call.type == "function" and call.to_dict()["type"] == "function"


# ------------------------------------------------------------------------------------------ None vs UNSET


def test_absent_optional_response_fields_are_none(client: Oruel) -> None:
    body = completion()
    del body["usage"]
    with serve(body) as server, Oruel(api_key=MOCK_API_KEY, base_url=server.url) as c:
        resp = c.chat.completions.create(model="m", messages=HELLO)
    assert resp.usage is None
    assert resp.choices[0].message.tool_calls is None
    assert "usage" not in resp.to_dict()

    real = client.chat.completions.create(model="llama-4-maverick", messages=HELLO)
    assert real.choices[0].message.tool_calls is None
    assert isinstance(real.choices[0].message.content, str)
    with client.chat.completions.create(model="llama-4-maverick", messages=HELLO, stream=True) as stream:
        chunks = list(stream)
    assert chunks and all(ch.choices[0].delta.tool_calls is None for ch in chunks if ch.choices)


def test_absent_and_null_stay_apart_through_to_dict() -> None:
    for delta in ({}, {"content": None}, {"content": "x"}):
        assert models.ChatCompletionDelta.from_dict(delta).to_dict() == delta
    assert models.ChatCompletionDelta.from_dict({}).content is None
    # A model built by hand sends null for a nullable field, nothing for a non-nullable one.
    assert models.ChatCompletionDelta(content=None).to_dict() == {"content": None}


@pytest.mark.parametrize("name", OBJECT_MODELS)
def test_optional_fields_default_to_none_in_response_models_and_unset_in_request_models(name: str) -> None:
    """A schema only a server sends is a response model; one a request body can hold (even if a response can
    too, as ToolCall) keeps UNSET, so that sending tells "not given" from null."""
    required = set(SCHEMAS[name].get("required", []))
    expected = None if (name in RECEIVED and name not in SENT) else UNSET
    for f in attrs.fields(getattr(models, name)):
        if f.init and f.name not in required and f.default is not attrs.NOTHING:
            assert f.default is expected, f"{name}.{f.name} defaults to {f.default!r}"


def test_unset_reads_as_unset() -> None:
    req = models.ChatCompletionRequest(model="m", messages=[])
    assert req.temperature is UNSET
    assert repr(UNSET) == "UNSET" and repr(req).count("UNSET") > 3
    assert "temperature: 'float | Unset' = UNSET" in pydoc.render_doc(models.ChatCompletionRequest)
    assert req.to_dict() == {"model": "m", "messages": []}


# ------------------------------------------------------------------------------------------ TypedDicts


def _object_schema(name: str) -> tuple[set[str], set[str]]:
    """(all keys, required keys) of a component, allOf parts merged."""
    keys: set[str] = set()
    required: set[str] = set()
    for part in [SCHEMAS[name], *SCHEMAS[name].get("allOf", [])]:
        if "$ref" in part:
            k, r = _object_schema(part["$ref"].rsplit("/", 1)[-1])
            keys |= k
            required |= r
        keys |= set(part.get("properties", {}))
        required |= set(part.get("required", []))
    return keys, required


@pytest.mark.parametrize("name", sorted(n for n in SENT if "properties" in SCHEMAS[n] or "allOf" in SCHEMAS[n]))
def test_each_request_shape_has_a_typed_dict_with_the_spec_keys(name: str) -> None:
    title = SCHEMAS[name].get("title", name)
    td = getattr(params, f"{title}Param")
    keys, required = _object_schema(name)
    assert set(td.__required_keys__) == required
    assert set(td.__optional_keys__) == keys - required
    get_type_hints(td)  # every name it refers to resolves at run time too


@pytest.mark.parametrize("name", sorted(n for n in SENT if "oneOf" in SCHEMAS[n] or "anyOf" in SCHEMAS[n]))
def test_each_request_union_has_a_named_alias(name: str) -> None:
    assert f"{name}Param" in params.__all__
    assert getattr(params, f"{name}Param") is not None


def test_null_unknown_and_malformed_nullable_values(client: Oruel) -> None:
    """`finish_reason: FinishReason | null`: null is None, an unknown string is kept, a number is a typed error."""
    from oruel_client import APIResponseValidationError

    chunk = {"index": 0, "delta": {}}
    assert models.ChatCompletionChunkChoice.from_dict({**chunk, "finish_reason": None}).finish_reason is None
    kept = models.ChatCompletionChunkChoice.from_dict({**chunk, "finish_reason": "paused"})
    assert kept.finish_reason == "paused" and kept.to_dict()["finish_reason"] == "paused"
    body = completion()
    body["choices"][0]["finish_reason"] = 5
    with serve(body) as server, Oruel(api_key=MOCK_API_KEY, base_url=server.url, max_retries=0) as c:
        with pytest.raises(APIResponseValidationError):
            c.chat.completions.create(model="m", messages=HELLO)
