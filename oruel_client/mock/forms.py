"""Form bodies (``multipart/form-data`` and ``application/x-www-form-urlencoded``) read the way
OpenAI-compatible servers read them: ``true``/``false`` for booleans, ``name[]`` (or a repeated name) for
arrays, ``name[key]`` for nested objects, numbers as text, a part with a filename as a file.

``parse_form`` gives the (name, value) pairs; ``form_value`` shapes them by the body's schema into the dict
that is validated and handed to the answer (a file is a ``FilePart``; validated as a string).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl

from .replies import ApiError

__all__ = ["FORM_TYPES", "FilePart", "for_validation", "form_value", "parse_form"]

FORM_TYPES: Final = ("multipart/form-data", "application/x-www-form-urlencoded")
_KEY: Final = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


@dataclass(frozen=True, slots=True)
class FilePart:
    filename: str | None
    content_type: str
    data: bytes


def parse_form(body: bytes, content_type: str) -> list[tuple[str, str | FilePart]]:
    """The fields of a form body, in order; ApiError 400 when it cannot be read."""
    if content_type.lower().startswith("application/x-www-form-urlencoded"):
        try:
            return [(k, v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)]
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"The form body is not UTF-8: {exc}", code="invalid_body") from None
    if "boundary=" not in content_type:
        raise ApiError(400, "A multipart/form-data body needs a boundary in its Content-Type.", code="invalid_body")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise ApiError(400, "The multipart/form-data body cannot be read.", code="invalid_body")
    fields: list[tuple[str, str | FilePart]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise ApiError(400, "A multipart part has no name in its Content-Disposition.", code="invalid_body")
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        filename = part.get_filename()
        declared = part.get("content-type")
        if filename is not None or (declared is not None and not part.get_content_type().startswith("text/")):
            fields.append((name, FilePart(filename, part.get_content_type(), data)))
        else:
            charset = part.get_content_charset() or "utf-8"
            try:
                fields.append((name, data.decode(charset)))
            except (UnicodeDecodeError, LookupError):
                raise ApiError(400, f"The form field {name!r} is not {charset} text.", code="invalid_body") from None
    return fields


def form_value(
    fields: Sequence[tuple[str, str | FilePart]], schema: Any, resolve: Callable[[Any], Any]
) -> dict[str, Any]:
    """The fields as the object the body's schema describes (strings converted by each property's type)."""
    tree: dict[str, Any] = {}
    for key, value in fields:
        match = _KEY.match(key)
        if match is None:
            tree[key] = value
            continue
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = tree
        for index, part in enumerate(path):
            last = index == len(path) - 1
            following = None if last else path[index + 1]
            if part == "":
                continue  # "name[]": an array, gathered below
            if last:
                _put(node, part, value, array=False)
            elif following == "":
                _put(node, part, value, array=True)
                break
            else:
                child = node.get(part)
                if not isinstance(child, dict):
                    child = node[part] = {}
                node = child
    converted = _convert(tree, schema, resolve)
    return converted if isinstance(converted, dict) else tree


def _put(node: dict[str, Any], key: str, value: Any, *, array: bool) -> None:
    if array:
        existing = node.get(key)
        node[key] = [*existing, value] if isinstance(existing, list) else [value]
    elif key in node:  # a repeated name: an array too
        existing = node[key]
        node[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
    else:
        node[key] = value


def _convert(value: Any, schema: Any, resolve: Callable[[Any], Any]) -> Any:
    schema = _flatten(resolve(schema), resolve)
    kinds = _kinds(schema)
    if isinstance(value, dict):
        properties = schema.get("properties") if isinstance(schema.get("properties"), Mapping) else {}
        extra = schema.get("additionalProperties")
        return {
            k: _convert(v, properties.get(k, extra if isinstance(extra, Mapping) else {}), resolve)
            for k, v in value.items()
        }
    if isinstance(value, list):
        items = schema.get("items", {})
        return [_convert(v, items, resolve) for v in value]
    if "array" in kinds and not isinstance(value, list):
        if isinstance(value, str) and value.startswith("["):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                pass
        return [_convert(value, schema.get("items", {}), resolve)]
    if not isinstance(value, str):
        return value  # a file
    if "boolean" in kinds and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if "integer" in kinds and re.fullmatch(r"[-+]?\d+", value.strip()):
        return int(value)
    if "number" in kinds:
        try:
            return float(value)
        except ValueError:
            pass
    if "object" in kinds and value.startswith("{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            pass
    if "null" in kinds and value == "" and "string" not in kinds:
        return None
    return value


def _flatten(schema: Any, resolve: Callable[[Any], Any]) -> Mapping[str, Any]:
    """A schema with allOf merged and the types of oneOf/anyOf branches gathered (enough to convert text)."""
    if not isinstance(schema, Mapping):
        return {}
    merged: dict[str, Any] = dict(schema)
    for part in schema.get("allOf", []) or []:
        part = _flatten(resolve(part), resolve)
        merged["properties"] = {**(merged.get("properties") or {}), **(part.get("properties") or {})}
        for key, sub in part.items():
            merged.setdefault(key, sub)
    union = [_flatten(resolve(b), resolve) for key in ("oneOf", "anyOf") for b in (schema.get(key) or [])]
    if union:
        merged["x-kinds"] = sorted({k for branch in union for k in _kinds(branch)})
        for branch in union:
            for key in ("items", "properties"):
                if key in branch:
                    merged.setdefault(key, branch[key])
    return merged


def _kinds(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()
    kinds.update(schema.get("x-kinds", []))
    if schema.get("nullable") is True:
        kinds.add("null")
    return kinds


def for_validation(value: Any) -> Any:
    """The form with each file as a string (its schema says ``type: string, format: binary``)."""
    if isinstance(value, FilePart):
        return value.filename or ""
    if isinstance(value, dict):
        return {k: for_validation(v) for k, v in value.items()}
    if isinstance(value, list):
        return [for_validation(v) for v in value]
    return value
