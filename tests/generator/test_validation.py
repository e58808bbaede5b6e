"""Client-side validation of request bodies, end to end through the generated endpoint functions.

The first half derives its cases from `oruel_client._generated.rules.SCHEMAS`: for every bound reachable from an
operation's request body (through properties, items, oneOf/anyOf/allOf and $ref) it builds an otherwise
valid body with a value just inside the bound (the request must reach the server) and just outside it (an
OruelValidationError naming the field and the keyword, and no request at all). A field added to the spec
is covered without editing this file. The second half is hand-written cases for the documented ranges.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest

import oruel_client.api
from oruel_client import AsyncOruel, Oruel
from oruel_client._exceptions import BadRequestError, OruelValidationError
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client.api.chat import create_chat_completion
from oruel_client.api.completions import create_completion
from oruel_client.models import (
    ChatCompletionRequest,
    ImageGenerationRequest,
    SpeechRequest,
    UserMessage,
)
from tests.spec_strategies import RANGE_KEYWORDS

from .conftest import TOKEN, Stub

BOUND_KEYS = RANGE_KEYWORDS
Step = tuple[str, Any]  # ("prop", name) | ("item", 0) | ("allOf" | "oneOf" | "anyOf", branch index)


# ------------------------------------------------------------------------------------------------ rule walk


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    return SCHEMAS[ref] if ref is not None else node


@dataclass(frozen=True)
class Bound:
    op: str
    steps: tuple[Step, ...]
    node: Mapping[str, Any]
    keyword: str

    @property
    def path(self) -> str:
        """The JSON path as the validator names it: ``messages[0].content[1].image_url``."""
        out = ""
        for kind, arg in self.steps:
            if kind == "prop":
                out = f"{out}.{arg}" if out else str(arg)
            elif kind == "item":
                out += f"[{arg}]"
        return out

    @property
    def id(self) -> str:
        branch = "".join(f"/{k}{a}" for k, a in self.steps if k in ("oneOf", "anyOf"))
        return f"{self.op}:{self.path or '<body>'}{branch}:{self.keyword}"


def _walk(node: Mapping[str, Any], steps: tuple[Step, ...], chain: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    ref = node.get("$ref")
    if ref is not None:
        if ref in chain:  # a recursive schema: its bounds were found on the first visit
            return
        chain = (*chain, ref)
    node = _resolve(node)
    for key in BOUND_KEYS:
        if key in node:
            yield steps, node, key
    for name, sub in node.get("properties", {}).items():
        yield from _walk(sub, (*steps, ("prop", name)), chain)
    if "items" in node:
        yield from _walk(node["items"], (*steps, ("item", 0)), chain)
    for key in ("allOf", "oneOf", "anyOf"):
        for i, sub in enumerate(node.get(key, ())):
            yield from _walk(sub, (*steps, (key, i)), chain)


def derived_bounds() -> list[Bound]:
    bounds: list[Bound] = []
    for op_id, op in OPERATIONS.items():
        if op["body"] is None:
            continue
        for steps, node, key in _walk({"$ref": op["body"]}, (), ()):
            bounds.append(Bound(op_id, steps, node, key))
    return bounds


# ------------------------------------------------------------------------------------------------ values


def _types(node: Mapping[str, Any]) -> list[str]:
    types: list[str] = list(node.get("type", []))
    return types


def sample(node: Mapping[str, Any]) -> Any:
    """A small value that satisfies node (the body around the value under test)."""
    node = _resolve(node)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    if "allOf" in node:
        merged: dict[str, Any] = {}
        for part in node["allOf"]:
            merged.update(sample(part))
        return merged
    for key in ("oneOf", "anyOf"):
        if key in node:
            return sample(node[key][0])
    types = _types(node)
    if "object" in types or "properties" in node:
        return {name: sample(node["properties"][name]) for name in node.get("required", ())}
    if "array" in types:
        return [sample(node.get("items", {})) for _ in range(node.get("minItems", 0))]
    if "string" in types:
        return "s" * max(node.get("minLength", 1), 1)
    if "integer" in types or "number" in types:
        low = node.get("minimum", node.get("exclusiveMinimum", 0) + 1 if "exclusiveMinimum" in node else 1)
        return min(low, node.get("maximum", low))
    if "boolean" in types:
        return False
    return None


def build(node: Mapping[str, Any], steps: tuple[Step, ...], leaf: Any) -> Any:
    """A value for node, valid except (perhaps) for `leaf`, which sits at `steps`."""
    node = _resolve(node)
    if not steps:
        return leaf
    (kind, arg), rest = steps[0], steps[1:]
    if kind == "prop":
        obj = sample(node) if node.get("required") else {}
        obj[arg] = build(node["properties"][arg], rest, leaf)
        return obj
    if kind == "item":
        count = max(node.get("minItems", 0), 1)
        return [build(node["items"], rest, leaf)] + [sample(node["items"]) for _ in range(count - 1)]
    if kind == "allOf":
        merged: dict[str, Any] = {}
        for i, part in enumerate(node["allOf"]):
            if i != arg:
                merged.update(sample(part))
        merged.update(build(node["allOf"][arg], rest, leaf))
        return merged
    return build(node[kind][arg], rest, leaf)  # oneOf / anyOf: the branch that holds the bound


def pick(value: Any, steps: tuple[Step, ...]) -> Any:
    """The value at steps inside a JSON document (branch steps do not move)."""
    for kind, arg in steps:
        if kind in ("prop", "item"):
            value = value[arg]
    return value


def inside_outside(bound: Bound) -> tuple[Any, Any | None]:
    """A value just inside the bound and one just outside it (None when nothing can be outside)."""
    node, key = bound.node, bound.keyword
    limit = node[key]
    integer = "integer" in _types(node) and "number" not in _types(node)
    if key == "enum":
        if all(isinstance(v, str) for v in limit):
            return limit[0], "_".join(limit) + "_not_listed"
        return limit[0], max(v for v in limit if isinstance(v, (int, float))) + 1
    if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        down = key in ("minimum", "exclusiveMaximum")  # the side outside lies below the limit
        step = 1 if integer else None

        def beyond(x: float, below: bool) -> float:
            if step is not None:
                return x - step if below else x + step
            return math.nextafter(x, -math.inf if below else math.inf)

        if key.startswith("exclusive"):
            return beyond(limit, not down), limit
        return limit, beyond(limit, down)
    if key in ("minLength", "maxLength"):
        inside = "x" * limit
        outside_len = limit - 1 if key == "minLength" else limit + 1
        return inside, ("x" * outside_len if outside_len >= 0 else None)
    # minItems / maxItems
    items = node.get("items", {})
    outside_count = limit - 1 if key == "minItems" else limit + 1
    inside_list = [sample(items) for _ in range(limit)]
    outside_list = [sample(items) for _ in range(outside_count)] if outside_count >= 0 else None
    return inside_list, outside_list


def operation_modules() -> dict[str, ModuleType]:
    modules: dict[str, ModuleType] = {}
    for info in pkgutil.walk_packages(oruel_client.api.__path__, "oruel_client.api."):
        module = importlib.import_module(info.name)
        op_id = getattr(module, "OPERATION_ID", None)
        if op_id is not None:
            modules[op_id] = module
    return modules


BOUNDS = derived_bounds()
MODULES = operation_modules()


@pytest.fixture
def client(stub: Stub) -> Iterator[Oruel]:
    with Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as c:
        yield c


def sent(call: Callable[..., Any], **kwargs: Any) -> None:
    """Make the call, which must reach the server: the stub answers every request 400, which the client raises
    as BadRequestError (only the request matters to these tests)."""
    with pytest.raises(BadRequestError):
        call(**kwargs)


# ------------------------------------------------------------------------------------------------ derived cases


def test_derived_cases_cover_every_kind_of_nesting() -> None:
    ids = {b.id for b in BOUNDS}
    expected = {
        "createChatCompletion:temperature:maximum",  # via allOf + $ref SamplingParameters
        "createChatCompletion:messages:minItems",  # via allOf
        "createChatCompletion:stop/oneOf0:maxLength",  # inside a oneOf branch
        "createChatCompletion:stop/oneOf1:maxItems",
        "createChatCompletion:stop[0]/oneOf1:maxLength",  # inside the items of a oneOf branch
        "createChatCompletion:tool_choice/oneOf0:enum",  # through a $ref to a union
        "createCompletion:max_tokens:maximum",
        "createCompletion:prompt/oneOf1:minItems",
        "createEmbedding:input/oneOf1:minItems",
        "createImage:n:minimum",
        "createSpeech:input:minLength",
    }
    assert expected <= ids, expected - ids
    assert len(ids) == len(BOUNDS), "two bounds would share a test id"
    assert set(MODULES) == set(OPERATIONS)


def _brute_force_bounds(name: str, seen: set[str]) -> set[tuple[int, str]]:
    """Every bound keyword in any dict nested anywhere under SCHEMAS[name], following every $ref string:
    independent of which keywords the walk above knows how to descend into."""
    found: set[tuple[int, str]] = set()
    if name in seen:
        return found
    seen.add(name)

    def scan(value: Any) -> None:
        if isinstance(value, Mapping):
            if isinstance(value.get("$ref"), str):
                found.update(_brute_force_bounds(value["$ref"], seen))
            found.update((id(value), key) for key in BOUND_KEYS if key in value)
            for sub in value.values():
                scan(sub)
        elif isinstance(value, list):
            for sub in value:
                scan(sub)

    scan(SCHEMAS[name])
    return found


def test_every_bound_of_every_request_body_is_derived() -> None:
    for op_id, op in OPERATIONS.items():
        if op["body"] is None:
            continue
        walked = {(id(b.node), b.keyword) for b in BOUNDS if b.op == op_id}
        assert _brute_force_bounds(op["body"], set()) == walked, op_id


@pytest.mark.parametrize("bound", BOUNDS, ids=[b.id for b in BOUNDS])
def test_derived_value_just_inside_reaches_the_server(stub: Stub, client: Oruel, bound: Bound) -> None:
    inside, _ = inside_outside(bound)
    body = build({"$ref": OPERATIONS[bound.op]["body"]}, bound.steps, inside)
    sent(MODULES[bound.op].sync_detailed, client=client, body=body)
    assert len(stub.requests) == 1
    assert pick(stub.requests[0].json(), bound.steps) == inside


@pytest.mark.parametrize("bound", BOUNDS, ids=[b.id for b in BOUNDS])
def test_derived_value_just_outside_is_rejected_before_sending(stub: Stub, client: Oruel, bound: Bound) -> None:
    _, outside = inside_outside(bound)
    if outside is None:
        pytest.skip(f"{bound.keyword}={bound.node[bound.keyword]!r} admits no value outside it")
    body = build({"$ref": OPERATIONS[bound.op]["body"]}, bound.steps, outside)
    with pytest.raises(OruelValidationError) as info:
        MODULES[bound.op].sync_detailed(client=client, body=body)
    assert (info.value.path, info.value.rule) == (bound.path, bound.keyword)
    assert info.value.limit == bound.node[bound.keyword]
    assert stub.requests == []


# ------------------------------------------------------------------------------------------------ hand-written

USER = [{"role": "user", "content": "hi"}]
BASE: dict[str, Any] = {"model": "llama-4-maverick", "messages": USER}
TOOL = {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}}}

OK_CASES: list[tuple[str, dict[str, Any]]] = [
    ("temperature=0", {"temperature": 0}),
    ("temperature=2", {"temperature": 2}),
    ("temperature=2.0", {"temperature": 2.0}),
    ("top_k=200", {"top_k": 200}),
    ("top_k=0", {"top_k": 0}),
    ("repetition_penalty=0.1", {"repetition_penalty": 0.1}),
    ("max_tokens=131072", {"max_tokens": 131072}),
    ("stop=4 strings", {"stop": ["a", "b", "c", "d"]}),
    ("stop=string of 256", {"stop": "s" * 256}),
    ("stop[0]=256 chars", {"stop": ["s" * 256]}),
    ("messages=256", {"messages": USER * 256}),
    ("tools=128", {"tools": [TOOL] * 128}),
    ("tier=turbo", {"tier": "turbo"}),
    ("n=1", {"n": 1}),
    (
        "image part",
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "what is this?"},
                        {"type": "image_url", "image_url": {"url": "https://x.invalid/a.png"}},
                    ],
                }
            ]
        },
    ),
]

BAD_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("temperature=-0.0001", {"temperature": -0.0001}, "temperature", "minimum"),
    ("temperature=2.0001", {"temperature": 2.0001}, "temperature", "maximum"),
    ("top_k=201", {"top_k": 201}, "top_k", "maximum"),
    ("top_k=1.5", {"top_k": 1.5}, "top_k", "type"),
    ("top_k=True", {"top_k": True}, "top_k", "type"),
    ("temperature='1'", {"temperature": "1"}, "temperature", "type"),
    ("repetition_penalty=0.0999", {"repetition_penalty": 0.0999}, "repetition_penalty", "minimum"),
    ("max_tokens=131073", {"max_tokens": 131073}, "max_tokens", "maximum"),
    ("max_tokens=0", {"max_tokens": 0}, "max_tokens", "minimum"),
    ("stop=5 strings", {"stop": ["a", "b", "c", "d", "e"]}, "stop", "maxItems"),
    ("stop=string of 257", {"stop": "s" * 257}, "stop", "maxLength"),
    ("stop[0]=257 chars", {"stop": ["s" * 257]}, "stop[0]", "maxLength"),
    ("stop[3]=257 chars", {"stop": ["a", "b", "c", "s" * 257]}, "stop[3]", "maxLength"),
    ("messages=257", {"messages": USER * 257}, "messages", "maxItems"),
    ("messages=0", {"messages": []}, "messages", "minItems"),
    ("tools=129", {"tools": [TOOL] * 129}, "tools", "maxItems"),
    ("tier=fast", {"tier": "fast"}, "tier", "enum"),
    ("n=2", {"n": 2}, "n", "maximum"),
    (
        "image part without url",
        {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]},
        "messages[0].content[0].image_url.url",
        "required",
    ),
    (
        "second message bad",
        {"messages": [*USER, {"role": "user", "content": [{"type": "image_url", "image_url": {"url": 5}}]}]},
        "messages[1].content[0].image_url.url",
        "type",
    ),
    ("missing model", {"model": None}, "model", "type"),
]


@pytest.mark.parametrize(("name", "fields"), OK_CASES, ids=[c[0] for c in OK_CASES])
def test_documented_value_inside_is_sent(stub: Stub, client: Oruel, name: str, fields: dict[str, Any]) -> None:
    body = {**BASE, **fields}
    sent(create_chat_completion.sync_detailed, client=client, body=body)
    assert [r.json() for r in stub.requests] == [body]


@pytest.mark.parametrize(("name", "fields", "path", "rule"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_documented_value_outside_is_rejected(
    stub: Stub, client: Oruel, name: str, fields: dict[str, Any], path: str, rule: str
) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync(client=client, body={**BASE, **fields})
    assert (info.value.path, info.value.rule) == (path, rule)
    assert isinstance(info.value, ValueError)
    assert path in str(info.value)
    assert stub.requests == []


def test_error_names_the_documented_range_and_the_value(client: Oruel) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync(client=client, body={**BASE, "temperature": 2.5})
    err = info.value
    assert (err.limit, err.value) == (2, 2.5)
    assert err.documented == "0 to 2"
    assert "temperature" in str(err) and "0 to 2" in str(err) and "2.5" in str(err)


def test_missing_required_field_is_rejected(stub: Stub, client: Oruel) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync(client=client, body={"messages": USER})
    assert (info.value.path, info.value.rule) == ("model", "required")
    assert stub.requests == []


@pytest.mark.parametrize(
    ("extra", "path", "rule"),
    [
        ({"top_k": 201}, "top_k", "maximum"),
        ({"repetition_penalty": 0.0999}, "repetition_penalty", "minimum"),
        ({"tier": "fast"}, "tier", "enum"),
        ({"min_p": 1.5}, "min_p", "maximum"),
        ({"messages": []}, "messages", "minItems"),
    ],
)
def test_documented_keys_in_extra_body_are_checked(
    stub: Stub, client: Oruel, extra: dict[str, Any], path: str, rule: str
) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync(client=client, body=BASE, extra_body=extra)
    assert (info.value.path, info.value.rule) == (path, rule)
    assert stub.requests == []


def test_extra_body_can_fix_an_out_of_range_body_value(stub: Stub, client: Oruel) -> None:
    """The check runs on the merged body: extra_body wins, so its valid value is what is checked and sent."""
    sent(create_chat_completion.sync_detailed, client=client, body={**BASE, "top_k": 500}, extra_body={"top_k": 50})
    assert stub.requests[0].json()["top_k"] == 50


def test_unknown_extra_body_keys_are_not_checked(stub: Stub, client: Oruel) -> None:
    sent(create_chat_completion.sync_detailed, client=client, body=BASE, extra_body={"typical_p": 99, "x": [1]})
    assert stub.requests[0].json() == {**BASE, "typical_p": 99, "x": [1]}


def test_validation_covers_text_completions_too(stub: Stub, client: Oruel) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_completion.sync(client=client, body={"model": "m", "prompt": "p", "temperature": 2.0001})
    assert (info.value.path, info.value.rule) == ("temperature", "maximum")
    assert stub.requests == []


OUT_OF_RANGE: dict[str, Any] = {**BASE, "temperature": 7, "top_k": 1.5, "tier": "fast", "messages": []}


@pytest.mark.parametrize("mode", ["sync", "sync_detailed", "sync_stream", "sync_stream_detailed"])
def test_client_validate_false_lets_an_out_of_range_value_through(stub: Stub, mode: str) -> None:
    with Oruel(api_key=TOKEN, base_url=stub.url, max_retries=0, validate=False) as client:
        sent(getattr(create_chat_completion, mode), client=client, body=OUT_OF_RANGE)
    wire = stub.requests[0].json()
    assert {k: wire[k] for k in OUT_OF_RANGE} == OUT_OF_RANGE


@pytest.mark.parametrize("mode", ["sync", "sync_detailed", "sync_stream", "sync_stream_detailed"])
def test_client_validate_true_refuses_the_same_body(stub: Stub, client: Oruel, mode: str) -> None:
    """The control of the test above: the same body through a default client is refused before sending."""
    with pytest.raises(OruelValidationError):
        getattr(create_chat_completion, mode)(client=client, body=OUT_OF_RANGE)
    assert stub.requests == []


@pytest.mark.parametrize("mode", ["asyncio", "asyncio_detailed", "asyncio_stream", "asyncio_stream_detailed"])
async def test_async_client_validate_false_lets_an_out_of_range_value_through(stub: Stub, mode: str) -> None:
    async with AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0, validate=False) as client:
        with pytest.raises(BadRequestError):
            await getattr(create_chat_completion, mode)(client=client, body=OUT_OF_RANGE)
    wire = stub.requests[0].json()
    assert {k: wire[k] for k in OUT_OF_RANGE} == OUT_OF_RANGE


def test_with_options_validate_false_applies_to_the_endpoint_functions(stub: Stub, client: Oruel) -> None:
    sent(create_chat_completion.sync, client=client.with_options(validate=False), body=OUT_OF_RANGE)
    assert len(stub.requests) == 1
    with pytest.raises(OruelValidationError):  # the original client still checks
        create_chat_completion.sync(client=client, body=OUT_OF_RANGE)
    assert len(stub.requests) == 1


def test_build_request_validate_false_skips_the_check() -> None:
    with pytest.raises(OruelValidationError):
        create_chat_completion.build_request(body=OUT_OF_RANGE)
    options = create_chat_completion.build_request(body=OUT_OF_RANGE, validate=False)
    assert (options["method"], options["url"], options["json"]) == ("post", "/chat/completions", OUT_OF_RANGE)


async def test_asyncio_checks_before_sending(stub: Stub) -> None:
    async with AsyncOruel(api_key=TOKEN, base_url=stub.url, max_retries=0) as client:
        with pytest.raises(OruelValidationError):
            await create_chat_completion.asyncio(client=client, body={**BASE, "top_k": 201})
        with pytest.raises(OruelValidationError):
            await create_chat_completion.asyncio_stream(client=client, body={**BASE, "top_k": 201})
    assert stub.requests == []


def test_streaming_checks_before_sending(stub: Stub, client: Oruel) -> None:
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync_stream(client=client, body={**BASE, "stop": ["s"] * 5})
    assert (info.value.path, info.value.rule) == ("stop", "maxItems")
    assert stub.requests == []


def test_model_validate_method() -> None:
    ok = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], temperature=2, top_k=200)
    ok.validate()
    bad = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], temperature=2.0001)
    with pytest.raises(OruelValidationError) as info:
        bad.validate()
    assert (info.value.path, info.value.rule) == ("temperature", "maximum")
    empty = ChatCompletionRequest(model="m", messages=[])
    with pytest.raises(OruelValidationError) as info:
        empty.validate()
    assert (info.value.path, info.value.rule) == ("messages", "minItems")
    with pytest.raises(OruelValidationError) as info:
        ImageGenerationRequest(model="m", prompt="").validate()
    assert (info.value.path, info.value.rule) == ("prompt", "minLength")
    with pytest.raises(OruelValidationError) as info:
        SpeechRequest.from_dict({"model": "m", "input": "x", "voice": "v", "response_format": "aac"}).validate()
    assert (info.value.path, info.value.rule) == ("response_format", "enum")


def test_model_body_is_checked_before_sending(stub: Stub, client: Oruel) -> None:
    body = ChatCompletionRequest(model="m", messages=[UserMessage(role="user", content="hi")], max_tokens=131073)
    with pytest.raises(OruelValidationError) as info:
        create_chat_completion.sync(client=client, body=body)
    assert (info.value.path, info.value.rule) == ("max_tokens", "maximum")
    assert stub.requests == []
