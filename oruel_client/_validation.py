# Generated from openapi.yaml by `python -m generator`: do not edit by hand.
"""Client-side checks of every constraint in the spec, on the JSON that is about to be sent.

Checking the wire form (not the attrs models) covers keywords and extra_body alike, and names fields by their
JSON path, e.g. ``messages[0].content[1].image_url``. Rules come from ``_spec.SCHEMAS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._spec import OPERATIONS, SCHEMAS
from .errors import OruelValidationError
from .types import Unset

__all__ = ["jsonable", "validate", "validate_parameters"]


def validate(schema: str, value: Any, path: str = "") -> None:
    """Raise OruelValidationError for the first constraint of components/schemas/<schema> that value breaks."""
    _check(SCHEMAS[schema], value, path)


def validate_parameters(operation: str, values: Mapping[str, Any]) -> None:
    """Check path, query, header and cookie parameters of an operation; unset ones are skipped."""
    rules: Mapping[str, Any] = OPERATIONS[operation]["parameters"]
    for name, value in values.items():
        rule = rules.get(name)
        if rule is None or value is None or isinstance(value, Unset):
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()  # dates travel as strings
        _check(rule, jsonable(value), name)


def jsonable(value: Any) -> Any:
    """Plain JSON data from a mix of dicts, sequences and generated models; UNSET mapping values are dropped."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items() if not isinstance(v, Unset)}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    return value


def _type_ok(types: list[str], value: Any) -> bool:
    for name in types:
        if name == "null":
            if value is None:
                return True
        elif name == "boolean":
            if isinstance(value, bool):
                return True
        elif isinstance(value, bool):
            continue  # a bool is an int to Python, never a number or an integer to JSON Schema
        elif name == "integer":
            if isinstance(value, int):
                return True
        elif name == "number":
            if isinstance(value, (int, float)):
                return True
        elif name == "string":
            if isinstance(value, str):
                return True
        elif name == "array":
            if isinstance(value, (list, tuple)):
                return True
        elif name == "object":
            if isinstance(value, Mapping):
                return True
    return False


def _same(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) or isinstance(expected, bool):
        return type(value) is type(expected) and value == expected
    return bool(value == expected)


def _fail(node: Mapping[str, Any], path: str, rule: str, limit: Any, value: Any) -> None:
    raise OruelValidationError(path, rule, limit, value, node.get("doc"))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check(node: Mapping[str, Any], value: Any, path: str) -> None:
    ref = node.get("$ref")
    if ref is not None:
        node = SCHEMAS[ref]
    types = node.get("type")
    if types is not None and not _type_ok(types, value):
        _fail(node, path, "type", " or ".join(types), value)
    if "const" in node and not _same(value, node["const"]):
        _fail(node, path, "const", node["const"], value)
    if "enum" in node and not any(_same(value, choice) for choice in node["enum"]):
        _fail(node, path, "enum", node["enum"], value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(node, value, path)
    elif isinstance(value, str):
        if "minLength" in node and len(value) < node["minLength"]:
            _fail(node, path, "minLength", node["minLength"], value)
        if "maxLength" in node and len(value) > node["maxLength"]:
            _fail(node, path, "maxLength", node["maxLength"], value)
    elif isinstance(value, (list, tuple)):
        if "minItems" in node and len(value) < node["minItems"]:
            _fail(node, path, "minItems", node["minItems"], value)
        if "maxItems" in node and len(value) > node["maxItems"]:
            _fail(node, path, "maxItems", node["maxItems"], value)
        items = node.get("items")
        if items is not None:
            for i, item in enumerate(value):
                _check(items, item, f"{path}[{i}]")
    elif isinstance(value, Mapping):
        _check_object(node, value, path)
    for sub in node.get("allOf", ()):
        _check(sub, value, path)
    for key in ("oneOf", "anyOf"):
        if key in node:
            _check_union(node, key, value, path)


def _check_number(node: Mapping[str, Any], value: float, path: str) -> None:
    if "minimum" in node and value < node["minimum"]:
        _fail(node, path, "minimum", node["minimum"], value)
    if "maximum" in node and value > node["maximum"]:
        _fail(node, path, "maximum", node["maximum"], value)
    if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
        _fail(node, path, "exclusiveMinimum", node["exclusiveMinimum"], value)
    if "exclusiveMaximum" in node and value >= node["exclusiveMaximum"]:
        _fail(node, path, "exclusiveMaximum", node["exclusiveMaximum"], value)


def _check_object(node: Mapping[str, Any], value: Mapping[str, Any], path: str) -> None:
    for name in node.get("required", ()):
        if name not in value:
            _fail(node, _join(path, name), "required", True, None)
    props: Mapping[str, Any] = node.get("properties", {})
    for name, item in value.items():
        sub = props.get(name)
        if sub is not None:
            _check(sub, item, _join(path, name))
        elif node.get("additionalProperties") is False:
            _fail(node, _join(path, name), "additionalProperties", False, item)


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    return SCHEMAS[ref] if ref is not None else node


def _plausible(branch: Mapping[str, Any], value: Any) -> bool:
    """Whether value has the branch's shape: its type, and its const tags such as ``role`` or ``type``."""
    branch = _resolve(branch)
    types = branch.get("type")
    if types is not None and not _type_ok(types, value):
        return False
    if isinstance(value, Mapping):
        for name, sub in branch.get("properties", {}).items():
            sub = _resolve(sub)
            if "const" in sub and name in value and not _same(value[name], sub["const"]):
                return False
    return True


def _check_union(node: Mapping[str, Any], key: str, value: Any, path: str) -> None:
    failures: list[OruelValidationError] = []
    plausible: list[OruelValidationError] = []
    for branch in node[key]:
        try:
            _check(branch, value, path)
            return
        except OruelValidationError as err:
            failures.append(err)
            if _plausible(branch, value):
                plausible.append(err)
    if len(plausible) == 1:
        raise plausible[0]  # the branch the caller meant: report its own, precise error
    names = [
        _resolve(b).get("title") or b.get("$ref") or "/".join(_resolve(b).get("type", ["value"])) for b in node[key]
    ]
    _fail(node, path, key, names, value)
