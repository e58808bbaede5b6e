"""The plan: what the generator makes of each operation, decided once, here, from the (loaded and normalized) spec.

Per operation: its facade method (`x-oruel-resource`, else derived from the path as the openai SDK names it), how a
stream is parsed (one chunk schema, or a union of event schemas told apart by their `type`) and how it ends
(`[DONE]` or the end of the body), and whether a list is cursor-paginated. Templates and the runtime read these
decisions; nothing downstream re-derives them.
"""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .spec import compile_node, ref_name

METHODS = ("get", "post", "put", "patch", "delete")
DONE = "[DONE]"
# Attributes every facade class (and the root, which the client inherits) has already: no method or resource
# may take these names.
RESERVED = frozenset(
    {
        "with_raw_response",
        "with_streaming_response",
        "with_options",
        "close",
        "base_url",
        "api_key",
        "timeout",
        "max_retries",
        "validates",
    }
)


class PlanError(SystemExit):
    """The spec asks for something the plan cannot give; the message says where and what to change."""


@dataclass(frozen=True)
class Event:
    """One member of an event stream's union: the `type` value that selects it and its component schema."""

    type: str
    schema: str


@dataclass(frozen=True)
class Pagination:
    """A cursor-paginated list: `param` is the query parameter that takes the cursor, `items` the response's
    array of items, `has_more` its flag, `next` the response field giving the next cursor (None: the last
    item's `id`)."""

    param: str
    items: str
    has_more: str | None
    next: str | None


@dataclass
class OperationPlan:
    op_id: str
    method: str
    path: str
    body: str | None
    accept: str | None
    resource: str
    auth: bool
    source: Any
    docs: Any
    parameters: dict[str, Any]
    chunk: str | None = None  # a stream of one schema
    events: tuple[Event, ...] = ()  # a stream of several, by their discriminator
    discriminator: str = "type"
    stream_done: bool = True  # the stream ends with a `[DONE]` data line (else with the body)
    stream_flag: bool = False  # the request body has a `stream` field that asks for events
    pagination: Pagination | None = None
    explicit_resource: bool = field(default=False, repr=False)
    # Query parameters with `style: deepObject`: an object is sent as `name[key]=value`.
    deep_objects: tuple[str, ...] = ()

    @property
    def streams(self) -> bool:
        return bool(self.chunk or self.events)

    def as_rules(self) -> dict[str, Any]:
        """What the runtime's OPERATIONS table says about this operation (generated into _generated/rules.py)."""
        return {
            "method": self.method,
            "path": self.path,
            "body": self.body,
            "chunk": self.chunk,
            "accept": self.accept,
            "resource": self.resource,
            "auth": self.auth,
            "source": self.source,
            "docs": self.docs,
            "parameters": self.parameters,
            **({"events": {e.type: e.schema for e in self.events}} if self.events else {}),
            **({"stream_done": False} if self.streams and not self.stream_done else {}),
            **({"pagination": self.pagination.__dict__} if self.pagination else {}),
        }


# ------------------------------------------------------------------------------------------------- helpers


def _resolve(doc: dict[str, Any], schema: Any) -> Any:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 50:
        schema = doc.get("components", {}).get("schemas", {}).get(ref_name(schema["$ref"]), {})
        seen += 1
    return schema


def _properties(doc: dict[str, Any], schema: Any, depth: int = 0) -> dict[str, Any]:
    """An object schema's properties, its allOf parts' included."""
    schema = _resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 20:
        return {}
    props: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        props.update(_properties(doc, part, depth + 1))
    props.update(schema.get("properties") or {})
    return props


def _parameter(doc: dict[str, Any], param: Any) -> Any:
    """A parameter object, through a `#/components/parameters/...` reference."""
    ref = param.get("$ref") if isinstance(param, dict) else None
    if isinstance(ref, str) and ref.startswith("#/components/parameters/"):
        return doc.get("components", {}).get("parameters", {}).get(ref.rsplit("/", 1)[1])
    return param


