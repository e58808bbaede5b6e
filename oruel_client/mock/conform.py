"""Bend an answer into the shape a given spec documents, for a server started with a spec that differs from
the embedded one (``oruel mock --spec FILE`` with a drifted copy, as ``oruel conformance`` tests use).

The hand-written answers (answers/) and the error envelope are written for the embedded spec. Under another
spec they are sent as that spec describes them: a field the schema no longer lists is dropped, a required
field it adds is filled in (from the value itself when the same name appears deeper, as when an envelope is
flattened, else synthesized), a value its schema refuses is replaced by a synthesized one. Only operations
whose response schemas changed are touched (``Drift``), so an unchanged operation answers as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from .envelope import carry_error
from .examples import Examples
from .replies import EventStream, Reply
from .spec import Spec, schema_kinds
from .streaming import DONE

__all__ = ["Conformer", "Drift", "deref", "enum_key", "mentions_done"]

_DEREF_DEPTH: Final = 24
_NOTHING: Final[Mapping[str, Any]] = {}
# Keys that say nothing about an answer's shape: a schema differing only in them has not changed.
_ANNOTATIONS: Final = frozenset({"description", "title", "summary", "example", "examples", "deprecated"})
_NAME_MAPS: Final = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas", "content", "headers"})


def deref(spec: Spec, value: Any, depth: int = 0, names: bool = False) -> Any:
    """``value`` with every local ``$ref`` inlined (to a fixed depth: recursive schemas are cut) and
    annotations left out, for comparing a schema in two documents. ``names``: ``value`` maps names (of
    properties, media types...) to schemas, so none of its keys is an annotation."""
    if depth > _DEREF_DEPTH:
        return "<deep>"
    if isinstance(value, Mapping):
        if isinstance(value.get("$ref"), str):
            return deref(spec, spec.lookup(value["$ref"]), depth + 1)
        return {
            k: deref(spec, v, depth + 1, names=not names and k in _NAME_MAPS)
            for k, v in value.items()
            if names or not (k.startswith("x-") or k in _ANNOTATIONS)
        }
    if isinstance(value, list):
        return [deref(spec, v, depth + 1) for v in value]
    return value


class Conformer:
    """Conforms answers to one spec's schemas."""

    def __init__(self, spec: Spec, examples: Examples) -> None:
        self.spec = spec
        self.examples = examples

    def value(self, value: Any, schema: Any, depth: int = 0, prefer: Mapping[str, Any] = _NOTHING) -> Any:
        """``value`` pruned to the properties ``schema`` declares (unless it allows more), with the required
        ones it lacks filled in; replaced by a synthesized value where it still does not fit. ``prefer``: for
        an enum (by ``enum_key``), the value to send instead (one the spec added)."""
        schema = self.spec.resolve(schema)
        if not isinstance(schema, Mapping) or depth > 32:
            return value
        if isinstance(schema.get("allOf"), list):
            schema = self.examples.merged(schema)
        if prefer and value is not None and isinstance(schema.get("enum"), list) and enum_key(schema["enum"]) in prefer:
            return prefer[enum_key(schema["enum"])]
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                branches = [self.spec.resolve(b) for b in schema[key]]
                fitting = [b for b in branches if self.examples.valid(b, value)]
                fitting = fitting or [b for b in branches if _same_kind(value, b)] or branches
                return self.value(value, self._with_siblings(schema, key, fitting[0]), depth + 1, prefer)
        properties = schema.get("properties")
        if isinstance(value, Mapping) and isinstance(properties, Mapping):
            extra = schema.get("additionalProperties") not in (None, False)  # only an explicit opening keeps extras
            result = {
                k: self.value(v, properties[k], depth + 1, prefer) if k in properties else v
                for k, v in value.items()
                if k in properties or extra
            }
            for name in schema.get("required", []):
                if name not in result and isinstance(name, str):
                    found = _find_key(value, name)
                    sub = properties.get(name, {})
                    ok = found is not _MISSING and self.examples.valid(sub, found)
                    result[name] = found if ok else self.examples.value(sub, depth + 1, name)
            value = result
        elif isinstance(value, list) and "items" in schema:
            value = [self.value(v, schema["items"], depth + 1, prefer) for v in value]
        return value if self.examples.valid(schema, value) else self.examples.value(schema, depth, "")

    def _with_siblings(self, schema: Mapping[str, Any], key: str, branch: Any) -> Any:
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        return {"allOf": [rest, branch]} if rest else branch

    def reply(self, reply: Reply, schema: Any, prefer: Mapping[str, Any] = _NOTHING) -> Reply:
        if not reply.content_type.startswith("application/json") or not reply.body:
            return reply
        shaped = self.value(json.loads(reply.body), schema, 0, prefer)
        return Reply(
            reply.status, json.dumps(shaped, separators=(",", ":")).encode(), reply.content_type, reply.headers
        )

    def stream(self, stream: EventStream, schema: Any, done: bool, prefer: Mapping[str, Any] = _NOTHING) -> EventStream:
        events: list[bytes] = []
        for event in stream.events:
            if event == DONE:
                if done:
                    events.append(event)
                continue
            if event.startswith(b"data: {"):
                value = self.value(json.loads(event[6:]), schema, 0, prefer)
                event = b"data: " + json.dumps(value, separators=(",", ":")).encode() + b"\n\n"
            events.append(event)
        return EventStream(events, stream.headers, stream.batch)


