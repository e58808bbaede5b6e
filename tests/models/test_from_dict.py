"""What the generated from_dict promises beyond a JSON round trip (tests/contract covers that for every schema):
it only reads its argument, the unknown keys it keeps are in a dict of the model's own, absent optional fields
are None in a response and UNSET in a request, and a missing required key is a KeyError."""

from __future__ import annotations

import copy
from types import MappingProxyType
from typing import Any

import pytest

import oruel_client.models as models
from oruel_client import UNSET

CHUNK: dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion.chunk",
    "created": 1700000000,
    "model": "m",
    "choices": [{"index": 0, "delta": {"content": "tok "}, "finish_reason": None}],
}
# Unknown keys at every level, usage present, an unknown finish reason.
FINAL: dict[str, Any] = {
    **CHUNK,
    "system_fingerprint": "fp_1",
    "choices": [{"index": 0, "delta": {"role": "assistant", "x": [1]}, "finish_reason": "paused", "logprobs": None}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3, "cached": {"n": 1}},
}


def _dicts(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value, *(d for v in value.values() for d in _dicts(v))]
    if isinstance(value, list):
        return [d for v in value for d in _dicts(v)]
    return []


def _additional(chunk: models.ChatCompletionChunk) -> list[dict[str, Any]]:
    out = [chunk.additional_properties]
    for choice in chunk.choices:
        out += [choice.additional_properties, choice.delta.additional_properties]
    if chunk.usage is not None:
        out.append(chunk.usage.additional_properties)
    return out


@pytest.mark.parametrize("body", [CHUNK, FINAL], ids=["chunk", "final"])
def test_from_dict_only_reads_its_argument_and_owns_its_unknown_keys(body: dict[str, Any]) -> None:
    before = copy.deepcopy(body)
    parsed = models.ChatCompletionChunk.from_dict(body)
    again = models.ChatCompletionChunk.from_dict(body)
    assert body == before
    assert parsed.to_dict() == body
    source_ids = {id(d) for d in _dicts(body)}
    mine = _additional(parsed)
    assert not source_ids & {id(d) for d in mine}, "additional_properties is one of the caller's dicts"
    assert not {id(d) for d in mine} & {id(d) for d in _additional(again)}, "two parses share a dict"
    for extra in mine:
        extra["added"] = 1
    assert body == before


def test_unknown_keys_and_bookkeeping_after_from_dict() -> None:
    chunk = models.ChatCompletionChunk.from_dict(CHUNK)
    assert chunk.additional_properties == {} and chunk.usage is None
    assert chunk._request_id is None
    assert chunk._absent == ("usage",)  # absent, not null: to_dict() leaves it out
    assert chunk.choices[0]._absent == () and chunk.choices[0].delta._absent == ()
    final = models.ChatCompletionChunk.from_dict(FINAL)
    assert final.additional_properties == {"system_fingerprint": "fp_1"}
    assert final.choices[0].additional_properties == {"logprobs": None}
    assert final.choices[0].delta.additional_properties == {"x": [1]}
    assert final.choices[0].delta._absent == ("content",)
    assert final.usage is not None and final.usage.additional_properties == {"cached": {"n": 1}}
    assert final._absent == () and final._request_id is None


def test_from_dict_takes_any_mapping() -> None:
    assert models.ChatCompletionChunk.from_dict(MappingProxyType(FINAL)) == models.ChatCompletionChunk.from_dict(FINAL)


@pytest.mark.parametrize("key", ["id", "object", "created", "model", "choices"])
def test_missing_required_key_is_a_keyerror(key: str) -> None:
    with pytest.raises(KeyError):
        models.ChatCompletionChunk.from_dict({k: v for k, v in CHUNK.items() if k != key})
    with pytest.raises(KeyError):
        models.ChatCompletionChunk.from_dict({**CHUNK, "choices": [{"delta": {}}]})


@pytest.mark.parametrize(
    "body",
    [None, [], "x", 7, [["id", "c"]], {**CHUNK, "choices": [None]}, {**CHUNK, "choices": [{"index": 0, "delta": 5}]}],
)
def test_wrong_shapes_raise_what_callers_turn_into_validation_errors(body: Any) -> None:
    with pytest.raises((ValueError, TypeError, KeyError, AttributeError, IndexError)):
        models.ChatCompletionChunk.from_dict(body)


@pytest.mark.parametrize("given", [[], "", (), [["content", "x"]]])
@pytest.mark.parametrize(
    "model", [models.ChatCompletionDelta, models.Usage, models.ErrorDetail, models.EmbeddingRequest]
)
def test_a_list_or_a_string_is_not_an_empty_object(model: Any, given: Any) -> None:
    """An object whose fields are all optional (a delta) would otherwise take `[]` as an empty one."""
    with pytest.raises(TypeError, match="takes a mapping"):
        model.from_dict(given)


@pytest.mark.parametrize("delta", [[], "", 0])
def test_a_chunk_with_a_delta_that_is_not_an_object_is_refused(delta: Any) -> None:
    with pytest.raises(TypeError):
        models.ChatCompletionChunk.from_dict({**CHUNK, "choices": [{"index": 0, "delta": delta}]})


def test_request_models_keep_unset_for_absent_fields() -> None:
    body: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "top_k": None, "x": 1}
    req = models.ChatCompletionRequest.from_dict(body)
    assert req.temperature is UNSET and req.tier is UNSET and req.tools is UNSET and req.stop is UNSET
    assert req.top_k is None
    assert req.additional_properties == {"x": 1}
    assert req.to_dict() == body
    full = models.ChatCompletionRequest.from_dict({**body, "tier": "turbo", "stop": ["a"], "tools": []})
    assert full.tier == models.SamplingParametersTier("turbo") and full.stop == ["a"] and full.tools == []
