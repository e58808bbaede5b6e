"""Stage 2 of the generator: one normalized document from the spec as written, so that every later stage (plan,
render, the emitted rules and document) reads the same names and forms, decided once here.

`normalize(doc)` is pure: it returns a deep copy, an OpenAPI 3.1 document in which
- every operation has an operationId, unique even after snake-casing (`operation_ids`);
- path parameters have their Python argument's name, in the path template and the parameter (`path_parameters`);
- 3.0 `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum` are in their 3.1 form (`openapi_31`);
- class names cannot collide: component keys are unique once made class names (and never a name the generated
  modules import, such as `File`: that one becomes `FileModel`), a component's `title` is its key, and an
  inline `title` that would name a second class the same is dropped (`class_names`);
and raises SpecError (every problem, with its pointer) for what it cannot decide. (Benign mistakes, such as an
example that contradicts its schema's type, were repaired before: `repair.py`.) Today's openapi.yaml is already
in this form: it comes out equal to itself.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from .load import Problem, SpecError, pointer

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMAS_REF = "#/components/schemas/"
Parts = tuple[Any, ...]


def normalize(doc: dict[str, Any], name: str = "<spec>") -> dict[str, Any]:
    out = copy.deepcopy(doc)
    problems: list[Problem] = []
    openapi_31(out)
    problems += path_parameters(out)
    operation_ids(out)
    class_names(out)
    if problems:
        raise SpecError(name, problems)
    return out


# ------------------------------------------------------------------------------------------ walking the document


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) in document order."""
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method in METHODS and isinstance(op, dict):
                yield path, method, op


