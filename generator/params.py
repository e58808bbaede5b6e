"""TypedDict shapes of every request body and of everything nested in one, read from the spec (PyYAML), for
`oruel_client/models/params.py`: a plain dict a user writes (`{"role": "user", "content": "hi"}`) is checked by
mypy and pyright against them, key by key, as the openai SDK's `...Param` types are.

Naming: `<Model>Param`, where `<Model>` is the attrs model openapi-python-client makes of the same schema (its
`title`, else its component name; an inline object without a title is `<Parent><Property>`); a oneOf/anyOf or
enum component becomes an alias `<Component>Param` (`ChatMessageParam`, `ToolChoiceParam`).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from .spec import ref_name

PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


@dataclass
class TypedDictDef:
    name: str
    doc: str
    fields: list[tuple[str, str, bool, str]]  # (JSON key, annotation, required, description)
    functional: bool = False  # a key that is not a Python identifier needs TypedDict("Name", {...})
    deps: set[str] = field(default_factory=set)  # the other ...Param names its fields refer to


@dataclass
class Params:
    typed_dicts: list[TypedDictDef] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (name, annotation, doc)
    by_model: dict[str, str] = field(default_factory=dict)  # model class name -> its TypedDict's name
    # Every definition, each after those it names: the module has no `from __future__ import annotations`, so
    # that NotRequired is seen at run time (TypedDict.__required_keys__, get_type_hints) as by type checkers.
    ordered: list[tuple[str, Any]] = field(default_factory=list)  # ("typed_dict", TypedDictDef) | ("alias", ...)

    @property
    def names(self) -> list[str]:
        return sorted([t.name for t in self.typed_dicts] + [a[0] for a in self.aliases])


def _class_name(value: str) -> str:
    from openapi_python_client.strings import ClassName

    return str(ClassName(value, "field_"))


def _doc(schema: dict[str, Any]) -> str:
    return " ".join(str(schema.get("description", "")).split())


class _Builder:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {})
        self.out = Params()
        self.done: set[str] = set()  # components handled (or in progress)
        self.alias_deps: dict[str, set[str]] = {}

    def component(self, name: str) -> str:
        """The annotation for a $ref to components/schemas/<name>, emitting its definition once."""
        schema = self.schemas[name]
        if self._is_object(schema):
            cls = _class_name(str(schema.get("title") or name))
            param = f"{cls}Param"
            if name not in self.done:
                self.done.add(name)
                self._typed_dict(cls, schema)
            return param
        param = f"{_class_name(name)}Param"
        if name not in self.done:
            self.done.add(name)
            deps: set[str] = set()
            annotation = self.annotation(schema, _class_name(name), deps)
            self.alias_deps[param] = deps
            self.out.aliases.append((param, annotation, _doc(schema)))
        return param

    def _is_object(self, schema: dict[str, Any]) -> bool:
        if "allOf" in schema:
            return True
        return schema.get("type") == "object" and bool(schema.get("properties"))

    def _merged(self, schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        props: dict[str, Any] = {}
        required: list[str] = []
        for part in schema.get("allOf", []):
            if "$ref" in part:
                self.component(ref_name(part["$ref"]))  # a shared part (SamplingParameters) is a shape of its own
            sub = self.schemas[ref_name(part["$ref"])] if "$ref" in part else part
            p, r = self._merged(sub)
            props.update(p)
            required += [k for k in r if k not in required]
        props.update(schema.get("properties", {}))
        required += [k for k in schema.get("required", []) if k not in required]
        return props, required

    def _typed_dict(self, cls: str, schema: dict[str, Any]) -> None:
        props, required = self._merged(schema)
        fields = []
        deps: set[str] = set()
        for key, sub in props.items():
            inline = _class_name(str(sub.get("title") or f"{cls}_{key}"))
            fields.append((key, self.annotation(sub, inline, deps), key in required, _doc(sub)))
        functional = any(not k.isidentifier() or keyword.iskeyword(k) for k, *_ in fields)
        self.out.typed_dicts.append(TypedDictDef(f"{cls}Param", _doc(schema), fields, functional, deps))
        self.out.by_model[cls] = f"{cls}Param"

    def annotation(self, schema: dict[str, Any], inline_name: str, deps: set[str]) -> str:
        """A Python annotation for schema; inline objects become TypedDicts named inline_name + Param."""
        if "$ref" in schema:
            name = self.component(ref_name(schema["$ref"]))
            deps.add(name)
            return name
        if "const" in schema:
            return f"Literal[{schema['const']!r}]"
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None]
            lit = f"Literal[{', '.join(repr(v) for v in values)}]"
            return lit + (" | None" if None in schema["enum"] else "")
        for key in ("oneOf", "anyOf"):
            if key in schema:
                parts: list[str] = []
                for i, sub in enumerate(schema[key]):
                    name = _class_name(str(sub.get("title") or f"{inline_name}_type_{i}"))
                    for part in self.annotation(sub, name, deps).split(" | "):
                        if part not in parts:
                            parts.append(part)
                if "None" in parts:  # None last reads best: `str | None`
                    parts = [p for p in parts if p != "None"] + ["None"]
                return " | ".join(parts)
        if self._is_object(schema):
            self._typed_dict(inline_name, schema)
            deps.add(f"{inline_name}Param")
            return f"{inline_name}Param"
        typ = schema.get("type")
        types = typ if isinstance(typ, list) else [typ]
        parts = []
        for t in types:
            if t == "array":
                items = schema.get("items")
                inner = self.annotation(items, f"{inline_name}Item", deps) if isinstance(items, dict) else "Any"
                parts.append(f"Sequence[{inner}]")
            elif t == "object":
                extra = schema.get("additionalProperties")
                value = self.annotation(extra, f"{inline_name}Value", deps) if isinstance(extra, dict) else "Any"
                parts.append(f"Mapping[str, {value}]")
            elif t == "string" and schema.get("format") == "binary":
                parts.append("FileInput")
            elif t in PRIMITIVES:
                parts.append(PRIMITIVES[t])
            else:
                parts.append("Any")
        return " | ".join(parts)

    def ordered(self) -> list[tuple[str, Any]]:
        """Every definition after the ones it names, where it can be: shapes that refer to each other in a
        cycle (a filter made of filters) are legal, and the reference that closes the cycle is written as a
        string (a forward reference), which type checkers follow and the module can still execute."""
        defs: dict[str, tuple[str, Any]] = {t.name: ("typed_dict", t) for t in self.out.typed_dicts}
        defs.update({a[0]: ("alias", a) for a in self.out.aliases})
        deps = {t.name: t.deps for t in self.out.typed_dicts} | self.alias_deps
        out: list[tuple[str, Any]] = []
        state: dict[str, str] = {}
        for root in defs:
            if root in state:
                continue
            # Iterative depth-first walk (a deep spec would exhaust the recursion limit).
            state[root] = "visiting"
            stack = [(root, iter(sorted(deps.get(root, ()))))]
            while stack:
                name, pending = stack[-1]
                dep = next(pending, None)
                if dep is None:
                    stack.pop()
                    state[name] = "done"
                    out.append(defs[name])
                elif dep in defs and dep not in state:
                    state[dep] = "visiting"
                    stack.append((dep, iter(sorted(deps.get(dep, ())))))
        return [_forward(kind, item, _later(out, i)) for i, (kind, item) in enumerate(out)]


def _later(out: list[tuple[str, Any]], i: int) -> set[str]:
    """The names defined at position i or after it (a definition may name itself)."""
    return {item.name if kind == "typed_dict" else item[0] for kind, item in out[i:]}


def _forward(kind: str, item: Any, later: set[str]) -> tuple[str, Any]:
    """The definition with every annotation that names a later definition quoted (a forward reference)."""

    def quote(annotation: str) -> str:
        names = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", annotation))
        return repr(annotation) if names & later else annotation

    if kind == "typed_dict":
        if not item.deps & later:
            return kind, item
        fields = [(key, quote(annotation), required, doc) for key, annotation, required, doc in item.fields]
        return kind, TypedDictDef(item.name, item.doc, fields, item.functional, item.deps)
    name, annotation, doc = item
    return kind, (name, quote(annotation), doc)


def request_params(doc: dict[str, Any]) -> Params:
    """TypedDicts for every request body schema and every shape nested in one, in spec order."""
    builder = _Builder(doc)
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for media in op.get("requestBody", {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref")
                if ref:
                    builder.component(ref_name(ref))
    builder.out.ordered = builder.ordered()
    return builder.out
