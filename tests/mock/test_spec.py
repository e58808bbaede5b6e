"""The local server follows the spec it is given (``MockServer(spec=...)``, ``oruel mock --spec FILE``):
templated routes, validation of every operation (forms included), answers synthesized from the spec's
responses, and a spec it cannot use refused at start with one line naming the JSON pointer."""

from __future__ import annotations

import copy
import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters

from oruel_client.mock import MockServer, SpecError
from oruel_client.testing import MOCK_API_KEY, start_mock_server

from .conftest import AUTH, HELLO, sse
from .helpers import error_of

ROOT = Path(__file__).resolve().parents[2]
FILES_SPEC = Path(__file__).with_name("files_spec.yaml")
UPLOAD = {"file": ("train.jsonl", b'{"prompt": "hi"}\n', "application/jsonl")}


@pytest.fixture(scope="module")
def files_server() -> Iterator[MockServer]:
    with MockServer(spec=FILES_SPEC) as server:
        yield server


@pytest.fixture
def files(files_server: MockServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=files_server.url, headers=AUTH, timeout=10) as http:
        yield http


class _Request:
    host_url = "http://mock"

    def __init__(self, method: str, path: str) -> None:
        self.method, self.path, self.body, self.content_type = method, "/v1" + path, None, "application/json"
        self.parameters = RequestParameters()


class _Response:
    def __init__(self, status_code: int, content_type: str, data: bytes) -> None:
        self.status_code, self.content_type, self.data = status_code, content_type, data
        self.headers: dict[str, str] = {}


@functools.cache
def _checker() -> OpenAPI:
    document = yaml.safe_load(FILES_SPEC.read_text())
    document["servers"] = [{"url": "/v1"}]
    config = Config(extra_media_type_deserializers={"text/event-stream": json.loads})
    return OpenAPI.from_dict(document, config=config)


def valid(method: str, path: str, response: httpx.Response) -> Any:
    """The response, checked by openapi-core against the fixture spec (not by the server's own code)."""
    content_type = response.headers.get("content-type", "")
    answer = _Response(response.status_code, content_type, response.content)
    _checker().validate_response(_Request(method, path), answer)
    return response.json() if content_type == "application/json" else response.content


def test_multipart_upload_is_read_as_openai_clients_encode_it(files: httpx.Client) -> None:
    form = {"purpose": "fine-tune", "private": "true", "tags[]": ["a", "b"], "expires_after[anchor]": "created_at",
            "expires_after[seconds]": "3600"}  # fmt: skip
    response = files.post("/files", files=UPLOAD, data=form)
    assert response.status_code == 200, response.text
    body = valid("post", "/files", response)
    assert body["object"] == "file" and body["id"].startswith("file-")


@pytest.mark.parametrize(
    ("form", "upload", "param"),
    [
        ({"purpose": "nope"}, UPLOAD, "purpose"),
        ({"purpose": "batch"}, {"other": ("a.txt", b"x")}, "file"),
        ({"purpose": "batch", "private": "maybe"}, UPLOAD, "private"),
        ({"purpose": "batch", "tags[]": ["a", "b", "c", "d"]}, UPLOAD, "tags"),
        ({"purpose": "batch", "expires_after[anchor]": "created_at", "expires_after[seconds]": "60"}, UPLOAD,
         "expires_after.seconds"),
    ],
)  # fmt: skip
def test_multipart_upload_is_validated(
    files: httpx.Client, form: dict[str, Any], upload: dict[str, Any], param: str
) -> None:
    response = files.post("/files", files=upload, data=form)
    assert response.status_code == 400
    assert error_of(response)["param"] == param


def test_list_uses_the_spec_example_and_a_cursor_gets_the_last_page(files: httpx.Client) -> None:
    first = valid("get", "/files", files.get("/files", params={"limit": 2}))
    assert first["data"][0]["id"] == "file-abc123" and first["has_more"] is True  # the spec's example
    following = valid("get", "/files", files.get("/files", params={"after": "file-abc123", "limit": 2}))
    assert following["has_more"] is False


@pytest.mark.parametrize(("query", "param"), [({"limit": 0}, "limit"), ({"limit": "x"}, "limit"),
                                              ({"purpose": "x"}, "purpose")])  # fmt: skip
