"""openapi.yaml itself: it is a valid OpenAPI document, every operation and property says where it comes from,
and every range documented in /work/shared/oruel-api.md is written in it exactly.

DOCUMENTED below restates the documented ranges on purpose: it is the independent expectation that catches a
spec edit drifting away from Oru-el's docs. Nowhere else do the tests restate a range.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate as validate_spec

from tests.spec_strategies import RANGE_KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
PETSTORE_PATH = ROOT / "tests" / "fixtures" / "petstore.yaml"
REF_PREFIX = "#/components/schemas/"
SOURCES = {"documented", "decided"}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
RANGE_KEYS = RANGE_KEYWORDS

# ---------------------------------------------------------------------------------------------------------
# The documented request fields of POST /chat/completions, from oruel-api.md ("request body (documented)").
# type: JSON Schema type; range keys: exactly the range keywords the field must carry (and no others);
# "default": the documented server default (absent when the docs say "not set" or "model-dependent").
# `stop` is "string or array of strings; at most 4 strings, each at most 256 characters": its string branch
# and its array items carry maxLength 256, its array branch maxItems 4 (see STOP below).
# ---------------------------------------------------------------------------------------------------------
DOCUMENTED: dict[str, dict[str, Any]] = {
    "messages": {"type": "array", "minItems": 1, "maxItems": 256},
    "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 0.7},
    "top_p": {"type": "number", "minimum": 0, "maximum": 1, "default": 1.0},
    "top_k": {"type": "integer", "minimum": 0, "maximum": 200},
    "min_p": {"type": "number", "minimum": 0, "maximum": 1},
    "max_tokens": {"type": "integer", "minimum": 1, "maximum": 131072},
    "stream": {"type": "boolean", "default": False},
    "frequency_penalty": {"type": "number", "minimum": -2, "maximum": 2, "default": 0},
    "presence_penalty": {"type": "number", "minimum": -2, "maximum": 2, "default": 0},
    "repetition_penalty": {"type": "number", "minimum": 0.1, "maximum": 3, "default": 1.0},
    "seed": {"type": "integer"},
    "tools": {"type": "array", "maxItems": 128},
    "n": {"type": "integer", "minimum": 1, "maximum": 1, "default": 1},
    "tier": {"type": "string", "enum": ["standard", "turbo"], "default": "standard"},
}
STOP_MAX_STRINGS = 4
STOP_MAX_CHARS = 256
TOOL_CHOICE_MODES = ["auto", "none"]
RESPONSE_FORMAT_TYPES = {"text", "json_object"}
REQUIRED_CHAT_FIELDS = {"model", "messages"}
FUNCTION_DEFINITION_REQUIRED = {"name", "description", "parameters"}  # Oru-el requires all three
BASE_URL = "https://api.oru-el.com/v1/inference"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as fh:
        doc: dict[str, Any] = yaml.safe_load(fh)
    return doc


def _schemas(doc: Mapping[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = doc["components"]["schemas"]
    return schemas


def _resolve(doc: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    assert ref.startswith(REF_PREFIX), ref
    resolved: Mapping[str, Any] = _schemas(doc)[ref[len(REF_PREFIX) :]]
    return resolved


def _merged_properties(doc: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """The properties of an object schema, including those of its allOf parts (resolving $refs)."""
    schema = _resolve(doc, schema)
    props: dict[str, Any] = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        props.update(_merged_properties(doc, part))
    return props


def _merged_required(doc: Mapping[str, Any], schema: Mapping[str, Any]) -> set[str]:
    schema = _resolve(doc, schema)
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        required |= _merged_required(doc, part)
    return required


def _operations(doc: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def _properties_everywhere(schema: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(location, property schema) for every property of schema, however deeply nested: in properties, items,
    additionalProperties and oneOf/anyOf/allOf branches."""
    if not isinstance(schema, dict):
        return
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}.{name}", sub
        yield from _properties_everywhere(sub, f"{where}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from _properties_everywhere(schema["items"], f"{where}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _properties_everywhere(schema["additionalProperties"], f"{where}{{}}")
    for key in ("oneOf", "anyOf", "allOf"):
        for i, sub in enumerate(schema.get(key, [])):
            yield from _properties_everywhere(sub, f"{where}/{key}[{i}]")


def _provenance_problems(doc: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for method, path, op in _operations(doc):
        where = f"{method.upper()} {path}"
        source = op.get("x-oruel-source")
        if source not in SOURCES:
            problems.append(f"{where}: x-oruel-source is {source!r}")
        if source == "documented" and not str(op.get("x-oruel-docs", "")).startswith("https://"):
            problems.append(f"{where}: documented but names no x-oruel-docs page")
        for param in op.get("parameters", []):
            schema = param.get("schema", {})
            if param.get("x-oruel-source", schema.get("x-oruel-source")) not in SOURCES:
                problems.append(f"{where}: parameter {param.get('name')!r} has no x-oruel-source")
    for name, schema in _schemas(doc).items():
        for where, prop in _properties_everywhere(schema, name):
            source = prop.get("x-oruel-source")
            if source is None and set(prop) == {"$ref"}:
                # A bare reference: the provenance is the referenced component's.
                source = _resolve(doc, prop).get("x-oruel-source")
            if source not in SOURCES:
                problems.append(f"{where}: x-oruel-source is {source!r}")
    return problems


# ------------------------------------------------------------------------------------------------ tests


def test_spec_is_a_valid_openapi_3_1_document(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate_spec(spec)  # raises OpenAPIValidationError with the offending location


def test_petstore_fixture_is_a_valid_openapi_document() -> None:
    with PETSTORE_PATH.open(encoding="utf-8") as fh:
        validate_spec(yaml.safe_load(fh))


@pytest.mark.parametrize("path", [SPEC_PATH, PETSTORE_PATH], ids=["openapi.yaml", "petstore.yaml"])
def test_every_operation_and_property_has_provenance(path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert _provenance_problems(doc) == []


def test_provenance_walk_sees_nested_properties(spec: dict[str, Any]) -> None:
    """The walk above must reach properties inside allOf parts, oneOf branches and array items, or the
    provenance test would pass vacuously on them."""
    places = {where for name, schema in _schemas(spec).items() for where, _ in _properties_everywhere(schema, name)}
    assert "ChatCompletionRequest/allOf[1].messages" in places
    assert "SamplingParameters.temperature" in places
    assert "ToolCallDelta.function.arguments" in places
    assert "ChatCompletionRequest/allOf[1].tool_choice" in places
    part = {"type": "object", "properties": {"a": {"type": "string"}}}
    broken = {"components": {"schemas": {"X": {"allOf": [part]}}}, "paths": {}}
    assert _provenance_problems(broken) == ["X/allOf[0].a: x-oruel-source is None"]


def test_every_documented_operation_names_its_docs_page(spec: dict[str, Any]) -> None:
    documented = [op for _, _, op in _operations(spec) if op.get("x-oruel-source") == "documented"]
    assert documented, "the chat completions endpoint is documented"
    for op in documented:
        assert str(op["x-oruel-docs"]).startswith("https://cloud.oru-el.com/docs/"), op["operationId"]


def test_chat_completions_is_the_documented_endpoint(spec: dict[str, Any]) -> None:
    op = spec["paths"]["/chat/completions"]["post"]
    assert op["x-oruel-source"] == "documented"
    assert spec["servers"][0]["url"] == BASE_URL
    schemes = spec["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["bearerAuth"].items()
    assert spec["paths"]["/models"]["get"]["security"] == []  # the public catalog needs no key


@pytest.mark.parametrize("field", sorted(DOCUMENTED))
def test_documented_field_range_matches_the_docs(spec: dict[str, Any], field: str) -> None:
    props = _merged_properties(spec, _schemas(spec)["ChatCompletionRequest"])
    assert field in props, f"documented field {field} is missing from ChatCompletionRequest"
    prop = props[field]
    expected = DOCUMENTED[field]
    assert prop.get("type") == expected["type"], field
    assert prop.get("x-oruel-source") == "documented", field
    # Exactly the documented range keywords, with the documented values: no more, no fewer.
    want = {k: v for k, v in expected.items() if k in RANGE_KEYS}
    have = {k: prop[k] for k in RANGE_KEYS if k in prop}
    assert have == want, field
    if "default" in expected:
        assert prop.get("default") == expected["default"], field
    else:
        assert "default" not in prop, f"{field}: the docs give no server default"


def test_stop_is_a_string_or_at_most_4_strings_of_at_most_256_characters(spec: dict[str, Any]) -> None:
    stop = _merged_properties(spec, _schemas(spec)["ChatCompletionRequest"])["stop"]
    branches = {b["type"]: b for b in stop["oneOf"]}
    assert set(branches) == {"string", "array"}
    assert branches["string"]["maxLength"] == STOP_MAX_CHARS
    assert branches["array"]["maxItems"] == STOP_MAX_STRINGS
    assert branches["array"]["items"] == {"type": "string", "maxLength": STOP_MAX_CHARS}
    assert "default" not in stop


def test_tool_choice_and_response_format_choices_match_the_docs(spec: dict[str, Any]) -> None:
    props = _merged_properties(spec, _schemas(spec)["ChatCompletionRequest"])
    tool_choice = _resolve(spec, props["tool_choice"])
    modes = [b for b in tool_choice["oneOf"] if b.get("type") == "string"]
    assert [b["enum"] for b in modes] == [TOOL_CHOICE_MODES]
    named = [_resolve(spec, b) for b in tool_choice["oneOf"] if "$ref" in b]
    assert [n["properties"]["type"]["const"] for n in named] == ["function"]
    assert named[0]["properties"]["function"]["required"] == ["name"]
    formats = _resolve(spec, props["response_format"])
    assert {_resolve(spec, b)["properties"]["type"]["const"] for b in formats["oneOf"]} == RESPONSE_FORMAT_TYPES


def test_required_fields_match_the_docs(spec: dict[str, Any]) -> None:
    assert _merged_required(spec, _schemas(spec)["ChatCompletionRequest"]) == REQUIRED_CHAT_FIELDS
    assert set(_schemas(spec)["FunctionDefinition"]["required"]) == FUNCTION_DEFINITION_REQUIRED


def test_completions_share_the_documented_sampling_ranges(spec: dict[str, Any]) -> None:
    chat = _merged_properties(spec, _schemas(spec)["ChatCompletionRequest"])
    text = _merged_properties(spec, _schemas(spec)["CompletionRequest"])
    for field in DOCUMENTED:
        if field in ("messages", "tools"):
            continue
        assert text[field] == chat[field], field


def test_no_undocumented_range_on_a_documented_chat_field(spec: dict[str, Any]) -> None:
    """The other direction: a range keyword on a documented chat field that the docs do not state is an
    invention (e.g. someone adds maximum to seed)."""
    props = _merged_properties(spec, _schemas(spec)["ChatCompletionRequest"])
    for name, prop in props.items():
        if prop.get("x-oruel-source") != "documented" or name in ("stop",):
            continue
        have = {k for k in RANGE_KEYS if k in prop}
        want = {k for k in DOCUMENTED.get(name, {}) if k in RANGE_KEYS}
        assert have == want, name
