"""The front of the generator: reading a spec (generator.load) and normalizing it (generator.normalize).

Unit tests on small documents written by each test, plus one generation of a small OpenAPI 3.0 document with the
shapes vendor specs have and openapi.yaml lacks (no operationId, a camelCase path parameter, `nullable`, an
unquoted date in an example, reused titles, a request shape that refers to itself), checked through the generated
endpoint functions against a real server, and with `mypy --strict`.
"""

from __future__ import annotations

import copy
import importlib
import json
import subprocess
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load, params
from generator.load import SpecError
from generator.normalize import normalize, operation_id_for
from generator.repair import repair

from .conftest import PYTHON, ROOT, TOKEN, Stub, generate_package, on_path
from .test_generality import only_request, reply_json


def spec(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths or {}}
    if schemas is not None:
        doc["components"] = {"schemas": schemas}
    doc.update(extra)
    return doc


def ok(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    content = {"application/json": {"schema": schema}} if schema else None
    return {"200": {"description": "ok", **({"content": content} if content else {})}}


def problems_of(text: str, tmp_path: Path, name: str = "openapi.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load.read(path)
    return [str(p) for p in info.value.problems]


def run_generator(spec_path: Path, out: Path, package: str = "oruel_client") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "generator", "--spec", str(spec_path), "--package", package, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


# ------------------------------------------------------------------------------------------------------ reading


def test_the_c_loader_is_used_when_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert issubclass(load._JsonLikeLoader, yaml.CSafeLoader)


def test_unquoted_dates_and_timestamps_stay_strings() -> None:
    doc = load.parse("a: 2024-01-01\nb: 2024-01-01T10:00:00Z\nc: [2001-12-14 21:59:43.10 -5]\n")
    assert doc == {"a": "2024-01-01", "b": "2024-01-01T10:00:00Z", "c": ["2001-12-14 21:59:43.10 -5"]}


def test_mapping_keys_are_strings_as_in_json() -> None:
    assert load.parse("responses:\n  200: {description: ok}\n  true: 1\n") == {
        "responses": {"200": {"description": "ok"}, "true": 1}
    }


def test_json_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(spec()), encoding="utf-8")
    assert load.read(path) == spec()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "#: the file is empty"),
        ("   \n", "#: the file is empty"),
        ("a: [1, 2\n", "#: not valid YAML or JSON (line"),
        ("- 1\n- 2\n", "#: not an OpenAPI document: the file holds a list"),
        ("just: a yaml mapping\n", "#: not an OpenAPI document: it has no `openapi:`"),
        ("swagger: '2.0'\n", "#/swagger: Swagger 2.0 is not supported"),
        ("openapi: 3.2.0\n", "#/openapi: OpenAPI version '3.2.0' is not supported"),
        ("openapi: 3.1\n", "#/openapi: OpenAPI version 3.1 is not supported"),
    ],
)
def test_unusable_files_are_refused_with_a_pointer(tmp_path: Path, text: str, expected: str) -> None:
    (problem,) = problems_of(text, tmp_path)
    assert problem.startswith(expected)


def test_broken_and_external_refs_name_where_they_are(tmp_path: Path) -> None:
    doc = spec(
        {"/files/{id}": {"get": {"operationId": "f", "responses": ok({"$ref": "#/components/schemas/Nope"})}}},
        {
            "A": {"type": "object", "properties": {"b": {"$ref": "other.yaml#/B"}}},
            "C": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A/properties/b"}}},
        },
    )
    found = problems_of(json.dumps(doc), tmp_path)
    assert found == [
        "#/paths/~1files~1{id}/get/responses/200/content/application~1json/schema/$ref: "
        "$ref '#/components/schemas/Nope' points at nothing: define it, or fix the reference",
        "#/components/schemas/A/properties/b/$ref: $ref 'other.yaml#/B' points into another document, which the "
        "generator does not read: copy the referenced schema under #/components/schemas and refer to it as "
        "#/components/schemas/<Name>",
        "#/components/schemas/C/properties/a/$ref: $ref '#/components/schemas/A/properties/b' points inside another "
        "object, which the generator does not follow: move the target under #/components/<schemas, parameters, "
        "...>/<Name> and refer to it there",
    ]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_validator_names_the_default_that_contradicts_its_type(version: str) -> None:
    """The validator's own errors say only `None is not of type 'object'`; ours say where, in the document,
    also when the validator reached the schema through a $ref."""
    doc = spec(
        {"/a": {"post": {"operationId": "a", "responses": ok({"$ref": "#/components/schemas/A"})}}},
        {"A": {"type": "object", "properties": {"n": {"type": "integer", "default": "ten"}}}},
        openapi=version,
    )
    found = [str(p) for p in load.validator_problems(doc)]
    assert found == [
        "#/components/schemas/A/properties/n/default: 'ten' is not of type 'integer': change the default to a "
        "value the schema accepts, or remove it"
    ]


