"""The generator is not specific to openapi.yaml: tests/fixtures/petstore.yaml has the shapes the Oru-el spec
lacks (path, query and header parameters, an exploded query array, a multipart upload, a binary download, an
integer enum, a nullable field). It is generated into a temporary package, `petstore_client`; the hand-written
runtime of oruel_client (its top-level modules: client, transport, validation, errors) is copied beside the
generated folders, and the generated endpoint functions are exercised through that one stack against a real HTTP
server on 127.0.0.1.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from tests.rawhttp import Conn, RecordedRequest, http_response, json_response

from .conftest import ROOT, TOKEN, Stub, generate_package, on_path

FIXTURE = ROOT / "tests" / "fixtures" / "petstore.yaml"
PET: dict[str, Any] = {"id": "p1", "name": "Rex", "status": "available", "size": 2, "owner": None, "tags": ["good"]}
PHOTO = b'\x89PNG\r\n\x1a\n\x00\xff\r\n--+++\r\nContent-Disposition: form-data; name="x"\r\n\r\n--+++--\r\n\xfe\x00'


class Petstore:
    """The generated package's modules, imported from the temporary folder."""

    def __init__(self) -> None:
        self.client = importlib.import_module("petstore_client._client")
        self.types = importlib.import_module("petstore_client.types")
        self.errors = importlib.import_module("petstore_client._exceptions")
        self.models = importlib.import_module("petstore_client.models")
        self.list_pets = importlib.import_module("petstore_client.api.pets.list_pets")
        self.get_pet = importlib.import_module("petstore_client.api.pets.get_pet")
        self.upload = importlib.import_module("petstore_client.api.pets.upload_pet_photo")
        self.download = importlib.import_module("petstore_client.api.pets.download_pet_photo")


@pytest.fixture(scope="module")
def pkg_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("petstore")
    generated = generate_package(FIXTURE, root / "petstore_client", "petstore_client")
    (root / "generated.txt").write_text("\n".join(generated), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ps(pkg_dir: Path) -> Iterator[Petstore]:
    with on_path(pkg_dir, "petstore_client"):
        yield Petstore()


@pytest.fixture
def client(ps: Petstore, stub: Stub) -> Iterator[Any]:
    with ps.client.Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


def reply_json(obj: Any, status: int = 200) -> Any:
    def handler(req: RecordedRequest, conn: Conn) -> None:
        conn.send(json_response(status, obj))

    return handler


def only_request(stub: Stub) -> RecordedRequest:
    assert len(stub.requests) == 1, [r.path for r in stub.requests]
    return stub.requests[0]


def test_generated_package_layout(pkg_dir: Path) -> None:
    files = set((pkg_dir / "generated.txt").read_text(encoding="utf-8").split())
    # Only the owned folders: the runtime (client, types, errors) is hand-written, never generated.
    assert {f.split("/", 1)[0] for f in files} == {"api", "models", "_generated"}
    assert {
        "_generated/rules.py",
        "_generated/document.py",
        "_generated/resources/__init__.py",
        "_generated/resources/pets.py",
        "api/pets/list_pets.py",
        "api/pets/get_pet.py",
        "api/pets/upload_pet_photo.py",
        "api/pets/download_pet_photo.py",
        "models/pet.py",
        "models/photo_upload.py",
    } <= files
    header = (pkg_dir / "petstore_client" / "api" / "pets" / "get_pet.py").read_text(encoding="utf-8")
    assert header.startswith("# Generated from petstore.yaml")


# ------------------------------------------------------------------------------------------------ path parameter


@pytest.mark.parametrize(
    ("pet_id", "wire"),
    [
        ("a/b c", "/pets/a%2Fb%20c"),
        ("../admin", "/pets/..%2Fadmin"),
        ("x?y=1#z%", "/pets/x%3Fy%3D1%23z%25"),
        ("é", "/pets/%C3%A9"),
    ],
)
def test_path_parameter_is_quoted(ps: Petstore, stub: Stub, client: Any, pet_id: str, wire: str) -> None:
    stub.reply = reply_json({**PET, "id": pet_id})
    pet = ps.get_pet.sync(pet_id, client=client)
    req = only_request(stub)
    assert (req.method, req.path) == ("GET", wire)
    assert req.headers["authorization"] == f"Bearer {TOKEN}"
    assert pet.id == pet_id


def test_response_with_enums_nullable_and_unknown_fields_round_trips(ps: Petstore, stub: Stub, client: Any) -> None:
    answer = {**PET, "status": "sold", "size": 3, "owner": None, "microchip": {"id": 7}}
    stub.reply = reply_json(answer)
    pet = ps.get_pet.sync("p1", client=client)
    assert pet.status == ps.models.PetStatus.SOLD
    assert pet.size == ps.models.PetSize.VALUE_3
    assert pet.owner is None
    assert pet.to_dict() == answer
    owned = ps.models.Pet.from_dict({**PET, "owner": "Ann"})
    assert owned.owner == "Ann" and owned.to_dict()["owner"] == "Ann"


def test_unknown_string_enum_value_in_a_response_is_kept(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({**PET, "status": "adopted"})
    pet = ps.get_pet.sync("p1", client=client)
    assert pet.status == "adopted"
    assert pet.to_dict()["status"] == "adopted"


def test_unknown_integer_enum_value_in_a_response_is_kept(ps: Petstore, stub: Stub, client: Any) -> None:
    """Like string enums (templates/str_enum.py.jinja), an integer enum must accept a value the server added
    after the spec was written."""
    stub.reply = reply_json({**PET, "size": 4})
    pet = ps.get_pet.sync("p1", client=client)
    assert pet.size == 4
    assert pet.to_dict()["size"] == 4


# ------------------------------------------------------------------------------------------------ query, header


def test_query_array_is_exploded_and_header_parameter_is_sent(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"data": [PET, {**PET, "id": "p2"}]})
    result = ps.list_pets.sync(client=client, tag=["a b", "c&d"], limit=100, x_request_source="pytest-1")
    req = only_request(stub)
    assert (req.method, req.path) == ("GET", "/pets?tag=a+b&tag=c%26d&limit=100")
    assert req.headers["x-request-source"] == "pytest-1"
    assert [p.id for p in result.data] == ["p1", "p2"]


def test_unset_query_and_header_parameters_are_not_sent(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"data": []})
    ps.list_pets.sync(client=client)
    req = only_request(stub)
    assert req.path == "/pets"
    assert "x-request-source" not in req.headers


