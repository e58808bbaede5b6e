"""Helpers for the mock server tests: requests whose responses openapi-core checks against the spec (each
chunk of a stream on its own), the error envelope, a sample tool."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters

from oruel_client._generated.document import DOCUMENT
from oruel_client.mock import BASE_PATH

from .conftest import HELLO, chunks

CHAT = "/chat/completions"
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
                "hourly": {"type": "boolean"},
            },
            "required": ["city"],
        },
    },
}


class _Request:
    host_url = "http://mock"

    def __init__(self, method: str, path: str) -> None:
        self.method, self.path, self.body, self.content_type = method, BASE_PATH + path, None, "application/json"
        self.parameters = RequestParameters()


class _Response:
    def __init__(self, status_code: int, content_type: str, data: bytes) -> None:
        self.status_code, self.content_type, self.data = status_code, content_type, data
        self.headers: dict[str, str] = {}


@functools.cache
def _spec_checker() -> OpenAPI:
    document = copy.deepcopy(DOCUMENT)
    document["servers"] = [{"url": BASE_PATH}]
    # Each stream chunk is checked on its own, as a text/event-stream "body" holding that chunk's JSON.
    config = Config(extra_media_type_deserializers={"text/event-stream": json.loads})
    return OpenAPI.from_dict(document, config=config)


def assert_spec_valid(method: str, path: str, response: httpx.Response) -> None:
    """The response (or each chunk of a stream) is valid for the spec, checked by openapi-core."""
    content_type = response.headers["content-type"]
    if content_type.startswith("text/event-stream"):
        for chunk in chunks(response.content):
            _spec_checker().validate_response(
                _Request(method, path), _Response(200, "text/event-stream", json.dumps(chunk).encode())
            )
    else:
        answer = _Response(response.status_code, content_type, response.content)
        _spec_checker().validate_response(_Request(method, path), answer)


def chat(client: httpx.Client, **fields: Any) -> httpx.Response:
    response = client.post(CHAT, json={"model": "llama-4-maverick", "messages": HELLO, **fields})
    assert response.status_code == 200, response.text
    assert_spec_valid("post", CHAT, response)
    return response


def content_of(response: httpx.Response) -> str:
    text: str = response.json()["choices"][0]["message"]["content"]
    return text


def check_arguments(arguments: str) -> dict[str, Any]:
    """Tool-call arguments valid for WEATHER's parameters, every property filled in."""
    values: dict[str, Any] = json.loads(arguments)
    assert set(values) == {"city", "unit", "days", "hourly"}
    assert isinstance(values["city"], str)
    assert values["unit"] in ("celsius", "fahrenheit")
    assert isinstance(values["days"], int) and 1 <= values["days"] <= 7
    assert isinstance(values["hourly"], bool)
    return values


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error of a response in the error envelope, checking the envelope's shape."""
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "code", "param"}
    error: dict[str, Any] = body["error"]
    return error
