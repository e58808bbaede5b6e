"""Every constraint reachable from every operation's request body, enumerated from ``SCHEMAS``, and strategies
for a valid body in which one chosen constraint is met exactly at its edge or broken by the smallest step.

A constraint sits at a *route*: the steps from the body to the rule node that holds it: a property, an array
item, or a branch of a ``oneOf``/``anyOf``. ``focused_body`` draws a valid body (hypothesis) in which the route
exists, taking the chosen branches, and returns where its end landed (``messages[2].content[0].text``). The bad
and the edge values are derived from the rule alone: bound ± the smallest step of its type, length + 1, item
count + 1, a string outside the enum, a const mismatched.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hypothesis import strategies as st

from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from tests.contract.support import TRICKY_CHARS, object_properties
from tests.spec_strategies import CONSTRAINT_KEYWORDS, from_rules, resolve

CHECKED = CONSTRAINT_KEYWORDS


@dataclass(frozen=True)
class Step:
    kind: Literal["prop", "item", "branch"]
    key: str | int = ""
    union: str = ""  # "oneOf" / "anyOf" for a branch step
    label: str = ""

    def show(self) -> str:
        if self.kind == "prop":
            return f".{self.key}"
        if self.kind == "item":
            return "[]"
        return f"<{self.label}>"


@dataclass(frozen=True)
class Constraint:
    op: str
    route: tuple[Step, ...]
    rule: str
    limit: Any = field(compare=False)
    node: Mapping[str, Any] = field(compare=False, repr=False)

    @property
    def where(self) -> str:
        return "".join(s.show() for s in self.route).lstrip(".")

    @property
    def id(self) -> str:
        return f"{self.op}:{self.where}:{self.rule}"

    @property
    def is_branch_tag(self) -> bool:
        """A const on a property of a union branch: it tells the branches apart (``role``, ``type``)."""
        return (
            self.rule == "const"
            and len(self.route) >= 2
            and self.route[-2].kind == "branch"
            and (self.route[-1].kind == "prop")
        )

    @property
    def integer(self) -> bool:
        types = self.node.get("type", ())
        return "integer" in types and "number" not in types


def _branch_label(branch: Mapping[str, Any], index: int) -> str:
    ref = branch.get("$ref")
    return str(resolve(branch).get("title") or ref or index)


def _walk(
    node: Mapping[str, Any], route: tuple[Step, ...], refs: frozenset[str]
) -> Iterator[tuple[tuple[Step, ...], str, Mapping[str, Any]]]:
    ref = node.get("$ref")
    if ref is not None:
        if ref in refs:
            return  # a recursive schema: one level is enough
        refs = refs | {ref}
        node = SCHEMAS[ref]
    for rule in CHECKED:
        if rule in node:
            yield route, rule, node
    for union in ("oneOf", "anyOf"):
        for i, branch in enumerate(node.get(union, ())):
            yield from _walk(branch, (*route, Step("branch", i, union, _branch_label(branch, i))), refs)
    if "allOf" in node or "properties" in node:
        for name, sub in object_properties(node).items():
            yield from _walk(sub, (*route, Step("prop", name)), refs)
    if "items" in node:
        yield from _walk(node["items"], (*route, Step("item")), refs)


def constraints() -> list[Constraint]:
    """Every checked constraint reachable from every operation's body, in spec order."""
    out: list[Constraint] = []
    for op, info in OPERATIONS.items():
        if info["body"] is None:
            continue
        for route, rule, node in _walk({"$ref": info["body"]}, (), frozenset()):
            out.append(Constraint(op, route, rule, node[rule], node))
    return out


# --- a valid body around a chosen route ---------------------------------------------------------------------------

Pointer = tuple[str | int, ...]


class _Hole:
    """Stands where the constraint's value goes until the bad or the edge value is put there."""


HOLE = _Hole()


@st.composite
def _around(draw: st.DrawFn, node: Mapping[str, Any], route: tuple[Step, ...]) -> tuple[Any, Pointer]:
    node = resolve(node)
    if not route:
        return HOLE, ()
    step, rest = route[0], route[1:]
    if step.kind == "branch":
        branch: Mapping[str, Any] = node[step.union][int(step.key)]
        return draw(_around(branch, rest))
    if step.kind == "prop":
        obj = dict(draw(from_rules(node)))
        name = str(step.key)
        obj[name], below = draw(_around(object_properties(node)[name], rest))
        return obj, (name, *below)
    low = max(node.get("minItems", 0), 1)
    high = min(node.get("maxItems", low + 3), low + 3)
    items = draw(st.lists(from_rules(node["items"]), min_size=low - 1, max_size=high - 1))
    at = draw(st.integers(0, len(items)))
    value, below = draw(_around(node["items"], rest))
    items.insert(at, value)
    return items, (at, *below)


