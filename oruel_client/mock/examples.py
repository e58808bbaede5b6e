"""Schema-valid example values for the spec's responses, for operations with no hand-written answer.

The spec's own ``example`` / ``examples`` win when they validate against the schema; otherwise a value is
synthesized: every required property (and the optional ones while the nesting is shallow), an enum's first
value, ``const``, the first branch of ``oneOf``/``anyOf``, ``allOf`` merged, formats (date-time, uuid...)
and bounds (minimum, minLength, minItems, multipleOf) respected, recursion cut off at a fixed depth. The same
spec always gives the same values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from .spec import Spec, schema_validator

__all__ = ["Examples"]

# Optional properties are filled in down to this depth; past _MAX_DEPTH only what is required is built.
_OPTIONAL_DEPTH: Final = 3
_MAX_DEPTH: Final = 12
_MAX_HOPS: Final = 64
_FORMATS: Final[dict[str, str]] = {
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "time": "00:00:00Z",
    "duration": "P1D",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "byte": "AAAA",
    "binary": "",
    "password": "password",
    "regex": ".*",
    "json-pointer": "/",
}
_TYPE_ORDER: Final = ("object", "array", "string", "integer", "number", "boolean", "null")


class Examples:
    """Examples drawn from one spec."""

    def __init__(self, spec: Spec, *, optional_depth: int = _OPTIONAL_DEPTH) -> None:
        """``optional_depth``: optional properties are filled in down to this nesting depth (0: only what is
        required, the smallest valid value)."""
        self.spec = spec
        self.optional_depth = optional_depth

    def valid(self, schema: Any, value: Any) -> bool:
        try:
            return bool(schema_validator(self.spec.document, schema).is_valid(value))
        except Exception:  # noqa: BLE001  (a schema jsonschema cannot compile: the example is not trusted)
            return False

    def for_media(self, media: Mapping[str, Any]) -> Any:
        """The value of a media type object: its valid ``example``/``examples``, else one from its schema."""
        schema = media.get("schema", {})
        candidates: list[Any] = []
        if "example" in media:
            candidates.append(media["example"])
        examples = media.get("examples")
        if isinstance(examples, Mapping):
            for item in examples.values():
                item = self.spec.resolve(item)
                if isinstance(item, Mapping) and "value" in item:
                    candidates.append(item["value"])
        for candidate in candidates:
            if self.valid(schema, candidate):
                return candidate
        return self.value(schema)

    def value(self, schema: Any, depth: int = 0, name: str = "", hops: int = 0) -> Any:
        """A value for ``schema`` (valid for it whenever the schema's own constraints allow one)."""
        schema = self.spec.resolve(schema)
        if hops > _MAX_HOPS:
            return None  # a schema that only refers to itself through unions and merges
        if not isinstance(schema, Mapping) or schema is True:
            return "string"
        for candidate in self._own_examples(schema):
            if self.valid(schema, candidate):
                return candidate
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return next((v for v in enum if v is not None), enum[0])
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return self.value(self.merged(schema), depth, name, hops + 1)
        for key in ("oneOf", "anyOf"):
            branches = schema.get(key)
            if isinstance(branches, list) and branches:
                return self.value(self._first_branch(schema, key), depth, name, hops + 1)
        kind = _kind(schema)
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, depth, name)
        if kind == "integer":
            return int(_number(schema, integer=True))
        if kind == "number":
            return _number(schema, integer=False)
        if kind == "boolean":
            return False
        if kind == "null":
            return None
        return self._string(schema, name)

    def _own_examples(self, schema: Mapping[str, Any]) -> list[Any]:
        found = [schema["example"]] if "example" in schema else []
        if isinstance(schema.get("examples"), list):
            found.extend(schema["examples"])
        return found

    def _first_branch(self, schema: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        # The first branch that is not only null; its siblings (properties next to a oneOf) merged in.
        branches = [self.spec.resolve(b) for b in schema[key]]
        branch = next((b for b in branches if not (isinstance(b, Mapping) and _kind(b) == "null")), branches[0])
        rest = {k: v for k, v in schema.items() if k != key}
        return self.merged({"allOf": [rest, branch]}) if rest else branch

    def merged(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema.get("allOf", []):
            part = self.spec.resolve(part)
            if not isinstance(part, Mapping):
                continue
            if "allOf" in part:
                part = self.merged(part)
            for key, value in part.items():
                if key == "properties" and isinstance(value, Mapping):
                    merged["properties"] = {**merged.get("properties", {}), **value}
                elif key == "required" and isinstance(value, list):
                    merged["required"] = [*merged.get("required", []), *value]
                else:
                    merged.setdefault(key, value)
        return merged

    def _object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, Mapping) else {}
        required = [r for r in schema.get("required", []) if isinstance(r, str)]
        result: dict[str, Any] = {}
        for key, sub in properties.items():
            if key in required or depth < self.optional_depth:
                result[key] = self.value(sub, depth + 1, key) if depth < _MAX_DEPTH else None
        for key in required:
            if key not in result:
                extra = schema.get("additionalProperties")
                result[key] = self.value(extra if isinstance(extra, Mapping) else {}, depth + 1, key)
        return result

    def _array(self, schema: Mapping[str, Any], depth: int, name: str) -> list[Any]:
        count = max(_int(schema, "minItems", 0), 1 if depth < max(self.optional_depth, 1) else 0)
        count = min(count, _int(schema, "maxItems", count))
        prefix: list[Any] = schema["prefixItems"] if isinstance(schema.get("prefixItems"), list) else []
        items = [self.value(p, depth + 1, name) for p in prefix[:count]]
        item_schema = schema.get("items", {})
        while len(items) < count:
            items.append(self.value(item_schema, depth + 1, name))
        return items

    def _string(self, schema: Mapping[str, Any], name: str) -> str:
        fmt = schema.get("format")
        text: str = _FORMATS[fmt] if isinstance(fmt, str) and fmt in _FORMATS else name or "string"
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not _matches(pattern, text):
            text = next((c for c in _pattern_candidates(pattern, name) if _matches(pattern, c)), text)
        low, high = _int(schema, "minLength", 0), _int(schema, "maxLength", -1)
        if len(text) < low:
            text += "x" * (low - len(text))
        if high >= 0 and len(text) > high:
            text = text[:high]
        return text


def _int(schema: Mapping[str, Any], key: str, fallback: int) -> int:
    value = schema.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else fallback


def _kind(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [str(k) for k in kind if k != "null"] or ["null"]
        return min(kinds, key=lambda k: _TYPE_ORDER.index(k) if k in _TYPE_ORDER else len(_TYPE_ORDER))
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return "string"


def _number(schema: Mapping[str, Any], *, integer: bool) -> float:
    low, high = schema.get("minimum"), schema.get("maximum")
    exclusive_low, exclusive_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    step = 1.0 if integer else 0.5
    value = 0.0
    if isinstance(low, int | float) and not isinstance(low, bool):
        value = float(low)
        if exclusive_low is True:  # 3.0: a boolean beside minimum
            value += step
    if isinstance(exclusive_low, int | float) and not isinstance(exclusive_low, bool):
        value = max(value, float(exclusive_low) + step) if low is not None else float(exclusive_low) + step
    if isinstance(high, int | float) and not isinstance(high, bool) and value > high:
        value = float(high) - (step if exclusive_high is True else 0)
    if isinstance(exclusive_high, int | float) and not isinstance(exclusive_high, bool) and value >= exclusive_high:
        value = float(exclusive_high) - step
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and not isinstance(multiple, bool) and multiple > 0:
        value = math.ceil(value / multiple) * multiple
    if integer:
        return float(math.ceil(value))
    return value


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read is not held against the example


def _pattern_candidates(pattern: str, name: str) -> list[str]:
    # A literal prefix such as ^file- or ^ft:, then letters and digits: enough for the id patterns APIs use.
    prefix = re.match(r"\^?([A-Za-z0-9_:\-.]*)", pattern)
    head = prefix.group(1) if prefix else ""
    return [head + "abc123", head + "0", head + "a", head, name, "0", "a", "abc123", "2026-01-01", "A"]
