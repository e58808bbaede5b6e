"""The probes of a run, derived from the spec: a deterministic list for a given spec and seed.

Every operation gets a baseline probe (its smallest valid request; the answer is checked against the
response schema), a stream probe where its body has a boolean ``stream`` field and the spec gives a chunk
schema, and range probes: for each documented bound of its body's fields (``_generated.rules.SCHEMAS``, never
restated here), the value at the bound (must be accepted) and just past it (must be refused). One operation,
the first that needs a key, also gets the error probes: a bad key, an unknown model, a value of the wrong type.

Order: baselines, streams and error probes first (they say most per request), then the range probes,
shuffled by the seed, so that runs with the same seed send the same requests and runs with different seeds
cover different bounds when the budget does not reach them all.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from .._generated.rules import OPERATIONS, SCHEMAS
from .._quickcheck import BOUNDS

__all__ = ["Bound", "Probe", "bounds_of", "minimal_body", "plan"]

# Field names with a role in keeping a probe cheap or pointed at a model; their values come from the spec.
_MODEL: Final = "model"
_TOKEN_CAP: Final = "max_tokens"  # kept at its documented minimum
_COUNT: Final = "n"  # kept at its documented minimum
_STREAM: Final = "stream"
_FILLER: Final = "Hi"
# Where a value past an upper bound could be accepted and then generate that many tokens, the probe is not run.
_COSTLY: Final = frozenset({(_TOKEN_CAP, "maximum"), (_TOKEN_CAP, "exclusiveMaximum")})
_NUMBER_STEP: Final = 0.01


@dataclass(frozen=True)
class Bound:
    """One documented bound of one body field: ``keyword`` (minimum, maxItems...) of the property ``field``
    declared at ``pointer`` in openapi.yaml."""

    field: str
    pointer: str
    keyword: str
    limit: float
    kind: str  # integer, number, string, array
    doc: str
    rule: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)  # the branch that holds the bound


@dataclass(frozen=True)
class Probe:
    name: str
    operation: str
    category: str  # baseline, stream, range, error
    body: Mapping[str, Any] | None
    expect: str  # accept, refuse, error
    bound: Bound | None = None
    value: Any = None
    bad_key: bool = False
    error_case: str | None = None


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    return SCHEMAS[ref] if isinstance(ref, str) else node


def _properties(schema: str) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(field, JSON pointer of its declaration in openapi.yaml, rule) for each property of a body schema,
    through allOf."""
    node = SCHEMAS[schema]
    for i, part in enumerate(node.get("allOf", [])):
        if "$ref" in part:
            yield from _properties(part["$ref"])
        else:
            for name, rule in part.get("properties", {}).items():
                yield name, f"#/components/schemas/{schema}/allOf/{i}/properties/{name}", rule
    for name, rule in node.get("properties", {}).items():
        yield name, f"#/components/schemas/{schema}/properties/{name}", rule


def _required(schema: str) -> list[str]:
    node = SCHEMAS[schema]
    names = list(node.get("required", []))
    for part in node.get("allOf", []):
        names += _required(part["$ref"]) if "$ref" in part else list(part.get("required", []))
    return names


def bounds_of(schema: str) -> list[Bound]:
    """The documented bounds of a body schema's top-level fields (a union's array branch included)."""
    found: list[Bound] = []
    for name, owner, rule in _properties(schema):
        branches = [rule] + [_resolve(b) for b in rule.get("oneOf", [])]
        for branch in branches:
            kinds = [t for t in branch.get("type", []) if t != "null"]
            for keyword in BOUNDS:
                if keyword in branch and kinds:
                    kind = kinds[0]
                    found.append(Bound(name, owner, keyword, branch[keyword], kind, str(branch.get("doc", "")), branch))
    return found


