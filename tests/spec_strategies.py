"""Hypothesis strategies for spec-valid JSON, built from the generated rules
(``oruel_client._generated.rules.SCHEMAS``).

Everything is derived from the spec's own keywords (types, bounds, lengths, enum, const, unions), so a field
added to openapi.yaml is generated here with no test edit. Sizes are kept small for speed; the bounds
themselves are tested one by one elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from oruel_client._generated.rules import SCHEMAS

# The constraint keywords the client must enforce (issue 2), written here once for all tests and on purpose
# not imported from generator/: a keyword the generator forgot must still be looked for.
CONSTRAINT_KEYWORDS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "enum",
    "const",
)
# The ones that bound a value (a const tag is a branch marker, not a documented range).
RANGE_KEYWORDS = tuple(k for k in CONSTRAINT_KEYWORDS if k != "const")

_SMALL_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_FREE_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | _SMALL_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text("abcxyz", min_size=1, max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def resolve(node: Mapping[str, Any], schemas: Mapping[str, Any] = SCHEMAS) -> Mapping[str, Any]:
    ref = node.get("$ref")
    return schemas[ref] if ref is not None else node


def from_rules(node: Mapping[str, Any], schemas: Mapping[str, Any] = SCHEMAS) -> st.SearchStrategy[Any]:
    """A strategy for values that satisfy node (a compiled rule, see generator/spec.py:compile_node)."""
    node = resolve(node, schemas)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            return st.one_of([from_rules(b, schemas) for b in node[key]])
    if "allOf" in node:
        return _object(_merge_all(node, schemas), schemas)
    types = node.get("type")
    if not types:
        return _FREE_JSON if "properties" not in node else _object(node, schemas)
    return st.one_of([_typed(t, node, schemas) for t in types])


def _merge_all(node: Mapping[str, Any], schemas: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {"type": ["object"], "properties": {}, "required": []}
    for part in [node, *node.get("allOf", [])]:
        part = resolve(part, schemas)
        if "allOf" in part and part is not node:
            part = _merge_all(part, schemas)
        merged["properties"].update(part.get("properties", {}))
        merged["required"] += [r for r in part.get("required", []) if r not in merged["required"]]
    return merged


def _typed(name: str, node: Mapping[str, Any], schemas: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    if name == "null":
        return st.none()
    if name == "boolean":
        return st.booleans()
    if name == "integer":
        lo, hi = node.get("minimum", -(2**31)), node.get("maximum", 2**31)
        if "exclusiveMinimum" in node:
            lo = node["exclusiveMinimum"] + 1
        if "exclusiveMaximum" in node:
            hi = node["exclusiveMaximum"] - 1
        return st.integers(int(lo), int(hi))
    if name == "number":
        return st.floats(
            node.get("minimum", node.get("exclusiveMinimum", -1e6)),
            node.get("maximum", node.get("exclusiveMaximum", 1e6)),
            exclude_min="exclusiveMinimum" in node,
            exclude_max="exclusiveMaximum" in node,
            allow_nan=False,
            allow_infinity=False,
        ) | (
            st.integers(int(node["minimum"]), int(node["maximum"]))
            if isinstance(node.get("minimum"), int) and isinstance(node.get("maximum"), int)
            else st.nothing()
        )
    if name == "string":
        lo = node.get("minLength", 0)
        hi = min(node.get("maxLength", lo + 12), lo + 12)
        return st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=lo, max_size=hi)
    if name == "array":
        lo = node.get("minItems", 0)
        hi = min(node.get("maxItems", lo + 3), lo + 3)
        items = node.get("items")
        return st.lists(from_rules(items, schemas) if items else _FREE_JSON, min_size=lo, max_size=hi)
    if name == "object":
        return _object(node, schemas)
    raise AssertionError(f"unknown JSON type {name!r}")


def _object(node: Mapping[str, Any], schemas: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    props: Mapping[str, Any] = node.get("properties", {})
    if not props:
        return st.dictionaries(st.text("abcdefgh", min_size=1, max_size=6), _FREE_JSON, max_size=3)
    required = [p for p in node.get("required", []) if p in props]
    optional = [p for p in props if p not in required]
    return st.fixed_dictionaries(
        {p: from_rules(props[p], schemas) for p in required},
        optional={p: from_rules(props[p], schemas) for p in optional},
    )


def schema(name: str) -> st.SearchStrategy[Any]:
    return from_rules({"$ref": name})