def test_query_parameters_are_validated(files: httpx.Client, query: dict[str, Any], param: str) -> None:
    response = files.get("/files", params=query)
    assert response.status_code == 400
    assert error_of(response)["param"] == param


def test_templated_paths_route_with_literals_first(files: httpx.Client) -> None:
    retrieved = valid("get", "/files/{file_id}", files.get("/files/file-42"))
    assert retrieved["id"] == "file-42"  # the path's id, the schema allowing it
    search = valid("get", "/files/search", files.get("/files/search", params={"q": "train"}))
    assert search["object"] == "search_result"  # the literal segment, not {file_id}
    assert files.get("/files/search").status_code == 400  # its own required query parameter
    deleted = valid("delete", "/files/{file_id}", files.delete("/files/file-42"))
    assert deleted == {"id": "file-42", "object": "file", "deleted": False}


def test_binary_download_is_bytes(files: httpx.Client) -> None:
    response = files.get("/files/file-42/content")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert len(response.content) > 0
    assert files.get("/files/file-7/content").content == response.content  # deterministic


def test_camel_case_path_parameters_are_routed_and_validated(files: httpx.Client) -> None:
    cancelled = files.post("/batches/batch_9/cancel")
    assert cancelled.status_code == 201  # the documented status
    body = valid("post", "/batches/{batchId}/cancel", cancelled)
    # The spec's example is invalid (status "paused"), so a synthesized value is sent instead.
    assert body["status"] == "cancelling" and body["id"] == "batch_9"
    assert body["request_counts"]["total"] % 5 == 0
    bad = files.post("/batches/nope/cancel")
    assert bad.status_code == 400 and error_of(bad)["param"] == "batchId"
    valid("get", "/batches/{batchId}", files.get("/batches/batch_9"))


def test_204_has_no_body(files: httpx.Client) -> None:
    response = files.delete("/batches/batch_9")
    assert response.status_code == 204
    assert response.content == b"" and "content-type" not in response.headers


def test_unknown_path_is_404_and_wrong_method_405_in_the_error_envelope(files: httpx.Client) -> None:
    missing = files.get("/files/file-1/content/extra")
    assert missing.status_code == 404 and error_of(missing)["code"] == "unknown_url"
    wrong = files.put("/files/file-1")
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "method_not_allowed"
    assert wrong.headers["allow"] == "DELETE, GET"
    assert files.get("/batches/batch_1/cancel").status_code == 405


def test_event_stream_of_a_union_sends_each_event_type_and_ends(files: httpx.Client) -> None:
    data = {"model": "whisper", "stream": "true"}
    response = files.post("/audio/transcriptions", files={"file": ("a.wav", b"RIFF")}, data=data)
    assert response.status_code == 200 and response.headers["content-type"] == "text/event-stream"
    events = sse(response.content)
    assert all(data != "[DONE]" for _, data in events)  # this spec's transcription streams do not use it
    chunks = [json.loads(data) for _, data in events]
    assert [c["type"] for c in chunks] == ["transcript.text.delta", "transcript.text.done"]
    for chunk in chunks:
        _checker().validate_response(
            _Request("post", "/audio/transcriptions"), _Response(200, "text/event-stream", json.dumps(chunk).encode())
        )
    plain = files.post("/audio/transcriptions", files={"file": ("a.wav", b"RIFF")}, data={"model": "whisper"})
    assert valid("post", "/audio/transcriptions", plain) == {"text": "text"}


def test_event_stream_ends_with_done_where_the_spec_says_so(files: httpx.Client) -> None:
    events = sse(files.get("/logs/stream").content)
    assert events[-1] == (None, "[DONE]") and len(events) > 2
    for _, data in events[:-1]:
        assert json.loads(data)["line"] == "line"


def test_recursive_schema_and_operation_without_id(files: httpx.Client) -> None:
    tree = valid("get", "/folders/{folderId}", files.get("/folders/root"))
    depth, node = 0, tree
    while node["children"]:
        node, depth = node["children"][0], depth + 1
    assert depth < 20


def test_same_spec_gives_the_same_answers(files: httpx.Client) -> None:
    with MockServer(spec=yaml.safe_load(FILES_SPEC.read_text())) as other:
        again = httpx.post(other.url + "/batches/batch_9/cancel", headers=AUTH, timeout=10)
    assert again.content == files.post("/batches/batch_9/cancel").content