def test_validation_in_a_child_process_reports_the_same(tmp_path: Path) -> None:
    doc = spec({"/a": {"get": {"operationId": "a", "responses": {"200": {}}}}})
    assert load.start_validation(doc).problems() == load.validator_problems(doc) != []
    assert load.start_validation(spec()).problems() == []


# -------------------------------------------------------------------------------------------------- normalizing


def test_normalize_does_not_touch_its_input() -> None:
    doc = spec({"/files/{fileId}": {"get": {"parameters": [{"name": "fileId", "in": "path", "required": True}]}}})
    before = copy.deepcopy(doc)
    normalize(doc)
    assert doc == before


def test_openapi_yaml_is_already_normal() -> None:
    doc = load.read(ROOT / "openapi.yaml")
    assert normalize(doc) == doc


def test_missing_operation_ids_come_from_method_and_path_and_never_collide() -> None:
    doc = spec(
        {
            "/files": {"get": {"responses": ok()}, "post": {"operationId": "get_files", "responses": ok()}},
            "/files/{file_id}/content": {"get": {"responses": ok()}},
            "/": {"get": {"responses": ok()}},
            "/a": {"get": {"operationId": "listA", "responses": ok()}, "put": {"operationId": "list_a"}},
        }
    )
    out = normalize(doc)["paths"]
    assert out["/files"]["post"]["operationId"] == "get_files"  # given: kept
    assert out["/files"]["get"]["operationId"] == "get_files_2"  # made, and taken already
    assert out["/files/{file_id}/content"]["get"]["operationId"] == "get_files_file_id_content"
    assert out["/"]["get"]["operationId"] == "get_root"
    assert out["/a"]["put"]["operationId"] == "list_a_2"  # the same function name once snake-cased
    assert (
        operation_id_for("DELETE", "/fine_tuning/jobs/{fineTuningJobId}")
        == "delete_fine_tuning_jobs_fine_tuning_job_id"
    )


def test_path_parameters_become_snake_case_in_template_and_parameter() -> None:
    shared = {"name": "orgId", "in": "path", "required": True, "schema": {"type": "string"}}
    doc = spec(
        {
            "/orgs/{orgId}/files/{file-id}/{from}": {
                "parameters": [{"$ref": "#/components/parameters/Org"}],
                "get": {
                    "parameters": [
                        {"name": "file-id", "in": "path", "required": True},
                        {"name": "fileId", "in": "query"},
                        {"name": "from", "in": "path", "required": True},
                    ],
                    "responses": ok(),
                },
            }
        },
    )
    doc["components"] = {"parameters": {"Org": shared}}
    out = normalize(doc)
    assert list(out["paths"]) == ["/orgs/{org_id}/files/{file_id}/{from_}"]
    op = out["paths"]["/orgs/{org_id}/files/{file_id}/{from_}"]["get"]
    assert op["parameters"] == [
        {"name": "file_id", "in": "path", "required": True},
        {"name": "fileId", "in": "query"},
        {"name": "from_", "in": "path", "required": True},
    ]
    assert out["components"]["parameters"]["Org"]["name"] == "org_id"  # a query parameter's name is sent: kept


