"""Command-line flags derived from the spec: one ``--kebab-name`` per scalar field of a request body.

Nothing here names a body field. The fields come from ``_generated.rules.SCHEMAS`` (the generated constraint rules,
whose ``doc`` is the documented range in words); descriptions, server defaults and provenance come from
``_generated.document.DOCUMENT`` (the whole spec). A field added to ``openapi.yaml`` becomes a flag after
``python -m generator``, with no edit to the CLI.

Which fields become flags:

* number -> ``float``, integer -> ``int``, string -> ``str``; an ``enum`` is shown in the metavar (``{a,b}``),
  not given to argparse as ``choices``;
* boolean -> ``--flag`` / ``--no-flag``;
* a union of a scalar and an array of that scalar (``stop``), or an array of scalars -> a repeatable flag; one
  value given to a union is sent as the scalar, several as the array;
* ``null`` in a type list is ignored; anything else (objects, arrays of objects, mixed unions, ``const``) is
  left to the command, as are the fields a command handles itself (``exclude``).

Ranges and enums are deliberately *not* checked by argparse: an out-of-range value goes to the library, which raises
``OruelValidationError`` with the documented range, so the CLI and the library can never disagree.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from .._generated.document import DOCUMENT
from .._generated.rules import SCHEMAS

__all__ = [
    "BodyFlag",
    "HelpFormatter",
    "body_flags",
    "add_body_flags",
    "body_values",
    "scalar_properties",
    "DEST_PREFIX",
]

# argparse dest of a body flag: prefixed so that it can never collide with a command's own options.
DEST_PREFIX: Final = "body:"
_REF_PREFIX: Final = "#/components/schemas/"
_PY_TYPES: Final[dict[str, type]] = {"number": float, "integer": int, "string": str}
_METAVARS: Final[dict[str, str]] = {"number": "NUM", "integer": "INT", "string": "TEXT"}

Shape = Literal["scalar", "boolean", "union", "array"]


@dataclass(frozen=True)
class BodyFlag:
    """One body field exposed as a flag."""

    name: str  # the JSON field name, e.g. ``top_k``
    shape: Shape
    py_type: type | None  # float / int / str; None for booleans
    metavar: str
    choices: tuple[Any, ...] | None
    required: bool
    help: str

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def dest(self) -> str:
        return DEST_PREFIX + self.name


# ------------------------------------------------------------------------------------------ schema walking


def _rule(name: str) -> dict[str, Any]:
    return SCHEMAS[name]


def _deref(rule: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` (bare component names in the rules) until a rule that is not a reference."""
    seen: set[str] = set()
    while "$ref" in rule:
        ref = str(rule["$ref"])
        if ref in seen:  # a reference cycle cannot describe a scalar
            return {}
        seen.add(ref)
        rule = _rule(ref)
    return rule


