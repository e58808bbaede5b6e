"""Cursor pages and typed-event streams, generated from a small spec shaped like OpenAI's files, fine-tuning and
transcription operations (no `x-oruel-resource`: the facade is derived from the paths), and exercised through the
facade and the endpoint functions against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import importlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.rawhttp import Conn, RecordedRequest, json_response, sse_head

from .conftest import PYTHON, ROOT, TOKEN, Stub, generate_package, on_path

SPEC = """\
openapi: 3.1.0
info: {title: files, version: "1"}
servers: [{url: "http://localhost/v1"}]
security: [{bearer: []}]
paths:
  /files:
    get:
      operationId: listFiles
      parameters:
        - {name: after, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FileList"}
    post:
      operationId: createFile
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/FileCreate"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/FileObject"}
  /files/{file_id}:
    get:
      operationId: retrieveFile
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/FileObject"}}}}
    delete:
      operationId: deleteFile
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/FileObject"}}}}
    post:
      operationId: updateFile
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/FileCreate"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/FileObject"}}}}
  /files/{file_id}/content:
    get:
      operationId: fileContent
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/FileObject"}}}}
  /batches/{batch_id}/cancel:
    post:
      operationId: cancelBatch
      parameters: [{name: batch_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/FileObject"}}}}
  /fine_tuning/jobs:
    get:
      operationId: listJobs
      x-oruel-pagination: {param: cursor, items: jobs, has_more: more}
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                title: JobList
                required: [jobs, more]
                properties:
                  jobs: {type: array, items: {$ref: "#/components/schemas/FileObject"}}
                  more: {type: boolean}
  /audio/transcriptions:
    post:
      operationId: createTranscription
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/TranscriptionRequest"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Transcription"}
            text/event-stream:
              schema: {$ref: "#/components/schemas/TranscriptionStreamEvent"}
  /events:
    get:
      operationId: listEvents
      responses:
        "200":
          description: ok
          content:
            text/event-stream:
              schema:
                oneOf:
                  - {$ref: "#/components/schemas/TextDelta"}
                  - {$ref: "#/components/schemas/TextDone"}
  /logs:
    post:
      operationId: tailLogs
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/TranscriptionRequest"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Transcription"}
            text/event-stream:
              x-oruel-stream-terminator: null
              schema: {$ref: "#/components/schemas/TextDelta"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    FileCreate:
      type: object
      required: [name]
      properties:
        name: {type: string}
    FileObject:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
    FileList:
      type: object
      required: [object, data, has_more]
      properties:
        object: {type: string}
        data: {type: array, items: {$ref: "#/components/schemas/FileObject"}}
        first_id: {type: string}
        last_id: {type: string}
        has_more: {type: boolean}
    TranscriptionRequest:
      type: object
      required: [model]
      properties:
        model: {type: string}
        stream: {type: boolean}
    Transcription:
      type: object
      required: [text]
      properties:
        text: {type: string}
    TranscriptionStreamEvent:
      anyOf:
        - {$ref: "#/components/schemas/TextDelta"}
        - {$ref: "#/components/schemas/TextDone"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent0"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent1"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent2"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent3"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent4"}
        - {$ref: "#/components/schemas/TranscriptTextSegmentEvent5"}
      discriminator: {propertyName: type}
    TranscriptTextSegmentEvent0:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.0}
    TranscriptTextSegmentEvent1:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.1}
    TranscriptTextSegmentEvent2:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.2}
    TranscriptTextSegmentEvent3:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.3}
    TranscriptTextSegmentEvent4:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.4}
    TranscriptTextSegmentEvent5:
      type: object
      required: [type]
      properties:
        type: {type: string, const: transcript.text.segment.5}
    TextDelta:
      type: object
      required: [type, delta]
      properties:
        type: {type: string, const: transcript.text.delta}
        delta: {type: string}
    TextDone:
      type: object
      required: [type, text]
      properties:
        type: {type: string, enum: [transcript.text.done]}
        text: {type: string}
