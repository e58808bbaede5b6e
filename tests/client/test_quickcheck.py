"""The quick check (``oruel_client._quickcheck``) against the precise checks of ``_validation``.

It may answer False ("look closer") for anything that is not plain JSON data, but for plain data it must agree
with the precise checks exactly: True for a valid value (else every request pays for the slow path again), and
False for one that breaks a constraint (else an invalid body is sent). Requests then behave the same whichever
path they take: ``json_body`` sends a plain valid body as it is, and converts and checks everything else.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oruel_client import OruelValidationError
from oruel_client._generated.rules import OPERATIONS, SCHEMAS
from oruel_client._quickcheck import QuickCheck, is_plain, passes
from oruel_client._validation import _named, json_body, jsonable
from oruel_client.types import UNSET, omit_unset
from tests.contract.constraints import Constraint, bad_value, constraints, edge_value, focused_body, put
from tests.spec_strategies import schema


def precise(name: str, value: Any) -> bool:
    """What the checks that name the field say, alone."""
    try:
        _named(name)(value, "")
    except OruelValidationError:
        return False
    return True


def agrees(name: str, value: Any) -> bool:
    return passes(name, value) == (is_plain(value) and precise(name, value))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
@settings(max_examples=40)
@given(data=st.data())
def test_plain_valid_values_of_every_schema_pass(name: str, data: st.DataObject) -> None:
    value = data.draw(schema(name))
    assert is_plain(value) and precise(name, value)
    assert passes(name, value)


CONSTRAINTS = [c for c in constraints() if bad_value(c) is not None]


@pytest.mark.parametrize("c", CONSTRAINTS, ids=[c.id for c in CONSTRAINTS])
@settings(max_examples=15)
@given(data=st.data())
def test_a_value_just_past_or_at_each_constraint_is_judged_as_precisely(c: Constraint, data: st.DataObject) -> None:
    name = OPERATIONS[c.op]["body"]
    body, pointer = data.draw(focused_body(c))
    bad_strategy = bad_value(c)
    assert bad_strategy is not None
    bad = put(body, pointer, data.draw(bad_strategy))
    edge = put(body, pointer, data.draw(edge_value(c)))
    assert is_plain(bad) and is_plain(edge)
    # Equal answers; the bad value is refused unless it is the tag of another branch (``type: text``).
    assert agrees(name, bad) and agrees(name, edge)
    assert c.is_branch_tag or not passes(name, bad)


class Role(enum.StrEnum):
    USER = "user"


def _pointers(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _pointers(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _pointers(item, (*at, i))
    return out


def _look_alike(value: Any) -> Any:
    """The same data in a form that is legal to pass but not plain."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return OrderedDict(value)
    if isinstance(value, str):
        return Role.USER if value == "user" else type("Text", (str,), {})(value)
    if isinstance(value, bool):
        return int(value)  # plain, but no longer a boolean: the precise checks decide
    if isinstance(value, (int, float)):
        return float("nan")
    return UNSET


@pytest.mark.parametrize("op", sorted(op for op, info in OPERATIONS.items() if info["body"]))
@settings(max_examples=30)
@given(data=st.data())
def test_a_body_with_one_part_not_plain_never_passes_and_converts_to_what_the_checks_accept(
    op: str, data: st.DataObject
) -> None:
    name = OPERATIONS[op]["body"]
    body = data.draw(schema(name))
    pointer = data.draw(st.sampled_from(_pointers(body)[1:] or [("extra",)]))
    changed = put(body, pointer, _look_alike(_get(body, pointer)))
    assert agrees(name, changed)
    if not is_plain(changed):
        assert not passes(name, changed)
        try:
            sent = json_body(changed, None, name)
        except OruelValidationError:
            assert not precise(name, jsonable(changed))
        else:
            assert sent == jsonable(changed) and sent is not changed


def _get(value: Any, pointer: tuple[Any, ...]) -> Any:
    for key in pointer:
        value = value[key] if not (isinstance(value, dict) and key not in value) else None
    return value


def test_a_plain_valid_body_is_sent_as_it_is() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.5}
    assert json_body(body, None, "ChatCompletionRequest") is body


def test_extra_body_is_merged_into_a_new_dict_and_wins() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.5}
    sent = json_body(body, {"temperature": 1.5, "top_k": 3, "tier": UNSET}, "ChatCompletionRequest")
    assert sent == {**body, "temperature": 1.5, "top_k": 3}
    assert body["temperature"] == 0.5 and "top_k" not in body


def test_unset_values_are_dropped_and_tuples_become_lists() -> None:
    body = {"model": "m", "messages": ({"role": Role.USER, "content": "hi"},), "seed": UNSET}
    assert json_body(body, None, "ChatCompletionRequest") == {
        "model": "m",
        "messages": [{"role": "user", "content": "hi"}],
    }


def test_a_body_that_is_not_plain_still_gets_the_error_with_its_path() -> None:
    body = {"model": "m", "messages": ({"role": "user", "content": "hi"}, {"role": "tool", "content": "x"})}
    with pytest.raises(OruelValidationError, match=r"messages\[1\]\.tool_call_id"):
        json_body(body, None, "ChatCompletionRequest")


