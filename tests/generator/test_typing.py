"""How generated code is typed, on a spec with the shapes vendor specs have and openapi.yaml lacks: fields named
like builtins and keywords, long literals, unions of list types and of enums, an open enum (a known value or any
string), nullable fields, an optional request body, PATCH, a 204 answer, an optional `data` array, enum path and
query parameters. The spec is generated into a temporary package with the hand-written runtime beside it; the
package must pass the project's ruff and mypy --strict (together with a module that uses it as a user would),
and behave right against a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import importlib
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.rawhttp import Conn, RecordedRequest, http_response, json_response

from .conftest import PYTHON, ROOT, TOKEN, Stub, generate_package, on_path

PACKAGE = "typing_client"
LONG_VALUE = "a-very-long-enum-value-" + "that-goes-on-" * 8 + "end"
LONG_WORD = "x" * 150
LONG_UNION = "AssistantMessageContentPartThatHasAVeryLongSchemaNameIndeed"
BUILTIN_NAMES = ["bytes", "str", "list", "type", "id", "object", "from", "class", "float", "int", "dict"]

SPEC = f"""
openapi: 3.1.0
info: {{title: Typing, version: "1"}}
servers: [{{url: "http://localhost/v1"}}]
paths:
  /things/{{kind}}:
    get:
      operationId: getThing
      x-oruel-resource: things.retrieve
      parameters:
        - {{name: kind, in: path, required: true, schema: {{$ref: "#/components/schemas/Kind"}}}}
        - {{name: order, in: query, required: false, schema: {{$ref: "#/components/schemas/Order"}}}}
        - name: include
          in: query
          required: false
          schema: {{type: array, items: {{$ref: "#/components/schemas/Order"}}}}
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Builtins"}}}}}}
    patch:
      operationId: patchThing
      x-oruel-resource: things.update
      parameters:
        - {{name: kind, in: path, required: true, schema: {{$ref: "#/components/schemas/Kind"}}}}
      requestBody:
        required: false
        content: {{application/json: {{schema: {{$ref: "#/components/schemas/Patch"}}}}}}
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Unions"}}}}}}
    delete:
      operationId: deleteThing
      x-oruel-resource: things.delete
      parameters:
        - {{name: kind, in: path, required: true, schema: {{$ref: "#/components/schemas/Kind"}}}}
      responses:
        "204": {{description: gone}}
  /jobs:
    get:
      operationId: getJob
      x-oruel-resource: jobs.retrieve
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Job"}}}}}}
  /jobs/list:
    get:
      operationId: listJobs
      x-oruel-resource: jobs.list
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/JobList"}}}}}}
  /jobs/status:
    get:
      operationId: jobStatus
      x-oruel-resource: jobs.status
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Jobs"}}}}}}
  /uploads:
    post:
      operationId: upload
      x-oruel-resource: uploads.create
      requestBody:
        required: false
        content: {{multipart/form-data: {{schema: {{$ref: "#/components/schemas/Upload"}}}}}}
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Jobs"}}}}}}
components:
  schemas:
    Jobs:
      type: object
      description: "Named like the facade's `jobs` resource class. {"It counts the jobs of every kind. " * 4}"
      properties:
        count: {{type: integer}}
        parts:
          anyOf:
            - {{type: string}}
            - {{type: array, items: {{$ref: "#/components/schemas/{LONG_UNION}"}}}}
    {LONG_UNION}:
      oneOf: [{{$ref: "#/components/schemas/TagA"}}, {{$ref: "#/components/schemas/TagB"}}]
    Upload:
      type: object
      properties:
        file: {{type: string, format: binary}}
        purpose: {{type: string}}
    Kind: {{type: string, enum: [alpha, beta]}}
    Order: {{type: string, enum: [asc, desc]}}
    Color: {{type: string, enum: [red, green]}}
    Shape: {{type: string, enum: [circle, square]}}
    ModelId:
      anyOf:
        - type: string
        - {{type: string, enum: [gpt-x, gpt-y]}}
    Item:
      type: object
      required: [name]
      properties: {{name: {{type: string}}}}
    Other:
      type: object
      required: [size]
      properties: {{size: {{type: integer}}}}
    Builtins:
      type: object
      required: [{", ".join(BUILTIN_NAMES)}]
      properties:
        bytes: {{type: integer}}
        str: {{type: string}}
        list: {{type: array, items: {{type: string}}}}
        type: {{type: string}}
        id: {{type: string}}
        object: {{type: string}}
        from: {{type: string}}
        class: {{type: string}}
        float: {{type: number}}
        int: {{type: integer}}
        dict: {{type: object, additionalProperties: {{type: string}}}}
        self: {{type: string}}
    Unions:
      type: object
      properties:
        lists:
          anyOf:
            - {{type: array, items: {{$ref: "#/components/schemas/Item"}}}}
            - {{type: array, items: {{$ref: "#/components/schemas/Other"}}}}
            - {{type: array, items: {{type: string}}}}
        enums:
          anyOf:
            - {{$ref: "#/components/schemas/Color"}}
            - {{$ref: "#/components/schemas/Shape"}}
        model: {{$ref: "#/components/schemas/ModelId"}}
        maybe: {{type: [string, "null"]}}
        maybe_item:
          anyOf: [{{$ref: "#/components/schemas/Item"}}, {{type: "null"}}]
        tagged:
          oneOf: [{{$ref: "#/components/schemas/TagA"}}, {{$ref: "#/components/schemas/TagB"}}]
    TagA:
      type: object
      required: [type]
      properties: {{type: {{type: string, enum: [a]}}, note: {{type: string}}}}
    TagB:
      type: object
      required: [type]
      properties: {{type: {{type: string, enum: [b]}}, note: {{type: string}}}}
    Patch:
      type: object
      properties:
        lists:
          anyOf:
            - {{type: array, items: {{$ref: "#/components/schemas/Item"}}}}
            - {{type: array, items: {{type: string}}}}
        enums:
          anyOf:
            - {{$ref: "#/components/schemas/Color"}}
            - {{$ref: "#/components/schemas/Shape"}}
        model: {{$ref: "#/components/schemas/ModelId"}}
        maybe: {{type: [string, "null"]}}
        str: {{type: string, description: "A field named like a builtin, with a default.", default: "s"}}
        list: {{type: array, items: {{type: integer}}}}
        dict: {{type: object, additionalProperties: {{type: integer}}}}
        long_enum:
          type: string
          enum: [{LONG_VALUE}, short]
        long_default:
          type: string
          default: "{LONG_WORD} {LONG_WORD}"
          description: "A long description: {LONG_WORD} {"and more words " * 12}"
    Job:
      type: object
      required: [id]
      properties:
        id: {{type: string}}
        data: {{type: array, items: {{type: string}}}}
    JobList:
      type: object
      required: [data]
      properties:
        data: {{type: array, items: {{type: string}}}}