def enum_key(values: list[Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


def _added_enum_values(new: Any, old: Any, found: dict[str, Any]) -> None:
    """Walk two dereferenced schemas side by side; where an enum has values the old one lacks, note the
    first of them under the new enum's key."""
    if isinstance(new, Mapping) and isinstance(old, Mapping):
        if isinstance(new.get("enum"), list) and isinstance(old.get("enum"), list):
            added = [v for v in new["enum"] if v not in old["enum"]]
            if added:
                found[enum_key(new["enum"])] = added[0]
        for key, sub in new.items():
            if key in old:
                _added_enum_values(sub, old[key], found)
    elif isinstance(new, list) and isinstance(old, list):
        for sub_new, sub_old in zip(new, old, strict=False):
            _added_enum_values(sub_new, sub_old, found)


class _Missing:
    pass


_MISSING: Final = _Missing()


def _find_key(value: Any, name: str, depth: int = 0) -> Any:
    if depth > 4 or not isinstance(value, Mapping):
        return _MISSING
    if name in value:
        return value[name]
    for sub in value.values():
        found = _find_key(sub, name, depth + 1)
        if found is not _MISSING:
            return found
    return _MISSING


def _same_kind(value: Any, schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return False
    kinds = schema_kinds(schema)
    if isinstance(value, Mapping):
        return "object" in kinds
    if isinstance(value, list):
        return "array" in kinds
    if isinstance(value, bool):
        return "boolean" in kinds
    if isinstance(value, int | float):
        return bool(kinds & {"integer", "number"})
    if isinstance(value, str):
        return "string" in kinds
    return "null" in kinds


class Drift:
    """Where a given spec's answers differ from the embedded spec's: the hand-written answers of operations
    whose response schemas changed are conformed, and so is the error envelope when its schema changed."""

    def __init__(self, spec: Spec, embedded: Spec, examples: Examples) -> None:
        self.spec = spec
        self.embedded = embedded
        self.conformer = Conformer(spec, examples)
        self._embedded_ops = {
            str(op.get("operationId")): op for op in _operation_objects(embedded) if op.get("operationId")
        }
        theirs = _error_schema(embedded)
        ours = _error_schema(spec)
        self.error_schema = ours if ours is not None and deref(spec, ours) != deref(embedded, theirs) else None
        self._cache: dict[str, tuple[Any, Any, bool, dict[str, Any]] | None] = {}

    def answer(self, operation_id: str, op: Mapping[str, Any], result: Reply | EventStream) -> Reply | EventStream:
        plan = self._cache.get(operation_id, _MISSING)
        if plan is _MISSING:
            plan = self._cache[operation_id] = self._plan(op, self._embedded_ops.get(operation_id, {}))
        if plan is None or not isinstance(plan, tuple):
            return result
        json_schema, stream_schema, done, prefer = plan
        if isinstance(result, EventStream):
            return self.conformer.stream(result, stream_schema, done, prefer) if stream_schema is not None else result
        return self.conformer.reply(result, json_schema, prefer) if json_schema is not None else result

    def error(self, reply: Reply) -> Reply:
        """An error in the envelope the spec declares: its message, type, code and parameter carried into the
        fields that schema has for them (envelope.py), then conformed so that the body validates."""
        if self.error_schema is None:
            return reply
        try:
            info = json.loads(reply.body)["error"]
        except (ValueError, KeyError, TypeError):
            return self.conformer.reply(reply, self.error_schema)
        if not isinstance(info, Mapping):
            return self.conformer.reply(reply, self.error_schema)
        carried = carry_error(self.conformer.examples, self.error_schema, info, reply.status)
        shaped = self.conformer.value(carried, self.error_schema)
        body = json.dumps(shaped, separators=(",", ":")).encode()
        return Reply(reply.status, body, reply.content_type, reply.headers)

    def _plan(self, ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> tuple[Any, Any, bool, dict[str, Any]] | None:
        mine, other = _success_media(self.spec, ours), _success_media(self.embedded, theirs)
        done = mentions_done(ours)
        new, old = deref(self.spec, mine), deref(self.embedded, other)
        if new == old and done == mentions_done(theirs):
            return None
        # An enum that gained values answers with the first new one, so that a client sees it.
        prefer: dict[str, Any] = {}
        _added_enum_values(new, old, prefer)
        json_schema = next((m.get("schema") for k, m in mine.items() if "json" in k), None)
        stream_schema = mine.get("text/event-stream", {}).get("schema")
        return json_schema, stream_schema, done, prefer


def mentions_done(op: Mapping[str, Any]) -> bool:
    """Whether the operation says its streams end with ``data: [DONE]``."""
    return "[DONE]" in json.dumps([op.get("description"), op.get("summary"), op.get("responses")], default=str)


def _operation_objects(spec: Spec) -> list[Mapping[str, Any]]:
    found: list[Mapping[str, Any]] = []
    for item in (spec.document.get("paths") or {}).values():
        if isinstance(item, Mapping):
            found.extend(op for op in item.values() if isinstance(op, Mapping) and "responses" in op)
    return found


def _success_media(spec: Spec, op: Mapping[str, Any]) -> dict[str, Any]:
    responses = op.get("responses") or {}
    codes = sorted(str(c) for c in responses if str(c)[:1] == "2")
    response = spec.resolve(responses[codes[0]]) if codes else {}
    content = response.get("content") if isinstance(response, Mapping) else None
    return {str(k): spec.resolve(v) for k, v in content.items()} if isinstance(content, Mapping) else {}


def _error_schema(spec: Spec) -> Any:
    """The schema of the spec's error answers: the first JSON ``default`` or 4xx response of an operation."""
    for op in _operation_objects(spec):
        for code, response in (op.get("responses") or {}).items():
            if str(code) == "default" or str(code)[:1] == "4":
                content = spec.resolve(response).get("content") or {}
                schema = next((m.get("schema") for k, m in content.items() if "json" in k), None)
                if schema is not None:
                    return schema
    return None
