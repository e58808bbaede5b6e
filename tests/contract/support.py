"""Shared machinery of the contract properties: everything is read from the generated spec data.

``OPERATIONS`` and ``SCHEMAS`` (``oruel_client._generated.rules``) and ``DOCUMENT``
(``oruel_client._generated.document``) are the only sources of operations, fields and constraints here, so an
edit of openapi.yaml followed by ``python -m generator`` is covered with no test edited. The strategies of
``tests.spec_strategies`` give spec-valid values; this module adds what the contract properties need on top of
them: unknown fields and enum values for responses, a deterministic minimal instance per schema, an independent
JSON Schema oracle built from ``DOCUMENT``, a recording server that answers every operation with a spec-valid
body, and the call of an operation through the public client.
"""

from __future__ import annotations

import copy
import inspect
import json
import keyword
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from hypothesis import settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest

from oruel_client import Oruel, Stream
from oruel_client._generated.document import DOCUMENT
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from tests.rawhttp import Conn, RawServer, RecordedRequest, http_response, json_response, sse_head
from tests.spec_strategies import _FREE_JSON, _merge_all, resolve, schema

KEY = "oruel_" + "0123456789ab" * 4
# The protocol switch of streaming operations (those with a ``chunk`` schema in OPERATIONS).
STREAM_FIELD = "stream"
JSON = "application/json"
SSE = "text/event-stream"

# Characters that break naive decoders: multi-byte UTF-8 (2, 3 and 4 bytes), the Unicode line breaks that
# str.splitlines() and httpx's iter_lines() split on (U+2028, U+2029, U+0085, U+000B, U+000C, U+001C..1E),
# JSON escapes, and plain ASCII.
TRICKY_CHARS = st.sampled_from(
    [
        "a",
        "Z",
        " ",
        "é",
        "€",
        "中",
        "𝄞",
        "😀",
        "\u2028",
        "\u2029",
        "\x85",
        "\x0b",
        "\x0c",
        "\x1c",
        "\n",
        "\r",
        '"',
        "\\",
    ]
)
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
TRICKY_TEXT = st.text(
    alphabet=TRICKY_CHARS | st.characters(codec="utf-8", exclude_categories=NO_SURROGATES), max_size=20
)


