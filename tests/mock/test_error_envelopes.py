"""The local server answers every error in the envelope the spec it serves declares, whatever that envelope's
shape: OpenAI's ``{"error": {...}}``, FastAPI's ``{"detail": [{"loc", "msg", "type"}]}`` (Mistral), or one of
the spec's own; the body validates against the declared schema (checked here with openapi-schema-validator, not
the server's code) and carries the message and the parameter at fault where the schema has room for them."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator, OAS31Validator

from oruel_client.mock import MockServer

from .conftest import AUTH

SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "specs"
# A spec whose errors are neither OpenAI's nor FastAPI's: a status, and a list of field errors.
OWN_ENVELOPE = {
    "openapi": "3.1.0",
    "info": {"title": "Own errors", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "operationId": "createThing",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string"}, "size": {"type": "integer", "maximum": 9}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "default": {
                        "description": "error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Problem": {
                "type": "object",
                "required": ["status", "errors"],
                "additionalProperties": False,
                "properties": {
                    "status": {"type": "integer"},
                    "errors": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["field", "message"],
                            "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                        },
                    },
                },
            }
        }
    },
}


def check(document: dict[str, Any], schema_name: str, response: httpx.Response) -> Any:
    body = response.json()
    cls: Any = OAS31Validator if str(document["openapi"]).startswith("3.1") else OAS30Validator
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    errors = [e.message for e in cls(schema).iter_errors(body)]
    assert not errors, (body, errors)
    return body


@pytest.fixture(scope="module")
def mistral() -> Iterator[tuple[dict[str, Any], httpx.Client]]:
    path = SPECS / "mistral_moderation_finetune.yaml"
    with MockServer(spec=path) as server, httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
        yield yaml.safe_load(path.read_text()), http


def test_a_bad_query_value_gets_fastapis_envelope(mistral: tuple[dict[str, Any], httpx.Client]) -> None:
    document, http = mistral
    response = http.get("/v1/files", params={"page": "abc"})
    assert response.status_code == 400
    (detail,) = check(document, "HTTPValidationError", response)["detail"]
    assert detail["loc"] == ["page"] and "page" in detail["msg"]


def test_a_missing_body_field_gets_fastapis_envelope(mistral: tuple[dict[str, Any], httpx.Client]) -> None:
    document, http = mistral
    response = http.post("/v1/moderations", json={})
    assert response.status_code == 400
    (detail,) = check(document, "HTTPValidationError", response)["detail"]
    assert detail["loc"] == ["input"] and "input" in detail["msg"]


@pytest.mark.parametrize(
    ("fixture", "schema_name"),
    [
        ("mistral_moderation_finetune.yaml", "HTTPValidationError"),
        ("together_endpoints.yaml", "ErrorData"),
        ("openai_audio_moderations.yaml", "ErrorResponse"),
    ],
)
def test_unknown_urls_and_methods_get_the_declared_envelope(fixture: str, schema_name: str) -> None:
    document = yaml.safe_load((SPECS / fixture).read_text())
    first_path = next(iter(document["paths"]))
    with MockServer(spec=SPECS / fixture) as server, httpx.Client(headers=AUTH, timeout=10) as http:
        root = server.url.rstrip("/")
        missing = http.get(root + "/no/such/thing")
        wrong_method = http.request("TRACE", root + first_path)
    assert missing.status_code == 404 and wrong_method.status_code == 405
    for response, words in ((missing, "Unknown request URL"), (wrong_method, "not allowed")):
        check(document, schema_name, response)
        assert words in response.text


def test_a_spec_with_its_own_envelope_gets_its_fields_filled() -> None:
    with MockServer(spec=OWN_ENVELOPE) as server, httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
        missing = http.post("/things", json={})
        too_large = http.post("/things", json={"name": "a", "size": 10})
    assert (missing.status_code, too_large.status_code) == (400, 400)
    body = check(OWN_ENVELOPE, "Problem", missing)
    assert body["status"] == 400 and body["errors"][0]["field"] == "name" and "name" in body["errors"][0]["message"]
    body = check(OWN_ENVELOPE, "Problem", too_large)
    assert body["errors"][0]["field"] == "size"


def test_an_envelope_made_of_parts_gets_each_parts_fields_filled() -> None:
    # allOf: a base with the message and the field at fault, and a part that adds a required status.
    document = copy.deepcopy(OWN_ENVELOPE)
    document["components"]["schemas"] = {
        "Base": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": {"type": "string"}, "field": {"type": ["string", "null"]}},
        },
        "Problem": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}}},
            ]
        },
    }
    with MockServer(spec=document) as server, httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
        missing = http.post("/things", json={})
        too_large = http.post("/things", json={"name": "a", "size": 10})
    body = check(document, "Problem", missing)
    assert body["status"] == 400 and body["field"] == "name" and "name" in body["message"]
    body = check(document, "Problem", too_large)
    assert body["status"] == 400 and body["field"] == "size"
