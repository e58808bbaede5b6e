"""The local server's errors in the envelope a given spec declares, when it is not OpenAI's.

Every error the server makes carries a message, a type, a code, the parameter at fault and a status (``ApiError``).
Under a spec whose error schema differs from the embedded one, they are put where that schema has room for them,
by the names APIs give such fields: ``message``/``msg``/``detail`` take the message, ``type`` the type, ``code`` the
code (or the status where it is an integer), ``param``/``loc``/``field`` the parameter, ``status`` the status, and
an ``error``/``errors``/``detail`` object or array holds them one level down (FastAPI's ``{"detail": [{"loc",
"msg", "type"}]}`` as much as OpenAI's ``{"error": {...}}``). The result is then conformed to the schema (required
fields it still lacks are synthesized, a value it refuses replaced), so the body always validates; a schema with no
room for a message at all still gets a valid body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .examples import Examples
from .spec import schema_kinds

__all__ = ["carry_error"]

_MESSAGE: Final = frozenset({"message", "msg", "detail", "details", "error", "error_message", "description", "reason"})
_TYPE: Final = frozenset({"type", "error_type", "kind"})
_PARAM: Final = frozenset({"param", "parameter", "field", "loc", "location", "path"})
_STATUS: Final = frozenset({"status", "status_code", "http_status", "statuscode"})
# Objects or arrays that hold the error's fields one level down.
_HOLDERS: Final = frozenset({"error", "errors", "detail", "details"})
_MAX_DEPTH: Final = 4


class _Missing:
    pass


_MISSING: Final = _Missing()


def carry_error(examples: Examples, schema: Any, info: Mapping[str, Any], status: int) -> Any:
    """A value of ``schema`` that carries ``info`` (the fields of our envelope's ``error``) and ``status``; not
    yet checked against the schema (the caller conforms it)."""
    value = _carry(examples, schema, info, status, 0)
    return {} if value is _MISSING else value


def _branch(examples: Examples, schema: Any) -> Mapping[str, Any] | None:
    """The schema, or for a union its first branch that is not null (the one most likely to carry a message), or
    for an allOf its parts merged."""
    schema = examples.spec.resolve(schema)
    if not isinstance(schema, Mapping):
        return None
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            resolved = [examples.spec.resolve(b) for b in branches]
            return next((b for b in resolved if isinstance(b, Mapping) and schema_kinds(b) != {"null"}), None)
    if isinstance(schema.get("allOf"), list):
        return examples.merged(schema)
    return schema


def _nullable(examples: Examples, schema: Any) -> bool:
    schema = examples.spec.resolve(schema)
    if not isinstance(schema, Mapping):
        return False
    if schema.get("nullable") is True or "null" in schema_kinds(schema):
        return True
    branches = [*(schema.get("oneOf") or []), *(schema.get("anyOf") or [])]
    return any(_nullable(examples, b) for b in branches if isinstance(b, Mapping))


def _carry(examples: Examples, schema: Any, info: Mapping[str, Any], status: int, depth: int) -> Any:
    node = _branch(examples, schema)
    if node is None or depth > _MAX_DEPTH:
        return _MISSING
    kinds = schema_kinds(node)
    if "object" in kinds:
        out: dict[str, Any] = {}
        required = node.get("required") or ()
        for name, sub in (node.get("properties") or {}).items():
            value = _field(examples, str(name), sub, info, status, depth)
            if value is not _MISSING and (value is not None or name in required):  # null only where it must be
                out[str(name)] = value
        return out
    if "array" in kinds and "items" in node:
        item = _carry(examples, node["items"], info, status, depth + 1)
        return _MISSING if item is _MISSING else [item]
    if "string" in kinds:
        return str(info.get("message") or "error")
    return _MISSING


def _field(examples: Examples, name: str, schema: Any, info: Mapping[str, Any], status: int, depth: int) -> Any:
    node = _branch(examples, schema)
    if node is None:
        return _MISSING
    kinds = schema_kinds(node)
    key = name.lower().replace("-", "_")
    if key in _HOLDERS and kinds & {"object", "array"}:
        return _carry(examples, node, info, status, depth + 1)
    if key in _MESSAGE and "string" in kinds:
        return str(info.get("message") or "error")
    if key in _TYPE and "string" in kinds and isinstance(info.get("type"), str):
        return info["type"]
    if key == "code":
        code = info.get("code")
        if "string" in kinds and isinstance(code, str):
            return code
        if "integer" in kinds:
            return status
        return None if code is None and _nullable(examples, schema) else _MISSING
    if key in _STATUS:
        return status if "integer" in kinds else str(status) if "string" in kinds else _MISSING
    param = info.get("param")
    if key in _PARAM and param is None:
        return None if _nullable(examples, schema) else _MISSING
    if key in _PARAM and isinstance(param, str):
        if "string" in kinds:
            return param
        if "array" in kinds:
            return param.split(".")
    return _MISSING
