"""Multipart uploads and binary downloads the way openai users expect them, on a client generated from
tests/fixtures/uploads.yaml (a files API shaped like OpenAI's) into a temporary package, against a real HTTP
server on 127.0.0.1. What arrives is split by hand (exact bytes) and read with the stdlib email parser.

A file field takes bytes, a binary file object, a pathlib.Path, a (filename, content[, content_type]) tuple or a
File, from the facade, an endpoint function and a dict body alike; the other fields are encoded as OpenAI-compatible
servers read them (true/false, name[] per array item, name[key] per object field, numbers as JSON text).
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import os
import re
import subprocess
import tracemalloc
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from tests.rawhttp import Conn, RecordedRequest, http_response, json_response

from .conftest import PYTHON, ROOT, TOKEN, Stub, generate_package, on_path

FIXTURE = ROOT / "tests" / "fixtures" / "uploads.yaml"
# Bytes a careless encoder would damage: CR LF, NUL, high bytes, and a line that looks like a boundary.
DATA = b'\x89PNG\r\n\x1a\n\x00\xff\r\n--abc\r\nContent-Disposition: form-data; name="x"\r\n\r\n--abc--\r\n\xfe\x00'
FILE_OBJECT = {"id": "file-1", "object": "file", "bytes": len(DATA), "filename": "a.png", "purpose": "batch"}


class Uploads:
    def __init__(self) -> None:
        self.client = importlib.import_module("uploads_client._client")
        self.types = importlib.import_module("uploads_client.types")
        self.errors = importlib.import_module("uploads_client._exceptions")
        self.models = importlib.import_module("uploads_client.models")
        self.create = importlib.import_module("uploads_client.api.files.create_file")
        self.download = importlib.import_module("uploads_client.api.files.download_file")


@pytest.fixture(scope="module")
def up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Uploads]:
    root = tmp_path_factory.mktemp("uploads")
    generate_package(FIXTURE, root / "uploads_client", "uploads_client")
    with on_path(root, "uploads_client"):
        yield Uploads()


@pytest.fixture
def client(up: Uploads, stub: Stub) -> Iterator[Any]:
    with up.client.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


def reply_file_object(req: RecordedRequest, conn: Conn) -> None:
    conn.send(json_response(200, FILE_OBJECT))


# ------------------------------------------------------------------------------------------------ reading the wire


Part = tuple[dict[str, str], bytes]


def split_parts(req: RecordedRequest) -> list[Part]:
    """The parts of a multipart/form-data body, split by hand: (lowercased headers, exact content bytes)."""
    match = re.fullmatch(r"multipart/form-data; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})", req.headers["content-type"])
    assert match, req.headers["content-type"]
    delimiter = b"--" + match.group(1).encode()
    pieces = req.body.split(delimiter)
    assert pieces[0] == b"" and pieces[-1] == b"--\r\n", "the body is delimited by the boundary exactly"
    parts: list[Part] = []
    for piece in pieces[1:-1]:
        assert piece.startswith(b"\r\n") and piece.endswith(b"\r\n")
        head, _, content = piece[2:-2].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, content))
    return parts


def field_name(headers: dict[str, str]) -> str:
    match = re.match(r'form-data; name="([^"]*)"', headers["content-disposition"])
    assert match, headers
    return match.group(1)


def text_fields(req: RecordedRequest) -> list[tuple[str, str]]:
    """(name, value) of every part that is not a file, in order."""
    return [(field_name(h), c.decode()) for h, c in split_parts(req) if "filename" not in h["content-disposition"]]


def email_parts(req: RecordedRequest) -> list[Message]:
    """The same body as the stdlib email parser reads it (as a server's multipart parser would)."""
    message = message_from_bytes(b"Content-Type: " + req.headers["content-type"].encode() + b"\r\n\r\n" + req.body)
    assert message.is_multipart() and not message.defects, message.defects
    payload = message.get_payload()
    assert isinstance(payload, list)
    return [p for p in payload if isinstance(p, Message)]


def the_file(req: RecordedRequest, name: str = "file") -> tuple[str, str, bytes]:
    """(filename, content type, exact bytes) of the one file part called name, checked by both readers."""
    by_hand = [(h, c) for h, c in split_parts(req) if field_name(h) == name]
    parsed = [p for p in email_parts(req) if p.get_param("name", header="content-disposition") == name]
    assert len(by_hand) == len(parsed) == 1
    (headers, content), part = by_hand[0], parsed[0]
    filename, content_type = part.get_filename(), part.get_content_type()
    assert filename is not None, "a file part always carries a filename, or servers read it as text"
    assert part.get_payload(decode=True) == content
    assert headers["content-type"] == content_type
    return filename, content_type, content


# ------------------------------------------------------------------------------------------------ file inputs

# (how a test makes the file input from a path holding DATA, expected filename, expected content type)
INPUTS: list[tuple[str, Callable[[Path], Any], str, str]] = [
    ("bytes", lambda p: DATA, "upload", "application/octet-stream"),
    ("bytearray", lambda p: bytearray(DATA), "upload", "application/octet-stream"),
    ("path", lambda p: p, "photo.png", "image/png"),
    ("open file", lambda p: p.open("rb"), "photo.png", "image/png"),
    ("BytesIO", lambda p: io.BytesIO(DATA), "upload", "application/octet-stream"),
    ("(name, bytes)", lambda p: ("song.mp3", DATA), "song.mp3", "audio/mpeg"),
    ("(name, bytes, type)", lambda p: ("data", DATA, "application/x-custom"), "data", "application/x-custom"),
    ("(name, path)", lambda p: ("renamed.bin", p), "renamed.bin", "application/octet-stream"),
    ("(None, file, None)", lambda p: (None, p.open("rb"), None), "photo.png", "image/png"),
    ("(name, BytesIO)", lambda p: ("r.json", io.BytesIO(DATA)), "r.json", "application/json"),
]


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "photo.png"
    path.write_bytes(DATA)
    return path


def send_through(entry: str, up: Uploads, client: Any, file: Any, **fields: Any) -> Any:
    extra_body = fields.pop("extra_body", None)
    body = {"file": file, "purpose": "batch", **fields}
    if entry == "facade":
        return client.files.create(**body, extra_body=extra_body)
    if entry == "endpoint dict":
        return up.create.sync(client=client, body=body, extra_body=extra_body)
    assert entry == "endpoint model"
    kwargs = {k: v for k, v in body.items() if k != "file"}
    name, content, kind = file if isinstance(file, tuple) and len(file) == 3 else (None, file, None)
    payload = content if hasattr(content, "read") else io.BytesIO(bytes(content))
    model = up.models.FileUpload.from_dict({**kwargs, "file": b""})
    model.file = up.types.File(payload=payload, file_name=name, mime_type=kind)
    return up.create.sync(client=client, body=model, extra_body=extra_body)


@pytest.mark.parametrize("entry", ["facade", "endpoint dict"])
@pytest.mark.parametrize(("kind", "make", "filename", "content_type"), INPUTS, ids=[i[0] for i in INPUTS])
def test_each_file_input_arrives_as_a_named_file_part_with_exact_bytes(
    up: Uploads,
    stub: Stub,
    client: Any,
    photo: Path,
    entry: str,
    kind: str,
    make: Callable[[Path], Any],
    filename: str,
    content_type: str,
) -> None:
    stub.reply = reply_file_object
    value = make(photo)
    result = send_through(entry, up, client, value)
    assert result.id == "file-1"
    (req,) = stub.requests
    assert (req.method, req.path) == ("POST", "/files")
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert the_file(req) == (filename, content_type, DATA)
    assert text_fields(req) == [("purpose", "batch")]
    if hasattr(value, "close"):
        value.close()


def test_a_file_model_from_the_endpoint_function(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_file_object
    send_through("endpoint model", up, client, ("a.png", DATA, "image/png"), verbose=True)
    (req,) = stub.requests
    assert the_file(req) == ("a.png", "image/png", DATA)
    assert text_fields(req) == [("purpose", "batch"), ("verbose", "true")]


def test_a_file_model_validates_its_other_fields(up: Uploads) -> None:
    model = up.models.FileUpload.from_dict({"file": DATA, "purpose": "batch"})
    model.validate()  # a File in the file field is a file
    model.temperature = 2.0
    with pytest.raises(up.errors.OruelValidationError) as info:
        model.validate()
    assert (info.value.path, info.value.rule) == ("temperature", "maximum")


async def test_async_facade_uploads_a_path(up: Uploads, stub: Stub, photo: Path) -> None:
    stub.reply = reply_file_object
    async with up.client.AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as client:
        result = await client.files.create(file=photo, purpose="assistants")
    assert result.filename == "a.png"
    (req,) = stub.requests
    assert the_file(req) == ("photo.png", "image/png", DATA)


def test_a_file_object_is_left_where_it_was(up: Uploads, stub: Stub, client: Any) -> None:
    """Read once for the request, then put back: the same object can be sent again by a later call."""
    stub.reply = reply_file_object
    fh = io.BytesIO(b"skip:" + DATA)
    fh.seek(5)
    client.files.create(file=fh, purpose="batch")
    client.files.create(file=fh, purpose="batch")
    assert fh.tell() == 5
    assert [the_file(r)[2] for r in stub.requests] == [DATA, DATA]


def test_array_of_files_sends_one_bracketed_part_per_file(up: Uploads, stub: Stub, client: Any, photo: Path) -> None:
    stub.reply = reply_file_object
    client.files.create(file=DATA, purpose="batch", attachments=[photo, ("b.txt", b"two\r\n", "text/plain"), b"3"])
    (req,) = stub.requests
    found = [
        (field_name(h), re.search(r'filename="([^"]*)"', h["content-disposition"]), c) for h, c in split_parts(req)
    ]
    assert [(n, m.group(1) if m else None, c) for n, m, c in found] == [
        ("file", "upload", DATA),
        ("purpose", None, b"batch"),
        ("attachments[]", "photo.png", DATA),
        ("attachments[]", "b.txt", b"two\r\n"),
        ("attachments[]", "upload", b"3"),
    ]


@pytest.mark.parametrize("entry", ["facade", "endpoint dict"])
def test_a_file_or_a_list_of_files(up: Uploads, stub: Stub, client: Any, photo: Path, entry: str) -> None:
    """anyOf [file, array of files], as OpenAI's image edits: one file part, or one image[] part per file."""
    stub.reply = reply_file_object
    send_through(entry, up, client, DATA, image=photo)
    send_through(entry, up, client, DATA, image=[photo, ("b.png", b"2")])
    one, several = stub.requests
    assert the_file(one, "image") == ("photo.png", "image/png", DATA)
    assert [(field_name(h), c) for h, c in split_parts(several)][2:] == [("image[]", DATA), ("image[]", b"2")]
    with pytest.raises(up.errors.OruelValidationError) as info:
        send_through(entry, up, client, DATA, image="photo.png")
    assert (info.value.path, info.value.rule, info.value.limit) == ("image", "anyOf", ["file", "array"])
    with pytest.raises(up.errors.OruelValidationError) as info:
        send_through(entry, up, client, DATA, image=[b"1", b"2", b"3", b"4"])
    assert (info.value.path, info.value.rule) == ("image", "maxItems")
    assert len(stub.requests) == 2


# ------------------------------------------------------------------------------------------------ field encoding


@pytest.mark.parametrize("entry", ["facade", "endpoint dict"])
def test_fields_are_encoded_as_openai_compatible_servers_read_them(
    up: Uploads, stub: Stub, client: Any, entry: str
) -> None:
    stub.reply = reply_file_object
    send_through(
        entry,
        up,
        client,
        DATA,
        temperature=0.25,
        chunk_size=4096,
        verbose=False,
        timestamp_granularities=["word", "segment"],
        expires_after={"anchor": "created_at", "seconds": 3600, "labels": {"team": "ml é", "public": True}},
        extra_body={"stream": True, "ratio": 1.0, "skipped": None, "tags": ("x", "y")},
    )
    (req,) = stub.requests
    assert text_fields(req) == [
        ("purpose", "batch"),
        ("temperature", "0.25"),
        ("chunk_size", "4096"),
        ("verbose", "false"),
        ("timestamp_granularities[]", "word"),
        ("timestamp_granularities[]", "segment"),
        ("expires_after[anchor]", "created_at"),
        ("expires_after[seconds]", "3600"),
        ("expires_after[labels][team]", "ml é"),
        ("expires_after[labels][public]", "true"),
        ("stream", "true"),
        ("ratio", "1.0"),
        ("tags[]", "x"),
        ("tags[]", "y"),
    ]
    assert the_file(req)[2] == DATA


def test_enum_and_nested_model_values_are_sent_as_their_plain_values(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_file_object
    expires = up.models.FileUploadExpiresAfter.from_dict({"anchor": "created_at", "seconds": 7200})
    purpose = up.models.FileUploadPurpose("fine-tune")
    client.files.create(file=DATA, purpose=purpose, expires_after=expires)
    (req,) = stub.requests
    assert text_fields(req) == [
        ("purpose", "fine-tune"),
        ("expires_after[anchor]", "created_at"),
        ("expires_after[seconds]", "7200"),
    ]


def test_quotes_and_newlines_in_names_cannot_forge_a_part(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_file_object
    client.files.create(file=('a"\r\nX: 1.png', DATA), purpose="batch", extra_body={'k"\r\n': "v"})
    (req,) = stub.requests
    parts = email_parts(req)
    assert [p.get_param("name", header="content-disposition") for p in parts] == ["file", "purpose", "k%22%0D%0A"]
    assert parts[0].get_filename() == "a%22%0D%0AX: 1.png"
    assert [h for h, _ in split_parts(req)][0].keys() == {"content-disposition", "content-type"}


def test_each_request_has_its_own_random_boundary_absent_from_the_content(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_file_object
    for _ in range(2):
        client.files.create(file=DATA, purpose="batch")
    boundaries = [r.headers["content-type"].split("boundary=")[1] for r in stub.requests]
    assert boundaries[0] != boundaries[1] and all(len(b) >= 16 and b.encode() not in DATA for b in boundaries)
    assert all(r.headers["content-length"] == str(len(r.body)) for r in stub.requests)


# ------------------------------------------------------------------------------------------------ checks before sending


@pytest.mark.parametrize(
    "bad",
    ["photo.png", 42, ["a", "b"], {"name": "x"}, ("a.png",), ("a.png", "text content")],
    ids=["str path", "int", "list", "dict", "1-tuple", "str content"],
)
@pytest.mark.parametrize("entry", ["facade", "endpoint dict"])
def test_a_file_field_without_a_file_is_refused_before_sending(
    up: Uploads, stub: Stub, client: Any, entry: str, bad: Any
) -> None:
    with pytest.raises(up.errors.OruelValidationError) as info:
        send_through(entry, up, client, bad)
    assert (info.value.path, info.value.rule) == ("file", "type")
    assert str(info.value).startswith("file: ") and "pathlib.Path" in str(info.value)
    assert stub.requests == []


def test_an_array_item_without_a_file_is_named(up: Uploads, stub: Stub, client: Any) -> None:
    with pytest.raises(up.errors.OruelValidationError) as info:
        client.files.create(file=DATA, purpose="batch", attachments=[DATA, "b.txt"])
    assert (info.value.path, info.value.rule) == ("attachments[1]", "type")
    assert stub.requests == []


def test_a_file_opened_in_text_mode_is_refused(up: Uploads, stub: Stub, client: Any, photo: Path) -> None:
    with photo.open(encoding="latin-1") as fh, pytest.raises(up.errors.OruelValidationError) as info:
        client.files.create(file=fh, purpose="batch")
    assert info.value.path == "file" and "binary mode ('rb')" in str(info.value)
    assert stub.requests == []


@pytest.mark.parametrize(
    ("fields", "path", "rule"),
    [
        ({"temperature": 1.5}, "temperature", "maximum"),
        ({"purpose": "other"}, "purpose", "enum"),
        ({"expires_after": {"anchor": "created_at", "seconds": 60}}, "expires_after.seconds", "minimum"),
        ({"chunk_size": "big"}, "chunk_size", "type"),
        ({"purpose": None}, "purpose", "required"),
    ],
)
@pytest.mark.parametrize("entry", ["facade", "endpoint dict"])
def test_other_fields_are_still_range_checked(
    up: Uploads, stub: Stub, client: Any, entry: str, fields: dict[str, Any], path: str, rule: str
) -> None:
    with pytest.raises(up.errors.OruelValidationError) as info:
        send_through(entry, up, client, DATA, **fields)
    assert (info.value.path, info.value.rule) == (path, rule)
    assert stub.requests == []


def test_validate_false_sends_what_it_is_given(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_file_object
    client.with_options(validate=False).files.create(file=DATA, purpose="other", temperature=7)  # type: ignore[arg-type]
    (req,) = stub.requests
    assert text_fields(req) == [("purpose", "other"), ("temperature", "7")]


# ------------------------------------------------------------------------------------------------ retries


@pytest.mark.parametrize("kind", ["open file", "BytesIO", "path"])
def test_a_retry_resends_the_same_body(up: Uploads, stub: Stub, photo: Path, kind: str) -> None:
    """The first attempt fails with 503; the second carries the very same bytes (file content included): the
    body is encoded once, and a file is read again from its start, not left at its end for the retry."""
    make = {i[0]: i[1] for i in INPUTS}[kind]
    busy = json_response(503, {"message": "busy"}, {"retry-after-ms": "1"})
    stub.server.script[:] = [lambda req, conn: conn.send(busy)]
    stub.reply = reply_file_object
    value = make(photo)
    with up.client.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=2) as client:
        response = client.files.with_raw_response.create(file=value, purpose="batch")
    assert response.retries_taken == 1
    first, second = stub.requests
    assert first.body == second.body and first.headers["content-type"] == second.headers["content-type"]
    assert the_file(second)[2] == DATA
    if hasattr(value, "close"):
        value.close()


# ------------------------------------------------------------------------------------------------ large uploads

# Run in a child process against the local server in another process, so that neither the server's copy of the body
# nor this test process counts: the child's peak of Python allocations and of resident memory while it uploads.
UPLOAD_CHILD = r"""
import asyncio, json, sys, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from uploads_client._client import AsyncOruel, Oruel
from uploads_client.api.files import create_file
url, big, small = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
peaks = {}

def measure(entry, send):
    tracemalloc.start()
    try:
        result = send()
        peaks[entry] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.object == "file", result

async def send_async():
    async with AsyncOruel(api_key=sys.argv[5], base_url=url, max_retries=0, timeout=300) as client:
        return await client.files.create(file=small, purpose="batch")

with Oruel(api_key=sys.argv[5], base_url=url, max_retries=0, timeout=300) as client:
    client.files.create(file=b"warm up", purpose="batch")  # lazy imports and the connection, not the upload
    measure("facade, a path", lambda: client.files.create(file=big, purpose="batch"))
    with small.open("rb") as fh:
        body = {"file": fh, "purpose": "batch"}
        measure("endpoint function, a dict body with a file object", lambda: create_file.sync(client=client, body=body))
measure("async facade, a path", lambda: asyncio.run(send_async()))
# VmHWM, not getrusage: Linux carries ru_maxrss over exec, so it would count the (large) test process that forked us.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"peaks": peaks, "max_rss_kib": hwm}))
"""


def test_a_large_upload_is_read_from_its_file_as_it_is_sent(up: Uploads, tmp_path: Path) -> None:
    """A 200 MB file (sparse: no disk used) goes through the facade, a dict body of the endpoint function (as an
    open file) and the async facade (smaller files, for time) while the uploading process's Python allocations
    peak at a few chunks, not the file, and its resident memory stays far below the file's size."""
    from oruel_client.mock.server import MockServer

    big, small = tmp_path / "big.bin", tmp_path / "small.bin"
    with big.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    with small.open("wb") as fh:
        fh.truncate(24 * 1024 * 1024)
    root = str(Path(up.client.__file__).parents[1])
    with MockServer(spec=FIXTURE, subprocess=True) as server:
        proc = subprocess.run(
            [PYTHON, "-c", UPLOAD_CHILD, root, server.url, str(big), str(small), TOKEN],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    assert set(result["peaks"]) == {
        "facade, a path",
        "endpoint function, a dict body with a file object",
        "async facade, a path",
    }
    for entry, peak in result["peaks"].items():
        assert peak < 4 * 1024 * 1024, (entry, peak)
    assert result["max_rss_kib"] < 150 * 1024, result  # the file alone is 200 MiB


@pytest.fixture
def mock_files() -> Iterator[Any]:
    from oruel_client.mock.server import MockServer

    with MockServer(spec=FIXTURE) as server:
        yield server


def fail_once(fault_id: str) -> dict[str, str]:
    return {"x-oruel-mock-fault": "503", "x-oruel-mock-fault-times": "1", "x-oruel-mock-fault-id": fault_id}


def test_a_retry_reads_a_streamed_file_again_from_its_start(up: Uploads, mock_files: Any, photo: Path) -> None:
    """A path is reopened and a file object rewound for the second attempt: both attempts carry the whole file."""
    with up.client.Oruel(api_key=TOKEN, base_url=mock_files.url, max_retries=1) as client, photo.open("rb") as fh:
        fh.read(3)  # the content starts where the object stands: the bytes after the first three
        for value, expected in ((photo, DATA), (fh, DATA[3:])):
            mock_files.app.reset()
            response = client.files.with_raw_response.create(
                file=value, purpose="batch", extra_headers=fail_once(f"retry-{expected[:4]!r}")
            )
            assert response.retries_taken == 1
            first, second = mock_files.app.requests
            assert first.body == second.body
            assert int(second.headers["content-length"]) == len(second.body)
            assert the_file(second)[2] == expected
        assert fh.tell() == 3


def pipe_with(data: bytes) -> Any:
    read_end, write_end = os.pipe()
    os.write(write_end, data)  # fits the pipe's buffer: no writer thread needed
    os.close(write_end)
    return os.fdopen(read_end, "rb")


def test_a_file_object_that_cannot_seek_is_sent_once_and_not_retried(up: Uploads, mock_files: Any) -> None:
    """A pipe is streamed as it is read (chunked, its size unknown); a retry could not send it again, so the
    first failure is the answer, with one request made."""
    with up.client.Oruel(api_key=TOKEN, base_url=mock_files.url, max_retries=3) as client:
        with pipe_with(DATA) as fh:
            result = client.files.create(file=fh, purpose="batch")
        assert result.object == "file"
        (sent,) = mock_files.app.requests
        assert sent.headers.get("transfer-encoding") == "chunked"
        assert the_file(sent)[2] == DATA
        mock_files.app.reset()
        with pipe_with(DATA) as fh, pytest.raises(up.errors.APIStatusError) as info:
            client.files.create(file=fh, purpose="batch", extra_headers=fail_once("pipe"))
    assert info.value.status_code == 503
    assert len(mock_files.app.requests) == 1


def test_models_have_no_second_multipart_encoding(up: Uploads) -> None:
    """One place encodes multipart bodies (_multipart, from to_dict()); openapi-python-client's to_multipart()
    encoded booleans as False and arrays as repeated parts, so it is not generated."""
    assert up.models.FileUpload.from_dict({"file": DATA, "purpose": "batch"}).to_dict()["purpose"] == "batch"
    assert not hasattr(up.models.FileUpload, "to_multipart")


# ------------------------------------------------------------------------------------------------ binary download

BIG = os.urandom(3 * 1024 * 1024 + 17)


def reply_bytes(body: bytes, *, chunked: bool = False, content_type: str = "application/octet-stream") -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        if not chunked:
            conn.send(http_response(200, body, {"content-type": content_type}))
            return
        conn.send(f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n".encode())
        for i in range(0, len(body), 65536):
            piece = body[i : i + 65536]
            conn.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        conn.send(b"0\r\n\r\n")

    return handler


def test_download_whole_from_the_facade_and_the_endpoint_function(up: Uploads, stub: Stub, client: Any) -> None:
    stub.reply = reply_bytes(DATA)
    assert client.files.content(file_id="f/1").payload.read() == DATA
    assert up.download.sync("f/1", client=client).payload.read() == DATA
    assert client.files.with_raw_response.content(file_id="f/1").read() == DATA
    assert [r.path for r in stub.requests] == ["/files/f%2F1/content"] * 3


@pytest.mark.parametrize(
    ("headers", "filename", "media_type"),
    [
        ({"content-type": "audio/mpeg"}, None, "audio/mpeg"),
        ({"content-disposition": 'attachment; filename="../../etc/report.pdf"'}, "report.pdf", None),
        (
            {
                "content-type": "text/plain; charset=utf-8",
                "content-disposition": "attachment; filename*=UTF-8''na%C3%AFve.txt",
            },
            "naïve.txt",
            "text/plain",
        ),
    ],
)
def test_a_downloaded_file_carries_its_name_and_media_type(
    stub: Stub, client: Any, headers: dict[str, str], filename: str | None, media_type: str | None
) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(200, DATA, headers))
    result = client.files.content(file_id="f1")
    assert (result.file_name, result.mime_type, result.payload.read()) == (filename, media_type, DATA)


def test_a_downloaded_file_has_the_openai_content_and_write_to_file(stub: Stub, client: Any, tmp_path: Path) -> None:
    stub.reply = reply_bytes(DATA)
    result = client.files.content(file_id="f1")
    result.payload.read(3)
    assert result.content == DATA == result.content
    result.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == DATA


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_stream_to_file_writes_the_exact_bytes(stub: Stub, client: Any, tmp_path: Path, chunked: bool) -> None:
    stub.reply = reply_bytes(BIG, chunked=chunked)
    target = tmp_path / "out.bin"
    with client.files.with_streaming_response.content(file_id="f1") as response:
        assert response.headers["content-type"] == "application/octet-stream"
        response.stream_to_file(target)
    assert target.read_bytes() == BIG
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]


def test_a_target_that_cannot_be_replaced_leaves_nothing_behind(stub: Stub, client: Any, tmp_path: Path) -> None:
    stub.reply = reply_bytes(DATA)
    (tmp_path / "a-directory").mkdir()
    with client.files.with_streaming_response.content(file_id="f1") as response:
        with pytest.raises(OSError):
            response.stream_to_file(tmp_path / "a-directory")
    assert [p.name for p in tmp_path.iterdir()] == ["a-directory"]


def test_iter_bytes_gives_the_body_in_chunks(stub: Stub, client: Any) -> None:
    stub.reply = reply_bytes(BIG, chunked=True)
    with client.files.with_streaming_response.content(file_id="f1") as response:
        chunks = list(response.iter_bytes(chunk_size=100_000))
    assert b"".join(chunks) == BIG
    assert len(chunks) > 1 and all(len(c) == 100_000 for c in chunks[:-1])


def test_write_to_file_after_a_raw_response(stub: Stub, client: Any, tmp_path: Path) -> None:
    stub.reply = reply_bytes(DATA)
    target = tmp_path / "speech.mp3"
    target.write_bytes(b"old")
    client.files.with_raw_response.content(file_id="f1").write_to_file(target)
    assert target.read_bytes() == DATA


def test_stream_to_file_does_not_hold_the_body(stub: Stub, client: Any, tmp_path: Path) -> None:
    body = BIG * 4  # 12 MiB
    stub.reply = reply_bytes(body, chunked=True)
    gc.collect()
    tracemalloc.start()
    try:
        with client.files.with_streaming_response.content(file_id="f1") as response:
            response.stream_to_file(tmp_path / "big.bin")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (tmp_path / "big.bin").stat().st_size == len(body)
    assert peak < 2 * 1024 * 1024, peak


@pytest.mark.parametrize("chunked", [False, True], ids=["declared too large", "grows too large"])
def test_a_body_past_max_response_bytes_is_refused_and_no_file_is_left(
    up: Uploads, stub: Stub, tmp_path: Path, chunked: bool
) -> None:
    stub.reply = reply_bytes(BIG, chunked=chunked)
    target = tmp_path / "out.bin"
    with up.client.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0, max_response_bytes=1_000_000) as client:
        with client.files.with_streaming_response.content(file_id="f1") as response:
            with pytest.raises(up.errors.APIResponseValidationError, match="max_response_bytes"):
                response.stream_to_file(target)
        with client.files.with_streaming_response.content(file_id="f1") as response:
            received = 0
            with pytest.raises(up.errors.APIResponseValidationError):
                for chunk in response.iter_bytes():
                    received += len(chunk)
            assert received <= 1_000_000
        with pytest.raises(up.errors.APIResponseValidationError):
            client.files.content(file_id="f1")
    assert list(tmp_path.iterdir()) == []


def test_a_connection_cut_mid_download_is_a_connection_error_and_no_file_is_left(
    up: Uploads, stub: Stub, client: Any, tmp_path: Path
) -> None:
    def cut(req: RecordedRequest, conn: Conn) -> None:
        conn.send(http_response(200, BIG, {"content-type": "application/octet-stream"})[:200_000])
        conn.drop()

    stub.reply = cut
    target = tmp_path / "out.bin"
    with client.files.with_streaming_response.content(file_id="f1") as response:
        with pytest.raises(up.errors.APIConnectionError):
            response.stream_to_file(target)
    assert list(tmp_path.iterdir()) == []


async def test_async_streaming_download(up: Uploads, stub: Stub, tmp_path: Path) -> None:
    stub.reply = reply_bytes(BIG, chunked=True)
    async with up.client.AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as client:
        async with client.files.with_streaming_response.content(file_id="f1") as response:
            await response.stream_to_file(tmp_path / "a.bin")
        async with client.files.with_streaming_response.content(file_id="f1") as response:
            chunks = [c async for c in response.iter_bytes()]
        whole = await client.files.content(file_id="f1")
        small = client.with_options(max_response_bytes=1000)
        async with small.files.with_streaming_response.content(file_id="f1") as response:
            with pytest.raises(up.errors.APIResponseValidationError):
                await response.stream_to_file(tmp_path / "b.bin")
    assert (tmp_path / "a.bin").read_bytes() == BIG == b"".join(chunks) == whole.payload.read()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]
