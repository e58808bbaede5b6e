"""Client-side checks of every constraint in the spec, on the JSON that is about to be sent.

Checking the wire form (not the attrs models) covers keywords and extra_body alike, and names fields by their
JSON path, e.g. ``messages[0].content[1].image_url``. Rules come from ``_generated.rules.SCHEMAS``; each schema is
compiled once, on first use, into nested closures, so a request pays for its values, not for reading rules.
"""

from __future__ import annotations

import math
import operator
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ._exceptions import OruelValidationError
from ._generated.rules import OPERATIONS, SCHEMAS
from ._quickcheck import BOUNDS, discriminator, passes, resolve
from .types import Unset

__all__ = ["json_body", "jsonable", "validate", "validate_parameters"]

Checker = Callable[[Any, str], None]
_compiled: dict[str, Checker] = {}


def validate(schema: str, value: Any, path: str = "") -> None:
    """Raise OruelValidationError for the first constraint of components/schemas/<schema> that value breaks."""
    if not passes(schema, value):
        _named(schema)(value, path)


def json_body(body: Any, extra_body: Mapping[str, Any] | None, schema: str | None) -> Any:
    """The JSON to send: ``body`` with ``extra_body`` merged over it (shallowly), as plain data, checked against
    components/schemas/<schema> unless ``schema`` is None. A body that is plain and valid already is sent as it
    is, not copied: the quick check says so in one call, and only other bodies pay for jsonable and the checks
    that name the field at fault. A body nested deeper than Python recurses is a caller's mistake like any other:
    an OruelValidationError, not a RecursionError."""
    try:
        return _json_body(body, extra_body, schema)
    except RecursionError:
        raise too_deep() from None


def too_deep() -> OruelValidationError:
    return OruelValidationError(
        "<body>", "depth", None, None, message="<body>: nested too deep to check or encode as JSON"
    )


def _json_body(body: Any, extra_body: Mapping[str, Any] | None, schema: str | None) -> Any:
    if extra_body:
        body = {**body, **jsonable(extra_body)}
    if schema is None:
        return jsonable(body)
    if passes(schema, body):
        return body
    body = jsonable(body)
    _named(schema)(body, "")
    return body


def validate_parameters(operation: str, values: Mapping[str, Any]) -> None:
    """Check path, query, header and cookie parameters of an operation; unset ones are skipped."""
    rules: Mapping[str, Any] = OPERATIONS[operation]["parameters"]
    for name, value in values.items():
        rule = rules.get(name)
        if rule is None or value is None or isinstance(value, Unset):
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()  # dates travel as strings
        with _lock:  # _compile reads _compiling, which only the lock's holder may trust
            check = _compile(rule)
        check(jsonable(value), name)


def jsonable(value: Any) -> Any:
    """Plain JSON data from a mix of dicts, sequences and generated models; UNSET mapping values are dropped."""
    cls = type(value)
    if cls is str or cls is int or cls is float or cls is bool or value is None:
        return value
    if cls is dict:
        return {k: jsonable(v) for k, v in value.items() if not isinstance(v, Unset)}
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items() if not isinstance(v, Unset)}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    return value


# JSON Schema's name for a Python value's type; subclasses (a StrEnum member, an OrderedDict) take the slow path.
_KINDS: dict[type, str] = {
    str: "string",
    int: "integer",
    bool: "boolean",
    type(None): "null",
    list: "array",
    tuple: "array",
    dict: "object",
}


def _kind(value: Any) -> str:
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, float):
        return "number" if math.isfinite(value) else "non-finite number"  # JSON has no NaN or Infinity
    if isinstance(value, bool):
        return "boolean"  # before int: a bool is an int to Python, never a number to JSON Schema
    for cls, name in ((str, "string"), (int, "integer"), (float, "number"), ((list, tuple), "array")):
        if isinstance(value, cls):
            return name
    return "object" if isinstance(value, Mapping) else "other"