"""

# A user's module, type-checked with the package: plain strings where the spec lists enum values, an open enum's
# unknown value, None for nullable fields, no body for an optional one.
USAGE = f"""
from {PACKAGE}._client import Oruel
from {PACKAGE}.api.default import delete_thing, get_thing, patch_thing, upload
from {PACKAGE}.models import Builtins, Jobs, Order, Patch, Unions


def use(client: Oruel) -> None:
    got: Builtins = get_thing.sync("alpha", client=client, order="asc", include=["desc", Order.ASC])
    size: int = got.bytes
    text: str = got.str
    got2 = client.things.retrieve(kind="beta", order=Order.DESC)
    names: list[str] = got2.list
    patched: Unions = patch_thing.sync("beta", client=client)
    patch_thing.sync("beta", client=client, body=Patch(maybe=None, lists=["a"], str="x"))
    client.things.update(kind="alpha", model="my-own-model", maybe=None)
    delete_thing.sync("alpha", client=client)
    counted: Jobs = client.jobs.status()
    client.uploads.create()
    client.uploads.create(purpose="p", file=b"x")
    upload.sync(client=client)
    print(counted.count)
    print(size, text, names, patched)
"""


def reply_json(obj: Any, status: int = 200) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(status, obj))

    return handler


def reply_no_content(req: RecordedRequest, conn: Conn) -> None:
    conn.send(http_response(204))


@pytest.fixture(scope="module")
def pkg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typing")
    spec = root / "typing.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate_package(spec, root / PACKAGE, PACKAGE)
    (root / "usage.py").write_text(USAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pkg(pkg_dir: Path) -> Iterator[ModuleType]:
    with on_path(pkg_dir, PACKAGE):
        yield importlib.import_module(PACKAGE)


def mod(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
def client(pkg: ModuleType, stub: Stub) -> Iterator[Any]:
    with mod("_client").Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


def only_request(stub: Stub) -> RecordedRequest:
    assert len(stub.requests) == 1, [r.path for r in stub.requests]
    return stub.requests[0]


# ------------------------------------------------------------------------------------------- lint and types


def test_generated_package_passes_the_project_ruff(pkg_dir: Path) -> None:
    generated = [str(pkg_dir / PACKAGE / d) for d in ("api", "models", "_generated")]
    proc = subprocess.run(
        [PYTHON, "-m", "ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), *generated],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The long enum value is kept whole (its line is marked, not broken).
    assert LONG_VALUE in (pkg_dir / PACKAGE / "models" / "patch_long_enum.py").read_text(encoding="utf-8")


def test_generated_package_and_its_use_pass_mypy_strict(pkg_dir: Path) -> None:
    proc = subprocess.run(
        [PYTHON, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11", PACKAGE, "usage.py"],
        cwd=pkg_dir,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------------------------------- builtin-named fields


def test_fields_named_like_builtins_keep_their_names_and_round_trip(pkg: ModuleType) -> None:
    data = {
        "bytes": 3,
        "str": "s",
        "list": ["a"],
        "type": "t",
        "id": "i",
        "object": "o",
        "from": "f",
        "class": "c",
        "float": 1.5,
        "int": 2,
        "dict": {"k": "v"},
    }
    got = mod("models").Builtins.from_dict(data)
    assert (got.bytes, got.str, got.list, got.type, got.id, got.object) == (3, "s", ["a"], "t", "i", "o")
    assert (got.from_, got.class_, got.float, got.int) == ("f", "c", 1.5, 2)
    assert got.to_dict() == data
    assert got["from"] == "f" and "class" in got
    assert mod("models").Builtins.from_dict({**data, "self": "me"}).self_ == "me"


def test_a_builtin_named_field_with_a_default_does_not_rebind_the_builtin(pkg: ModuleType) -> None:
    # `dict: dict[str, int] | Unset = UNSET` in the class body makes every later `dict` in it UNSET, such as
    # additional_properties' `factory=dict`.
    patch = mod("models").Patch(list=[1], str="x")
    assert patch.additional_properties == {} and patch.dict is mod("types").UNSET
    assert patch.to_dict() == {"str": "x", "list": [1]}
    assert mod("models").Patch.from_dict({"dict": {"a": 1}, "extra": True}).to_dict() == {
        "dict": {"a": 1},
        "extra": True,
    }


# ------------------------------------------------------------------------------------------------------ unions


@pytest.mark.parametrize(
    ("value", "cls"),
    [([{"name": "a"}], "Item"), ([{"size": 1}], "Other"), (["a", "b"], "str")],
)
def test_a_union_of_list_types_parses_each_list_to_its_member(pkg: ModuleType, value: Any, cls: str) -> None:
    got = mod("models").Unions.from_dict({"lists": value})
    assert [type(x).__name__ for x in got.lists] == [cls] * len(value)
    assert got.to_dict() == {"lists": value}


def test_a_union_of_enums_parses_each_value_to_the_enum_that_holds_it(pkg: ModuleType) -> None:
    models = mod("models")
    assert models.Unions.from_dict({"enums": "square"}).enums is models.Shape.SQUARE
    assert models.Unions.from_dict({"enums": "green"}).enums is models.Color.GREEN
    # A value neither lists is kept (the server moved ahead), not refused.
    assert models.Unions.from_dict({"enums": "blue"}).enums == "blue"


def test_a_union_of_objects_is_told_apart_by_a_one_value_enum_tag(pkg: ModuleType) -> None:
    models = mod("models")
    assert type(models.Unions.from_dict({"tagged": {"type": "b", "note": "n"}}).tagged) is models.TagB
    assert type(models.Unions.from_dict({"tagged": {"type": "a"}}).tagged) is models.TagA


def test_an_open_enum_keeps_known_values_as_members_and_any_other_string(pkg: ModuleType) -> None:
    models = mod("models")
    known = models.Unions.from_dict({"model": "gpt-y"}).model
    assert isinstance(known, models.ModelIdType1) and known == "gpt-y"
    other = models.Unions.from_dict({"model": "my-own-model"}).model
    assert type(other) is str and other == "my-own-model"


def test_a_value_no_member_takes_is_refused(pkg: ModuleType, stub: Stub, client: Any) -> None:
    with pytest.raises(TypeError, match="matches no type"):
        mod("models").Unions.from_dict({"lists": 3})
    with pytest.raises(TypeError):
        mod("models").Unions.from_dict({"lists": [{"colour": "red"}]})
    stub.reply = reply_json({"lists": [1, 2]})
    with pytest.raises(mod("_exceptions").APIResponseValidationError):
        mod("api.default.patch_thing").sync("alpha", client=client)


@pytest.mark.parametrize(
    "lists",
    [["a", "b"], [{"name": "x"}]],
)
def test_a_list_of_objects_or_of_strings_is_sent(pkg: ModuleType, stub: Stub, client: Any, lists: Any) -> None:
    models = mod("models")
    value = [models.Item(name=x["name"]) for x in lists] if isinstance(lists[0], dict) else lists
    stub.reply = reply_json({})
    mod("api.default.patch_thing").sync("alpha", client=client, body=models.Patch(lists=value))
    assert only_request(stub).json()["lists"] == lists


# ---------------------------------------------------------------------- nullable, optional body, PATCH, 204


def test_nullable_fields_take_none_both_ways(pkg: ModuleType, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"maybe": None, "maybe_item": None})
    got = mod("api.default.patch_thing").sync("alpha", client=client, body={"maybe": None})
    assert only_request(stub).json() == {"maybe": None}
    assert got.maybe is None and got.maybe_item is None
    assert got.to_dict() == {"maybe": None, "maybe_item": None}
    assert mod("models").Patch(maybe=None).to_dict()["maybe"] is None


def test_an_optional_body_left_out_is_not_sent(pkg: ModuleType, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"enums": "red"})
    got = client.things.update(kind="beta")
    req = only_request(stub)
    assert (req.method, req.path, req.body) == ("PATCH", "/things/beta", b"")
    assert "content-type" not in req.headers
    assert got.enums == "red"


def test_a_204_answer_returns_none(pkg: ModuleType, stub: Stub, client: Any) -> None:
    stub.reply = reply_no_content
    assert mod("api.default.delete_thing").sync("alpha", client=client) is None
    assert client.things.delete(kind="beta") is None
    assert [(r.method, r.path) for r in stub.requests] == [("DELETE", "/things/alpha"), ("DELETE", "/things/beta")]


# ------------------------------------------------------------------------------------------ list responses


def test_an_optional_data_array_does_not_make_the_model_a_list(pkg: ModuleType, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"id": "j1"})
    job = client.jobs.retrieve()
    assert job.data is None
    assert job  # truth is the object's, not len(data)
    assert not hasattr(type(job), "__len__") and not hasattr(type(job), "__iter__")


def test_a_required_data_array_makes_the_model_iterable(pkg: ModuleType, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"data": ["a", "b"]})
    page = client.jobs.list()
    assert list(page) == ["a", "b"] and len(page) == 2


# ---------------------------------------------------------------------------------- enum path and query


def test_enum_parameters_take_plain_strings_and_send_the_value(pkg: ModuleType, stub: Stub, client: Any) -> None:
    body = {name: 0 if name in ("bytes", "int", "float") else "x" for name in BUILTIN_NAMES}
    stub.reply = reply_json({**body, "list": [], "dict": {}})
    get_thing = mod("api.default.get_thing")
    Order = mod("models").Order
    get_thing.sync("beta", client=client, order="desc", include=["asc", Order.DESC])
    client.things.retrieve(kind=mod("models").Kind.ALPHA, order=Order.ASC)
    paths = [r.path for r in stub.requests]
    assert paths == ["/things/beta?order=desc&include=asc&include=desc", "/things/alpha?order=asc"]


def test_an_enum_parameter_outside_its_values_is_refused_before_sending(
    pkg: ModuleType, stub: Stub, client: Any
) -> None:
    with pytest.raises(mod("_exceptions").OruelValidationError):
        mod("api.default.get_thing").sync("gamma", client=client)
    with pytest.raises(mod("_exceptions").OruelValidationError):
        mod("api.default.get_thing").sync("alpha", client=client, order="sideways")
    assert stub.requests == []
