"""Shapes of published vendor specs that openapi-python-client 0.29.1 refuses on its own (it drops the schema or
the operation with a warning) are rewritten by generator.upstream, in the copy handed to it, into shapes it
parses: each test is a small spec reproducing one upstream refusal, parsed the way render.py parses it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser.openapi import GeneratorData

from generator import upstream
from generator.normalize import openapi_31
from generator.render import upstream_problem
from generator.repair import repair

REF = "#/components/schemas/"


def spec(schemas: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    if paths is None:
        paths = {
            "/things": {
                "post": {
                    "operationId": "make",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": REF + "Thing"}}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
                }
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def parse(doc: dict[str, Any], tmp_path: Path) -> tuple[GeneratorData, list[str], list[str]]:
    """What upstream makes of the adapted copy: its data, its problems, the notes adapt() gave; the original
    document is left as written."""
    before = copy.deepcopy(doc)
    notes: list[str] = []
    adapted = upstream.adapt(copy.deepcopy(doc), notes)
    assert doc == before
    config = Config.from_sources(
        ConfigFile(package_name_override="x", post_hooks=[]),
        MetaType.NONE,
        tmp_path / "s.yaml",
        "utf-8",
        False,
        tmp_path / "out",
    )
    data = GeneratorData.from_dict(adapted, config=config)
    assert isinstance(data, GeneratorData)
    problems = [*data.errors, *(e for c in data.endpoint_collections_by_tag.values() for e in c.parse_errors)]
    return data, [upstream_problem(p) for p in problems], notes


def typ(prop: Any) -> str:
    return str(prop.get_type_string().as_unembedded_code())


def models(data: GeneratorData) -> dict[str, Any]:
    return {m.class_info.name: m for m in data.models}


def endpoints(data: GeneratorData) -> set[str]:
    return {
        f"{e.method.upper()} {e.path.get_untrusted_value()}"
        for c in data.endpoint_collections_by_tag.values()
        for e in c.endpoints
    }


def test_an_all_of_that_makes_a_field_nullable_keeps_the_schema(tmp_path: Path) -> None:
    """Upstream: "int | None can't be merged with int"; the later (nullable) definition wins."""
    schemas = {
        "Base": {"type": "object", "properties": {"top": {"type": "integer"}, "name": {"type": "string"}}},
        "Thing": {
            "allOf": [
                {"$ref": REF + "Base"},
                {"type": "object", "properties": {"top": {"type": ["integer", "null"]}}, "required": ["top"]},
            ]
        },
    }
    data, problems, _ = parse(spec(schemas), tmp_path)
    assert problems == []
    thing = models(data)["Thing"]
    props = {p.name: p for p in [*thing.required_properties, *thing.optional_properties]}
    assert set(props) == {"top", "name"}
    assert typ(props["top"]) == "int | None"
    assert "POST /things" in endpoints(data)


def test_an_all_of_narrowing_an_enum_keeps_the_schema(tmp_path: Path) -> None:
    """Upstream: "can't redefine an enum property with incompatible lists of values"."""
    schemas = {
        "Base": {"type": "object", "properties": {"type": {"type": "string", "enum": ["a", "b"]}}},
        "Thing": {
            "allOf": [
                {"$ref": REF + "Base"},
                {"type": "object", "properties": {"type": {"type": "string", "enum": ["c"]}}},
            ]
        },
    }
    data, problems, _ = parse(spec(schemas), tmp_path)
    assert problems == []
    assert "Thing" in models(data)


def test_an_all_of_including_a_merged_schema_keeps_the_operation(tmp_path: Path) -> None:
    """Upstream: "Reference ? in allOf was not processed", and the operation using it is dropped (this is how
    POST /chat/completions disappears from the OpenAI spec)."""
    schemas = {
        "Base": {"type": "object", "properties": {"top": {"type": "integer"}}},
        "Middle": {
            "allOf": [{"$ref": REF + "Base"}, {"type": "object", "properties": {"top": {"type": ["integer", "null"]}}}]
        },
        "Thing": {
            "allOf": [
                {"$ref": REF + "Middle"},
                {"type": "object", "properties": {"messages": {"type": "array", "items": {"type": "string"}}}},
            ]
        },
    }
    data, problems, _ = parse(spec(schemas), tmp_path)
    assert problems == []
    assert "POST /things" in endpoints(data)


def test_a_nullable_reference_written_as_all_of(tmp_path: Path) -> None:
    """Upstream: "Cannot take allOf a non-object" for `allOf: [{$ref: Union}, {nullable: true}]`."""
    schemas = {
        "Choice": {
            "oneOf": [
                {"type": "string", "enum": ["auto", "none"]},
                {"type": "object", "properties": {"name": {"type": "string"}}},
            ]
        },
        "Thing": {
            "type": "object",
            "properties": {"choice": {"allOf": [{"$ref": REF + "Choice"}, {"nullable": True}]}},
        },
    }
    data, problems, _ = parse(spec(schemas), tmp_path)
    assert problems == []
    thing = models(data)["Thing"]
    assert "None" in typ(thing.optional_properties[0])


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_a_nullable_reference_written_as_all_of_survives_the_repairs(tmp_path: Path, version: str) -> None:
    """The same idiom as the loader hands it on (the 3.0 keyword repaired in a 3.1 document, converted in a 3.0
    one): a bare `{nullable: true}` member emptied to `{}` would make upstream drop Thing and its operation."""
    schemas = {
        "Limit": {"type": "object", "properties": {"size": {"type": "integer"}}},
        "Thing": {
            "type": "object",
            "properties": {"limit": {"allOf": [{"$ref": REF + "Limit"}, {"nullable": True}]}},
        },
    }
    doc = {**spec(schemas), "openapi": version}
    done = repair(doc) if version.startswith("3.1") else []
    openapi_31(doc)
    assert version.startswith("3.0") or any("allOf" in str(r) for r in done)
    data, problems, _ = parse(doc, tmp_path)
    assert problems == []
    assert "None" in typ(models(data)["Thing"].optional_properties[0])
    assert "POST /things" in endpoints(data)


def test_union_members_written_as_all_of_and_holding_inline_objects(tmp_path: Path) -> None:
    """Upstream: "Invalid property in union" for allOf members, then "Attempted to generate duplicate models"
    for an inline object inside a titled union member (built once per pass)."""
    schemas = {
        "Event": {"type": "object", "properties": {"type": {"type": "string"}}, "required": ["type"]},
        "Thing": {
            "anyOf": [
                {
                    "title": "Wrapped",
                    "allOf": [{"$ref": REF + "Event"}, {"type": "object", "properties": {"lane": {"type": "string"}}}],
                },
                {
                    "type": "object",
                    "title": "With limits",
                    "properties": {"limits": {"type": "object", "properties": {"n": {"type": "integer"}}}},
                },
            ]
        },
    }
    data, problems, _ = parse(spec(schemas), tmp_path)
    assert problems == []
    assert "POST /things" in endpoints(data)


def test_array_header_and_unknown_media_type_keep_the_operation(tmp_path: Path) -> None:
    """Upstream: "list[...] | Unset is not allowed in header" and "Unsupported content type application/sdp"."""
    paths = {
        "/calls": {
            "post": {
                "operationId": "call",
                "parameters": [
                    {"name": "X-Beta", "in": "header", "schema": {"type": "array", "items": {"type": "string"}}}
                ],
                "requestBody": {"content": {"application/sdp": {"schema": {"type": "string"}}}},
                "responses": {
                    "201": {"description": "ok", "content": {"application/sdp": {"schema": {"type": "string"}}}}
                },
            }
        }
    }
    data, problems, notes = parse(spec({}, paths), tmp_path)
    assert problems == []
    (endpoint,) = [e for c in data.endpoint_collections_by_tag.values() for e in c.endpoints]
    assert [typ(p) for p in endpoint.header_parameters] == ["str | Unset"]
    assert endpoint.bodies and endpoint.responses
    assert any("application/sdp" in n and "POST /calls" in n for n in notes)


def test_a_field_named_like_a_builtin_is_rewritten_only_where_a_class_scope_reads_it() -> None:
    """The cheap pre-test of unshadow_builtins (used for speed on thousands of modules) must not miss a class
    whose later annotation or method signature reads a builtin the class binds as a field or method."""
    from generator.typing_rules import unshadow_builtins

    read = (
        "class A:\n    bytes: int\n    data: bytes\n\n\nclass B:\n    def list(self) -> None: ...\n\n"
        "    def g(\n        self,\n        x: list[int],\n    ) -> None: ...\n"
    )
    out = unshadow_builtins(read)
    assert "data: _builtins.bytes" in out and "x: _builtins.list[int]" in out
    unread = (
        "class C:\n    type: str\n\n    def to_dict(self) -> dict[str, str]:\n"
        "        type = self.type\n        return {'type': type}\n"
    )
    assert unshadow_builtins(unread) == unread
    # A module whose only binding of a builtin is a method (a facade resource with `list`, no field named like
    # one): a facade module per resource made this common.
    method_only = read[read.index("class B") :]
    assert "x: _builtins.list[int]" in unshadow_builtins(method_only)