def examples(n: int) -> int:
    """This test's example count: n under hypothesis' default profile (100 examples), scaled with the profile.

    ``--hypothesis-profile ci-long`` (registered in conftest.py) multiplies every contract property's budget.
    """
    return max(1, n * settings().max_examples // 100)


# --- operations ------------------------------------------------------------------------------------------------


def base_path() -> str:
    """The path part of the spec's server URL, e.g. ``/v1/inference``."""
    return str(urlsplit(DOCUMENT["servers"][0]["url"]).path).rstrip("/")


def operation_doc(op: str) -> Mapping[str, Any]:
    info = OPERATIONS[op]
    doc: Mapping[str, Any] = DOCUMENT["paths"][info["path"]][info["method"]]
    return doc


def success_content(op: str) -> Mapping[str, Any]:
    """Media type -> schema of the operation's documented 2xx response."""
    responses = operation_doc(op)["responses"]
    for status in sorted(responses):
        if status.startswith("2"):
            content: Mapping[str, Any] = responses[status].get("content", {})
            return content
    raise AssertionError(f"{op}: the spec documents no 2xx response")


def schema_name(media_schema: Mapping[str, Any] | None) -> str | None:
    """``Foo`` for ``{"$ref": "#/components/schemas/Foo"}``; None for an inline schema (e.g. binary)."""
    ref = (media_schema or {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def response_media(op: str) -> tuple[str, str | None]:
    """The non-streaming success media type of op and its component schema name (None: raw bytes)."""
    content = success_content(op)
    for media, body in content.items():
        if media != SSE:
            return media, schema_name(body.get("schema"))
    raise AssertionError(f"{op}: no non-streaming success media type")


def streaming_ops() -> list[str]:
    return [op for op, info in OPERATIONS.items() if info.get("chunk")]


def op_for(method: str, path: str) -> str:
    """The operationId served at method + path (path relative to the base path, no query)."""
    for op, info in OPERATIONS.items():
        if info["method"].upper() == method.upper() and info["path"] == path:
            return op
    raise AssertionError(f"no operation for {method} {path}")


def resource_method(client: Any, op: str) -> Callable[..., Any]:
    """``client.chat.completions.create`` for resource ``chat.completions.create``."""
    target = client
    for part in OPERATIONS[op]["resource"].split("."):
        target = getattr(target, part)
    method: Callable[..., Any] = target
    return method


def keyword_name(field: str) -> bool:
    """Whether a JSON field can travel as a facade keyword (the facade uses the JSON names)."""
    return field.isidentifier() and not keyword.iskeyword(field)


def call(client: Any, op: str, body: Mapping[str, Any] | None, **options: Any) -> Any:
    """Call op through the public facade: each body field as its keyword, any other name in extra_body."""
    method = resource_method(client, op)
    kwargs: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for field, value in (body or {}).items():
        (kwargs if keyword_name(field) else extra)[field] = value
    if extra:
        options = {**options, "extra_body": {**extra, **options.get("extra_body", {})}}
    return method(**kwargs, **options)


def facade_keywords(client: Any, op: str) -> set[str]:
    return set(inspect.signature(resource_method(client, op)).parameters)


def make_client(base_url: str, **kw: Any) -> Oruel:
    return Oruel(api_key=KEY, base_url=base_url, max_retries=0, timeout=30.0, **kw)


# --- strategies --------------------------------------------------------------------------------------------------


def body_strategy(op: str, *, stream: bool | None = False) -> st.SearchStrategy[dict[str, Any] | None]:
    """Spec-valid request bodies of op. stream=False: never ``stream: true``; True: always; None: as drawn."""
    name = OPERATIONS[op]["body"]
    if name is None:
        return st.none()
    bodies: st.SearchStrategy[dict[str, Any]] = schema(name)
    if not OPERATIONS[op].get("chunk") or stream is None:
        return bodies
    if stream:
        return bodies.map(lambda b: {**b, STREAM_FIELD: True})
    return bodies.map(lambda b: {k: v for k, v in b.items() if not (k == STREAM_FIELD and v is True)})


def object_properties(node: Mapping[str, Any]) -> Mapping[str, Any]:
    node = resolve(node)
    if "allOf" in node:
        merged: Mapping[str, Any] = _merge_all(node, SCHEMAS)["properties"]
        return merged
    props: Mapping[str, Any] = node.get("properties", {})
    return props


def is_object_rule(node: Mapping[str, Any]) -> bool:
    node = resolve(node)
    return "allOf" in node or "object" in node.get("type", ()) or "properties" in node


@dataclass(frozen=True)
class Unknowns:
    """What to add to a spec-valid value: unknown object keys, and unknown values for enums."""

    fields: bool = True
    enums: bool = True


def unknown_keys(known: Mapping[str, Any]) -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=8).filter(lambda k: k not in known)


@st.composite
def with_unknowns(draw: st.DrawFn, node: Mapping[str, Any], value: Any, add: Unknowns = Unknowns()) -> Any:
    """value (valid for node) with unknown keys added at any object level and unknown enum values substituted,
    as a server that moved ahead of the spec would send."""
    node = resolve(node)
    if "const" in node:
        return value
    if "enum" in node:
        if add.enums and isinstance(value, str) and draw(st.booleans()):
            return draw(st.text(min_size=1, max_size=12).filter(lambda v: v not in node["enum"]))
        return value
    for key in ("oneOf", "anyOf"):
        if key in node:
            branch = next(b for b in node[key] if rule_matches(b, value))
            return draw(with_unknowns(branch, value, add))
    if isinstance(value, dict) and is_object_rule(node):
        props = object_properties(node)
        out = {k: draw(with_unknowns(props[k], v, add)) if k in props else v for k, v in value.items()}
        if add.fields and props:
            out.update(draw(st.dictionaries(unknown_keys(props), _FREE_JSON, max_size=2)))
        return out
    if isinstance(value, list) and "items" in node:
        return [draw(with_unknowns(node["items"], v, add)) for v in value]
    return value


def strategy_with_unknowns(name: str, add: Unknowns = Unknowns()) -> st.SearchStrategy[Any]:
    return schema(name).flatmap(lambda v: with_unknowns({"$ref": name}, v, add))


# --- minimal instances -------------------------------------------------------------------------------------------


def minimal(node: Mapping[str, Any]) -> Any:
    """The smallest value valid for a rule node: required fields only, first branch, lowest bound."""
    node = resolve(node)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in node:
            return minimal(node[key][0])
    if "allOf" in node:
        merged = _merge_all(node, SCHEMAS)
        return {p: minimal(merged["properties"][p]) for p in merged["required"]}
    types = node.get("type") or ["object"]
    kind = types[0]
    if kind == "null":
        return None
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        low = node.get("minimum", node.get("exclusiveMinimum", 0) + (1 if "exclusiveMinimum" in node else 0))
        high = node.get("maximum", node.get("exclusiveMaximum", low + 2) - (1 if "exclusiveMaximum" in node else 0))
        return min(max(0, low), high)
    if kind == "string":
        return "a" * node.get("minLength", 0)
    if kind == "array":
        return [minimal(node["items"]) if "items" in node else None for _ in range(node.get("minItems", 0))]
    props = node.get("properties", {})
    return {p: minimal(props[p]) for p in node.get("required", []) if p in props}


def minimal_body(op: str) -> dict[str, Any] | None:
    name = OPERATIONS[op]["body"]
    return None if name is None else minimal({"$ref": name})


# --- the independent oracle: JSON Schema 2020-12 over the spec document itself ----------------------------------


@cache
def _component_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": DOCUMENT["components"]})


def spec_errors(name: str, value: Any) -> list[str]:
    """Why value breaks components/schemas/<name> of the spec (empty when valid)."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _component_validator(name).iter_errors(value)
    ]


def _rules_as_json_schema(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (f"#/$defs/{v}" if k == "$ref" else _rules_as_json_schema(v)) for k, v in node.items() if k != "doc"}
    if isinstance(node, list):
        return [_rules_as_json_schema(v) for v in node]
    return node


@cache
def _defs() -> dict[str, Any]:
    defs: dict[str, Any] = _rules_as_json_schema(SCHEMAS)
    return defs


@cache
def _rule_validator(node_json: str) -> Draft202012Validator:
    return Draft202012Validator({**_rules_as_json_schema(json.loads(node_json)), "$defs": _defs()})


def rule_matches(node: Mapping[str, Any], value: Any) -> bool:
    """Whether value satisfies a rule node of SCHEMAS (used to tell which union branch a value took)."""
    return bool(_rule_validator(json.dumps(node, sort_keys=True)).is_valid(value))


# --- openapi-core ------------------------------------------------------------------------------------------------


def openapi_for(base_url: str) -> OpenAPI:
    """The spec as an openapi-core object whose only server is base_url."""
    doc = copy.deepcopy(DOCUMENT)
    doc["servers"] = [{"url": base_url}]
    return OpenAPI.from_dict(doc)


def spec_document(base_url: str) -> dict[str, Any]:
    doc = copy.deepcopy(DOCUMENT)
    doc["servers"] = [{"url": base_url}]
    return doc


def validate_recorded(openapi: OpenAPI, host_url: str, req: RecordedRequest) -> None:
    """Validate a request captured on the wire (method, full URL, headers, body) with openapi-core."""
    path, _, query = req.path.partition("?")
    mock = MockRequest(
        host_url,
        req.method.lower(),
        path,
        args=dict(parse_qsl(query)),
        headers=dict(req.headers),
        data=req.body or None,
        content_type=req.headers.get("content-type", ""),
    )
    openapi.validate_request(mock)


# --- the recording server ----------------------------------------------------------------------------------------

Reply = Callable[[RecordedRequest, Conn], None]


def canned_reply(req: RecordedRequest, conn: Conn) -> None:
    """A minimal spec-valid 200 for whichever operation was called (SSE when the client asked for a stream)."""
    path = req.path.partition("?")[0].removeprefix(base_path())
    op = op_for(req.method, path)
    content = success_content(op)
    if SSE in content and SSE in req.headers.get("accept", ""):
        chunk = minimal({"$ref": schema_name(content[SSE]["schema"]) or ""})
        conn.send(sse_head())
        conn.send(b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n")
        return
    media, name = response_media(op)
    if name is None:
        conn.send(http_response(200, b"\x00audio\xff", {"content-type": media}))
    else:
        conn.send(json_response(200, minimal({"$ref": name})))


class Recorder:
    """A real HTTP server on 127.0.0.1 that records every request and answers with ``reply`` (by default a
    minimal spec-valid 200 for the operation called)."""

    def __init__(self) -> None:
        self.reply: Reply = canned_reply
        self.server = RawServer(handler=self._handle)

    def _handle(self, req: RecordedRequest, conn: Conn) -> None:
        self.reply(req, conn)

    @property
    def host_url(self) -> str:
        return self.server.url

    @property
    def base_url(self) -> str:
        return self.server.url + base_path()

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.server.requests

    def reset(self, reply: Reply = canned_reply) -> None:
        self.reply = reply
        self.server.requests.clear()

    def close(self) -> None:
        self.server.close()


@dataclass
class RecorderSession:
    """The recording server, the spec pointed at it (openapi-core) and one client of it, for a whole session."""

    recorder: Recorder
    openapi: OpenAPI
    client: Oruel


def recorder_session() -> Iterator[RecorderSession]:
    recorder = Recorder()
    client = make_client(recorder.base_url)
    try:
        yield RecorderSession(recorder, openapi_for(recorder.base_url), client)
    finally:
        client.close()
        recorder.close()


# --- JSON comparison -----------------------------------------------------------------------------------------------


def json_round_trip(value: Any) -> Any:
    return json.loads(json.dumps(value))


def canonical(value: Any) -> str:
    """JSON text that tells 1 from 1.0 and from true, with sorted keys: equality of this is exact equality."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def assert_same_json(actual: Any, expected: Any, what: str) -> None:
    assert actual == expected, f"{what}: differs"
    assert canonical(actual) == canonical(expected), f"{what}: same values but different JSON types"


# --- what the properties exercised (read by test_self_coverage) ----------------------------------------------------

#: operationId -> JSON paths (``messages[].content``) that some request sent on the wire carried.
SENT_PATHS: dict[str, set[str]] = {}


def _paths(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, sub in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _paths(sub, path)
    elif isinstance(value, list):
        for sub in value:
            yield from _paths(sub, f"{prefix}[]")


def note_sent(op: str, body: Any) -> None:
    SENT_PATHS.setdefault(op, set()).update(_paths(body))


def finish(result: Any) -> Any:
    """Read a streamed result to its end (and release it); return anything else as is."""
    if isinstance(result, Stream):
        with result as events:
            return [event for event in events]
    return result