def _sample(rule: Mapping[str, Any], depth: int = 0) -> Any:
    """The smallest plausible valid value of a rule (a conversation of one user turn, a one-word prompt)."""
    rule = _resolve(rule)
    if depth > 8:
        return None
    if "const" in rule:
        return rule["const"]
    if "enum" in rule:
        return rule["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in rule:
            branches = [_resolve(b) for b in rule[key]]
            # A conversation needs a turn of the user: prefer a branch tagged so, else the first.
            tagged = [b for b in branches if any(p.get("const") == "user" for p in b.get("properties", {}).values())]
            return _sample((tagged or branches)[0], depth + 1)
    kinds = rule.get("type", [])
    if "object" in kinds or "properties" in rule:
        props = rule.get("properties", {})
        return {n: _sample(props[n], depth + 1) for n in rule.get("required", []) if n in props}
    if "array" in kinds:
        count = max(1, int(rule.get("minItems", 1)))
        return [_sample(rule.get("items", {"type": ["string"]}), depth + 1) for _ in range(count)]
    if "string" in kinds:
        return _FILLER
    if "integer" in kinds or "number" in kinds:
        return rule.get("minimum", 1)
    if "boolean" in kinds:
        return False
    return _FILLER


def minimal_body(operation: str, model: str | None) -> dict[str, Any] | None:
    """The smallest valid body of an operation: its required fields, the token cap and count at their
    documented minimum where the body has them."""
    schema = OPERATIONS[operation]["body"]
    if schema is None:
        return None
    rules = {name: rule for name, _, rule in _properties(schema)}
    body: dict[str, Any] = {}
    for name in _required(schema):
        if name == _MODEL:
            body[name] = model or _FILLER
        elif name in rules:
            body[name] = _sample(rules[name])
    for name in (_TOKEN_CAP, _COUNT):
        if name in rules and "minimum" in rules[name]:
            body[name] = rules[name]["minimum"]
    return body


def _edges(bound: Bound) -> list[tuple[str, Any]]:
    """(expect, value) at the bound and just past it."""
    step: float = _NUMBER_STEP if bound.kind == "number" else 1
    low = bound.keyword.startswith(("min", "exclusiveMin"))
    limit = bound.limit
    if bound.keyword.startswith("exclusive"):
        inside, outside = (limit + step, limit) if low else (limit - step, limit)
    else:
        inside, outside = (limit, limit - step) if low else (limit, limit + step)
    if bound.kind == "number":
        inside, outside = round(inside, 6), round(outside, 6)
    result = [("accept", inside)]
    if outside >= 0 or bound.kind in ("integer", "number"):
        result.append(("refuse", outside))
    return result


def _valued(bound: Bound, value: Any) -> Any:
    """The body field's value: the number itself, or a string/array of that length (items told apart, as
    names of tools must be unique)."""
    if bound.kind in ("integer", "number"):
        return int(value) if bound.kind == "integer" else value
    size = int(value)
    if bound.kind == "string":
        return "a" * size
    item = _sample(bound.rule.get("items", {"type": ["string"]}))
    return [_numbered(item, i) for i in range(size)]


def _numbered(value: Any, index: int) -> Any:
    if value == _FILLER:
        return f"{_FILLER}{index}"
    if isinstance(value, dict):
        return {k: _numbered(v, index) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbered(v, index) for v in value]
    return value


def plan(operations: list[str], models: Mapping[str, str], seed: int) -> tuple[list[Probe], list[str]]:
    """The probes to run, in order, and the names of those left out as too costly."""
    first: list[Probe] = []
    ranges: list[Probe] = []
    costly: list[str] = []
    error_op = next((op for op in operations if OPERATIONS[op]["auth"] and OPERATIONS[op]["body"]), None)
    for op in operations:
        info = OPERATIONS[op]
        base = minimal_body(op, models.get(op))
        first.append(Probe(f"{op}: baseline", op, "baseline", base, "accept"))
        schema = info["body"]
        if schema is None or base is None:
            continue
        props = {name: rule for name, _, rule in _properties(schema)}
        if info["chunk"] and "boolean" in props.get(_STREAM, {}).get("type", []):
            first.append(Probe(f"{op}: stream", op, "stream", {**base, _STREAM: True}, "accept"))
        if op == error_op:
            first.append(Probe(f"{op}: bad key", op, "error", base, "error", bad_key=True, error_case="bad_key"))
            if _MODEL in base:
                unknown = {**base, _MODEL: "conformance-probe-no-such-model"}
                first.append(Probe(f"{op}: unknown model", op, "error", unknown, "error", error_case="unknown_model"))
            numeric = next((n for n, r in props.items() if {"number", "integer"} & set(r.get("type", []))), None)
            if numeric is not None:
                wrong = {**base, numeric: "not-a-number"}
                first.append(
                    Probe(
                        f"{op}: bad parameter {numeric}",
                        op,
                        "error",
                        wrong,
                        "error",
                        error_case="bad_parameter",
                        value=numeric,
                    )
                )
        seen: set[tuple[str, str]] = set()
        for bound in bounds_of(schema):
            for expect, value in _edges(bound):
                name = f"{op}: {bound.field}={_label(bound, value)} ({bound.keyword} {bound.limit}, must {expect})"
                if (bound.field, repr(value)) in seen and expect == "accept":
                    continue  # n: minimum 1 and maximum 1 share their accepted edge
                seen.add((bound.field, repr(value)))
                if (bound.field, bound.keyword) in _COSTLY:
                    costly.append(name + ": could generate that many tokens")
                    continue
                body = {**base, bound.field: _valued(bound, value)}
                ranges.append(Probe(name, op, "range", body, expect, bound=bound, value=value))
    random.Random(seed).shuffle(ranges)
    return first + ranges, costly


def _label(bound: Bound, value: Any) -> str:
    if bound.kind == "string":
        return f"<{int(value)} chars>"
    if bound.kind == "array":
        return f"<{int(value)} items>"
    return repr(value)
