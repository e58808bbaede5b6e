"""The smallest valid request of each operation of an OpenAPI document, read from the document alone.

Used by test_real_specs.py to call every operation of a vendor spec fixture: path parameters, required query and
header parameters, and a request body holding only its required fields, each at the simplest value its schema
allows (a `default` or the first `enum`/`const` value where there is one; a file field is a few bytes). No
knowledge of any particular spec is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
FULL_DEPTH = 3  # how deep a full request fills optional properties
FILE_BYTES = b"sample file content\n"
_STRING_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "uri": "https://example.com/x",
    "url": "https://example.com/x",
    "email": "a@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


@dataclass
class Request:
    """One operation's minimal call: what goes in the path, the query, the headers and the body."""

    op_id: str | None
    method: str
    path: str
    path_params: list[tuple[str, Any]] = field(default_factory=list)  # in the template's order
    query: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    media: str | None = None  # the request body's media type, when there is a body

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


class Values:
    """Values for the operations of doc: only what is required, or (full) every writable property as well, to a
    few levels deep, so that optional fields, unions and nested models are sent too."""

    def __init__(self, doc: dict[str, Any], full: bool = False) -> None:
        self.doc = doc
        self.full = full

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target: Any = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
            if seen > 50:
                raise ValueError("a $ref chain that does not end")
        return node

    def minimal(self, schema: Any, depth: int = 0) -> Any:
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or depth > 30:
            return None
        if "const" in schema:
            return schema["const"]
        if "default" in schema and self._fits(schema["default"], schema):
            return schema["default"]
        if isinstance(schema.get("enum"), list):
            values = [v for v in schema["enum"] if v is not None]
            return values[0] if values else None
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                value = self.minimal(part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            own = {k: v for k, v in schema.items() if k != "allOf"}
            if own.get("properties") or own.get("required"):
                value = self.minimal(own, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                branches = [b for b in schema[key] if self._type_of(self.resolve(b)) != "null"]
                branch = branches[0] if branches else schema[key][0]
                value = self.minimal(branch, depth + 1)
                if value == [] and key == "oneOf":  # an empty list would match every list branch: one item
                    value = [self.minimal(self.resolve(branch).get("items", {}), depth + 2)]
                tag = (schema.get("discriminator") or {}).get("propertyName")
                if tag and isinstance(value, dict) and tag not in value:  # say which branch it is
                    mapping = (schema.get("discriminator") or {}).get("mapping") or {}
                    named = [k for k, ref in mapping.items() if isinstance(branch, dict) and ref == branch.get("$ref")]
                    prop = (self.resolve(branch).get("properties") or {}).get(tag, {})
                    value[tag] = named[0] if named else self.minimal(prop, depth + 1)
                return value
        kind = self._type_of(schema)
        if kind == "object" or (kind is None and ("properties" in schema or "required" in schema)):
            props = schema.get("properties") or {}
            names = list(schema.get("required") or [])
            if self.full and depth < FULL_DEPTH:
                names += [n for n, p in props.items() if n not in names and not self.resolve(p).get("readOnly")]
            return {name: self.minimal(props.get(name, {}), depth + 1) for name in names}
        if kind == "array":
            count = max(int(schema.get("minItems") or 0), 1 if self.full and depth < FULL_DEPTH else 0)
            return [self.minimal(schema.get("items", {}), depth + 1) for _ in range(count)]
        if kind == "string":
            if schema.get("format") == "binary" or "contentMediaType" in schema:
                return FILE_BYTES
            if schema.get("format") in _STRING_FORMATS:
                return _STRING_FORMATS[schema["format"]]
            if "pattern" in schema and "example" in schema and isinstance(schema["example"], str):
                return schema["example"]
            return "x" * max(1, int(schema.get("minLength") or 1))
        if kind in ("integer", "number"):
            low = _number(schema.get("minimum"))
            if low is None and _number(schema.get("exclusiveMinimum")) is not None:
                low = _number(schema["exclusiveMinimum"]) + 1  # type: ignore[operator]
            value = low if low is not None else 1
            high = _number(schema.get("maximum"))
            if high is not None and value > high:
                value = high
            return int(value) if kind == "integer" else value
        if kind == "boolean":
            return False
        if kind == "null":
            return None
        return "x"

    def _fits(self, value: Any, schema: dict[str, Any]) -> bool:
        """A default worth sending: published specs hold some that contradict their own schema (OpenAI's
        `TranscriptionInclude` is a string enum with `default: []`)."""
        if value is None:
            return False
        if isinstance(schema.get("enum"), list):
            return value in schema["enum"]
        kind = self._type_of(schema)
        types = {"string": str, "integer": int, "number": int | float, "boolean": bool, "array": list, "object": dict}
        return kind not in types or isinstance(value, types[kind])

    @staticmethod
    def _type_of(schema: Any) -> str | None:
        if not isinstance(schema, dict):
            return None
        kind = schema.get("type")
        if isinstance(kind, list):
            non_null = [k for k in kind if k != "null"]
            return non_null[0] if non_null else "null"
        return kind if isinstance(kind, str) else None

    def requests(self) -> list[Request]:
        out = []
        for path, item in self.doc["paths"].items():
            shared = item.get("parameters") or []
            for method in METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                req = Request(op.get("operationId"), method, path)
                params = {}
                for param in [*shared, *(op.get("parameters") or [])]:
                    param = self.resolve(param)
                    params[(param["in"], param["name"])] = param
                for name in re.findall(r"{([^}]+)}", path):
                    param = params.get(("path", name), {})
                    value = self.minimal(param.get("schema", {"type": "string"}))
                    req.path_params.append((name, value if value not in (None, "") else "x"))
                for (where, name), param in params.items():
                    if (where == "query" and self.full) or (where in ("query", "header") and param.get("required")):
                        target = req.query if where == "query" else req.headers
                        value = self.minimal(param.get("schema", {}))
                        if where == "query" and isinstance(value, list) and len(value) == 1:
                            # One repeated key reads as a scalar to a server that cannot tell from the schema
                            # (`anyOf: [array, null]`): Prism refuses it. Two items are a list on the wire.
                            value = value * 2
                        target[name] = value
                body = self.resolve(op.get("requestBody"))
                if isinstance(body, dict) and body.get("content"):
                    media, content = next(iter(body["content"].items()))
                    req.media = media
                    req.body = self.minimal(content.get("schema", {}))
                out.append(req)
        return out


def _number(value: Any) -> float | None:
    """A bound as a number: YAML 1.1 loaders (PyYAML) read `1e-08`, valid YAML 1.2 and JSON, as a string."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def python_key(name: str) -> str:
    """A name reduced so that `file_id`, `fileId`, `file_id_` and `FileID` compare equal."""
    return re.sub(r"[^0-9a-z]", "", name.lower())