"""

FILES = [{"id": f"f{i}", "name": f"file {i}"} for i in range(1, 6)]
PAGES = {None: FILES[0:2], "f2": FILES[2:4], "f4": FILES[4:5]}


@pytest.fixture(scope="module")
def pkg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("files")
    spec = root / "files.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate_package(spec, root / "files_client", "files_client")
    return root


@pytest.fixture(scope="module")
def pkg(pkg_dir: Path) -> Iterator[Any]:
    with on_path(pkg_dir, "files_client"):
        yield importlib.import_module("files_client")


@pytest.fixture
def client(pkg: Any, stub: Stub) -> Iterator[Any]:
    client_mod = importlib.import_module("files_client._client")
    with client_mod.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=1) as c:
        yield c


@pytest.fixture
def aclient(pkg: Any, stub: Stub) -> Any:
    client_mod = importlib.import_module("files_client._client")
    return client_mod.AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=1)


def _query(req: RecordedRequest) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(req.path).query).items()}


def serve_pages(req: RecordedRequest, conn: Conn) -> None:
    """Three pages; the cursor is the answer's last_id, which here differs from the last item's id."""
    after = _query(req).get("after")
    page = PAGES[after.removeprefix("c-") if after else None]
    more = page[-1]["id"] != "f5"
    last = "c-" + page[-1]["id"]
    body = {"object": "list", "data": page, "first_id": page[0]["id"], "last_id": last, "has_more": more}
    conn.send(json_response(200, body))


def reply(obj: Any) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(200, obj))

    return handler


# ------------------------------------------------------------------------------------------ derived facade


def test_every_operation_reaches_the_facade_with_path_parameters_positional(client: Any, stub: Stub) -> None:
    stub.reply = reply(FILES[0])
    client.files.create(name="a")
    client.files.retrieve("f/1")
    client.files.update("f1", name="b")
    client.files.delete("f1")
    client.files.content("f1")
    client.batches.cancel("b1")
    wire = [(r.method, urlsplit(r.path).path) for r in stub.requests]
    assert wire == [
        ("POST", "/files"),
        ("GET", "/files/f%2F1"),
        ("POST", "/files/f1"),
        ("DELETE", "/files/f1"),
        ("GET", "/files/f1/content"),
        ("POST", "/batches/b1/cancel"),
    ]
    assert stub.requests[2].json() == {"name": "b"}


# ----------------------------------------------------------------------------------------------- pagination


def test_list_iterates_across_pages_lazily(client: Any, stub: Stub) -> None:
    stub.reply = serve_pages
    page = client.files.list(limit=2)
    assert len(stub.requests) == 1  # the first page only
    assert [f.id for f in page.data] == ["f1", "f2"] and page.has_next_page()
    first_two = []
    for f in page:
        first_two.append(f.id)
        if len(first_two) == 2:
            break
    assert len(stub.requests) == 1  # iterating the first page's items asks for nothing more
    assert [f.id for f in client.files.list(limit=2)] == ["f1", "f2", "f3", "f4", "f5"]
    cursors = [_query(r).get("after") for r in stub.requests[1:]]
    assert cursors == [None, "c-f2", "c-f4"]  # last_id is the next cursor
    assert all(_query(r)["limit"] == "2" for r in stub.requests)
    assert type(page.data[0]).__name__ == "FileObject"


def test_next_page_by_hand(client: Any, stub: Stub) -> None:
    stub.reply = serve_pages
    page = client.files.list()
    second = page.next_page()
    third = second.next_page()
    assert [f.id for f in third.data] == ["f5"] and not third.has_next_page()
    with pytest.raises(RuntimeError):
        third.next_page()
    assert len(stub.requests) == 3


def test_async_list_iterates_across_pages(aclient: Any, stub: Stub) -> None:
    stub.reply = serve_pages

    async def main() -> tuple[list[str], list[str], int]:
        async with aclient:
            ids = [f.id async for f in aclient.files.list()]
            page = await aclient.files.list()
            requests = len(stub.requests)
            second = await page.next_page()
            return ids, [f.id for f in second.data], requests

    ids, second, requests = asyncio.run(main())
    assert ids == ["f1", "f2", "f3", "f4", "f5"]
    assert second == ["f3", "f4"]
    assert requests == 4  # three pages, then one for the awaited first page


def test_cursor_from_the_last_item_id_with_a_marked_operation(client: Any, stub: Stub) -> None:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        page = PAGES[_query(req).get("cursor")]
        conn.send(json_response(200, {"jobs": page, "more": page[-1]["id"] != "f5"}))

    stub.reply = handler
    assert [j.id for j in client.fine_tuning.jobs.list()] == ["f1", "f2", "f3", "f4", "f5"]
    assert [_query(r).get("cursor") for r in stub.requests] == [None, "f2", "f4"]


def test_pages_go_through_the_transport_retries_and_validation(client: Any, stub: Stub, pkg: Any) -> None:
    errors = importlib.import_module("files_client._exceptions")
    with pytest.raises(errors.OruelValidationError):
        client.files.list(limit=0)
    assert stub.requests == []
    failed: list[str] = []

    def flaky(req: RecordedRequest, conn: Conn) -> None:
        after = _query(req).get("after")
        if after == "c-f2" and after not in failed:
            failed.append(after)
            conn.send(json_response(503, {"error": {"message": "busy"}}, {"retry-after-ms": "1"}))
            return
        serve_pages(req, conn)

    stub.reply = flaky
    assert len(list(client.files.list())) == 5
    assert len(stub.requests) == 4  # page 2 was retried once


def test_list_with_raw_response_parses_to_a_page(client: Any, stub: Stub) -> None:
    stub.reply = serve_pages
    raw = client.files.with_raw_response.list()
    assert raw.status_code == 200
    page = raw.parse()
    assert [f.id for f in page] == ["f1", "f2", "f3", "f4", "f5"]


# ------------------------------------------------------------------------------------------------ events


def _sse(*events: Any) -> bytes:
    return b"".join(b"data: " + (e if isinstance(e, bytes) else json.dumps(e).encode()) + b"\n\n" for e in events)


EVENTS = [
    {"type": "transcript.text.delta", "delta": "Hel"},
    {"type": "transcript.text.delta", "delta": "lo"},
    {"type": "transcript.text.segment", "id": "s1"},
    {"type": "transcript.text.done", "text": "Hello"},
]


def serve_events(req: RecordedRequest, conn: Conn) -> None:
    conn.send(sse_head() + _sse(*EVENTS))  # then the body ends: this stream has no [DONE]


def test_event_stream_yields_the_typed_union_and_ends_with_the_body(client: Any, stub: Stub, pkg: Any) -> None:
    stub.reply = serve_events
    models = importlib.import_module("files_client.models")
    events_mod = importlib.import_module("files_client.events")
    with client.audio.transcriptions.create(model="whisper", stream=True) as stream:
        events = list(stream)
    assert [type(e) for e in events] == [models.TextDelta, models.TextDelta, events_mod.UnknownEvent, models.TextDone]
    assert "".join(e.delta for e in events if isinstance(e, models.TextDelta)) == events[-1].text
    assert events[2].type == "transcript.text.segment" and events[2].data["id"] == "s1"
    req = stub.requests[0]
    assert req.json() == {"model": "whisper", "stream": True}
    assert req.headers["accept"] == "text/event-stream"


def test_event_stream_async_and_through_the_endpoint_function(aclient: Any, client: Any, stub: Stub) -> None:
    stub.reply = serve_events
    fn = importlib.import_module("files_client.api.default.create_transcription")
    body = {"model": "whisper"}
    with fn.sync_stream(client=client, body=body) as stream:
        assert [e.type for e in stream] == [e["type"] for e in EVENTS]

    async def main() -> list[str]:
        async with aclient:
            stream = await aclient.audio.transcriptions.create(model="whisper", stream=True)
            async with stream:
                return [e.type async for e in stream]

    assert asyncio.run(main()) == [e["type"] for e in EVENTS]


def test_event_stream_cut_mid_event_or_failing_is_an_error(client: Any, stub: Stub, pkg: Any) -> None:
    errors = importlib.import_module("files_client._exceptions")
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse(EVENTS[0]) + b'data: {"type": "transcript.te')
    with pytest.raises(errors.APIConnectionError):
        list(client.audio.transcriptions.create(model="whisper", stream=True))
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse(EVENTS[0], {"type": "transcript.text.delta"}))
    with pytest.raises(errors.APIResponseValidationError):  # a known type of the wrong shape
        list(client.audio.transcriptions.create(model="whisper", stream=True))
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse(EVENTS[0], {"error": {"message": "boom"}}))
    with pytest.raises(errors.APIError, match="boom"):
        list(client.audio.transcriptions.create(model="whisper", stream=True))


def test_event_stream_keeps_the_event_size_limit(client: Any, stub: Stub, pkg: Any) -> None:
    errors = importlib.import_module("files_client._exceptions")
    small = client.with_options(max_event_bytes=1024)
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse({"type": "transcript.text.delta", "delta": "x" * 4096}))
    with pytest.raises(errors.APIResponseValidationError, match="max_event_bytes"):
        list(small.audio.transcriptions.create(model="whisper", stream=True))


def test_an_operation_answering_only_with_events_streams_from_the_facade(client: Any, stub: Stub) -> None:
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse(EVENTS[0], EVENTS[3]) + b"data: [DONE]\n\n")
    with client.events.list() as stream:
        assert [e.type for e in stream] == ["transcript.text.delta", "transcript.text.done"]  # [DONE] ends it too
    req = stub.requests[0]
    assert (req.method, req.path, req.body) == ("GET", "/events", b"")
    assert req.headers["accept"] == "text/event-stream"


def test_a_chunk_stream_marked_without_terminator_ends_with_the_body(client: Any, stub: Stub, pkg: Any) -> None:
    """x-oruel-stream-terminator: null on a one-schema stream: the end of the body is its normal end."""
    models = importlib.import_module("files_client.models")
    stub.reply = lambda req, conn: conn.send(sse_head() + _sse(EVENTS[0], EVENTS[1]))
    chunks = list(client.logs.create(model="m", stream=True))
    assert [type(c) for c in chunks] == [models.TextDelta, models.TextDelta]


def test_list_with_streaming_response_sync_and_async(client: Any, aclient: Any, stub: Stub) -> None:
    stub.reply = serve_pages
    with client.files.with_streaming_response.list() as response:
        assert [f.id for f in response.parse()] == ["f1", "f2", "f3", "f4", "f5"]

    async def main() -> tuple[list[str], list[str]]:
        async with aclient:
            raw = await aclient.files.with_raw_response.list()
            page = raw.parse()
            async with aclient.files.with_streaming_response.list() as response:
                streamed = await response.parse()
            return [f.id async for f in page], [f.id for f in streamed.data]

    assert asyncio.run(main()) == (["f1", "f2", "f3", "f4", "f5"], ["f1", "f2"])


def test_the_generated_package_passes_ruff_and_mypy_strict(pkg_dir: Path) -> None:
    """Pages, derived resources and a long event union (a TypeAlias keeps each line short) type-check."""
    generated = ["files_client/api", "files_client/_generated"]
    ruff = [PYTHON, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"), *generated]
    proc = subprocess.run(ruff, cwd=pkg_dir, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mypy = [PYTHON, "-m", "mypy", "--strict", "--no-incremental", "files_client"]
    proc = subprocess.run(mypy, cwd=pkg_dir, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
