"""A union's `discriminator` (propertyName, with or without `mapping`; OpenAPI 3.0 and 3.1) decides which member a
value parses into, in generated from_dict and in endpoint functions, where the members' keys and tags do not
already tell them apart: a minimal 3.0 spec whose members have the same required keys and a plain-string tag, with
a mapping to a reference and to a bare name, and with the implicit mapping (the component's name). On Mistral's
published fine-tuning jobs (3.1, a discriminator with a mapping over members whose tags are optional consts) the
tag still decides, and a job without one is parsed by its keys as before."""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.rawhttp import Conn, RecordedRequest, json_response

from .conftest import ROOT, TOKEN, Stub, generate_package, on_path

MISTRAL = ROOT / "tests" / "fixtures" / "specs" / "mistral_moderation_finetune.yaml"
# Two members with the same required keys and an untyped tag: only the discriminator tells them apart.
ANIMAL = {
    "type": "object",
    "required": ["name", "pet_type"],
    "properties": {
        "name": {"type": "string"},
        "pet_type": {"type": "string"},
        "note": {"type": "string", "nullable": True},
    },
}
PETS_30: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1"},
    "servers": [{"url": "https://pets.invalid"}],
    "paths": {
        "/pets/{pet_id}": {
            "get": {
                "operationId": "getPet",
                "parameters": [{"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "A pet",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {
                    "propertyName": "pet_type",
                    "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"},
                },
            },
            "Cat": copy.deepcopy(ANIMAL),
            "Dog": copy.deepcopy(ANIMAL),
            "Square": {
                "type": "object",
                "required": ["kind", "size"],
                "properties": {"kind": {"type": "string"}, "size": {"type": "number"}},
            },
            "Circle": {
                "type": "object",
                "required": ["kind", "size"],
                "properties": {"kind": {"type": "string"}, "size": {"type": "number"}},
            },
            "Drawing": {
                "type": "object",
                "required": ["shapes"],
                "properties": {
                    "shapes": {
                        "type": "array",
                        "items": {
                            "anyOf": [{"$ref": "#/components/schemas/Square"}, {"$ref": "#/components/schemas/Circle"}],
                            "discriminator": {"propertyName": "kind"},
                        },
                    }
                },
            },
        }
    },
}


def generate(root: Path, spec: Path, package: str) -> None:
    generate_package(spec, root / package, package)


@pytest.fixture(scope="module")
def mistral(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("mistral")
    generate(root, MISTRAL, "fx_mistral_disc")
    with on_path(root, "fx_mistral_disc"):
        yield importlib.import_module("fx_mistral_disc.models")


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("pets")
    spec = root / "pets.yaml"
    spec.write_text(yaml.safe_dump(PETS_30), encoding="utf-8")
    generate(root, spec, "fx_pets_disc")
    with on_path(root, "fx_pets_disc"):
        yield root


JOB = {
    "id": "7ad642c1-fc6f-4e07-a00f-0b1d3b0a4d1e",
    "auto_start": True,
    "model": "ministral-3b-latest",
    "status": "QUEUED",
    "created_at": 1,
    "modified_at": 2,
    "training_files": [],
    "hyperparameters": {},
}


def test_mistral_jobs_parse_into_the_class_their_job_type_names(mistral: Any) -> None:
    jobs = mistral.JobsOut.from_dict(
        {"total": 3, "data": [{**JOB, "job_type": "classifier"}, {**JOB, "job_type": "completion"}, JOB]}
    )
    names = [type(job).__name__ for job in jobs.data]
    # Without a tag the keys decide, as before (spec order among equals).
    assert names == ["ClassifierJobOut", "CompletionJobOut", "CompletionJobOut"]
    assert mistral.JobsOut.from_dict(jobs.to_dict()).data[0].to_dict()["job_type"] == "classifier"


def pet_reply(body: dict[str, Any]) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, body))

    return handler


@pytest.mark.parametrize(("tag", "expected"), [("cat", "Cat"), ("dog", "Dog")])
def test_a_30_mapping_to_a_reference_or_a_bare_name_decides_the_response(
    pets: Path, stub: Stub, tag: str, expected: str
) -> None:
    client = importlib.import_module("fx_pets_disc._client")
    get_pet = importlib.import_module("fx_pets_disc.api.default.get_pet")
    stub.reply = pet_reply({"name": "Rex", "pet_type": tag, "note": None})
    with client.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        pet = get_pet.sync(client=c, pet_id="p1")
    assert type(pet).__name__ == expected


def test_the_implicit_mapping_is_the_component_name(pets: Path) -> None:
    models = importlib.import_module("fx_pets_disc.models")
    shape = {"size": 1.0}
    drawing = models.Drawing.from_dict({"shapes": [{**shape, "kind": "Circle"}, {**shape, "kind": "Square"}]})
    assert [type(s).__name__ for s in drawing.shapes] == ["Circle", "Square"]