def identifier(text: str) -> str:
    """A path segment as a Python name, as the openai SDK spells them: fine-tuning -> fine_tuning,
    fineTuning -> fine_tuning."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    name = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    if not name:
        return ""
    if name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name):
        name += "_"
    return name


_VERSION = re.compile(r"^v\d+[a-z0-9]*$")


def _segments(path: str) -> list[tuple[str, bool]]:
    """(name, is_parameter) per segment; a leading version segment (`/v1/files`) is the base URL's, not a
    resource."""
    parts = [p for p in path.split("/") if p]
    while parts and _VERSION.match(parts[0]):
        parts = parts[1:]
    return [(p[1:-1], True) if p.startswith("{") and p.endswith("}") else (p, False) for p in parts]


def derive_resource(path: str, method: str, paths: dict[str, Any]) -> str:
    """The facade method of an operation without `x-oruel-resource`, named as the openai SDK names them:
    `POST /files` files.create, `GET /files` files.list, `GET /files/{id}` files.retrieve, `DELETE` delete,
    `POST|PATCH|PUT /files/{id}` update, `GET /files/{id}/content` files.content, `POST /batches/{id}/cancel`
    batches.cancel. A segment after a parameter is an action (a method) unless it is a collection of its own
    (it has items, `/threads/{id}/messages/{message_id}`, or several methods): then it is a sub-resource."""
    segs = _segments(path)
    statics = [identifier(name) for name, param in segs if not param]
    statics = [s for s in statics if s]
    item_methods = {m for m in (paths.get(path) or {}) if m in METHODS}
    if segs and segs[-1][1]:  # /files/{file_id}
        others = item_methods - {method}
        if method == "get":
            verb = "retrieve"
        elif method == "delete":
            verb = "delete"
        elif method == "patch" or (method == "put" and "patch" not in others):
            verb = "update"
        elif method == "put":
            verb = "replace"
        else:  # post
            verb = "update" if not others & {"patch", "put"} else "post"
        return ".".join([*statics, verb]) if statics else verb
    if len(segs) >= 2 and segs[-2][1] and statics:
        # /files/{file_id}/content: an action, unless a collection of its own.
        prefix = path.rstrip("/")
        collection = len(item_methods) > 1 or any(
            p.startswith(prefix + "/{") for p in paths if isinstance(p, str) and p != path
        )
        if not collection:
            return ".".join(statics)
    verb = {"get": "list", "post": "create", "put": "update", "patch": "update", "delete": "delete"}[method]
    return ".".join([*statics, verb]) if statics else verb


def _stream_schema(op: dict[str, Any]) -> tuple[str, Any] | None:
    for code, resp in (op.get("responses") or {}).items():
        if not str(code).startswith("2") or not isinstance(resp, dict):
            continue
        sse = (resp.get("content") or {}).get("text/event-stream")
        if isinstance(sse, dict) and isinstance(sse.get("schema"), dict):
            return str(code), sse
    return None


def _union_members(doc: dict[str, Any], schema: dict[str, Any], where: str) -> tuple[list[str], str] | None:
    """The component names of a oneOf/anyOf of event schemas (unions of unions flattened), and the
    discriminating property; None when the schema is a single object."""
    target = _resolve(doc, schema)
    branches = target.get("oneOf") or target.get("anyOf") if isinstance(target, dict) else None
    if not branches:
        return None
    prop = str((target.get("discriminator") or {}).get("propertyName") or "type")
    names: list[str] = []
    for i, branch in enumerate(branches):
        if not (isinstance(branch, dict) and "$ref" in branch):
            raise PlanError(
                f"{where}/oneOf/{i}: an event stream's union needs each event as a $ref to a component schema "
                "(move the inline schema under components/schemas)"
            )
        inner = _union_members(doc, branch, f"{where}/oneOf/{i}")
        names += inner[0] if inner else [ref_name(branch["$ref"])]
    return names, prop


def _event_type(doc: dict[str, Any], name: str, prop: str, where: str) -> str:
    tag = _properties(doc, {"$ref": f"#/components/schemas/{name}"}).get(prop)
    tag = _resolve(doc, tag) if isinstance(tag, dict) else {}
    if "const" in tag:
        return str(tag["const"])
    if isinstance(tag.get("enum"), list) and len(tag["enum"]) == 1:
        return str(tag["enum"][0])
    raise PlanError(
        f"#/components/schemas/{name}: event of the stream at {where} has no single `{prop}` value; give its "
        f"`{prop}` property a `const` (or a one-value `enum`) so that events can be told apart"
    )


def _stream_plan(doc: dict[str, Any], plan: OperationPlan, op: dict[str, Any], where: str) -> None:
    found = _stream_schema(op)
    if found is None:
        return
    code, media = found
    where = f"{where}/responses/{code}/content/text~1event-stream"
    schema = media["schema"]
    union = _union_members(doc, schema, where + "/schema")
    if union is not None:
        names, prop = union
        events: dict[str, Event] = {}
        for name in names:
            tag = _event_type(doc, name, prop, where)
            if tag in events and events[tag].schema != name:
                raise PlanError(
                    f"{where}: events {events[tag].schema} and {name} both have {prop} {tag!r}; each event type "
                    "must select one schema"
                )
            events[tag] = Event(tag, name)
        plan.events, plan.discriminator = tuple(events.values()), prop
        default_done = False  # typed-event streams (Responses, transcription) end with the body
    elif "$ref" in schema:
        plan.chunk = ref_name(schema["$ref"])
        default_done = True  # chat-style chunk streams end with a `data: [DONE]` line
    else:
        raise PlanError(f"{where}/schema: a stream's chunk must be a $ref to a component schema")
    terminator = media.get("x-oruel-stream-terminator", op.get("x-oruel-stream-terminator", "default"))
    if terminator == "default":
        plan.stream_done = default_done
    elif terminator in (DONE, None, False):
        plan.stream_done = terminator == DONE
    else:
        raise PlanError(f"{where}/x-oruel-stream-terminator: {terminator!r} is not '[DONE]' or null")
    body = ((op.get("requestBody") or {}).get("content") or {}).values()
    plan.stream_flag = any("stream" in _properties(doc, m.get("schema")) for m in body if isinstance(m, dict))


def _success_schema(doc: dict[str, Any], op: dict[str, Any]) -> Any:
    for code, resp in (op.get("responses") or {}).items():
        if str(code).startswith("2") and isinstance(resp, dict):
            media = (resp.get("content") or {}).get("application/json")
            if isinstance(media, dict):
                return media.get("schema")
    return None


def _pagination(doc: dict[str, Any], op: dict[str, Any], params: list[dict[str, Any]], where: str) -> Pagination | None:
    """Cursor pagination: `x-oruel-pagination` says so (or `false`: not paginated); without it, an `after`
    query parameter and a JSON answer with a `data` array and a boolean `has_more`."""
    mark = op.get("x-oruel-pagination")
    if mark is False:
        return None
    query = {p.get("name") for p in params if p.get("in") == "query"}
    props = _properties(doc, _success_schema(doc, op))
    if mark is None:
        has_more = _resolve(doc, props.get("has_more"))
        items = _resolve(doc, props.get("data"))
        if not (
            "after" in query
            and isinstance(items, dict)
            and items.get("type") == "array"
            and isinstance(has_more, dict)
            and has_more.get("type") == "boolean"
        ):
            return None
        return Pagination("after", "data", "has_more", "last_id" if "last_id" in props else None)
    spec = {} if mark in (True, "cursor") else mark
    if not isinstance(spec, dict):
        raise PlanError(f"{where}/x-oruel-pagination: expected true, 'cursor' or a mapping, not {mark!r}")
    pag = Pagination(
        str(spec.get("param", "after")),
        str(spec.get("items", "data")),
        spec.get("has_more", "has_more" if "has_more" in props else None),
        spec.get("next", "last_id" if "last_id" in props else None),
    )
    if pag.param not in query:
        raise PlanError(f"{where}/x-oruel-pagination: the operation has no query parameter {pag.param!r}")
    for what, name in (("items", pag.items), ("has_more", pag.has_more), ("next", pag.next)):
        if name is not None and name not in props:
            raise PlanError(f"{where}/x-oruel-pagination: {what} {name!r} is not a property of the JSON answer")
    return pag


# ----------------------------------------------------------------------------------------------- the plan


def operations(doc: dict[str, Any]) -> dict[str, OperationPlan]:
    """Every operation's plan, by operationId; two operations on one facade method is a PlanError."""
    ops: dict[str, OperationPlan] = {}
    global_auth = bool(doc.get("security"))
    paths = doc.get("paths") or {}
    for path, item in paths.items():
        for method, op in item.items():
            if method not in METHODS or not isinstance(op, dict):
                continue
            where = f"#/paths/{path.replace('~', '~0').replace('/', '~1')}/{method}"
            op_id = op.get("operationId")
            if not op_id:
                raise PlanError(f"{where}: operationId is required")
            body = (op.get("requestBody") or {}).get("content", {})
            body_schema = None
            for media in ("application/json", "multipart/form-data"):
                if media in body and "$ref" in (body[media].get("schema") or {}):
                    body_schema = ref_name(body[media]["schema"]["$ref"])
            accept: list[str] = []
            for code, resp in (op.get("responses") or {}).items():
                content = resp.get("content", {}) if isinstance(resp, dict) else {}
                if str(code).startswith("2"):
                    accept += [m for m in content if m != "text/event-stream" and m not in accept]
            security = op.get("security")
            params = [_parameter(doc, p) for p in (item.get("parameters") or []) + (op.get("parameters") or [])]
            params = [p for p in params if isinstance(p, dict) and "name" in p]
            explicit = op.get("x-oruel-resource")
            plan = OperationPlan(
                op_id=op_id,
                method=method,
                path=path,
                body=body_schema,
                accept=", ".join(accept) or None,
                resource=str(explicit) if explicit else derive_resource(path, method, paths),
                auth=bool(security) if security is not None else global_auth,
                source=op.get("x-oruel-source"),
                docs=op.get("x-oruel-docs"),
                parameters={p["name"]: compile_node(p["schema"]) for p in params if isinstance(p.get("schema"), dict)},
                explicit_resource=bool(explicit),
                deep_objects=tuple(
                    p["name"] for p in params if p.get("in") == "query" and p.get("style") == "deepObject"
                ),
            )
            _stream_plan(doc, plan, op, where)
            plan.pagination = _pagination(doc, op, params, where)
            ops[op_id] = plan
    _settle_derived(ops)
    _check_facade(ops)
    return ops