def test_keys_are_required_as_the_spec_says(files_server: MockServer) -> None:
    response = httpx.get(files_server.url + "/files/file-1", timeout=10)
    assert response.status_code == 401


def test_the_embedded_operations_keep_their_hand_written_answers_under_a_given_spec(tmp_path: Path) -> None:
    with start_mock_server(spec=ROOT / "openapi.yaml") as server:
        response = httpx.post(
            server.url + "/chat/completions", json={"model": "m", "messages": HELLO, "stream": True}, headers=AUTH
        )
    assert response.status_code == 200
    assert sse(response.content)[-1] == (None, "[DONE]")
    assert len(sse(response.content)) > 3  # the real stream of words, not an example


# ------------------------------------------------------------------------------------------ refused specs


def _bad_specs() -> list[tuple[str, str, str]]:
    """(name, file text, the pointer the one-line message must name)."""
    base = yaml.safe_load(FILES_SPEC.read_text())
    no_title = copy.deepcopy(base)
    del no_title["info"]["title"]
    no_description = copy.deepcopy(base)
    del no_description["paths"]["/files/search"]["get"]["responses"]["200"]["description"]
    dangling = copy.deepcopy(base)
    dangling["paths"]["/files/{file_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Nope"
    }
    bad_type = copy.deepcopy(base)
    bad_type["components"]["schemas"]["File"]["type"] = "thing"
    old_version = copy.deepcopy(base)
    old_version["openapi"] = "3.0.3"  # a list of types is 3.1 only
    form = "#/paths/~1audio~1transcriptions/post/requestBody/content/multipart~1form-data/schema"
    return [
        ("not-yaml", "openapi: 3.1.0\npaths: {/a: [\n", "#"),
        ("not-openapi", "- just\n- a list\n", "#"),
        ("swagger-2", json.dumps({"swagger": "2.0", "paths": {}}), "#/openapi"),
        ("no-title", yaml.safe_dump(no_title), "#/info"),
        ("no-description", yaml.safe_dump(no_description), "#/paths/~1files~1search/get/responses/200"),
        ("dangling-ref", yaml.safe_dump(dangling),
         "#/paths/~1files~1{file_id}/get/responses/200/content/application~1json/schema/$ref"),
        ("bad-type", yaml.safe_dump(bad_type), "#/components/schemas/File/type"),
        ("3.1-types-in-3.0", yaml.safe_dump(old_version), form + "/properties/stream/type"),
    ]  # fmt: skip


BAD_SPECS = _bad_specs()