def test_extra_query_merges_with_generated_query(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"data": []})
    ps.list_pets.sync(client=client, limit=1, extra_query={"sort": "name"})
    assert only_request(stub).path == "/pets?limit=1&sort=name"


@pytest.mark.parametrize("limit", [1, 100])
def test_limit_inside_its_range_is_sent(ps: Petstore, stub: Stub, client: Any, limit: int) -> None:
    stub.reply = reply_json({"data": []})
    ps.list_pets.sync_detailed(client=client, limit=limit)
    assert only_request(stub).path == f"/pets?limit={limit}"


@pytest.mark.parametrize(("limit", "rule"), [(0, "minimum"), (101, "maximum")])
def test_limit_outside_its_range_is_rejected_before_sending(
    ps: Petstore, stub: Stub, client: Any, limit: int, rule: str
) -> None:
    stub.reply = reply_json({"data": []})
    with pytest.raises(ps.errors.OruelValidationError) as info:
        ps.list_pets.sync_detailed(client=client, limit=limit)
    assert (info.value.path, info.value.rule) == ("limit", rule)
    assert stub.requests == []


@pytest.mark.parametrize("weight", [1e-9, 0.5, 49.999999])
def test_value_just_inside_exclusive_bounds_is_sent(ps: Petstore, stub: Stub, client: Any, weight: float) -> None:
    stub.reply = reply_json({"data": []})
    ps.list_pets.sync_detailed(client=client, max_weight=weight)
    assert only_request(stub).path == f"/pets?max_weight={weight}"


@pytest.mark.parametrize(
    ("weight", "rule"),
    [
        (0, "exclusiveMinimum"),
        (0.0, "exclusiveMinimum"),
        (-1, "exclusiveMinimum"),
        (50, "exclusiveMaximum"),
        (50.0, "exclusiveMaximum"),
        (50.5, "exclusiveMaximum"),
    ],
)
def test_exclusive_bound_itself_is_rejected_before_sending(
    ps: Petstore, stub: Stub, client: Any, weight: float, rule: str
) -> None:
    stub.reply = reply_json({"data": []})
    with pytest.raises(ps.errors.OruelValidationError) as info:
        ps.list_pets.sync_detailed(client=client, max_weight=weight)
    assert (info.value.path, info.value.rule, info.value.value) == ("max_weight", rule, weight)
    assert stub.requests == []


def test_header_parameter_with_a_newline_is_rejected_before_sending(ps: Petstore, stub: Stub, client: Any) -> None:
    with pytest.raises(ps.errors.OruelValidationError) as info:
        ps.list_pets.sync_detailed(client=client, x_request_source="a\r\nX-Injected: 1")
    assert str(info.value).startswith("header parameter['X-Request-Source']: ")
    assert stub.requests == []


# ------------------------------------------------------------------------------------------------ multipart


