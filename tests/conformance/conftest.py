"""Servers for the conformance tests: the local server with the embedded spec, and one started with a drifted
copy of openapi.yaml (each drift the run must find, and nothing else)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from oruel_client.mock import MockServer

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
KEY = "oruel_" + "5a" * 24

# (kind, path) of every finding the drifted spec must cause for createChatCompletion, and no other.
DRIFT_FINDINGS = {
    ("refuses_allowed", "$.temperature"),  # maximum narrowed 2 -> 1.5
    ("accepts_forbidden", "$.top_k"),  # maximum widened 200 -> 300
    ("missing_field", "$.model"),  # removed from ChatCompletion
    ("missing_field", "$.created"),  # renamed created -> created_at
    ("undocumented_field", "$.created_at"),
    ("unknown_enum_value", "$.choices[0].finish_reason"),  # FinishReason gained "eos"
    ("unknown_enum_value", "chunk:$.choices[0].finish_reason"),
    ("stream_no_usage", "chunk:$.usage"),  # usage removed from ChatCompletionChunk
    ("missing_field", "error:$.error"),  # the envelope flattened to {message, code}
    ("undocumented_field", "error:$.message"),
    ("undocumented_field", "error:$.code"),
}


def drifted_spec() -> dict[str, Any]:
    spec: dict[str, Any] = copy.deepcopy(yaml.safe_load(SPEC.read_text()))
    schemas = spec["components"]["schemas"]
    sampling = schemas["SamplingParameters"]["properties"]
    sampling["temperature"]["maximum"] = 1.5
    sampling["top_k"]["maximum"] = 300
    completion = schemas["ChatCompletion"]
    del completion["properties"]["model"]
    completion["properties"]["created_at"] = completion["properties"].pop("created")
    completion["required"] = [n for n in completion["required"] if n not in ("model", "created")] + ["created_at"]
    schemas["FinishReason"]["enum"].append("eos")
    del schemas["ChatCompletionChunk"]["properties"]["usage"]
    schemas["ErrorResponse"] = {
        "type": "object",
        "required": ["message", "code"],
        "properties": {"message": {"type": "string"}, "code": {"type": ["string", "null"]}},
    }
    return spec


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        yield running


@pytest.fixture(scope="module")
def drifted() -> Iterator[MockServer]:
    with MockServer(spec=drifted_spec()) as running:
        yield running
