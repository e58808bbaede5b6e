"""The spec the local server follows: the embedded one (``oruel_client._generated.document``) or a file given
with ``oruel mock --spec FILE`` / ``MockServer(spec=...)``.

A spec the server cannot use is refused before it listens, with one ``SpecError`` line naming the JSON
pointer: not YAML/JSON, not an OpenAPI 3.0/3.1 document, or invalid for openapi-spec-validator. The benign
mistakes of published specs (a ``default`` its own schema refuses, 3.0 keywords in a 3.1 document) are
repaired first, with a warning each (``tolerate``).
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

__all__ = [
    "Spec",
    "SpecError",
    "check_spec",
    "embedded_spec",
    "load_spec",
    "normalize",
    "pointer",
    "schema_kinds",
    "schema_validator",
    "tolerate",
]

# Keys whose values are maps of names (to schemas, paths, responses...), never schemas themselves: a
# property called "default" is not a default.
_NAME_MAPS: Final = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "schemas", "paths", "responses", "content",
     "parameters", "headers", "encoding", "callbacks", "links", "securitySchemes", "requestBodies", "webhooks",
     "dependentSchemas", "variables"}
)  # fmt: skip
# Values that are data, not schemas: nothing under them is checked for defaults.
_DATA_KEYS: Final = frozenset({"example", "examples", "default", "const", "enum", "x-examples"})
_DATA_IN_PATH: Final = frozenset({"example", "default", "enum", "const", "value"})
_SCHEMA_KEYS: Final = frozenset({"type", "$ref", "enum", "const", "oneOf", "anyOf", "allOf", "format", "items"})


class SpecError(ValueError):
    """A spec the local server cannot use: ``str()`` is one line, ``where: #/json/pointer: what``."""

    def __init__(self, where: str, location: str, message: str) -> None:
        self.where = where
        self.pointer = location
        self.detail = message
        super().__init__(f"{where}: {location}: {message}")


def pointer(path: Iterator[Any] | list[Any] | tuple[Any, ...]) -> str:
    """A JSON pointer (``#/paths/~1files/get``) for a sequence of keys."""
    return "#" + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


_FLOAT_12: Final = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$")


@functools.cache
def _yaml_loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        """Safe loading that keeps dates and timestamps as the strings JSON would have (an unquoted
        ``2024-01-01`` in an example must not become a ``datetime.date``)."""

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    # Numbers as YAML 1.2 and JSON read them: `1e-08` is a float (YAML 1.1 makes it a string). The generator's
    # loader (generator/load.py) has the same rule.
    Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_12, list("-+.0123456789"))
    return Loader


def load_spec(source: str | os.PathLike[str]) -> dict[str, Any]:
    """Read, parse and check a spec file; raise SpecError (one line) for anything the server cannot use."""
    where = os.fspath(source)
    try:
        text = Path(where).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(where, "#", f"cannot read the file ({exc.__class__.__name__}: {exc})") from None
    document = normalize(_parse(where, text))
    tolerate(document, where)
    check_spec(document, where)
    return dict(document)


