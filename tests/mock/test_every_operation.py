"""Every operation of a spec is answered by the local server started with that spec: a small valid request
(path, required query and header parameters, body as JSON or a form) built from the spec gets a 2xx whose
body openapi-core finds valid for the spec (each event of a stream on its own; binary answers by type)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters

from oruel_client.mock import MockServer, Spec
from oruel_client.mock.examples import Examples
from oruel_client.mock.routing import operations

from .conftest import AUTH, sse

ROOT = Path(__file__).resolve().parents[2]
SPECS = {
    "files": Path(__file__).with_name("files_spec.yaml"),
    "petstore": ROOT / "tests" / "fixtures" / "petstore.yaml",
    "oruel": ROOT / "openapi.yaml",
}


class _Request:
    host_url = "http://mock"

    def __init__(self, method: str, path: str) -> None:
        self.method, self.path, self.body, self.content_type = method, path, None, "application/json"
        self.parameters = RequestParameters()


class _Response:
    def __init__(self, status_code: int, content_type: str, data: bytes) -> None:
        self.status_code, self.content_type, self.data = status_code, content_type, data
        self.headers: dict[str, str] = {}


def _form(value: Mapping[str, Any], prefix: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """A dict body as an OpenAI-compatible client encodes a form: files, true/false, name[], name[key]."""
    data: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}[{key}]" if prefix else key
        if isinstance(item, Mapping):
            more_data, more_files = _form(item, name)
            data.update(more_data)
            files.update(more_files)
        elif isinstance(item, list):
            data[name + "[]"] = [json.dumps(v) if not isinstance(v, str) else v for v in item]
        elif isinstance(item, bool):
            data[name] = "true" if item else "false"
        else:
            data[name] = str(item)
    return data, files


def _calls(spec: Spec) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    examples = Examples(spec, optional_depth=0)
    for path, methods in operations(spec.document).items():
        item = spec.document["paths"][path]
        for method, operation in methods.items():
            op = operation.spec
            params = [spec.resolve(p) for p in [*item.get("parameters", []), *op.get("parameters", [])]]
            url, query, headers = path, {}, dict(AUTH)
            for param in params:
                value = examples.value(param.get("schema", {}), 0, param["name"])
                if param["in"] == "path":
                    url = url.replace("{" + param["name"] + "}", str(value))
                elif param.get("required") and param["in"] == "query":
                    query[param["name"]] = value
                elif param.get("required") and param["in"] == "header":
                    headers[param["name"]] = str(value)
            kwargs: dict[str, Any] = {"params": query, "headers": headers}
            body = spec.resolve(op.get("requestBody"))
            if isinstance(body, Mapping):
                media_type, media = next(iter(body["content"].items()))
                schema = spec.resolve(media.get("schema", {}))
                value = examples.value(schema)
                if media_type.startswith("multipart/"):
                    files = {k: (f"{k}.bin", b"\x00\x01") for k, sub in schema.get("properties", {}).items()
                             if spec.resolve(sub).get("format") == "binary" and k in value}  # fmt: skip
                    kwargs["data"], more = _form({k: v for k, v in value.items() if k not in files})
                    kwargs["files"] = {**files, **more}
                else:
                    kwargs["json"] = value
            yield method, path, url, kwargs


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_operation_answers_with_a_valid_response(name: str) -> None:
    spec = Spec.load(SPECS[name])
    document = copy.deepcopy(yaml.safe_load(SPECS[name].read_text()))
    document["servers"] = [{"url": spec.base_path or "/"}]
    checker = OpenAPI.from_dict(
        document, config=Config(extra_media_type_deserializers={"text/event-stream": json.loads})
    )
    seen = 0
    with MockServer(spec=spec) as server, httpx.Client(timeout=10) as http:
        origin = server.url[: len(server.url) - len(spec.base_path)]
        for method, template, url, kwargs in _calls(spec):
            response = http.request(method, origin + spec.base_path + url, **kwargs)
            assert 200 <= response.status_code < 300, (method, url, response.text)
            request = _Request(method.lower(), spec.base_path + template)
            content_type = response.headers.get("content-type", "")
            if content_type.startswith("text/event-stream"):
                events = [data for _, data in sse(response.content) if data != "[DONE]"]
                assert events
                for data in events:
                    checker.validate_response(request, _Response(response.status_code, content_type, data.encode()))
            elif content_type.startswith("application/json") or response.status_code == 204:
                checker.validate_response(request, _Response(response.status_code, content_type, response.content))
            else:
                assert response.content, (method, url)
            seen += 1
    assert seen == sum(len(methods) for methods in operations(spec.document).values())
