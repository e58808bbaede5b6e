"""Response checks against the embedded spec (``_generated.document.DOCUMENT``), with jsonschema.

jsonschema (the ``conformance`` extra) validates a JSON value against a Draft 2020-12 schema and says, for each
failure, which keyword failed, where in the value and where in the schema: exactly what a finding needs.
openapi-core wraps the same validator for whole HTTP exchanges but reports only the first error, needs the
request host to match ``servers`` and has no decoder for ``text/event-stream``; we check bodies, chunk by chunk.

Undocumented fields: the spec's response schemas are open (no ``additionalProperties: false``), so a closed
copy is validated, where every object schema that lists ``properties`` also says ``unevaluatedProperties:
false`` (which, unlike ``additionalProperties``, sees through ``allOf``). Every node of the copy carries its
JSON pointer in openapi.yaml (``x-pointer``), so a finding can say where the spec is to be changed.
"""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from .._generated.document import DOCUMENT

__all__ = ["Problem", "ResponseChecker", "describe_type", "node_at"]

_POINTER: Final = "x-pointer"
_MANY_EXTRAS: Final = 4


@dataclass(frozen=True)
class Problem:
    kind: str
    path: str  # JSON path into the value, e.g. $.choices[0].finish_reason
    spec: str
    observed: str
    schema: Mapping[str, Any]  # the (closed) schema node the problem is about, with its x-pointer
    suggestion: str | None


def node_at(pointer: str) -> Any:
    """The node of the embedded spec at a JSON pointer such as ``#/components/schemas/Usage``."""
    node: Any = DOCUMENT
    for part in pointer.lstrip("#/").split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def describe_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _close(node: Any, pointer: str) -> Any:
    if isinstance(node, list):
        return [_close(v, f"{pointer}/{i}") for i, v in enumerate(node)]
    if not isinstance(node, Mapping):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        # Names of properties are not schemas' keywords: walk into their values, not as keywords.
        if key in ("properties", "$defs", "schemas"):
            out[key] = {k: _close(v, f"{pointer}/{key}/{k}") for k, v in value.items()}
        elif key.startswith("x-") or key in ("enum", "const", "required", "example", "examples", "default"):
            out[key] = value
        else:
            out[key] = _close(value, f"{pointer}/{key}")
    if isinstance(out.get("properties"), Mapping) and not any(
        k in out for k in ("additionalProperties", "unevaluatedProperties", "patternProperties")
    ):
        out["unevaluatedProperties"] = False
    out[_POINTER] = pointer
    return out


class ResponseChecker:
    """Validates values against component schemas of the embedded spec, closed (see the module docstring)."""

    def __init__(self) -> None:
        try:
            jsonschema: Any = importlib.import_module("jsonschema")
        except ImportError as exc:  # the conformance extra is missing
            raise ImportError("oruel conformance needs jsonschema: install oruel-client[conformance]") from exc
        self._components = _close(DOCUMENT.get("components", {}), "#/components")
        self._validator_type = jsonschema.Draft202012Validator

    def check(self, schema_pointer: str, value: Any) -> list[Problem]:
        """Every problem of ``value`` against the schema at ``schema_pointer`` (a component or an inline
        response schema), as findings' raw material."""
        if schema_pointer.startswith("#/components/"):
            schema: dict[str, Any] = {"$ref": schema_pointer, "components": self._components}
        else:
            schema = {**_close(node_at(schema_pointer), schema_pointer), "components": self._components}
        validator = self._validator_type(schema)
        problems: list[Problem] = []
        for error in validator.iter_errors(value):
            problems.extend(_classify(error))
        return problems


