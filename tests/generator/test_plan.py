"""The plan stage (generator/plan.py): facade names derived from paths, clashes refused, and the facade methods the
hand-written code needs checked at generation time."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.plan import derive_resource, operations

from .conftest import PYTHON, ROOT

PATHS: dict[str, Any] = {
    "/files": {"get": {}, "post": {}},
    "/files/{file_id}": {"get": {}, "delete": {}, "post": {}},
    "/files/{file_id}/content": {"get": {}},
    "/batches/{batch_id}/cancel": {"post": {}},
    "/audio/transcriptions": {"post": {}},
    "/fine_tuning/jobs": {"get": {}, "post": {}},
    "/fine_tuning/jobs/{fine_tuning_job_id}": {"get": {}},
    "/threads/{thread_id}/messages": {"get": {}, "post": {}},
    "/vector_stores/{id}/file_batches": {"post": {}},
    "/vector_stores/{id}/file_batches/{batch_id}": {"get": {}},
    "/v1/fine-tuning/checkPoints": {"get": {}},
}


@pytest.mark.parametrize(
    ("method", "path", "facade"),
    [
        ("post", "/files", "files.create"),
        ("get", "/files", "files.list"),
        ("get", "/files/{file_id}", "files.retrieve"),
        ("delete", "/files/{file_id}", "files.delete"),
        ("post", "/files/{file_id}", "files.update"),
        ("get", "/files/{file_id}/content", "files.content"),
        ("post", "/batches/{batch_id}/cancel", "batches.cancel"),
        ("post", "/audio/transcriptions", "audio.transcriptions.create"),
        ("post", "/fine_tuning/jobs", "fine_tuning.jobs.create"),
        ("get", "/fine_tuning/jobs", "fine_tuning.jobs.list"),
        ("get", "/fine_tuning/jobs/{fine_tuning_job_id}", "fine_tuning.jobs.retrieve"),
        # A segment after a parameter is a sub-resource when it is a collection (several methods, or items).
        ("get", "/threads/{thread_id}/messages", "threads.messages.list"),
        ("post", "/threads/{thread_id}/messages", "threads.messages.create"),
        ("post", "/vector_stores/{id}/file_batches", "vector_stores.file_batches.create"),
        # A version prefix is the base URL's; names become Python names.
        ("get", "/v1/fine-tuning/checkPoints", "fine_tuning.check_points.list"),
    ],
)
def test_facade_is_derived_from_the_path_as_the_openai_sdk_names_it(method: str, path: str, facade: str) -> None:
    assert derive_resource(path, method, PATHS) == facade


def _op(op_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": op_id, "responses": {"200": {"description": "ok"}}, **extra}


def _doc(paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}


def test_explicit_resource_wins_over_the_derived_one() -> None:
    ops = operations(_doc({"/images/generations": {"post": _op("gen", **{"x-oruel-resource": "images.generate"})}}))
    assert ops["gen"].resource == "images.generate"


def _generate(tmp_path: Path, doc: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return subprocess.run(
        [PYTHON, "-m", "generator", "--spec", str(spec), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_two_operations_on_one_facade_method_is_a_generation_error_naming_both(tmp_path: Path) -> None:
    doc = _doc(
        {
            "/files": {"post": _op("createFile", **{"x-oruel-resource": "files.create"})},
            "/uploads": {"post": _op("upload", **{"x-oruel-resource": "files.create"})},
        }
    )
    proc = _generate(tmp_path, doc, "--package", "clash_client", "--out", str(tmp_path / "clash_client"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "client.files.create" in proc.stderr
    assert "createFile" in proc.stderr and "upload" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "clash_client").exists()


def test_derived_names_that_clash_are_named_from_their_operation_ids() -> None:
    """OpenAI's own spec: POST /threads/runs and POST /threads/{thread_id}/runs both derive threads.runs.create;
    a derived name taken by an explicit one gives way too. Every operation stays on the facade."""
    ops = operations(
        _doc(
            {
                "/threads/runs": {"post": _op("createThreadAndRun")},
                "/threads/{thread_id}/runs": {"post": _op("createRun"), "get": _op("listRuns")},
                "/files": {"post": _op("createFile")},
                "/uploads": {"post": _op("upload", **{"x-oruel-resource": "files.create"})},
            }
        )
    )
    assert {op_id: plan.resource for op_id, plan in ops.items()} == {
        "createThreadAndRun": "threads.runs.create_thread_and_run",
        "createRun": "threads.runs.create_run",
        "listRuns": "threads.runs.list",
        "createFile": "files.create_file",
        "upload": "files.create",
    }


def test_a_method_that_is_also_a_resource_is_refused(tmp_path: Path) -> None:
    doc = _doc(
        {
            "/files/{id}/content": {
                "get": _op(
                    "content",
                    parameters=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    **{"x-oruel-resource": "files.content"},
                )
            },
            "/files/content": {"get": _op("contents")},
        }
    )
    proc = _generate(tmp_path, doc, "--package", "clash_client", "--out", str(tmp_path / "clash_client"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "client.files.content is both a method" in proc.stderr


def test_check_fails_when_the_spec_drops_a_method_the_cli_calls(tmp_path: Path) -> None:
    """Replacing the embeddings operation by one without x-oruel-resource (named otherwise) would remove
    client.embeddings.create, which `oruel embed` calls: --check says so instead of the CLI failing at run time."""
    doc = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    op = doc["paths"].pop("/embeddings")["post"]
    del op["x-oruel-resource"]
    doc["paths"]["/embeddings/batch"] = {"post": op}
    proc = _generate(tmp_path, doc, "--check")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "client.embeddings.create (used by cli/embed.py)" in proc.stderr
    assert "_facade_needs.py" in proc.stderr


def test_the_cli_calls_only_facade_methods_declared_as_needed() -> None:
    """The one list (oruel_client/_facade_needs.py) covers every facade method the CLI names."""
    import re

    from oruel_client._facade_needs import NEEDED

    used: set[str] = set()
    for path in (ROOT / "oruel_client" / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"resource=\"([a-z_.]+)\"", text))
        used |= {m for m in re.findall(r"client\.([a-z_]+(?:\.[a-z_]+)+)\(", text) if not m.startswith("with_")}
    assert used and used <= set(NEEDED), used - set(NEEDED)
    # A file that is not there would make its need silently void (needs apply only to files the package has).
    assert all((ROOT / "oruel_client" / caller).is_file() for caller in NEEDED.values()), NEEDED


def _stream_doc(stream_schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    content = {"text/event-stream": {"schema": stream_schema}}
    doc = _doc({"/responses": {"post": _op("stream", responses={"200": {"description": "ok", "content": content}})}})
    doc["components"] = {"schemas": schemas}
    return doc


def _event(tag: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"type": tag, "delta": {"type": "string"}}}


def test_an_event_union_is_planned_from_each_branch_type() -> None:
    union = {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
    schemas = {"A": _event({"const": "a.delta"}), "B": _event({"type": "string", "enum": ["b.done"]})}
    plan = operations(_stream_doc(union, schemas))["stream"]
    assert [(e.type, e.schema) for e in plan.events] == [("a.delta", "A"), ("b.done", "B")]
    assert plan.chunk is None and plan.stream_done is False  # typed-event streams end with the body
    single = operations(_stream_doc({"$ref": "#/components/schemas/A"}, schemas))["stream"]
    assert single.chunk == "A" and single.stream_done is True  # chat-style chunks end with [DONE]


@pytest.mark.parametrize(
    ("union", "schemas", "message"),
    [
        (
            {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]},
            {"A": _event({"const": "a"}), "B": _event({"type": "string"})},
            "#/components/schemas/B: event of the stream",
        ),
        (
            {"anyOf": [{"$ref": "#/components/schemas/A"}, _event({"const": "b"})]},
            {"A": _event({"const": "a"})},
            "text~1event-stream/schema/oneOf/1: an event stream's union needs each event as a $ref",
        ),
        (
            {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]},
            {"A": _event({"const": "a"}), "B": _event({"const": "a"})},
            "events A and B both have type 'a'",
        ),
    ],
)
def test_an_event_union_that_cannot_be_told_apart_is_refused_with_its_pointer(
    union: dict[str, Any], schemas: dict[str, Any], message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        operations(_stream_doc(union, schemas))
    assert message in str(info.value)