# Keywords whose value is a schema, a list of schemas, or a mapping of names to schemas.
_ONE = ("items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "additionalItems")  # fmt: skip
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
_NAMED = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def subschemas(schema: dict[str, Any], parts: Parts) -> Iterator[tuple[Parts, dict[str, Any]]]:
    for key in _ONE:
        sub = schema.get(key)
        if isinstance(sub, dict):
            yield (*parts, key), sub
        elif key == "items" and isinstance(sub, list):
            yield from (((*parts, key, i), s) for i, s in enumerate(sub) if isinstance(s, dict))
    for key in _MANY:
        subs = schema.get(key)
        if isinstance(subs, list):
            yield from (((*parts, key, i), s) for i, s in enumerate(subs) if isinstance(s, dict))
    for key in _NAMED:
        subs = schema.get(key)
        if isinstance(subs, dict):
            yield from (((*parts, key, k), s) for k, s in subs.items() if isinstance(s, dict))


def _schema_roots(doc: dict[str, Any]) -> Iterator[tuple[Parts, dict[str, Any], bool]]:
    """(where, schema, is_component) for every schema that is not inside another schema, in document order."""
    components = doc.get("components") or {}

    def content(node: Any, parts: Parts) -> Iterator[tuple[Parts, dict[str, Any], bool]]:
        for media, body in (node or {}).items() if isinstance(node, dict) else ():
            if isinstance(body, dict) and isinstance(body.get("schema"), dict):
                yield (*parts, media, "schema"), body["schema"], False

    def param_like(node: Any, parts: Parts) -> Iterator[tuple[Parts, dict[str, Any], bool]]:
        if isinstance(node, dict):
            if isinstance(node.get("schema"), dict):
                yield (*parts, "schema"), node["schema"], False
            yield from content(node.get("content"), (*parts, "content"))

    def response(node: Any, parts: Parts) -> Iterator[tuple[Parts, dict[str, Any], bool]]:
        if isinstance(node, dict):
            yield from content(node.get("content"), (*parts, "content"))
            for h, header in (node.get("headers") or {}).items():
                yield from param_like(header, (*parts, "headers", h))

    for name, schema in (components.get("schemas") or {}).items():
        if isinstance(schema, dict):
            yield ("components", "schemas", name), schema, True
    for name, param in (components.get("parameters") or {}).items():
        yield from param_like(param, ("components", "parameters", name))
    for name, header in (components.get("headers") or {}).items():
        yield from param_like(header, ("components", "headers", name))
    for name, body in (components.get("requestBodies") or {}).items():
        if isinstance(body, dict):
            yield from content(body.get("content"), ("components", "requestBodies", name, "content"))
    for name, resp in (components.get("responses") or {}).items():
        yield from response(resp, ("components", "responses", name))
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for i, param in enumerate(item.get("parameters") or []):
            yield from param_like(param, ("paths", path, "parameters", i))
        for method, op in item.items():
            if method not in METHODS or not isinstance(op, dict):
                continue
            here = ("paths", path, method)
            for i, param in enumerate(op.get("parameters") or []):
                yield from param_like(param, (*here, "parameters", i))
            body = op.get("requestBody")
            if isinstance(body, dict):
                yield from content(body.get("content"), (*here, "requestBody", "content"))
            for code, resp in (op.get("responses") or {}).items():
                yield from response(resp, (*here, "responses", code))


def schemas(doc: dict[str, Any]) -> Iterator[tuple[Parts, dict[str, Any], bool]]:
    """(where, schema, is_component_root) for every schema object in the document (not through $refs)."""
    for parts, root, is_component in _schema_roots(doc):
        stack = [(parts, root, is_component)]
        while stack:
            where, schema, top = stack.pop()
            yield where, schema, top
            stack.extend((p, s, False) for p, s in reversed(list(subschemas(schema, where))))


def _rewrite_refs(node: Any, fn: Callable[[str], str]) -> None:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                node["$ref"] = fn(ref)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


# ------------------------------------------------------------------------------------------------ the decisions


def openapi_31(doc: dict[str, Any]) -> None:
    """A 3.0 document in its 3.1 form, so that every later stage reads one dialect: `nullable: true` adds "null"
    to the type (and None to an enum), or, where there is no plain type to extend (a $ref, allOf), becomes
    `anyOf: [<the schema>, {type: "null"}]`; boolean exclusiveMinimum/Maximum become the 3.1 numbers."""
    if not str(doc.get("openapi", "")).startswith("3.0"):
        return
    doc["openapi"] = "3.1.0"
    for _, schema, _ in list(schemas(doc)):
        for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if isinstance(schema.get(bound), bool):
                if schema.pop(bound) and limit in schema:
                    schema[bound] = schema.pop(limit)
        nullable_all_of(schema)
        if "nullable" in schema:
            if schema.pop("nullable") is True:
                _make_nullable(schema)


_MARK_KEYS = {"nullable", "description", "title"}


def nullable_all_of(schema: dict[str, Any]) -> bool:
    """The 3.0 idiom `allOf: [<schema>, {nullable: true}]` as `anyOf: [{allOf: [<schema>]}, {type: "null"}]`;
    the bare mark alone would become `{}` (no type to extend), which the allOf then fails to merge."""
    members = schema.get("allOf")
    if not isinstance(members, list):
        return False
    marks = [m for m in members if isinstance(m, dict) and "nullable" in m and set(m) <= _MARK_KEYS]
    if not marks or len(marks) == len(members):
        return False
    schema["allOf"] = [m for m in members if not any(m is mark for mark in marks)]
    for mark in marks:
        for key in ("description", "title"):
            if key in mark and key not in schema:
                schema[key] = mark[key]
    if any(mark.get("nullable") is True for mark in marks):
        _make_nullable(schema)
    return True


def _make_nullable(schema: dict[str, Any]) -> None:
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"].append(None)
    typ = schema.get("type")
    if isinstance(typ, str):
        schema["type"] = [typ, "null"]
    elif isinstance(typ, list):
        if "null" not in typ:
            typ.append("null")
    elif isinstance(schema.get("anyOf"), list) or isinstance(schema.get("oneOf"), list):
        key = "anyOf" if "anyOf" in schema else "oneOf"
        schema[key].append({"type": "null"})
    elif "$ref" in schema or "allOf" in schema:
        inner = {k: schema.pop(k) for k in ("$ref", "allOf") if k in schema}
        schema["anyOf"] = [inner, {"type": "null"}]


def _snake(value: str) -> str:
    from openapi_python_client.strings import snake_case

    return snake_case(value)


def _python_name(name: str) -> str:
    """The argument name openapi-python-client gives a parameter (snake_case, `from` -> `from_`), which is also
    what it writes into the endpoint's URL template."""
    from openapi_python_client.strings import PythonIdentifier

    return str(PythonIdentifier(name, "field_"))


def _path_parameters_of(doc: dict[str, Any], item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The path parameters a path item and its operations declare (a $ref'd one is the component itself)."""
    lists = [item.get("parameters") or []]
    lists += [op.get("parameters") or [] for m, op in item.items() if m in METHODS and isinstance(op, dict)]
    for params in lists:
        for param in params:
            if isinstance(param, dict) and isinstance(param.get("$ref"), str):
                try:
                    from .load import resolve

                    param = resolve(doc, param["$ref"])
                except KeyError:
                    continue
            if isinstance(param, dict) and param.get("in") == "path":
                yield param


def _renamer(mapping: dict[str, str]) -> Callable[[re.Match[str]], str]:
    return lambda m: "{" + mapping[m.group(1)] + "}"


def path_parameters(doc: dict[str, Any]) -> list[Problem]:
    """Path parameters named as the generated function's arguments (`{fileId}`, `{file-id}` -> `{file_id}`,
    `{from}` -> `{from_}`), in the template and in the parameter both: the name of a path parameter is never
    sent, so renaming it changes no request, and every later stage sees the path the generated code uses."""
    problems: list[Problem] = []
    paths = doc.get("paths") or {}
    renamed: dict[str, str] = {}
    for path in list(paths):
        names = re.findall(r"\{([^}]+)\}", path)
        mapping = {n: _python_name(n) for n in names}
        if len(set(mapping.values())) < len(mapping):
            problems.append(Problem(pointer(("paths", path)), "two path parameters differ only in case or "
                                    "punctuation: give them distinct names"))  # fmt: skip
            continue
        if all(old == new for old, new in mapping.items()):
            continue
        new_path = re.sub(r"\{([^}]+)\}", _renamer(mapping), path)
        if new_path in paths:
            problems.append(Problem(pointer(("paths", path)), f"is the same path as {new_path!r}: merge them"))
            continue
        renamed[path] = new_path
        for param in _path_parameters_of(doc, paths[path]):
            if param.get("name") in mapping:
                param["name"] = mapping[param["name"]]
    if renamed:
        doc["paths"] = {renamed.get(p, p): item for p, item in paths.items()}
    return problems


def operation_id_for(method: str, path: str) -> str:
    """`GET /files/{file_id}/content` -> `get_files_file_id_content` (`get_root` for `/`)."""
    words = [_snake(seg) for seg in re.split(r"[/{}]+", path)]
    return "_".join([method.lower(), *(w for w in words if w)] if any(words) else [method.lower(), "root"])


def operation_ids(doc: dict[str, Any]) -> None:
    """Every operation gets an operationId, distinct from every other once snake-cased (function and module
    names are the snake-cased id): the given ones are kept, in document order, one that repeats an earlier
    one gets `_2`, `_3`...; a missing one is made from method and path (`operation_id_for`)."""
    used: set[str] = set()

    def claim(base: str) -> str:
        name, n = base, 1
        while _snake(name) in used:
            n += 1
            name = f"{base}_{n}"
        used.add(_snake(name))
        return name

    missing = []
    for path, method, op in operations(doc):
        given = op.get("operationId")
        if isinstance(given, str) and given.strip():
            op["operationId"] = claim(given)
        else:
            missing.append((path, method, op))
    for path, method, op in missing:
        op["operationId"] = claim(operation_id_for(method, path))


def _class_key(name: str) -> str:
    """Two names with the same key make the same class or the same module (case and punctuation aside)."""
    from openapi_python_client.strings import ClassName

    return re.sub(r"[^0-9a-z]", "", str(ClassName(name, "")).lower())


# Names the generated modules import from the runtime, the standard library or typing beside the models (the
# facade imports every model by name): a model may not take one of them.
RESERVED_CLASSES = frozenset(
    {"Any", "APIResponse", "AsyncAPIResponse", "AsyncCursorPage", "AsyncOruel", "AsyncPaginator", "AsyncStream",
     "BinaryIO", "Callable", "ClassVar", "CursorSpec", "File", "FileInput", "Final", "Generator", "HTTPStatus",
     "Iterator", "Literal", "Mapping", "ModuleType", "NotRequired", "Oruel", "Self", "Sequence", "Stream",
     "SyncCursorPage", "TextIO", "TypeAlias", "TypedDict", "UnknownEvent", "Unset", "UNSET"}
)  # fmt: skip


def class_names(doc: dict[str, Any]) -> None:
    """Class names from component keys, never colliding. A component key whose class name another key
    already makes (`foo_bar` after `FooBar`) is renamed `<key>2`, `<key>3`... with every $ref to it; a
    component's `title` becomes its key (a title is documentation, and vendors reuse them); an inline schema's
    title that names an existing class (component or earlier inline title) is dropped, so the model is named
    from where it sits, as an untitled one is."""
    comps = (doc.get("components") or {}).get("schemas")
    if isinstance(comps, dict):
        reserved = {_class_key(name) for name in RESERVED_CLASSES}
        taken: set[str] = set()
        renames: dict[str, str] = {}
        for key in comps:
            base = f"{key}Model" if _class_key(key) in reserved else key
            new, n = base, 1
            while _class_key(new) in taken or _class_key(new) in reserved:
                n += 1
                new = f"{base}{n}"
            taken.add(_class_key(new))
            if new != key:
                renames[key] = new
        if renames:
            doc["components"]["schemas"] = {renames.get(k, k): v for k, v in comps.items()}

            def fix(ref: str) -> str:
                if not ref.startswith(SCHEMAS_REF):
                    return ref
                name, sep, rest = ref[len(SCHEMAS_REF) :].partition("/")
                return SCHEMAS_REF + renames.get(name, name) + sep + rest

            _rewrite_refs(doc, fix)
        for key, schema in doc["components"]["schemas"].items():
            if isinstance(schema, dict) and "title" in schema and schema["title"] != key:
                schema["title"] = key
    used = {_class_key(k) for k in ((doc.get("components") or {}).get("schemas") or {})} | {
        _class_key(name) for name in RESERVED_CLASSES
    }
    for _, schema, is_component in schemas(doc):
        title = schema.get("title")
        if is_component or not isinstance(title, str):
            continue
        key = _class_key(title) if title.strip() else ""
        if not key or key in used:
            del schema["title"]
        else:
            used.add(key)


_JSON_TYPES: dict[type, tuple[str, ...]] = {
    type(None): ("null",),
    bool: ("boolean",),
    str: ("string",),
    list: ("array",),
    dict: ("object",),
    float: ("number",),
}


def _json_types(value: Any) -> tuple[str, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        return ("integer", "number")
    if isinstance(value, float) and value.is_integer():
        return ("number", "integer")
    return _JSON_TYPES.get(type(value), ())


def _contradicts(schema: dict[str, Any], value: Any) -> str | None:
    """Why value cannot be a value of schema's own `type` (shallow: nested values are not looked at)."""
    typ = schema.get("type")
    if typ is None:
        return None
    allowed = [typ] if isinstance(typ, str) else list(typ)
    if not set(_json_types(value)) & set(allowed):
        return f"{value!r} is not of type {' or '.join(map(repr, allowed))}"
    return None