def _json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _leaves(error: Any) -> Iterator[Any]:
    """The errors that explain a failed anyOf/oneOf: those of the branches the value was meant for (a
    branch whose only complaint is the value's type at its root is one the value was not meant for)."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    meant = [e for e in error.context if not (e.validator == "type" and e.absolute_path == error.absolute_path)]
    if not meant:
        yield error  # no branch fits the value's type: a wrong type
        return
    for sub in meant:
        yield from _leaves(sub)


def _types_of(schema: Mapping[str, Any]) -> list[str]:
    if "type" in schema:
        kind = schema["type"]
        return list(kind) if isinstance(kind, list) else [kind]
    found: list[str] = []
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, []):
            if isinstance(branch, Mapping):
                found += _types_of(branch)
    return found


def _classify(error: Any) -> Iterator[Problem]:
    for leaf in _leaves(error):
        path = _json_path(leaf.absolute_path)
        schema: Mapping[str, Any] = leaf.schema if isinstance(leaf.schema, Mapping) else {}
        pointer = str(schema.get(_POINTER, ""))
        if leaf.validator == "required":
            for name in leaf.validator_value:
                if isinstance(leaf.instance, Mapping) and name not in leaf.instance:
                    prop = schema.get("properties", {}).get(name, schema)
                    yield Problem(
                        "missing_field",
                        f"{path}.{name}",
                        f"'{name}' is required",
                        "absent",
                        prop if isinstance(prop, Mapping) else schema,
                        f"drop '{name}' from `required` at {pointer}",
                    )
        elif leaf.validator in ("unevaluatedProperties", "additionalProperties"):
            listed = schema.get("properties", {})
            instance = leaf.instance if isinstance(leaf.instance, Mapping) else {}
            extra = [name for name in instance if name not in listed]
            if len(extra) > _MANY_EXTRAS:  # a generator's random keys, say: one finding for the object
                names = ", ".join(extra[:_MANY_EXTRAS])
                yield Problem(
                    "undocumented_field",
                    f"{path}.*",
                    "not listed in `properties`",
                    f"{len(extra)} undocumented fields: {names}, ...",
                    schema,
                    None,
                )
                continue
            for name in extra:
                value = instance[name]
                yield Problem(
                    "undocumented_field",
                    f"{path}.{name}",
                    "not listed in `properties`",
                    f"{describe_type(value)} {_show(value)}",
                    schema,
                    f"add property '{name}' ({describe_type(value)}) at {pointer}/properties",
                )
        elif leaf.validator in ("enum", "const"):
            allowed = leaf.validator_value if leaf.validator == "enum" else [leaf.validator_value]
            yield Problem(
                "unknown_enum_value",
                path,
                f"one of {allowed}",
                _show(leaf.instance),
                schema,
                f"add {_show(leaf.instance)} to the enum at {pointer}",
            )
        elif leaf.validator in ("type", "anyOf", "oneOf"):
            expected = _types_of(schema) or ["?"]
            got = describe_type(leaf.instance)
            yield Problem(
                "wrong_type",
                path,
                "type " + " or ".join(expected),
                f"{got} {_show(leaf.instance)}",
                schema,
                f"allow type '{got}' at {pointer}",
            )
        else:  # a bound or a format: a value the schema does not allow, reported as a wrong value
            yield Problem(
                "wrong_type", path, f"{leaf.validator} {leaf.validator_value}", _show(leaf.instance), schema, None
            )


def _show(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 3] + "..."


def provenance(schema: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """``x-oruel-source`` and ``x-oruel-docs`` of a schema node, else of the nearest component above it."""
    source, docs = schema.get("x-oruel-source"), schema.get("x-oruel-docs")
    pointer = str(schema.get(_POINTER, ""))
    while source is None and pointer.count("/") > 3:
        pointer = pointer.rsplit("/", 1)[0]
        try:
            node = node_at(pointer)
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, Mapping):
            source, docs = node.get("x-oruel-source"), docs or node.get("x-oruel-docs")
    return (str(source) if source else None, str(docs) if docs else None)


def pointer_of(schema: Mapping[str, Any]) -> str | None:
    value = schema.get(_POINTER)
    return str(value) if value else None


def copy_of(value: Any) -> Any:
    return copy.deepcopy(value)
