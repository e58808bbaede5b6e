"""From the normalized spec (generator.load, generator.normalize), derive what openapi-python-client cannot:
constraint rules, range texts, and a copy of the spec prepared for the generator (server defaults moved out of
`default:` so they are never sent).
"""

from __future__ import annotations

import copy
from typing import Any

# The JSON Schema keywords the generated validator enforces; everything else in a schema is documentation.
CONSTRAINT_KEYS = (
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
REF_PREFIX = "#/components/schemas/"


def ref_name(ref: str) -> str:
    if not ref.startswith(REF_PREFIX):
        raise SystemExit(f"unsupported $ref {ref!r}: only {REF_PREFIX}<Name> is supported")
    return ref[len(REF_PREFIX) :]


def _num(value: Any) -> str:
    return repr(value)


def describe(schema: dict[str, Any]) -> str:
    """The documented range or choice set of one schema, in words ('' when it has none)."""
    parts: list[str] = []
    lo, hi = schema.get("minimum"), schema.get("maximum")
    xlo, xhi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if lo is not None and hi is not None:
        parts.append(f"{_num(lo)} to {_num(hi)}" if lo != hi else f"exactly {_num(lo)}")
    else:
        lower = f"at least {_num(lo)}" if lo is not None else f"greater than {_num(xlo)}" if xlo is not None else ""
        upper = f"at most {_num(hi)}" if hi is not None else f"less than {_num(xhi)}" if xhi is not None else ""
        if lower or upper:
            parts.append(" and ".join(p for p in (lower, upper) if p))
    for low, high, unit in (("minLength", "maxLength", "characters"), ("minItems", "maxItems", "items")):
        a, b = schema.get(low), schema.get(high)
        if a is not None and b is not None:
            parts.append(f"{a} to {b} {unit}")
        elif a is not None:
            parts.append(f"at least {a} {unit}")
        elif b is not None:
            parts.append(f"at most {b} {unit}")
    if "enum" in schema:
        parts.append("one of " + ", ".join(repr(v) for v in schema["enum"]))
    if "const" in schema:
        parts.append(f"exactly {schema['const']!r}")
    items = schema.get("items")
    if isinstance(items, dict) and "$ref" not in items:
        inner = describe(items)
        if inner:
            parts.append(f"each {inner}")
    text = ", ".join(parts)
    branches = [b for b in schema.get("oneOf", schema.get("anyOf", [])) if isinstance(b, dict) and "$ref" not in b]
    alts = [f"{b.get('type', 'value')}: {d}" for b in branches if (d := describe(b))]
    if alts:
        text = "; ".join(([text] if text else []) + alts)
    return text


def compile_node(schema: dict[str, Any]) -> dict[str, Any]:
    """Reduce a schema to the keywords the runtime validator reads; $refs become {"$ref": Name}."""
    if "$ref" in schema:
        return {"$ref": ref_name(schema["$ref"])}
    node: dict[str, Any] = {}
    typ = schema.get("type")
    if schema.get("format") == "binary":  # a file: checked by its own kinds (bytes, file object, path, tuple)
        node["format"] = "binary"
    elif typ is not None:
        node["type"] = list(typ) if isinstance(typ, list) else [typ]
    for key in CONSTRAINT_KEYS:
        if key in schema:
            node[key] = list(schema[key]) if key == "enum" else schema[key]
    if "items" in schema:
        node["items"] = compile_node(schema["items"])
    if "properties" in schema:
        node["properties"] = {name: compile_node(sub) for name, sub in schema["properties"].items()}
    if schema.get("required"):
        node["required"] = list(schema["required"])
    if schema.get("additionalProperties") is False:
        node["additionalProperties"] = False
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            node[key] = [compile_node(sub) for sub in schema[key]]
    if "title" in schema:
        node["title"] = schema["title"]
    doc = describe(schema)
    if doc:
        node["doc"] = doc
    return node


def compile_rules(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    schemas = doc.get("components", {}).get("schemas", {})
    return {name: compile_node(schema) for name, schema in schemas.items()}


def _walk(schema: Any, fn: Any) -> None:
    """Call fn on every schema object nested in schema (properties, items, unions)."""
    if not isinstance(schema, dict):
        return
    fn(schema)
    for sub in schema.get("properties", {}).values():
        _walk(sub, fn)
    if isinstance(schema.get("items"), dict):
        _walk(schema["items"], fn)
    if isinstance(schema.get("additionalProperties"), dict):
        _walk(schema["additionalProperties"], fn)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, []):
            _walk(sub, fn)


def _provenance(schema: dict[str, Any]) -> str:
    source = schema.get("x-oruel-source")
    if source is None:
        return ""
    url = schema.get("x-oruel-docs")
    return f"Source: {source}" + (f" ({url})." if url else ".")


def _annotate(schema: dict[str, Any]) -> None:
    """Move `default` out (so it is documented, not sent) and append range, default and provenance to the
    description that ends up in docstrings."""
    notes = []
    rng = describe(schema)
    if rng and "$ref" not in schema:
        notes.append(f"Range: {rng}.")
    if "default" in schema:
        notes.append(f"Server default: {schema.pop('default')!r}.")
    prov = _provenance(schema)
    if prov:
        notes.append(prov)
    if notes:
        base = str(schema.get("description", "")).strip()
        schema["description"] = " ".join(([base] if base else []) + notes)


def prepare_for_generator(doc: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    for schema in out.get("components", {}).get("schemas", {}).values():
        _walk(schema, _annotate)
    for item in out.get("paths", {}).values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            prov = _provenance(op)
            if prov:
                op["description"] = (str(op.get("description", "")).strip() + " " + prov).strip()
            for param in op.get("parameters", []):
                if isinstance(param, dict) and isinstance(param.get("schema"), dict):
                    _walk(param["schema"], _annotate)
    return out


def binary_media_types(doc: dict[str, Any]) -> dict[str, str]:
    """Media types of `format: binary` responses (audio/mpeg, ...) that openapi-python-client should read as
    bytes; it skips media types it does not know."""
    found: dict[str, str] = {}
    for item in doc.get("paths", {}).values():
        for op in item.values():
            for resp in op.get("responses", {}).values() if isinstance(op, dict) else ():
                for media, content in (resp.get("content", {}) if isinstance(resp, dict) else {}).items():
                    schema = content.get("schema", {}) if isinstance(content, dict) else {}
                    if schema.get("format") == "binary" and media != "application/octet-stream":
                        found[media] = "application/octet-stream"
    return found