def _accepted(types: list[str]) -> frozenset[str]:
    return frozenset(types) | ({"integer"} if "number" in types else frozenset())


def _same(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) or isinstance(expected, bool):
        return type(value) is type(expected) and value == expected
    return bool(value == expected)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# One compilation at a time (_lock). _compiling holds the schemas being compiled by the lock's holder: a reference
# to one of them is a schema that contains itself, whose checker is looked up when it runs. Checkers are published
# to _compiled only when the outermost compilation ends, so another thread never runs a checker that looks up one
# not yet there (a KeyError, when the first calls of a fresh client came from several threads at once).
_compiling: set[str] = set()
_staged: dict[str, Checker] = {}
_lock = threading.RLock()


def _named(name: str) -> Checker:
    checker = _compiled.get(name)
    if checker is None:
        with _lock:
            checker = _compiled.get(name) or _staged.get(name)
            if checker is None:
                _compiling.add(name)
                try:
                    checker = _staged[name] = _compile(SCHEMAS[name])
                finally:
                    _compiling.discard(name)
                    if not _compiling:
                        _compiled.update(_staged)
                        _staged.clear()
    return checker


def _compile(node: Mapping[str, Any]) -> Checker:
    ref = node.get("$ref")
    if ref is not None:
        if ref in _compiling:  # a schema that contains itself: look the checker up when it runs
            return lambda value, path: _compiled[ref](value, path)  # published before any checker runs
        return _named(ref)
    doc = node.get("doc")
    parts: list[Checker] = []

    def fail(path: str, rule: str, limit: Any, value: Any) -> None:
        raise OruelValidationError(path, rule, limit, value, doc)

    if node.get("format") == "binary":  # a file field of a multipart body
        from ._files import FILE_KINDS, is_file_input  # noqa: PLC0415 (only specs with uploads need it)

        def check_file(value: Any, path: str) -> None:
            if not is_file_input(value):
                fail(path, "type", FILE_KINDS, value)

        parts.append(check_file)
    types = node.get("type")
    if types is not None:
        accepted, label = _accepted(types), " or ".join(types)

        def check_type(value: Any, path: str) -> None:
            if _kind(value) not in accepted:
                fail(path, "type", label, value)

        parts.append(check_type)
    if "const" in node:
        const = node["const"]

        def check_const(value: Any, path: str) -> None:
            if not _same(value, const):
                fail(path, "const", const, value)

        parts.append(check_const)
    if "enum" in node:
        choices = node["enum"]

        def check_enum(value: Any, path: str) -> None:
            if not any(_same(value, choice) for choice in choices):
                fail(path, "enum", choices, value)

        parts.append(check_enum)
    parts += _compile_bounds(node, fail)
    items = node.get("items")
    if items is not None:
        check_item = _compile(items)

        def check_items(value: Any, path: str) -> None:
            if isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    check_item(item, f"{path}[{i}]")

        parts.append(check_items)
    if "properties" in node or "required" in node or node.get("additionalProperties") is False:
        parts.append(_compile_object(node, fail))
    parts += [_compile(sub) for sub in node.get("allOf", ())]
    for key in ("oneOf", "anyOf"):
        if key in node:
            parts.append(_compile_union(node[key], key, fail))
    if len(parts) == 1:
        return parts[0]

    def check_all(value: Any, path: str) -> None:
        for part in parts:
            part(value, path)

    return check_all


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}
# The Python values each kind of bound applies to (a tuple is an array too, before jsonable makes it a list).
_KIND_TYPES: dict[str, tuple[type, ...]] = {"number": (int, float), "string": (str,), "array": (list, tuple)}
# For each bound keyword (BOUNDS, shared with the quick check): the comparison that means "violated", the kinds.
_BOUNDS: dict[str, tuple[Callable[[Any, Any], bool], tuple[type, ...]]] = {
    rule: (_OPERATORS[op], _KIND_TYPES[kind]) for rule, (op, kind) in BOUNDS.items()
}


def _identity(value: Any) -> Any:
    return value