def _settle_derived(ops: dict[str, OperationPlan]) -> None:
    """A derived name that another operation also gets (OpenAI's `POST /threads/runs` and
    `POST /threads/{thread_id}/runs` are both threads.runs.create), or that is also a resource, or reserved, is
    replaced by one named from the operationId on the same resource (threads.runs.create_thread_and_run): a spec
    pasted from a vendor generates with every operation, and explicit names always keep theirs."""
    taken: dict[str, int] = {}
    for plan in ops.values():
        taken[plan.resource] = taken.get(plan.resource, 0) + 1
    explicit = {plan.resource for plan in ops.values() if plan.explicit_resource}
    resources = {".".join(r.split(".")[:i]) for r in taken for i in range(1, len(r.split(".")))}
    for plan in ops.values():
        name = plan.resource
        if plan.explicit_resource or not (
            taken[name] > 1 or name in explicit or name in resources or name.split(".")[-1] in RESERVED
        ):
            continue
        parts = name.split(".")
        owner = parts[:-1] if len(parts) > 1 else parts
        plan.resource = ".".join([*owner, identifier(plan.op_id) or plan.method])


def _check_facade(ops: dict[str, OperationPlan]) -> None:
    """One operation per facade method, and no name that is both a method and a sub-resource of one class."""
    by_method: dict[str, OperationPlan] = {}
    for plan in ops.values():
        parts = plan.resource.split(".")
        bad = [p for p in parts if not p.isidentifier() or keyword.iskeyword(p) or p.startswith("_")]
        if len(parts) < 2 or bad or parts[-1] in RESERVED or RESERVED & set(parts):
            raise PlanError(
                f"{plan.method.upper()} {plan.path} ({plan.op_id}): facade name {plan.resource!r} is not usable "
                "(need resource.method with Python names, none of " + ", ".join(sorted(RESERVED)) + "); set "
                "x-oruel-resource on the operation"
            )
        other = by_method.get(plan.resource)
        if other is not None:
            raise PlanError(
                f"two operations map to the facade method client.{plan.resource}: "
                f"{other.method.upper()} {other.path} ({other.op_id}) and {plan.method.upper()} {plan.path} "
                f"({plan.op_id}); give one of them another `x-oruel-resource` (e.g. {plan.resource}_2)"
            )
        by_method[plan.resource] = plan
    resources = {".".join(r.split(".")[:i]) for r in by_method for i in range(1, len(r.split(".")))}
    for name, plan in by_method.items():
        if name in resources:
            raise PlanError(
                f"client.{name} is both a method ({plan.op_id}: {plan.method.upper()} {plan.path}) and a resource "
                f"with methods of its own; set x-oruel-resource on {plan.op_id}"
            )