def _walk_object(rule: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """(property name, property rule, required) for an object rule, through ``$ref`` and ``allOf``."""
    rule = _deref(rule)
    for part in rule.get("allOf", ()):
        yield from _walk_object(part)
    required = set(rule.get("required", ()))
    for prop, prop_rule in rule.get("properties", {}).items():
        yield prop, prop_rule, prop in required


def _properties(schema: str) -> dict[str, tuple[Mapping[str, Any], bool]]:
    """Top-level properties of a component schema; a later ``allOf`` part wins on a repeated name."""
    found: dict[str, tuple[Mapping[str, Any], bool]] = {}
    for prop, prop_rule, required in _walk_object({"$ref": schema}):
        was_required = found[prop][1] if prop in found else False
        found[prop] = (prop_rule, required or was_required)
    return found


def _types(rule: Mapping[str, Any]) -> list[str]:
    raw = rule.get("type", ())
    types = [raw] if isinstance(raw, str) else list(raw)
    return [t for t in types if t != "null"]


def _scalar(rule: Mapping[str, Any]) -> tuple[str, tuple[Any, ...] | None] | None:
    """(JSON type, enum choices) when the rule is a single scalar type; None otherwise."""
    rule = _deref(rule)
    if "const" in rule:
        return None
    branches = [_deref(b) for b in rule.get("oneOf", rule.get("anyOf", ()))]
    branches = [b for b in branches if _types(b) or "type" not in b]
    if branches:
        return _scalar(branches[0]) if len(branches) == 1 else None
    types = _types(rule)
    if len(types) != 1 or types[0] not in ("number", "integer", "string", "boolean"):
        return None
    enum = rule.get("enum")
    choices = tuple(v for v in enum if v is not None) if isinstance(enum, list) else None
    return types[0], choices


def _array_of_scalar(rule: Mapping[str, Any]) -> tuple[str, tuple[Any, ...] | None] | None:
    rule = _deref(rule)
    if _types(rule) != ["array"] or "items" not in rule:
        return None
    item = _scalar(rule["items"])
    if item is None or item[0] == "boolean":
        return None
    return item


def _classify(rule: Mapping[str, Any]) -> tuple[Shape, str, tuple[Any, ...] | None] | None:
    """How a property can be given on the command line, or None if it cannot."""
    scalar = _scalar(rule)
    if scalar is not None:
        return ("boolean" if scalar[0] == "boolean" else "scalar"), scalar[0], scalar[1]
    rule = _deref(rule)
    array = _array_of_scalar(rule)
    if array is not None:
        return "array", array[0], array[1]
    branches = [_deref(b) for b in rule.get("oneOf", rule.get("anyOf", ()))]
    branches = [b for b in branches if _types(b) != [] or "type" not in b]
    if len(branches) == 2:
        scalars = [s for s in map(_scalar, branches) if s is not None]
        arrays = [a for a in map(_array_of_scalar, branches) if a is not None]
        if len(scalars) == 1 and len(arrays) == 1 and scalars[0][0] == arrays[0][0] != "boolean":
            return "union", scalars[0][0], scalars[0][1]
    return None


def scalar_properties(schema: str) -> list[str]:
    """The fields of a request-body schema that can be flags, in spec order."""
    return [name for name, (rule, _) in _properties(schema).items() if _classify(rule) is not None]


# ------------------------------------------------------------------------------------------ help texts


def _doc_properties(schema: str) -> dict[str, Mapping[str, Any]]:
    """Raw spec properties of a component (descriptions, defaults, provenance), through $ref / allOf."""
    components: Mapping[str, Any] = DOCUMENT.get("components", {}).get("schemas", {})
    found: dict[str, Mapping[str, Any]] = {}
    seen: set[str] = set()

    def walk(node: Mapping[str, Any]) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            name = ref[len(_REF_PREFIX) :]
            if name in seen or name not in components:
                return
            seen.add(name)
            walk(components[name])
            return
        for part in node.get("allOf", ()):
            walk(part)
        found.update(node.get("properties", {}))

    walk({"$ref": _REF_PREFIX + schema})
    return found


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _help_text(rule: Mapping[str, Any], raw: Mapping[str, Any], shape: Shape) -> str:
    parts: list[str] = []
    description = raw.get("description")
    if isinstance(description, str) and description.strip():
        text = " ".join(description.split())
        parts.append(text if text.endswith(".") else text + ".")
    doc = rule.get("doc") or _deref(rule).get("doc")
    if doc:
        parts.append(f"Range: {doc}.")
    if "default" in raw:
        parts.append(f"Server default: {_shown(raw['default'])}.")
    source = raw.get("x-oruel-source")
    if source:
        where = raw.get("x-oruel-docs")
        parts.append(f"Source: {source}" + (f" ({where})." if where else "."))
    if shape in ("union", "array"):
        parts.append("Repeat the flag for several values.")
    # argparse %-formats help strings.
    return " ".join(parts).replace("%", "%%")


# ------------------------------------------------------------------------------------------ argparse


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, without breaking the spec's URLs (``oru-el.com``) at their hyphens."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)


def body_flags(schema: str, exclude: Collection[str] = ()) -> list[BodyFlag]:
    """The flags of a request-body schema, minus the fields the command handles itself."""
    raw = _doc_properties(schema)
    flags: list[BodyFlag] = []
    for name, (rule, required) in _properties(schema).items():
        if name in exclude:
            continue
        kind = _classify(rule)
        if kind is None:
            continue
        shape, json_type, choices = kind
        flags.append(
            BodyFlag(
                name=name,
                shape=shape,
                py_type=_PY_TYPES.get(json_type),
                metavar=_METAVARS.get(json_type, "VALUE"),
                choices=choices,
                required=required,
                help=_help_text(rule, raw.get(name, {}), shape),
            )
        )
    return flags


def add_body_flags(
    parser: argparse.ArgumentParser,
    schema: str,
    *,
    exclude: Collection[str] = (),
    aliases: Mapping[str, Sequence[str]] | None = None,
    title: str = "request fields (from the API spec)",
) -> list[BodyFlag]:
    """Add one option per scalar body field to ``parser``; returns the flags added."""
    flags = body_flags(schema, exclude)
    if not flags:
        return flags
    group = parser.add_argument_group(title)
    for flag in flags:
        names = [flag.option, *(aliases or {}).get(flag.name, ())]
        common: dict[str, Any] = {"dest": flag.dest, "help": flag.help, "default": None}
        if flag.shape == "boolean":
            group.add_argument(*names, action=argparse.BooleanOptionalAction, required=flag.required, **common)
            continue
        kwargs: dict[str, Any] = {"type": flag.py_type, "required": flag.required, "metavar": flag.metavar, **common}
        if flag.choices:
            # Shown, not enforced: a value outside the enum goes to the library, which rejects it with its own
            # message (exit 3), like any other out-of-range value.
            kwargs["metavar"] = "{" + ",".join(map(str, flag.choices)) + "}"
        if flag.shape in ("union", "array"):
            kwargs["action"] = "append"
        group.add_argument(*names, **kwargs)
    return flags


def body_values(args: argparse.Namespace, flags: Sequence[BodyFlag]) -> dict[str, Any]:
    """The body fields the user set (an unset flag sends nothing: server defaults stay server-side)."""
    given = vars(args)
    values: dict[str, Any] = {}
    for flag in flags:
        value = given.get(flag.dest)
        if value is None:
            continue
        if flag.shape == "union" and isinstance(value, list) and len(value) == 1:
            value = value[0]
        values[flag.name] = value
    return values