def _compile_bounds(node: Mapping[str, Any], fail: Callable[[str, str, Any, Any], None]) -> list[Checker]:
    """Numeric bounds, string lengths and item counts: each applies only to values of its own kind."""
    out: list[Checker] = []
    for rule, (violated, kinds) in _BOUNDS.items():
        if rule not in node:
            continue
        measure: Callable[[Any], Any] = _identity if kinds[0] is int else len

        def check_bound(
            value: Any,
            path: str,
            rule: str = rule,
            limit: Any = node[rule],
            violated: Callable[[Any, Any], bool] = violated,
            kinds: tuple[type, ...] = kinds,
            measure: Callable[[Any], Any] = measure,
        ) -> None:
            if isinstance(value, kinds) and not isinstance(value, bool) and violated(measure(value), limit):
                fail(path, rule, limit, value)

        out.append(check_bound)
    return out


def _compile_object(node: Mapping[str, Any], fail: Callable[[str, str, Any, Any], None]) -> Checker:
    required = list(node.get("required", ()))
    props = {name: _compile(sub) for name, sub in node.get("properties", {}).items()}
    closed = node.get("additionalProperties") is False

    def check_object(value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            return
        for name in required:
            if name not in value:
                fail(_join(path, name), "required", True, None)
        for name, item in value.items():
            check = props.get(name)
            if check is not None:
                check(item, _join(path, name))
            elif closed:
                fail(_join(path, name), "additionalProperties", False, item)

    return check_object


def _shape(branch: Mapping[str, Any]) -> Callable[[Any], bool]:
    """Whether a value has the branch's shape: its type, and its const tags such as ``role`` or ``type``."""
    node = resolve(branch)
    if node.get("format") == "binary":  # a file branch: only a file input has its shape
        from ._files import is_file_input  # noqa: PLC0415

        return is_file_input
    accepted = _accepted(node["type"]) if node.get("type") is not None else None
    props = {name: resolve(sub) for name, sub in node.get("properties", {}).items()}
    tags = [(name, sub["const"]) for name, sub in props.items() if "const" in sub]

    def plausible(value: Any) -> bool:
        if accepted is not None and _kind(value) not in accepted:
            return False
        if tags and isinstance(value, Mapping):
            for name, const in tags:
                if name in value and not _same(value[name], const):
                    return False
        return True

    return plausible


def _branch_name(branch: Mapping[str, Any]) -> str:
    node = resolve(branch)
    if node.get("format") == "binary":
        return "file"
    return str(node.get("title") or branch.get("$ref") or "/".join(node.get("type", ["value"])))


def _compile_union(branches: list[Mapping[str, Any]], key: str, fail: Callable[[str, str, Any, Any], None]) -> Checker:
    compiled = [(_compile(b), _shape(b)) for b in branches]
    names = [_branch_name(b) for b in branches]
    tag, by_tag = discriminator(branches)

    def check_union(value: Any, path: str) -> None:
        if tag is not None and isinstance(value, Mapping):
            # Every branch is an object with its own const value of one property (``role``, ``type``): that
            # value picks the branch, and the branch's own error is the precise one to report.
            tagged = value.get(tag)
            index = by_tag.get(tagged) if isinstance(tagged, str) else None
            if index is not None:
                compiled[index][0](value, path)
                return
        # Branches of the value's shape first: usually exactly one, which passes without raising, so a list
        # of 256 messages costs 256 checks rather than 256 x 4 failed attempts.
        likely = [check for check, plausible in compiled if plausible(value)]
        errors: list[OruelValidationError] = []
        for check in likely:
            try:
                check(value, path)
                return
            except OruelValidationError as err:
                errors.append(err)
        for check, _ in compiled:
            if check in likely:
                continue
            try:
                check(value, path)
                return
            except OruelValidationError:
                pass
        if len(errors) == 1:
            raise errors[0]  # the branch the caller meant: report its own, precise error
        fail(path, key, names, value)

    return check_union