def focused_body(c: Constraint) -> st.SearchStrategy[tuple[dict[str, Any], Pointer]]:
    """A valid body of c.op with a hole at the end of c.route, and the hole's position."""
    return _around({"$ref": OPERATIONS[c.op]["body"]}, c.route)


def put(body: dict[str, Any], pointer: Pointer, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(body)
    target: Any = out
    for key in pointer[:-1]:
        target = target[key]
    if pointer:
        target[pointer[-1]] = value
    return out


def show_path(pointer: Pointer) -> str:
    """``messages[0].content`` for ("messages", 0, "content"): the validator's way of naming a place."""
    out = ""
    for key in pointer:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def expected_place(c: Constraint, pointer: Pointer) -> tuple[str, str]:
    """(path, rule) the client must name when c is broken at pointer.

    A broken branch tag leaves the value in no branch of its union, so the union itself is named; any other
    broken rule is named where it sits.
    """
    if c.is_branch_tag:
        depth = sum(1 for s in c.route[:-2] if s.kind != "branch")
        return show_path(pointer[:depth]), c.route[-2].union
    return show_path(pointer), c.rule


# --- bad and edge values, from the rule ----------------------------------------------------------------------------


def _step(c: Constraint, x: float, direction: float) -> float:
    """The nearest value beyond x in direction: 1 for integers, one ulp for numbers."""
    if c.integer:
        return int(x) + int(direction)
    return math.nextafter(float(x), direction * math.inf)


def _text(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=TRICKY_CHARS, min_size=size, max_size=size)


def _items(c: Constraint, size: int) -> st.SearchStrategy[list[Any]]:
    if size == 0:
        return st.just([])
    item = from_rules(c.node["items"]) if "items" in c.node else st.none()
    # A few drawn items repeated up to the size: large counts (maxItems 256) stay cheap to generate.
    return st.lists(item, min_size=1, max_size=3).map(lambda xs: [xs[i % len(xs)] for i in range(size)])


def _other_than(choices: list[Any]) -> st.SearchStrategy[Any]:
    strings = [x for x in choices if isinstance(x, str)]
    if strings or not choices:
        return st.text(min_size=1, max_size=12).filter(lambda v: v not in choices)
    return st.integers().filter(lambda v: v not in choices)


def bad_value(c: Constraint) -> st.SearchStrategy[Any] | None:
    """The value just past the constraint (None when the rule cannot be broken, e.g. minLength 0)."""
    limit = c.limit
    if c.rule == "maximum":
        return st.just(_step(c, limit, 1))
    if c.rule == "minimum":
        return st.just(_step(c, limit, -1))
    if c.rule in ("exclusiveMaximum", "exclusiveMinimum"):
        return st.just(int(limit) if c.integer else limit)
    if c.rule == "maxLength":
        return _text(limit + 1)
    if c.rule == "minLength":
        return _text(limit - 1) if limit > 0 else None
    if c.rule == "maxItems":
        return _items(c, limit + 1)
    if c.rule == "minItems":
        return _items(c, limit - 1) if limit > 0 else None
    if c.rule == "enum":
        return _other_than(list(limit))
    if c.rule == "const":
        return _other_than([limit])
    raise AssertionError(f"no bad value for rule {c.rule}")


def edge_value(c: Constraint) -> st.SearchStrategy[Any]:
    """The last value the constraint still allows (the bound itself, a string of exactly maxLength...)."""
    limit = c.limit
    if c.rule in ("maximum", "minimum"):
        return st.just(limit)
    if c.rule == "exclusiveMaximum":
        return st.just(_step(c, limit, -1))
    if c.rule == "exclusiveMinimum":
        return st.just(_step(c, limit, 1))
    if c.rule in ("maxLength", "minLength"):
        return _text(limit)
    if c.rule in ("maxItems", "minItems"):
        return _items(c, limit)
    if c.rule == "enum":
        return st.sampled_from(list(limit))
    return st.just(limit)
