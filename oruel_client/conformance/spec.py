"""Where things are in the embedded spec (``_generated.document.DOCUMENT``): an operation's object, the
response a status leads to, its media types, and JSON pointers to the schemas answers are checked against."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._generated.document import DOCUMENT
from .._generated.rules import OPERATIONS
from .schema import node_at

__all__ = [
    "declared_headers",
    "error_pointer",
    "node",
    "operation_object",
    "resolve",
    "response",
    "schema_pointer",
    "success_media",
]


def operation_object(operation: str) -> Mapping[str, Any]:
    info = OPERATIONS[operation]
    return DOCUMENT["paths"][info["path"]][info["method"]]  # type: ignore[no-any-return]


def resolve(node: Any) -> Any:
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        node = node_at(node["$ref"])
    return node


def response(operation: str, status: int) -> tuple[str, Mapping[str, Any]] | None:
    responses = operation_object(operation).get("responses", {})
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return key, resolve(responses[key])
    return None


def success_media(operation: str) -> list[str]:
    found = response(operation, 200)
    return list(found[1].get("content", {})) if found else []


def schema_pointer(operation: str, media: str) -> str:
    info = OPERATIONS[operation]
    escaped = info["path"].replace("~", "~0").replace("/", "~1")
    found = response(operation, 200)
    code = found[0] if found else "200"
    schema = operation_object(operation)["responses"][code]
    if isinstance(schema.get("$ref"), str):
        base = schema["$ref"]
    else:
        base = f"#/paths/{escaped}/{info['method']}/responses/{code}"
    target = resolve(node_at(base))["content"][media]["schema"]
    if isinstance(target.get("$ref"), str):
        return str(target["$ref"])
    return f"{base}/content/{media.replace('/', '~1')}/schema"


def error_pointer(operation: str, status: int) -> str | None:
    found = response(operation, status)
    if found is None:
        return None
    content = found[1].get("content", {})
    media = next((m for m in content if "json" in m), None)
    if media is None:
        return None
    schema = content[media].get("schema", {})
    return str(schema["$ref"]) if isinstance(schema.get("$ref"), str) else None


def declared_headers(operation: str, status: int) -> Mapping[str, Any]:
    found = response(operation, status)
    headers = found[1].get("headers", {}) if found else {}
    return {k: resolve(v) for k, v in headers.items()} if isinstance(headers, Mapping) else {}


def node(pointer: str) -> Mapping[str, Any]:
    node = resolve(node_at(pointer))
    return node if isinstance(node, Mapping) else {}
