"""Work around openapi-python-client 0.29.1 limits, on the copy of the spec handed to it only (the embedded
document, the validator rules and the local server keep the spec as written).

Each function rewrites one shape upstream refuses or mishandles into an equivalent one it accepts:

- `allOf` whose members redefine a property (a nullable override of a non-null field, a narrower enum), or
  whose members are not all objects: merged here into one object, the later definition of a property winning,
  as a validator reading the document applies the most specific one a caller sees; and `allOf` of one union of
  objects and objects (`allOf: [{oneOf: [A, B]}, C]`, as Hugging Face's TGI writes `Message`): distributed into
  the union of the merged objects (`oneOf: [A+C, B+C]`), which is what it validates;
- array header parameters: a comma-joined string, which is what OpenAPI's `simple` style sends;
- media types it has no reader for (`application/sdp`, ...): read and sent as bytes;
- an object written inline in a union member: hoisted into `components/schemas` under a stable name, since
  upstream builds it twice (once per pass) and then refuses the duplicate model.
"""

from __future__ import annotations

import copy
import re
from typing import Any

REF_PREFIX = "#/components/schemas/"
# Media types openapi-python-client 0.29.1 reads or writes itself; any other becomes bytes.
KNOWN_MEDIA = re.compile(
    r"^(application/([\w.+-]*\+)?json|multipart/form-data|application/x-www-form-urlencoded"
    r"|application/octet-stream|text/plain|text/event-stream)$"
)
MERGED_KEYS = ("description", "title", "nullable", "additionalProperties")


def adapt(doc: dict[str, Any], warn: list[str] | None = None) -> dict[str, Any]:
    """The document rewritten for openapi-python-client (doc is modified and returned; pass a copy)."""
    notes = warn if warn is not None else []
    schemas = doc.get("components", {}).get("schemas", {})
    _merge_all_ofs(doc, schemas)
    _hoist_union_objects(doc.get("components", {}).get("schemas", {}))  # a new dict: merging rebuilt it
    _array_headers(doc)
    _unknown_media(doc, notes)
    return doc


# --- allOf ---------------------------------------------------------------------------------------------------


def _resolve(node: Any, schemas: dict[str, Any]) -> Any:
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith(REF_PREFIX):
        name = node["$ref"][len(REF_PREFIX) :]
        if name in seen or name not in schemas:
            return None
        seen.add(name)
        node = schemas[name]
    return node


def _is_object(node: Any) -> bool:
    if not isinstance(node, dict) or any(k in node for k in ("oneOf", "anyOf", "enum", "const", "allOf")):
        return False
    typ = node.get("type")
    return typ == "object" or (typ is None and "properties" in node)


def _needs_merge(members: list[Any], schemas: dict[str, Any]) -> bool:
    resolved = [_resolve(m, schemas) for m in members]
    if not all(_is_object(r) for r in resolved):
        return False  # a union or scalar member: left to upstream (merging would change its meaning)
    seen: dict[str, Any] = {}
    for r in resolved:
        for name, prop in (r.get("properties") or {}).items():
            if name in seen and seen[name] != prop:
                return True
            seen[name] = prop
    # A member that is itself an allOf merged here must be merged into its users as well.
    return any(
        isinstance(m, dict) and "$ref" in m and "x-oruel-merged" in (_resolve(m, schemas) or {}) for m in members
    )