def test_without_a_schema_the_body_is_converted_and_not_checked() -> None:
    assert json_body({"temperature": 99, "x": (1,)}, None, None) == {"temperature": 99, "x": [1]}


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        1.5,
        "s",
        [1, "a", None, [2.5]],
        {"a": {"b": [True]}},
    ],
)
def test_plain_data(value: Any) -> None:
    assert is_plain(value)


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        (1,),
        [1, (2,)],
        {1: "a"},
        {"a": float("-inf")},
        OrderedDict(a=1),
        Role.USER,
        UNSET,
        b"bytes",
    ],
)
def test_data_that_is_not_plain(value: Any) -> None:
    assert not is_plain(value)


def test_nesting_deeper_than_the_stack_is_not_passed() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "x": deep}
    assert not passes("ChatCompletionRequest", body)


# Keywords and shapes Oru-el's spec does not use today, in a rule table of their own.
OTHER_RULES: dict[str, Any] = {
    "Exclusive": {"type": ["number"], "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "Closed": {"type": ["object"], "properties": {"a": {"type": ["integer"]}}, "additionalProperties": False},
    "NumberEnum": {"enum": [1, 2.5, None, True]},
    "NumberConst": {"const": 3},
    "Untyped": {"minLength": 2, "maximum": 5},
    "Anything": {},
    "ListOfAnything": {"type": ["array"], "minItems": 1},
    "ObjectOfAnything": {"type": ["object"], "required": ["k"]},
    "Tree": {"type": ["object"], "properties": {"children": {"type": ["array"], "items": {"$ref": "Tree"}}}},
    "ClosedPart": {"allOf": [{"$ref": "Closed"}, {"type": ["object"], "properties": {"b": {"type": ["string"]}}}]},
    "Either": {"anyOf": [{"type": ["string"]}, {"type": ["integer"], "minimum": 10}]},
    "StringOrNull": {"type": ["string", "null"], "maxLength": 1},
    "Upload": {"type": ["object"], "properties": {"file": {"format": "binary"}, "n": {"type": ["integer"]}}},
}
OTHER_CASES: list[tuple[str, Any, bool]] = [
    ("Exclusive", 0.5, True),
    ("Exclusive", 0, False),
    ("Exclusive", 1, False),
    ("Exclusive", True, False),
    ("Closed", {"a": 1}, True),
    ("Closed", {"a": 1, "b": 2}, False),
    ("Closed", {"a": 1.0}, False),
    ("NumberEnum", 2.5, True),
    ("NumberEnum", 1.0, True),
    ("NumberEnum", None, True),
    ("NumberEnum", True, True),
    ("NumberEnum", 3, False),
    ("NumberEnum", "1", False),
    ("NumberConst", 3, True),
    ("NumberConst", 3.0, True),
    ("NumberConst", True, False),
    ("Untyped", "ab", True),
    ("Untyped", "a", False),
    ("Untyped", 5, True),
    ("Untyped", 6, False),
    ("Untyped", [1], True),
    ("Untyped", (1,), False),  # legal for the precise checks, but not plain: look closer
    ("Anything", {"x": [1, {"y": None}]}, True),
    ("Anything", {"x": float("nan")}, False),
    ("ListOfAnything", [{"a": 1}], True),
    ("ListOfAnything", [], False),
    ("ListOfAnything", [(1,)], False),
    ("ObjectOfAnything", {"k": [1]}, True),
    ("ObjectOfAnything", {"j": 1}, False),
    ("ObjectOfAnything", {"k": 1, 2: 3}, False),
    ("Tree", {"children": [{"children": [{}]}]}, True),
    ("Tree", {"children": [{"children": [1]}]}, False),
    ("ClosedPart", {"a": 1}, True),
    ("ClosedPart", {"a": 1, "b": "x"}, False),  # the closed part refuses b, as the precise checks do
    ("Either", "s", True),
    ("Either", 10, True),
    ("Either", 9, False),
    ("StringOrNull", None, True),
    ("StringOrNull", "ab", False),
    ("Upload", {"n": 1}, True),
    ("Upload", {"file": "photo.png"}, False),  # a string is plain, but never a file: the precise checks say why
    ("Upload", {"file": b"x"}, False),
]


@pytest.mark.parametrize(("name", "value", "expected"), OTHER_CASES)
def test_other_keywords(name: str, value: Any, expected: bool) -> None:
    assert QuickCheck(OTHER_RULES).passes(name, value) is expected


def test_a_rule_table_compiles_once_per_schema_and_shares_what_it_compiled() -> None:
    check = QuickCheck(OTHER_RULES)
    assert check.passes("ClosedPart", {"a": 1})
    compiled = dict(check.functions)
    assert {"ClosedPart", "Closed"} <= set(compiled)
    assert check.passes("Closed", {"a": 2}) and check.functions == compiled


def test_omit_unset_leaves_out_unset_and_keeps_none() -> None:
    values = {"model": "m", "temperature": UNSET, "seed": None}
    assert omit_unset(values) == {"model": "m", "seed": None} and values["temperature"] is UNSET