def _multipart_parts(req: RecordedRequest) -> tuple[str, list[tuple[dict[str, str], bytes]]]:
    """Split a multipart/form-data body by hand: (boundary, [(headers, exact content bytes)])."""
    match = re.fullmatch(r'multipart/form-data; boundary="?([^";]+)"?', req.headers["content-type"])
    assert match, req.headers["content-type"]
    boundary = match.group(1)
    delimiter = b"--" + boundary.encode()
    pieces = req.body.split(delimiter)
    assert pieces[0] == b"" and pieces[-1] == b"--\r\n", "body must be delimited by the boundary exactly"
    parts: list[tuple[dict[str, str], bytes]] = []
    for piece in pieces[1:-1]:
        assert piece.startswith(b"\r\n") and piece.endswith(b"\r\n")
        head, _, content = piece[2:-2].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, content))
    return boundary, parts


def _email_parts(req: RecordedRequest) -> list[Message]:
    message = message_from_bytes(b"Content-Type: " + req.headers["content-type"].encode() + b"\r\n\r\n" + req.body)
    assert message.is_multipart()
    payload = message.get_payload()
    assert isinstance(payload, list)
    parts = [part for part in payload if isinstance(part, Message)]
    assert len(parts) == len(payload)
    return parts


def test_multipart_upload_has_a_random_boundary_and_intact_file(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json(PET)
    uploads = []
    for _ in range(2):
        photo = ps.types.File(payload=io.BytesIO(PHOTO), file_name="rex.png", mime_type="image/png")
        body = ps.models.PhotoUpload(file=photo, caption="Rex at the beach")
        result = ps.upload.sync("p 1/x", client=client, body=body)
        assert result.id == "p1"
    for req in stub.requests:
        assert (req.method, req.path) == ("POST", "/pets/p%201%2Fx/photo")
        boundary, parts = _multipart_parts(req)
        uploads.append(boundary)
        assert boundary != "+++" and len(boundary) >= 16
        assert boundary.encode() not in PHOTO
        by_name = {
            re.search(r'name="([^"]+)"', h["content-disposition"]).group(1): (h, c)  # type: ignore[union-attr]
            for h, c in parts
        }
        assert set(by_name) == {"file", "caption"}
        file_headers, file_bytes = by_name["file"]
        assert file_bytes == PHOTO  # byte for byte, CR LF and the old fixed boundary included
        assert 'filename="rex.png"' in file_headers["content-disposition"]
        assert file_headers["content-type"] == "image/png"
        assert by_name["caption"][1] == b"Rex at the beach"
        # The stdlib email parser sees the same two parts.
        names = [part.get_param("name", header="content-disposition") for part in _email_parts(req)]
        assert names == ["file", "caption"]
    assert uploads[0] != uploads[1]  # a fresh boundary per request


def test_multipart_body_from_a_mapping(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json(PET)
    ps.upload.sync_detailed("p1", client=client, body={"file": PHOTO, "caption": "c"})
    _, parts = _multipart_parts(only_request(stub))
    assert [content for _, content in parts] == [PHOTO, b"c"]


def test_multipart_text_field_is_range_checked(ps: Petstore, stub: Stub, client: Any) -> None:
    photo = ps.types.File(payload=io.BytesIO(PHOTO), file_name="rex.png", mime_type="image/png")
    with pytest.raises(ps.errors.OruelValidationError) as info:
        ps.upload.sync("p1", client=client, body=ps.models.PhotoUpload(file=photo, caption="c" * 65))
    assert (info.value.path, info.value.rule) == ("caption", "maxLength")
    assert stub.requests == []


# ------------------------------------------------------------------------------------------------ download


def test_binary_download_returns_the_exact_bytes(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(200, PHOTO, {"content-type": "application/octet-stream"}))
    result = ps.download.sync("a/b", client=client)
    assert isinstance(result, ps.types.File)
    assert result.payload.read() == PHOTO
    detailed = ps.download.sync_detailed("a/b", client=client)
    assert detailed.content == PHOTO
    assert [(r.method, r.path) for r in stub.requests] == [("GET", "/pets/a%2Fb/photo")] * 2


async def test_binary_download_async(ps: Petstore, stub: Stub) -> None:
    stub.reply = lambda req, conn: conn.send(http_response(200, PHOTO, {"content-type": "application/octet-stream"}))
    async with ps.client.AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as client:
        result = await ps.download.asyncio("p1", client=client)
    assert result.payload.read() == PHOTO


def test_error_status_is_the_typed_error_with_the_servers_message(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = reply_json({"message": "no such pet"}, status=404)
    with pytest.raises(ps.errors.NotFoundError) as info:
        ps.get_pet.sync_detailed("nope", client=client)
    assert info.value.status_code == 404
    assert info.value.message == "Error code: 404 - no such pet"


def test_detailed_gives_status_headers_and_the_parsed_body(ps: Petstore, stub: Stub, client: Any) -> None:
    stub.reply = lambda req, conn: conn.send(json_response(200, PET, {"x-request-id": "req-42"}))
    resp = ps.get_pet.sync_detailed("p1", client=client)
    assert (resp.status_code, resp.request_id, resp.retries_taken) == (200, "req-42", 0)
    assert resp.parse().name == "Rex" and resp.parse() is resp.parse()