# ------------------------------------------------------------------------------ what hand-written code needs

NEEDS_FILE = "_facade_needs.py"


def needed_methods(package_dir: Path) -> dict[str, str]:
    """The facade methods the package's hand-written code calls (its `_facade_needs.py`: method -> who needs
    it), read as data so that stale generated code is never imported; {} when the package has none."""
    path = package_dir / NEEDS_FILE
    if not path.is_file():
        return {}
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        target: ast.expr | None = None
        if isinstance(node, ast.AnnAssign):
            target = node.target
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "NEEDED" and isinstance(node, ast.Assign | ast.AnnAssign):
            if node.value is None:
                continue
            value = ast.literal_eval(node.value)
            # Only what the package's own files call: a core runtime copied beside another spec's models has no CLI.
            return {str(k): str(v) for k, v in value.items() if (package_dir / str(v)).is_file()}
    raise PlanError(f"{path}: no NEEDED = {{facade method: who needs it}} mapping")


def missing_needs(ops: dict[str, OperationPlan], needed: dict[str, str]) -> list[str]:
    have = {plan.resource for plan in ops.values()}
    return [f"client.{name} (used by {who})" for name, who in needed.items() if name not in have]


# ------------------------------------------------------------------------------------------- facade classes

# The names a resource class adds to a facade module: itself, its async twin and their response wrappers.
CLASS_VARIANTS = tuple(
    pre + "{}" + suf for pre in ("", "Async") for suf in ("", "WithRawResponse", "WithStreamingResponse")
)


