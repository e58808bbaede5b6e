"""Between reading and validating: the well-known, benign mistakes of published vendor specs, repaired in place so
that the validator (which then checks the repaired document) and every later stage see a document they accept.

Each repair is one `Repair` (a JSON pointer and what was done), which the command line prints as a warning:
- a `default` its own schema refuses is dropped (defaults are documentation here: the client never sends them);
- an `example` (or an item of `examples`) that contradicts its schema's `type` is dropped;
- in a 3.1 document, the OpenAPI 3.0 keywords `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`
  are converted as they are for a 3.0 document (`normalize.openapi_31` does the 3.0 ones, silently: there
  they are valid); in a 3.0 document, a numeric (3.1) `exclusiveMinimum`/`exclusiveMaximum` becomes the 3.0
  form, `minimum`/`maximum` with the boolean (as Hugging Face's TGI publishes: `minimum: 0, exclusiveMinimum: 0`);
- the JSON Schema 2019-09 `$recursiveRef: "#"` becomes a `$ref` to the component that holds it (what
  `$recursiveAnchor: true` on that component means in an OpenAPI document), and `$recursiveAnchor` is dropped;
- entries repeated in `required` are kept once.
What cannot be repaired stays for the validator to refuse, with its pointer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .load import pointer
from .normalize import Parts, _contradicts, _make_nullable, nullable_all_of, schemas, subschemas


@dataclass(frozen=True)
class Repair:
    pointer: str
    done: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.done}"


def repair(doc: dict[str, Any]) -> list[Repair]:
    """Repair doc in place; what was done, in document order."""
    done: list[Repair] = []
    is_31 = not str(doc.get("openapi", "")).startswith("3.0")
    done += _recursive_refs(doc)
    for parts, schema, _ in list(schemas(doc)):
        if is_31:
            done += _keywords_30(parts, schema)
        else:
            done += _bounds_31(parts, schema)
        done += _required_once(parts, schema)
    done += _examples(doc)
    done += _defaults(doc, is_31)
    return done


def _keywords_30(parts: Parts, schema: dict[str, Any]) -> list[Repair]:
    done = []
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(schema.get(bound), bool):
            flag = schema.pop(bound)
            if flag and limit in schema:
                schema[bound] = schema.pop(limit)
                what = f"the OpenAPI 3.0 form `{bound}: true` became the 3.1 `{bound}: {schema[bound]!r}`"
            else:
                what = f"the OpenAPI 3.0 form `{bound}: {str(flag).lower()}` was dropped (no `{limit}` to apply to)"
            done.append(Repair(pointer((*parts, bound)), what))
    if nullable_all_of(schema):
        what = "the OpenAPI 3.0 idiom `allOf: [..., {nullable: true}]` became `anyOf: [{allOf: [...]}, {type: null}]`"
        done.append(Repair(pointer((*parts, "allOf")), what))
    if "nullable" in schema and schema.pop("nullable") is True:  # `nullable: false` meant nothing: dropped quietly
        _make_nullable(schema)
        what = "the OpenAPI 3.0 keyword `nullable: true` became its 3.1 form (null added to the type)"
        done.append(Repair(pointer((*parts, "nullable")), what))
    return done


def _bounds_31(parts: Parts, schema: dict[str, Any]) -> list[Repair]:
    done = []
    for bound, limit, stricter in (("exclusiveMinimum", "minimum", max), ("exclusiveMaximum", "maximum", min)):
        value = schema.get(bound)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        other = schema.get(limit)
        if isinstance(other, (int, float)) and not isinstance(other, bool) and stricter(other, value) != value:
            del schema[bound]  # the inclusive bound already excludes every value the exclusive one does
            what = f"the OpenAPI 3.1 form `{bound}: {value!r}` was dropped (`{limit}: {other!r}` is stricter)"
        else:
            schema[limit], schema[bound] = value, True
            what = f"the OpenAPI 3.1 form `{bound}: {value!r}` became the 3.0 `{limit}: {value!r}, {bound}: true`"
        done.append(Repair(pointer((*parts, bound)), what))
    return done


def _required_once(parts: Parts, schema: dict[str, Any]) -> list[Repair]:
    required = schema.get("required")
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        return []
    once = list(dict.fromkeys(required))
    if len(once) == len(required):
        return []
    schema["required"] = once
    repeated = sorted({r for r in required if required.count(r) > 1})
    return [Repair(pointer((*parts, "required")), f"repeated entries {repeated} are kept once")]


def _recursive_refs(doc: dict[str, Any]) -> list[Repair]:
    done: list[Repair] = []
    comps = (doc.get("components") or {}).get("schemas")
    for name, root in comps.items() if isinstance(comps, dict) else ():
        if not isinstance(root, dict):
            continue
        stack: list[tuple[Parts, dict[str, Any]]] = [(("components", "schemas", name), root)]
        while stack:
            parts, schema = stack.pop()
            if "$recursiveAnchor" in schema:
                del schema["$recursiveAnchor"]
                done.append(Repair(pointer((*parts, "$recursiveAnchor")), "the 2019-09 keyword was dropped"))
            if "$recursiveRef" in schema:
                target = schema.pop("$recursiveRef")
                if target == "#" and "$ref" not in schema:
                    schema["$ref"] = f"#/components/schemas/{name}"
                    what = f"the 2019-09 `$recursiveRef: '#'` became `$ref: {schema['$ref']!r}`"
                else:
                    what = f"the 2019-09 `$recursiveRef: {target!r}` was dropped (only '#' can be mapped)"
                done.append(Repair(pointer((*parts, "$recursiveRef")), what))
            stack.extend(reversed(list(subschemas(schema, parts))))
    return sorted(done, key=lambda r: r.pointer)


def _examples(doc: dict[str, Any]) -> list[Repair]:
    done = []
    for parts, schema, _ in schemas(doc):
        if "example" in schema:
            why = _contradicts(schema, schema["example"])
            if why:
                del schema["example"]
                done.append(Repair(pointer((*parts, "example")), f"dropped: {why}"))
        if isinstance(schema.get("examples"), list):
            keep = []
            for i, value in enumerate(schema["examples"]):
                why = _contradicts(schema, value)
                if why:
                    done.append(Repair(pointer((*parts, "examples", i)), f"dropped: {why}"))
                else:
                    keep.append(value)
            schema["examples"] = keep
    return done


def _defaults(doc: dict[str, Any], is_31: bool) -> list[Repair]:
    """Defaults the schema that holds them refuses, checked as openapi-spec-validator checks them (its value
    validator, with formats; a null default of a 3.0 `nullable` schema is accepted)."""
    found = [(parts, schema) for parts, schema, _ in schemas(doc) if "default" in schema]
    if not found:
        return []
    from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker

    cls: Any = OAS31Validator if is_31 else OAS30Validator
    formats = oas31_format_checker if is_31 else oas30_format_checker
    # The document's components at the root, so that a local "#/components/schemas/X" resolves as in the document.
    root = {k: v for k, v in doc.items() if k in ("components", "paths", "webhooks")}
    done = []
    for parts, schema in found:
        value = schema["default"]
        if value is None and schema.get("nullable") is True:
            continue
        try:
            error = next(iter(cls({**root, "allOf": [schema]}, format_checker=formats).iter_errors(value)), None)
        except Exception:  # noqa: BLE001 - a schema the validator cannot use: it reports that itself
            continue
        if error is not None:
            del schema["default"]
            message = str(error.message).splitlines()[0]
            done.append(Repair(pointer((*parts, "default")), f"dropped, its schema refuses it ({message})"))
    return done