def _merge(node: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {"type": "object", "properties": {}}
    required: list[str] = []
    for member in node["allOf"]:
        r = _resolve(member, schemas)
        merged["properties"].update(copy.deepcopy(r.get("properties") or {}))
        required.extend(x for x in r.get("required") or [] if x not in required)
        for key in MERGED_KEYS:
            if key in r and key not in ("title", "description"):
                merged[key] = copy.deepcopy(r[key])
    for key, value in node.items():
        if key != "allOf":
            merged[key] = value
    if required:
        merged["required"] = required
    merged["x-oruel-merged"] = True
    return merged


def _union_to_distribute(members: list[Any], schemas: dict[str, Any]) -> str | None:
    """The index (as text) of the one member that is a oneOf/anyOf of objects, when every other member is an
    object; None otherwise."""
    resolved = [_resolve(m, schemas) for m in members]
    unions = [i for i, r in enumerate(resolved) if isinstance(r, dict) and _union_key(r) is not None]
    if len(unions) != 1 or not all(_is_object(r) for i, r in enumerate(resolved) if i != unions[0]):
        return None
    union = resolved[unions[0]]
    branches = union[_union_key(union)]
    return str(unions[0]) if all(_is_object(_resolve(b, schemas)) for b in branches) else None


def _union_key(node: dict[str, Any]) -> str | None:
    keys = [k for k in ("oneOf", "anyOf") if isinstance(node.get(k), list) and node[k]]
    others = set(node) - {"oneOf", "anyOf", "description", "title", "discriminator"}
    return keys[0] if len(keys) == 1 and not others else None


def _distribute(node: dict[str, Any], index: str, schemas: dict[str, Any]) -> dict[str, Any]:
    members = node["allOf"]
    union = _resolve(members[int(index)], schemas)
    key = _union_key(union)
    assert key is not None
    rest = [m for i, m in enumerate(members) if i != int(index)]
    out = {k: v for k, v in node.items() if k != "allOf"}
    out[key] = [_merge({"allOf": [branch, *rest]}, schemas) for branch in union[key]]
    return out


def _nullable_all_of(node: dict[str, Any]) -> dict[str, Any]:
    """`allOf: [{$ref: X}, {nullable: true}]` (a 3.0 idiom for a nullable reference) as `anyOf: [X, null]`;
    upstream takes allOf of objects only."""
    members = node["allOf"]
    marks = [m for m in members if isinstance(m, dict) and m and set(m) <= {"nullable", "description", "title"}]
    rest = [m for m in members if m not in marks]
    if not marks or len(rest) != 1:
        return node
    out = {k: v for k, v in node.items() if k != "allOf"}
    if any(m.get("nullable") for m in marks):
        out["anyOf"] = [rest[0], {"type": "null"}]
    else:
        out["allOf"] = rest
    return out


def _merge_all_ofs(doc: dict[str, Any], schemas: dict[str, Any]) -> None:
    # Components first, until nothing changes: a merged schema makes those that include it mergeable.
    changed = True
    while changed:
        changed = False
        for name, schema in list(schemas.items()):
            if isinstance(schema, dict) and isinstance(schema.get("allOf"), list):
                union = _union_to_distribute(schema["allOf"], schemas)
                if union is not None:
                    schemas[name] = _distribute(schema, union, schemas)
                    changed = True
                elif _needs_merge(schema["allOf"], schemas):
                    schemas[name] = _merge(schema, schemas)
                    changed = True

    def visit(node: Any, member: bool = False) -> Any:
        if isinstance(node, list):
            return [visit(x, member) for x in node]
        if not isinstance(node, dict):
            return node
        out = {k: visit(v, k in ("oneOf", "anyOf")) for k, v in node.items()}
        if isinstance(out.get("allOf"), list):
            out = _nullable_all_of(out)
        if isinstance(out.get("allOf"), list):
            members = out["allOf"]
            # A union member written as allOf: upstream refuses it inside the union ("Invalid property in union").
            if _needs_merge(members, schemas) or (member and all(_is_object(_resolve(m, schemas)) for m in members)):
                out = _merge(out, schemas)
        return out

    for key in ("paths", "components"):
        if key in doc:
            doc[key] = visit(doc[key])
    for schema in doc.get("components", {}).get("schemas", {}).values():
        if isinstance(schema, dict):
            schema.pop("x-oruel-merged", None)


# --- inline objects in unions --------------------------------------------------------------------------------


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", text) if w)


def _hoist_union_objects(schemas: dict[str, Any]) -> None:
    """A titled inline object member of a component's oneOf/anyOf that itself holds an inline object becomes
    its own component `<Component><Title>`."""
    for name in list(schemas):
        schema = schemas[name]
        if not isinstance(schema, dict):
            continue
        for key in ("oneOf", "anyOf"):
            members = schema.get(key)
            if not isinstance(members, list):
                continue
            for i, member in enumerate(members):
                if not (_is_object(member) and _has_inline_object(member)):
                    continue
                new = name + _camel(str(member.get("title") or f"Option{i + 1}"))
                while new in schemas:
                    new += "_"
                # Without its title: upstream names a model from its title, which other components may share.
                schemas[new] = {k: v for k, v in member.items() if k != "title"}
                members[i] = {"$ref": REF_PREFIX + new}


def _has_inline_object(schema: dict[str, Any]) -> bool:
    for prop in (schema.get("properties") or {}).values():
        if not isinstance(prop, dict):
            continue
        if _is_object(prop) and prop.get("properties"):
            return True
        for key in ("oneOf", "anyOf"):
            if any(_is_object(m) and m.get("properties") for m in prop.get(key) or []):
                return True
    return False


# --- parameters and media types ------------------------------------------------------------------------------


def _operations(doc: dict[str, Any]) -> Any:
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if isinstance(op, dict) and method in ("get", "put", "post", "delete", "patch", "head", "options"):
                yield path, method, item, op


def _array_headers(doc: dict[str, Any]) -> None:
    params = doc.get("components", {}).get("parameters", {})
    for _, _, item, op in _operations(doc):
        for param in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
            if isinstance(param, dict) and "$ref" in param:
                param = params.get(param["$ref"].rsplit("/", 1)[-1], {})
            schema = param.get("schema") if isinstance(param, dict) else None
            if param.get("in") == "header" and isinstance(schema, dict) and schema.get("type") == "array":
                text = "Comma-separated values (OpenAPI simple style)."
                param["schema"] = {"type": "string", "description": text}


def _unknown_media(doc: dict[str, Any], notes: list[str]) -> None:
    for path, method, _, op in _operations(doc):
        bodies = [op.get("requestBody")] + list((op.get("responses") or {}).values())
        for body in bodies:
            content = body.get("content") if isinstance(body, dict) else None
            if not isinstance(content, dict):
                continue
            for media in list(content):
                if KNOWN_MEDIA.match(media.split(";")[0].strip()):
                    continue
                if ((content[media] or {}).get("schema") or {}).get("format") == "binary":
                    continue  # read as bytes already (spec.binary_media_types)
                entry = content.pop(media)
                schema = {"type": "string", "format": "binary"}
                if "application/octet-stream" not in content:
                    content["application/octet-stream"] = {**(entry or {}), "schema": schema}
                notes.append(f"{method.upper()} {path}: {media} is read and sent as bytes")