def class_names(paths: list[tuple[str, ...]], taken: set[str]) -> dict[tuple[str, ...], str]:
    """A class name for each facade resource (e.g. ("chat", "completions") -> ChatCompletions), from its whole
    path. Joining the words loses where one part ends (`chat_completions` and `chat.completions`, `Chat` and
    `chat` both give ChatCompletions / Chat), so a name whose variants (CLASS_VARIANTS) meet another class's, or a
    name in ``taken`` (what the facade modules import), gets `Resource` then a number added; paths are named in
    sorted order, so the names do not depend on the order of the operations in the spec."""
    names: dict[tuple[str, ...], str] = {}
    used = set(taken)
    for path in sorted(set(paths)):
        base = "".join(word.capitalize() for part in path for word in part.split("_"))
        candidates = [base, base + "Resource", *(f"{base}Resource{n}" for n in range(2, 100))]
        for name in candidates:
            variants = {v.format(name) for v in CLASS_VARIANTS}
            if not variants & used:
                names[path] = name
                used |= variants
                break
        else:  # 100 resources whose paths spell the same words: no spec does this by accident
            raise PlanError(f"client.{'.'.join(path)}: no free class name for this resource (tried {base}...)")
    return names


def module_names(attrs: list[str]) -> dict[str, str]:
    """The file name (without .py) of each top-level resource's facade module: its attribute, lower-cased, so that
    two resources never share a file on a case-insensitive file system (`chat` keeps chat.py, `Chat` gets
    chat_2.py)."""
    names = {attr: attr for attr in attrs if attr == attr.lower()}
    used = set(names.values())
    for attr in sorted(a for a in attrs if a not in names):
        name, n = attr.lower(), 1
        while name in used:
            n += 1
            name = f"{attr.lower()}_{n}"
        names[attr] = name
        used.add(name)
    return names