def _parse(where: str, text: str) -> Any:
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(where, "#", f"not valid JSON: {exc}") from None
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506  (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc.__class__.__name__
        raise SpecError(where, "#", f"not valid YAML or JSON{at}: {problem}") from None


def check_spec(document: Any, where: str = "<spec>") -> None:
    """Raise SpecError unless ``document`` is an OpenAPI 3.0/3.1 document the server can follow."""
    if not isinstance(document, Mapping):
        raise SpecError(where, "#", f"not an OpenAPI document (a {type(document).__name__}, not a mapping)")
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        raise SpecError(where, "#/openapi", f"an OpenAPI 3.0 or 3.1 document is needed (openapi: {version!r})")
    if not isinstance(document.get("paths"), Mapping):
        raise SpecError(where, "#/paths", "the document has no paths")
    from openapi_spec_validator.validation import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    _check_refs(document, where)
    _check_defaults(document, where)
    validator = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    try:
        error = next(iter(validator(document).iter_errors()), None)
    except Exception as exc:  # noqa: BLE001  (the validator's own failures)
        raise SpecError(where, "#", f"invalid OpenAPI document: {exc.__class__.__name__}: {_short(str(exc))}") from None
    if error is not None:
        # A oneOf/anyOf failure says little ("... is not valid under any of the given schemas"): the branch
        # error that went deepest into the document says what to change.
        detail = error
        while getattr(detail, "context", None):
            detail = max(detail.context, key=lambda e: len(e.absolute_path))
        path = list(getattr(detail, "absolute_path", None) or getattr(error, "path", None) or [])
        message = getattr(detail, "message", str(detail)).splitlines()[0]
        raise SpecError(where, _locate(document, path, detail), f"invalid OpenAPI document: {_short(message)}")


def normalize(document: Any) -> Any:
    """The document as JSON would hold it: every key a string (YAML reads an unquoted ``200:`` as a number)
    and dates as ISO strings (a YAML loader that reads timestamps gives ``datetime.date`` objects)."""
    if isinstance(document, Mapping):
        return {str(key): normalize(value) for key, value in document.items()}
    if isinstance(document, list):
        return [normalize(value) for value in document]
    if isinstance(document, datetime.date):  # datetime.datetime included
        return document.isoformat()
    return document


def _short(message: str, limit: int = 240) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def _locate(document: Mapping[str, Any], path: list[Any], error: Any) -> str:
    """The pointer of an error whose path is relative to a schema the validator checked on its own (it
    does not say where that schema is): the first place in the document where the path leads to the same
    value."""
    if not path or str(path[0]) in document:
        return pointer(path)
    instance = getattr(error, "instance", None)
    for base, node in _walk(document, ()):
        target: Any = node
        for key in path:
            if isinstance(target, Mapping) and key in target:
                target = target[key]
            elif isinstance(target, list) and isinstance(key, int) and key < len(target):
                target = target[key]
            else:
                break
        else:
            if target is instance or (not isinstance(instance, Mapping | list) and target == instance):
                return pointer([*base, *path])
    return pointer(path)


def _walk(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, Mapping):
        for key, sub in value.items():
            yield from _walk(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _walk(sub, (*path, index))


def _check_refs(document: Mapping[str, Any], where: str) -> None:
    """Every ``$ref`` is local (``#/...``) and points at something: the server reads no other file."""
    for path, node in _walk(document, ()):
        ref = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(ref, str) or (path and path[-1] == "properties") or _DATA_IN_PATH.intersection(path):
            continue  # a property named $ref, or data (an example's value) that looks like a reference
        at = pointer([*path, "$ref"])
        if not ref.startswith("#"):
            raise SpecError(where, at, f"{ref!r} is not in this document; the local server reads one file only")
        target: Any = document
        for part in ref[1:].split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and key in target:
                target = target[key]
            elif isinstance(target, list) and key.isdigit() and int(key) < len(target):
                target = target[int(key)]
            else:
                raise SpecError(where, at, f"{ref!r} points at nothing in the document")


def tolerate(document: Any, where: str = "<spec>") -> None:
    """Repair in place the benign mistakes published vendor specs are known for, one warning line on stderr
    each (the generator repairs the same ones, in generator/repair.py): a ``default`` its own schema refuses is
    dropped (the server never uses defaults), boolean ``exclusiveMinimum``/``exclusiveMaximum`` (OpenAPI 3.0)
    in a 3.1 document take their 3.1 form, numeric ones (3.1) in a 3.0 document their 3.0 form, a
    ``discriminator`` over inline members (which OpenAPI ignores) is dropped, and repeated ``required`` entries
    are kept once."""
    if not isinstance(document, dict) or not isinstance(document.get("paths"), Mapping):
        return  # check_spec says what is wrong
    is_31 = str(document.get("openapi", "")).startswith("3.1")
    for path, node in list(_walk(document, ())):
        if not isinstance(node, dict) or _DATA_IN_PATH.intersection(path) or (path and path[-1] in _NAME_MAPS):
            continue
        required = node.get("required")
        if isinstance(required, list) and all(isinstance(r, str) for r in required):
            if len(set(required)) < len(required):
                node["required"] = list(dict.fromkeys(required))
                _warn(where, [*path, "required"], "repeated entries are kept once")
        members = node.get("oneOf") or node.get("anyOf")
        if "discriminator" in node and isinstance(members, list) and not all(_is_ref(m) for m in members):
            # OpenAPI applies a discriminator to referenced members only; the validator would look its values up
            # as component names (TGI's GrammarType: `type: json` -> #/components/schemas/json) and fail.
            del node["discriminator"]
            _warn(where, [*path, "discriminator"], "dropped: its union has members that are not references")
        for bound, limit, stricter in (("exclusiveMinimum", "minimum", max), ("exclusiveMaximum", "maximum", min)):
            value = node.get(bound)
            if is_31 and isinstance(value, bool):
                if node.pop(bound) and limit in node:
                    node[bound] = node.pop(limit)
                _warn(where, [*path, bound], "the OpenAPI 3.0 boolean form was converted to 3.1")
            elif not is_31 and isinstance(value, int | float) and not isinstance(value, bool):
                other = node.get(limit)
                if isinstance(other, int | float) and not isinstance(other, bool) and stricter(other, value) != value:
                    del node[bound]  # the inclusive bound is the stricter one
                else:
                    node[limit], node[bound] = value, True
                _warn(where, [*path, bound], "the OpenAPI 3.1 numeric form was converted to 3.0")
    for path, schema in list(_schemas_with_default(document, (), None)):
        if _default_error(document, schema) is not None:
            del schema["default"]
            _warn(where, [*path, "default"], "dropped: its own schema refuses it")


def _is_ref(node: Any) -> bool:
    return isinstance(node, Mapping) and isinstance(node.get("$ref"), str)


def _warn(where: str, path: list[Any], what: str) -> None:
    print(f"warning: {where}: {pointer(path)}: {what}", file=sys.stderr)


def _default_error(document: Mapping[str, Any], schema: Any) -> str | None:
    """Why a schema refuses its own default, as openapi-spec-validator checks it (a null default of a
    ``nullable`` schema is accepted, in a 3.1 document too, where vendors still write ``nullable``)."""
    if schema["default"] is None and schema.get("nullable") is True:
        return None
    try:
        errors = list(schema_validator(document, schema).iter_errors(schema["default"]))
    except Exception:  # noqa: BLE001  (an unresolvable $ref: the spec validator names it)
        return None
    return errors[0].message.splitlines()[0] if errors else None


def _check_defaults(document: Mapping[str, Any], where: str) -> None:
    """A document given as data and not tolerated first: its contradicting defaults are refused."""
    for path, schema in _schemas_with_default(document, (), None):
        message = _default_error(document, schema)
        if message is not None:
            raise SpecError(where, pointer([*path, "default"]), f"the default contradicts its schema: {message}")


def _schemas_with_default(value: Any, path: tuple[Any, ...], parent: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, Mapping):
        if parent not in _NAME_MAPS and "default" in value and _SCHEMA_KEYS.intersection(value):
            yield path, value
        for key, sub in value.items():
            if parent in _NAME_MAPS or key not in _DATA_KEYS:
                yield from _schemas_with_default(sub, (*path, key), key if parent not in _NAME_MAPS else None)
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _schemas_with_default(sub, (*path, index), None)


def schema_validator(document: Mapping[str, Any], schema: Any) -> Any:
    """A jsonschema validator (OpenAPI 3.0 or 3.1 dialect) for ``schema``, whose ``$ref``s point into
    ``document``. Format checks are on (date-time, email...)."""
    from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker

    v31 = str(document.get("openapi", "3.1")).startswith("3.1")
    cls: Any = OAS31Validator if v31 else OAS30Validator
    # The document's own keys (components, paths) are not schema keywords: with them at the root, a local
    # "#/components/schemas/X" resolves as it does in the document.
    root = {key: value for key, value in document.items() if key in ("components", "paths", "webhooks")}
    root["allOf"] = [schema]
    return cls(root, format_checker=oas31_format_checker if v31 else oas30_format_checker)


def schema_kinds(schema: Mapping[str, Any]) -> set[str]:
    """The JSON types a schema names (its ``type``, one or a list); ``object`` for one that only has properties."""
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()
    if not kinds and isinstance(schema.get("properties"), Mapping):
        kinds = {"object"}
    return kinds


class Spec:
    """A checked spec and what the server derives from it once: the base path (from ``servers``)."""

    def __init__(self, document: Mapping[str, Any], *, source: str = "<spec>", embedded: bool = False) -> None:
        self.document = document
        self.source = source
        self.embedded = embedded
        servers = document.get("servers") or [{}]
        url = servers[0].get("url", "/") if isinstance(servers[0], Mapping) else "/"
        self.base_path = urlsplit(str(url)).path.rstrip("/")

    @classmethod
    def load(cls, source: str | os.PathLike[str] | Mapping[str, Any]) -> Spec:
        """A spec from a file path or an already parsed document (checked either way)."""
        if isinstance(source, Mapping):
            document = normalize(source)
            tolerate(document)
            check_spec(document)
            return cls(document)
        return cls(load_spec(source), source=os.path.abspath(os.fspath(source)))

    def resolve(self, value: Any) -> Any:
        """``value`` with its top-level ``$ref`` chain followed (local references only)."""
        seen = 0
        while isinstance(value, Mapping) and isinstance(value.get("$ref"), str) and seen < 64:
            value = self.lookup(value["$ref"])
            seen += 1
        return value

    def lookup(self, ref: str) -> Any:
        node: Any = self.document
        if not ref.startswith("#"):
            return {}
        for part in ref[1:].split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node.get(key, {}) if isinstance(node, Mapping) else {}
        return node


@functools.cache
def embedded_spec() -> Spec:
    from .._generated.document import DOCUMENT

    return Spec(DOCUMENT, source="<embedded>", embedded=True)