@pytest.mark.parametrize(("name", "text", "pointer"), BAD_SPECS, ids=[b[0] for b in BAD_SPECS])
def test_an_unusable_spec_is_refused_naming_the_pointer(tmp_path: Path, name: str, text: str, pointer: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as caught:
        MockServer(spec=path)
    assert caught.value.pointer == pointer
    assert str(caught.value).startswith(f"{path}: {pointer}: ") and "\n" not in str(caught.value)


def _cli(*args: str, timeout: float = 60) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "oruel_client.cli", "mock", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.parametrize("index", [0, 6])
def test_oruel_mock_refuses_an_unusable_spec_with_one_line_and_exit_2(tmp_path: Path, index: int) -> None:
    name, text, pointer = BAD_SPECS[index]
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    with _cli("--spec", str(path), "--port", "0") as process:
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert out == ""
    assert err.strip() == err.strip().splitlines()[0], err  # one line
    assert "Traceback" not in err and f"{path}: {pointer}: " in err


def _repairable_spec() -> str:
    """The files spec with the benign mistakes published vendor specs are known for."""
    doc = yaml.safe_load(FILES_SPEC.read_text())
    doc["components"]["schemas"]["File"]["properties"]["bytes"]["default"] = "many"
    doc["paths"]["/files"]["get"]["parameters"][1]["schema"]["default"] = "twenty"
    doc["components"]["schemas"]["File"]["required"] += doc["components"]["schemas"]["File"]["required"][:1]
    doc["components"]["schemas"]["File"]["properties"]["bytes"].update(minimum=0, exclusiveMinimum=True)
    doc["components"]["schemas"]["File"]["properties"]["filename"].update(nullable=True, default=None)  # kept
    # YAML 1.2 reads 1e-08 as a number (YAML 1.1, PyYAML's default, as a string the validator trips on)
    return yaml.safe_dump(doc).replace("minimum: 0\n", "minimum: 1e-08\n")


REPAIRED = [
    "#/components/schemas/File/properties/bytes/default: dropped: its own schema refuses it",
    "#/paths/~1files/get/parameters/1/schema/default: dropped: its own schema refuses it",
    "#/components/schemas/File/required: repeated entries are kept once",
    "#/components/schemas/File/properties/bytes/exclusiveMinimum: the OpenAPI 3.0 boolean form was converted to 3.1",
]


def test_oruel_mock_repairs_the_benign_mistakes_of_vendor_specs_with_a_warning_each(tmp_path: Path) -> None:
    path = tmp_path / "vendor.yaml"
    path.write_text(_repairable_spec())
    assert "minimum: 1e-08" in path.read_text()
    with _cli("--spec", str(path), "--port", "0") as process:
        assert process.stdout is not None and process.stderr is not None
        url = process.stdout.readline().strip()
        try:
            response = httpx.get(url + "/files/file-5", headers={"Authorization": f"Bearer {MOCK_API_KEY}"}, timeout=10)
            assert response.status_code == 200, response.text
        finally:
            process.terminate()
            _, err = process.communicate(timeout=10)
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert sorted(warnings) == sorted(f"warning: {path}: {w}" for w in REPAIRED), err
    schema = MockServer(spec=path).spec.document["components"]["schemas"]["File"]
    assert schema["properties"]["bytes"]["exclusiveMinimum"] == 1e-08 and "minimum" not in schema["properties"]["bytes"]


def test_oruel_mock_serves_the_spec_file_it_is_given() -> None:
    with _cli("--spec", str(FILES_SPEC), "--port", "0") as process:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        try:
            assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
            response = httpx.get(url + "/files/file-5", headers={"Authorization": f"Bearer {MOCK_API_KEY}"}, timeout=10)
            assert valid("get", "/files/{file_id}", response)["id"] == "file-5"
        finally:
            process.terminate()
            process.wait(10)
    assert process.returncode == 0


def test_a_subprocess_server_serves_a_spec_given_as_data() -> None:
    document = yaml.safe_load(FILES_SPEC.read_text())
    with MockServer(spec=document, subprocess=True) as server:
        response = httpx.get(server.url + "/files/search", params={"q": "x"}, headers=AUTH, timeout=10)
    assert valid("get", "/files/search", response)["object"] == "search_result"


def test_router_prefers_literal_segments_and_backtracks() -> None:
    from oruel_client.mock.routing import Router, operations

    ok = {"responses": {"200": {"description": "ok"}}}
    document = {"paths": {p: {"get": {**ok, "operationId": p}} for p in ("/a/{x}/c", "/a/b/{y}", "/a/{x}/d/e")}}
    router = Router(operations(document))
    assert router.match("GET", "/a/b/c") == (operations(document)["/a/b/{y}"]["GET"], {"y": "c"})
    assert router.match("GET", "/a/z/c")[1] == {"x": "z"}
    # The literal branch /a/b/... has no /d/e further on: the template branch is tried next.
    assert router.match("GET", "/a/b/d/e")[1] == {"x": "b"}
    assert router.match("GET", "/a/b%2Fq/c")[1] == {"x": "b/q"}


# ------------------------------------------------------------------------------- a drifted copy of our spec


def _drifted() -> dict[str, Any]:
    """openapi.yaml as a service that moved on might be described: a narrower range, a field renamed and one
    removed, a new enum value, chunks without usage, streams without [DONE], a flat error envelope."""
    document: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    schemas = document["components"]["schemas"]
    schemas["SamplingParameters"]["properties"]["temperature"]["maximum"] = 1
    completion = schemas["ChatCompletion"]
    completion["properties"]["model_id"] = completion["properties"].pop("model")
    completion["required"] = [("model_id" if r == "model" else r) for r in completion["required"]]
    del completion["properties"]["usage"]
    del schemas["ChatCompletionChunk"]["properties"]["usage"]
    schemas["FinishReason"]["enum"].append("moderated")
    chat = document["paths"]["/chat/completions"]["post"]
    chat["description"] = chat["description"].replace("[DONE]", "final")
    schemas["ErrorResponse"] = {
        "type": "object",
        "required": ["message", "code"],
        "properties": {"message": {"type": "string"}, "code": {"type": ["string", "null"]}},
    }
    return document


@pytest.fixture(scope="module")
def drifted() -> Iterator[httpx.Client]:
    with MockServer(spec=_drifted()) as server, httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
        yield http


def test_a_drifted_spec_changes_the_hand_written_answers(drifted: httpx.Client) -> None:
    body = {"model": "llama-4-maverick", "messages": HELLO}
    answer = drifted.post("/chat/completions", json=body).json()
    assert isinstance(answer["model_id"], str)  # the new name, filled in
    assert "model" not in answer and "usage" not in answer
    assert answer["choices"][0]["message"]["role"] == "assistant"
    assert answer["choices"][0]["finish_reason"] == "moderated"  # the new value, so that a client sees it
    stream = drifted.post("/chat/completions", json={**body, "stream": True})
    events = sse(stream.content)
    assert len(events) > 3 and all(data != "[DONE]" for _, data in events)
    assert all("usage" not in json.loads(data) for _, data in events)
    assert "".join(json.loads(d)["choices"][0]["delta"].get("content", "") for _, d in events).strip()
    finishes = [json.loads(d)["choices"][0]["finish_reason"] for _, d in events]
    assert finishes == [None] * (len(events) - 1) + ["moderated"]


def test_a_drifted_spec_changes_validation_and_the_error_envelope(drifted: httpx.Client) -> None:
    refused = drifted.post("/chat/completions", json={"model": "m", "messages": HELLO, "temperature": 1.5})
    assert refused.status_code == 400
    assert refused.json() == {"message": refused.json()["message"], "code": "invalid_parameter"}
    assert "temperature" in refused.json()["message"]
    missing = drifted.get("/nowhere")
    assert missing.status_code == 404 and missing.json()["code"] == "unknown_url"
    embeddings = drifted.post("/embeddings", json={"model": "bge-m3", "input": "hi"})  # unchanged: as before
    assert embeddings.status_code == 200 and embeddings.json()["usage"]["prompt_tokens"] == 1


def test_an_operation_named_like_ours_but_shaped_otherwise_is_answered_from_its_spec() -> None:
    document = yaml.safe_load(FILES_SPEC.read_text())
    document["paths"]["/files"]["post"]["operationId"] = "createEmbedding"  # the name of a hand-written answer
    with MockServer(spec=document) as server:
        response = httpx.post(server.url + "/files", files=UPLOAD, data={"purpose": "batch"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert valid("post", "/files", response)["object"] == "file"


def test_unquoted_response_codes_are_read_as_strings(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(FILES_SPEC.read_text().replace('"200":', "200:").replace('"201":', "201:"))
    with MockServer(spec=path) as server:
        response = httpx.post(server.url + "/batches/batch_2/cancel", headers=AUTH, timeout=10)
    assert response.status_code == 201


def test_dates_in_examples_are_sent_as_strings(tmp_path: Path) -> None:
    old = "        at: {type: string, format: date-time}"
    text = FILES_SPEC.read_text().replace(old, "        at: {type: string, example: 2024-05-01}")
    path = tmp_path / "dated.yaml"
    path.write_text(text)
    for spec in (yaml.safe_load(text), path):  # parsed by a loader that makes dates, and read by the server
        with MockServer(spec=spec) as server:
            events = sse(httpx.get(server.url + "/logs/stream", headers=AUTH, timeout=10).content)
        assert json.loads(events[0][1])["at"] == "2024-05-01"


def test_a_query_list_that_may_be_null_takes_one_or_several_values(tmp_path: Path) -> None:
    """Vendors write an optional list as `anyOf: [array, null]`; openapi-core gathers repeated keys only for a
    plain array, and refused `?kind=a&kind=b` with a 400."""
    enum_list = {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "list_things",
                    "parameters": [{"name": "kind", "in": "query", "schema": {"anyOf": [enum_list, {"type": "null"}]}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
                }
            }
        },
    }
    path = tmp_path / "things.yaml"
    path.write_text(yaml.safe_dump(doc))
    with MockServer(spec=path) as server:
        queries = ("kind=a", "kind=a&kind=b")
        answers = {q: httpx.get(f"{server.url}/things?{q}", timeout=10).status_code for q in queries}
        wrong = httpx.get(f"{server.url}/things?kind=a&kind=c", timeout=10).status_code
    assert answers == {"kind=a": 200, "kind=a&kind=b": 200}
    assert wrong == 400
