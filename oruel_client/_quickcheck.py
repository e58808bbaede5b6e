"""A yes/no answer, fast: is a value plain JSON data that meets every constraint of a schema?

``_validation`` checks a request body with nested closures that carry each value's JSON path, so that an error
can name the field; that costs about 2 µs per chat message, more than httpx spends sending it. Most bodies are
valid, and made of plain dicts, lists, strings and numbers. For those, one call of a predicate compiled to
Python source (once per schema, on first use, from the same ``_generated.rules.SCHEMAS``) answers True, and
nothing else runs: no path strings, no copy of the body. False means "look closer", never "invalid": the caller
then converts the body (``jsonable``) and runs the precise checks, which either raise the error with its path or
pass (a tuple where a list is expected, an attrs model, an UNSET value, a str subclass: all legal, none plain).

The contract, tested against the precise checks with hypothesis: ``passes(schema, value)`` is True only if
``value`` is deeply plain (exact types ``dict`` with ``str`` keys, ``list``, ``str``, ``int``, finite ``float``,
``bool``, ``None``) and the precise checks accept it. Every generated function keeps that contract on its own.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from typing import Any, Final

from ._generated.rules import SCHEMAS

__all__ = ["BOUNDS", "QuickCheck", "discriminator", "is_plain", "passes", "resolve"]

_SCALARS: Final = (str, int, bool, type(None))
_TYPE_TESTS: Final = {
    "string": "type({v}) is str",
    "integer": "type({v}) is int",
    "number": "(type({v}) is int or (type({v}) is float and _isfinite({v})))",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "array": "type({v}) is list",
    "object": "type({v}) is dict",
}
_PYTHON_TYPES: Final = {
    "string": ("str",),
    "integer": ("int",),
    "number": ("int", "float"),
    "boolean": ("bool",),
    "null": ("NoneType",),
    "array": ("list",),
    "object": ("dict",),
}
#: Bound keyword -> (the comparison that means "broken", the JSON kind of value it applies to). One table for both
#: checkers: ``_validation`` builds its operators from it. A number bound compares the value, the others its len().
BOUNDS: Final = {
    "minimum": ("<", "number"),
    "maximum": (">", "number"),
    "exclusiveMinimum": ("<=", "number"),
    "exclusiveMaximum": (">=", "number"),
    "minLength": ("<", "string"),
    "maxLength": (">", "string"),
    "minItems": ("<", "array"),
    "maxItems": (">", "array"),
}
# Keywords that only describe; a node made of nothing else accepts any plain value.
_OBJECT_KEYS: Final = frozenset({"type", "properties", "required", "doc", "title", "description"})


def is_plain(value: Any) -> bool:
    """Whether value is JSON data made only of the exact built-in types (finite floats, str keys)."""
    cls = type(value)
    if cls in _SCALARS:
        return True
    if cls is float:
        return math.isfinite(value)
    if cls is list:
        return all(is_plain(item) for item in value)
    if cls is dict:
        return all(type(key) is str and is_plain(item) for key, item in value.items())
    return False


_MISSING: Final = object()


class QuickCheck:
    """The compiled predicates of one rule table (``SCHEMAS``, or another spec's in tests and the petstore check)."""

    def __init__(self, schemas: Mapping[str, Any]) -> None:
        self.schemas = schemas
        self.namespace: dict[str, Any] = {"_isfinite": math.isfinite, "_plain": is_plain, "_MISSING": _MISSING}
        self.functions: dict[str, str] = {}  # schema name -> the name of its generated function in namespace
        self.count = 0  # for fresh names across compilations
        self._lock = threading.Lock()  # one compilation at a time; a function is published once it exists

    def passes(self, schema: str, value: Any) -> bool:
        """True only if value is plain JSON data that the schema accepts (see the module doc)."""
        name = self.functions.get(schema)
        if name is None:
            with self._lock:
                name = self.functions.get(schema) or _Compiler(self).build(schema)
        try:
            return bool(self.namespace[name](value))
        except RecursionError:  # nesting deeper than Python's stack: the precise checks say what to do with it
            return False


_rules = QuickCheck(SCHEMAS)
#: True only if value is plain JSON data that components/schemas/<schema> accepts.
passes: Final = _rules.passes


def resolve(node: Mapping[str, Any], schemas: Mapping[str, Any] = SCHEMAS) -> Mapping[str, Any]:
    """The schema a ``$ref`` node names, or the node itself."""
    ref = node.get("$ref")
    return schemas[ref] if ref is not None else node


def discriminator(
    branches: list[Mapping[str, Any]], schemas: Mapping[str, Any] = SCHEMAS
) -> tuple[str | None, dict[str, int]]:
    """The property whose string const differs in every branch, with const -> branch index; else (None, {}).
    Both checkers pick a union's branch by it."""
    nodes = [resolve(b, schemas) for b in branches]
    candidates = set(nodes[0].get("properties", {})) if nodes else set()
    for name in sorted(candidates):
        consts = [resolve(n.get("properties", {}).get(name, {}), schemas).get("const") for n in nodes]
        tags = [c for c in consts if isinstance(c, str)]
        if len(tags) == len(consts) and len(set(tags)) == len(tags):
            return name, {c: i for i, c in enumerate(tags)}
    return None, {}


def _merged_object(node: Mapping[str, Any], schemas: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """allOf of open objects with distinct properties, as one object node (so no part takes the others' fields
    for unknown ones and walks them again); None when the parts do not merge that simply."""
    props: dict[str, Any] = {}
    required: list[str] = []
    for part in (resolve(p, schemas) for p in node["allOf"]):
        if not set(part) <= _OBJECT_KEYS or part.get("type", ["object"]) != ["object"]:
            return None
        for name, sub in part.get("properties", {}).items():
            if name in props:
                return None
            props[name] = sub
        required += part.get("required", ())
    return {"type": ["object"], "properties": props, "required": required}


class _Compiler:
    """Writes one Python function per schema (and per union branch), then executes the source once."""

    def __init__(self, owner: QuickCheck) -> None:
        self.owner = owner
        self.schemas = owner.schemas
        self.namespace = owner.namespace
        self.functions = dict(owner.functions)  # published to the owner once they exist
        self.lines: list[str] = []
        self.tables: list[str] = []
        self.pending: list[str] = []

    def build(self, schema: str) -> str:
        name = self.function_for(schema)
        while self.pending:
            self.emit_named(self.pending.pop())
        source = "\n".join([*self.lines, *self.tables])
        exec(compile(source, f"<oruel_client quickcheck {schema}>", "exec"), self.namespace)  # noqa: S102
        self.owner.functions.update(self.functions)
        return name

    def fresh(self, prefix: str) -> str:
        self.owner.count += 1
        return f"{prefix}{self.owner.count}"

    def constant(self, value: Any) -> str:
        name = self.fresh("_c")
        self.namespace[name] = value
        return name

    def function_for(self, schema: str) -> str:
        name = self.functions.get(schema)
        if name is None:
            name = self.functions[schema] = self.fresh("_s")
            self.pending.append(schema)
        return name

    def emit_named(self, schema: str) -> None:
        self.emit_function(self.functions[schema], self.schemas[schema])

    def emit_function(self, name: str, node: Mapping[str, Any]) -> None:
        body: list[str] = []
        self.node(node, "v", body, 1)
        self.lines += [f"def {name}(v):", *body, "    return True", ""]

    def branch(self, node: Mapping[str, Any]) -> str:
        ref = node.get("$ref")
        if ref is not None:
            return self.function_for(ref)
        name = self.fresh("_b")
        self.emit_function(name, node)
        return name

    def node(self, node: Mapping[str, Any], v: str, out: list[str], depth: int) -> None:
        """Statements that ``return False`` unless the value in variable ``v`` is plain and meets ``node``."""
        pad = "    " * depth
        ref = node.get("$ref")
        if ref is not None:
            out.append(f"{pad}if not {self.function_for(ref)}({v}): return False")
            return
        if node.get("format") == "binary":  # a file is never plain data: the precise checks look at it
            out.append(f"{pad}return False")
            return
        # Whether the statements make sure the value is deeply plain: a type test does, with the loops below
        # over the items of an array and the fields of an object; so do const, enum and the combinators.
        plain = False
        types = node.get("type")
        if types is not None:
            tests = " or ".join(_TYPE_TESTS[t].format(v=v) for t in types if t in _TYPE_TESTS) or "False"
            out.append(f"{pad}if not ({tests}): return False")
            plain = True
        if "const" in node:
            out.append(f"{pad}if not {self.equals(v, node['const'])}: return False")
            plain = True
        if "enum" in node:
            choices = node["enum"]
            if all(type(c) is str for c in choices):
                allowed = self.constant(frozenset(choices))
                out.append(f"{pad}if not (type({v}) is str and {v} in {allowed}): return False")
            else:
                out.append(f"{pad}if not ({' or '.join(self.equals(v, c) for c in choices) or 'False'}): return False")
            plain = True
        # The Python types the value can have by now (None: any), so a bound skips a test of its kind that the
        # type test already made, and a bound that cannot apply is left out.
        possible = None if types is None else {k for t in types for k in _PYTHON_TYPES.get(t, ())}
        for rule, (op, kind_of) in BOUNDS.items():
            kinds = _PYTHON_TYPES[kind_of]
            if rule not in node or (possible is not None and not possible & set(kinds)):
                continue
            measured = v if kind_of == "number" else f"len({v})"
            if possible is not None and possible <= set(kinds):
                out.append(f"{pad}if {measured} {op} {node[rule]!r}: return False")
            else:
                kind = " or ".join(f"type({v}) is {k}" for k in kinds)
                out.append(f"{pad}if ({kind}) and {measured} {op} {node[rule]!r}: return False")
        if "allOf" in node:
            merged = _merged_object(node, self.schemas)
            for part in [merged] if merged is not None else node["allOf"]:
                self.node(part, v, out, depth)
            plain = True
        for key in ("oneOf", "anyOf"):
            if key in node:
                self.union(node[key], v, out, pad)
                plain = True
        if "items" in node or (types is not None and "array" in types):
            item = self.fresh("_i")
            out.append(f"{pad}if type({v}) is list:")
            out.append(f"{pad}    for {item} in {v}:")
            if "items" in node:
                self.node(node["items"], item, out, depth + 2)
            else:
                out.append(f"{pad}        if not _plain({item}): return False")
        closed = node.get("additionalProperties") is False
        if "properties" in node or "required" in node or closed or (types is not None and "object" in types):
            self.object(node, v, out, depth)
        if not plain:
            out.append(f"{pad}if not _plain({v}): return False")

    def object(self, node: Mapping[str, Any], v: str, out: list[str], depth: int) -> None:
        pad, inner = "    " * depth, "    " * (depth + 1)
        props: Mapping[str, Any] = node.get("properties", {})
        out.append(f"{pad}if type({v}) is dict:")
        for name in node.get("required", ()):
            out.append(f"{inner}if {name!r} not in {v}: return False")
        for name, sub in props.items():
            x = self.fresh("_x")
            out.append(f"{inner}{x} = {v}.get({name!r}, _MISSING)")
            out.append(f"{inner}if {x} is not _MISSING:")
            self.node(sub, x, out, depth + 2)
        # Fields the node does not name: refused when it is closed, else they need only be plain.
        k, x = self.fresh("_k"), self.fresh("_x")
        known = self.constant(frozenset(props))
        if node.get("additionalProperties") is False:
            unknown = "return False"
        else:
            unknown = f"if type({k}) is not str or not _plain({x}): return False"
        out.append(f"{inner}for {k}, {x} in {v}.items():")
        out.append(f"{inner}    if {k} not in {known}:")
        out.append(f"{inner}        {unknown}")

    def union(self, branches: list[Mapping[str, Any]], v: str, out: list[str], pad: str) -> None:
        names = [self.branch(b) for b in branches]
        any_branch = " or ".join(f"{n}({v})" for n in names)
        tag, by_tag = discriminator(branches, self.schemas)
        if tag is None:
            out.append(f"{pad}if not ({any_branch}): return False")
            return
        # The const value of the tag property (``role``, ``type``) picks the one branch to check, as the precise
        # checks do. The table is filled in after the functions it names are defined (see build()).
        table = self.fresh("_c")
        entries = ", ".join(f"{value!r}: {names[i]}" for value, i in by_tag.items())
        self.tables.append(f"{table} = {{{entries}}}")
        t, f = self.fresh("_t"), self.fresh("_f")
        out.append(f"{pad}{t} = {v}.get({tag!r}) if type({v}) is dict else None")
        out.append(f"{pad}{f} = {table}.get({t}) if type({t}) is str else None")
        out.append(f"{pad}if {f} is not None:")
        out.append(f"{pad}    if not {f}({v}): return False")
        out.append(f"{pad}elif not ({any_branch}): return False")

    def equals(self, v: str, expected: Any) -> str:
        """An expression true when the value is plain and equal to ``expected`` as the precise checks compare."""
        if expected is None or type(expected) is bool:
            return f"({v} is {expected!r})"
        if type(expected) is str:
            return f"(type({v}) is str and {v} == {expected!r})"
        if type(expected) in (int, float) and math.isfinite(expected):
            return f"((type({v}) is int or type({v}) is float) and {v} == {expected!r})"
        return f"(_plain({v}) and {v} == {self.constant(expected)})"