def test_path_parameters_differing_only_in_case_are_refused() -> None:
    with pytest.raises(SpecError, match=r"#/paths/~1a~1\{aB\}~1\{a_b\}: two path parameters differ only"):
        normalize(spec({"/a/{aB}/{a_b}": {"get": {"responses": ok()}}}))


def test_nullable_becomes_the_31_form() -> None:
    schemas = {
        "S": {"type": "string", "nullable": True},
        "E": {"type": "string", "enum": ["a", "b"], "nullable": True},
        "R": {"$ref": "#/components/schemas/S", "nullable": True, "description": "d"},
        "M": {"allOf": [{"$ref": "#/components/schemas/S"}], "nullable": True},
        "U": {"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": True},
        "N": {"type": "integer", "nullable": False, "minimum": 0, "exclusiveMinimum": True},
    }
    out = normalize(spec(schemas=schemas, openapi="3.0.3"))
    assert out["openapi"] == "3.1.0"
    got = out["components"]["schemas"]
    assert got["S"] == {"type": ["string", "null"]}
    assert got["E"] == {"type": ["string", "null"], "enum": ["a", "b", None]}
    assert got["R"] == {"description": "d", "anyOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]}
    assert got["M"] == {"anyOf": [{"allOf": [{"$ref": "#/components/schemas/S"}]}, {"type": "null"}]}
    assert got["U"] == {"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]}
    assert got["N"] == {"type": "integer", "exclusiveMinimum": 0}


def test_class_names_come_from_keys_and_never_collide() -> None:
    schemas = {
        "Error": {"title": "Error", "type": "object"},
        "Error-2": {"title": "Error", "type": "object"},  # a vendor's reused title
        "foo_bar": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/FooBar"}}},
        "FooBar": {"type": "object", "properties": {"e": {"title": "error", "type": "object"}}},
        "Holder": {
            "type": "object",
            "properties": {
                "a": {"title": "Retention ratio", "type": "object"},
                "b": {"title": "retention-ratio", "type": "object"},
            },
        },
    }
    out = normalize(spec(schemas=schemas))["components"]["schemas"]
    assert list(out) == ["Error", "Error-2", "foo_bar", "FooBar2", "Holder"]
    assert out["Error-2"]["title"] == "Error-2"
    assert out["foo_bar"]["properties"]["x"] == {"$ref": "#/components/schemas/FooBar2"}
    assert "title" not in out["FooBar2"]["properties"]["e"]  # would be a second Error class
    assert out["Holder"]["properties"]["a"]["title"] == "Retention ratio"
    assert "title" not in out["Holder"]["properties"]["b"]  # differs only in case and punctuation


def test_benign_mistakes_of_vendor_specs_are_repaired_each_with_its_pointer() -> None:
    schemas = {
        "A": {"type": "array", "items": {"type": "integer"}, "example": "[1, 2]"},
        "B": {"type": "object", "properties": {"n": {"type": "number", "examples": [1, "x"]}}},
        "C": {"type": ["string", "null"], "example": None},
        "D": {"type": "number", "example": 3, "default": 1e-08, "minimum": 0, "exclusiveMinimum": True},
        "E": {"type": "string", "enum": ["logprobs"], "default": []},
        "F": {"type": "string", "nullable": True, "default": None},
        "G": {"type": "object", "required": ["a", "b", "a"], "properties": {"a": {}, "b": {}}},
        "H": {
            "$recursiveAnchor": True,
            "type": "object",
            "properties": {"filters": {"type": "array", "items": {"oneOf": [{"$recursiveRef": "#"}]}}},
        },
        "I": {"type": "boolean", "default": "auto"},
    }
    doc = spec(schemas=schemas)
    done = [str(r) for r in repair(doc)]
    assert done == [
        "#/components/schemas/H/$recursiveAnchor: the 2019-09 keyword was dropped",
        "#/components/schemas/H/properties/filters/items/oneOf/0/$recursiveRef: the 2019-09 `$recursiveRef: '#'` "
        "became `$ref: '#/components/schemas/H'`",
        "#/components/schemas/D/exclusiveMinimum: the OpenAPI 3.0 form `exclusiveMinimum: true` became the 3.1 "
        "`exclusiveMinimum: 0`",
        "#/components/schemas/F/nullable: the OpenAPI 3.0 keyword `nullable: true` became its 3.1 form (null added "
        "to the type)",
        "#/components/schemas/G/required: repeated entries ['a'] are kept once",
        "#/components/schemas/A/example: dropped: '[1, 2]' is not of type 'array'",
        "#/components/schemas/B/properties/n/examples/1: dropped: 'x' is not of type 'number'",
        "#/components/schemas/E/default: dropped, its schema refuses it ([] is not of type 'string')",
        "#/components/schemas/I/default: dropped, its schema refuses it ('auto' is not of type 'boolean')",
    ]
    got = doc["components"]["schemas"]
    assert "example" not in got["A"] and got["B"]["properties"]["n"]["examples"] == [1]
    assert got["C"]["example"] is None and got["D"]["example"] == 3 and got["D"]["default"] == 1e-08
    assert got["D"]["exclusiveMinimum"] == 0 and "minimum" not in got["D"]
    assert "default" not in got["E"] and "default" not in got["I"]
    assert got["F"] == {"type": ["string", "null"], "default": None}
    assert got["G"]["required"] == ["a", "b"]
    assert got["H"]["properties"]["filters"]["items"]["oneOf"] == [{"$ref": "#/components/schemas/H"}]
    assert load.validator_problems(doc) == []  # the repaired document is valid
    assert repair(doc) == []  # and nothing is left to repair


def test_a_30_document_is_not_repaired_where_30_is_valid() -> None:
    doc = spec(schemas={"F": {"type": "string", "nullable": True, "default": None, "minimum": 0}}, openapi="3.0.3")
    assert repair(doc) == []


def test_yaml_12_numbers_are_numbers() -> None:
    """YAML 1.1 (PyYAML's default) reads `1e-08` as a string; JSON and YAML 1.2 as a number."""
    assert load.parse("a: 1e-08\nb: 1.0e5\nc: -2E+3\nd: '1e-08'\ne: 1e\nf: 1.5\n") == {
        "a": 1e-08, "b": 1e5, "c": -2e3, "d": "1e-08", "e": "1e", "f": 1.5,
    }  # fmt: skip
    from oruel_client.mock.spec import _parse

    text = "a: 1e-08\nb: 1.0e5\nc: -2E+3\n"
    assert _parse("x", text) == load.parse(text)  # the local server reads the same values


# ------------------------------------------------------------------------------------- request shapes in a cycle


def test_request_shapes_may_refer_to_each_other() -> None:
    doc = spec(
        {
            "/f": {
                "post": {
                    "operationId": "f",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Filter"}}}
                    },
                    "responses": ok(),
                }
            }
        },
        {
            "Filter": {
                "type": "object",
                "properties": {"filters": {"type": "array", "items": {"$ref": "#/components/schemas/Any"}}},
            },
            "Any": {"oneOf": [{"$ref": "#/components/schemas/Filter"}, {"type": "string"}]},
        },
    )
    out = params.request_params(doc)
    text = {kind: item for kind, item in out.ordered}
    assert [(k, getattr(i, "name", i[0] if isinstance(i, tuple) else i)) for k, i in out.ordered] == [
        ("alias", "AnyParam"),
        ("typed_dict", "FilterParam"),
    ]
    assert text["alias"][1] == "'FilterParam | str'"  # FilterParam comes after: a forward reference


# ------------------------------------------------------------------------------------------- one whole generation

VENDOR_LIKE = """\
openapi: 3.0.3
info: {title: vendor-like, version: "1"}
servers: [{url: https://example.invalid/v1}]
paths:
  /files/{fileId}/{type}:
    get:
      tags: [files]
      parameters:
        - {name: fileId, in: path, required: true, schema: {type: string}}
        - {name: type, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/File'}}}}
  /filters:
    post:
      tags: [filters]
      operationId: createFilter
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Filter'}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/File'}}}}
components:
  schemas:
    File:
      title: Thing
      type: object
      required: [id, created]
      properties:
        id: {type: string}
        created: {type: string, example: 2024-01-01}
        note: {type: string, nullable: true}
        error: {title: Error, type: object, properties: {message: {type: string}}}
        last_error: {title: Error, type: object, properties: {code: {type: integer}}}
    Filter:
      type: object
      properties:
        op: {type: string, nullable: true, enum: [and, or], description: 'How to join, "and" or "or"'}
        filters: {type: array, items: {$ref: '#/components/schemas/Filter'}}
"""


@pytest.fixture(scope="module")
def vendor_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vendor")
    (root / "vendor.yaml").write_text(VENDOR_LIKE, encoding="utf-8")
    generate_package(root / "vendor.yaml", root / "vendor_client", "vendor_client")
    return root


@pytest.fixture(scope="module")
def vendor(vendor_dir: Path) -> Iterator[Any]:
    with on_path(vendor_dir, "vendor_client"):
        yield importlib.import_module("vendor_client")


@pytest.fixture
def vclient(vendor: Any, stub: Stub) -> Iterator[Any]:
    client_mod = importlib.import_module("vendor_client._client")
    with client_mod.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


FILE = {"id": "f1", "created": "2024-01-01", "note": None}


def test_camel_case_path_parameter_and_a_made_operation_id(vendor: Any, stub: Stub, vclient: Any) -> None:
    get = importlib.import_module("vendor_client.api.files.get_files_file_id_type")
    stub.reply = reply_json(FILE)
    got = get.sync("a/b", "t", client=vclient)
    assert only_request(stub).path == "/files/a%2Fb/t"
    assert got.id == "f1" and got.note is None


def test_nullable_field_and_nullable_enum_accept_none(vendor: Any, stub: Stub, vclient: Any) -> None:
    create = importlib.import_module("vendor_client.api.filters.create_filter")
    stub.reply = reply_json(FILE)
    create.sync(client=vclient, body={"op": None, "filters": [{"op": "and"}]})
    assert json.loads(only_request(stub).body) == {"op": None, "filters": [{"op": "and"}]}


def test_an_unquoted_date_is_written_as_a_string(vendor_dir: Path) -> None:
    generated = "".join(p.read_text(encoding="utf-8") for p in (vendor_dir / "vendor_client").rglob("*.py"))
    assert "datetime.date(" not in generated
    assert '"example": "2024-01-01"' in (vendor_dir / "vendor_client" / "_generated" / "document.py").read_text(
        encoding="utf-8"
    )


def test_reused_titles_make_distinct_classes(vendor: Any) -> None:
    models = importlib.import_module("vendor_client.models")
    # The key, not the title "Thing"; `File` is also the runtime's file type, which the facade imports beside the
    # models, so the model takes the key with "Model" after it.
    assert models.FileModel.__name__ == "FileModel"
    assert not hasattr(models, "File")
    assert {"Error", "FileModelLastError"} <= set(dir(models))


def test_self_referring_request_shape_type_checks(vendor_dir: Path, tmp_path: Path) -> None:
    use = tmp_path / "use_params.py"
    use.write_text(
        textwrap.dedent(
            """\
            from vendor_client.models.params import FilterParam

            nested: FilterParam = {"op": "and", "filters": [{"op": None, "filters": []}]}
            wrong: FilterParam = {"filters": [{"op": 1}]}  # E: an int is not an op
            """
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            PYTHON,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(vendor_dir / "vendor_client/models/params.py"),
            str(use),
        ],
        cwd=vendor_dir,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "MYPYPATH": str(vendor_dir)},
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "use_params.py:4:" in errors[0], proc.stdout + proc.stderr


# ------------------------------------------------------------------------------------------ refusals, end to end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("{{{", "not valid YAML or JSON"),
        ("- a\n", "not an OpenAPI document"),
        (
            VENDOR_LIKE.replace("{type: string, nullable: true}", "{type: string, minLength: -1}"),
            "#/components/schemas/File/properties/note/minLength: -1 is less than the minimum of 0",
        ),
    ],
)
def test_refusal_is_one_message_exit_2_and_no_traceback(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    proc = run_generator(tmp_path / "bad.yaml", tmp_path / "out")
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_repaired_spec_generates_with_one_warning_per_repair(tmp_path: Path) -> None:
    text = VENDOR_LIKE.replace("{type: string, nullable: true}", "{type: string, default: 3}")
    text = text.replace("example: 2024-01-01", "example: [2024]").replace("openapi: 3.0.3", "openapi: 3.1.0")
    (tmp_path / "vendor.yaml").write_text(text, encoding="utf-8")
    proc = run_generator(tmp_path / "vendor.yaml", tmp_path / "out", "vendor_client")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning: ")]
    where = f"warning: {tmp_path / 'vendor.yaml'}: #/components/schemas/"
    assert warnings == [
        f"{where}Filter/properties/op/nullable: the OpenAPI 3.0 keyword `nullable: true` became its 3.1 form (null "
        "added to the type)",
        f"{where}File/properties/created/example: dropped: [2024] is not of type 'string'",
        f"{where}File/properties/note/default: dropped, its schema refuses it (3 is not of type 'string')",
    ]


def test_self_referring_request_shape_runs(vendor: Any) -> None:
    """The forward reference resolves at run time too (the module has no `from __future__ import annotations`)."""
    import typing

    params_mod = importlib.import_module("vendor_client.models.params")
    hints = typing.get_type_hints(params_mod.FilterParam)
    assert hints["filters"] == Sequence[params_mod.FilterParam]
    assert params_mod.FilterParam.__optional_keys__ == {"op", "filters"}


def test_an_unexpected_failure_names_its_stage_and_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug of ours or of openapi-python-client is one line naming the stage and the innermost frame."""
    import generator.__main__ as cli

    def broken(*args: Any) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(cli, "render", broken)
    path = tmp_path / "ok.yaml"
    path.write_text(json.dumps(spec()), encoding="utf-8")
    with pytest.raises(cli.StageError) as info:
        cli.generate(path, tmp_path / "out", "pkg")
    assert str(info.value).startswith("render: ValueError: boom at ")
    assert "test_load_normalize.py:" in str(info.value) and "in broken" in str(info.value)


def test_a_media_type_openapi_python_client_refuses_is_sent_as_bytes_with_a_note(tmp_path: Path) -> None:
    """application/sdp (OpenAI's realtime calls) used to drop the operation with an upstream warning; it is now
    read and sent as bytes, and the note names the operation. The spec then has no request shape left, which
    once rendered an empty `from ..models.params import ()` into the facade."""
    text = VENDOR_LIKE.replace(
        "content: {application/json: {schema: {$ref: '#/components/schemas/Filter'}}}",
        "content: {application/sdp: {schema: {type: string}}}",
    )
    (tmp_path / "sdp.yaml").write_text(text, encoding="utf-8")
    proc = run_generator(tmp_path / "sdp.yaml", tmp_path / "sdp_client", "sdp_client")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "note: POST /filters: application/sdp is read and sent as bytes" in proc.stderr
    facades = sorted((tmp_path / "sdp_client" / "_generated" / "resources").glob("*.py"))
    assert len(facades) > 1  # the root and the resource of POST /filters
    for facade in facades:
        compile(facade.read_text(encoding="utf-8"), facade.name, "exec")


def test_a_spec_without_any_schema_generates(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        openapi: 3.1.0
        info: {title: bare, version: "1"}
        paths:
          /ping:
            get:
              responses:
                "204": {description: pong}
        """
    )
    (tmp_path / "bare.yaml").write_text(text, encoding="utf-8")
    proc = run_generator(tmp_path / "bare.yaml", tmp_path / "bare_client", "bare_client")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for path in (tmp_path / "bare_client").rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
