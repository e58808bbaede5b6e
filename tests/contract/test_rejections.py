"""Property 2: each constraint reachable from each operation's body (bounds, lengths, item counts, enums,
consts, at any depth: ``messages[i].content[j].type``, ``stop[i]``, ``tools[i].type``...) is enforced by the
public client before any I/O, exactly at its edge.

For each constraint (enumerated from ``SCHEMAS``, one test id each) hypothesis draws valid surroundings; the
constraint's value is then set just past the edge (bound ± the smallest step, length + 1, item count + 1, a value
outside the enum, a const mismatched): the client must raise ``OruelValidationError`` naming that field path and
rule, and the recording server must see no request. With the value set exactly at the edge the same body must be
sent, unchanged. An independent JSON Schema validator over the spec document checks both bodies first, so the
test's own derivation cannot drift from the spec.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oruel_client import OruelValidationError
from oruel_client._generated.rules import OPERATIONS
from tests.contract.constraints import (
    Constraint,
    bad_value,
    constraints,
    edge_value,
    expected_place,
    focused_body,
    put,
)
from tests.contract.support import (
    RecorderSession,
    assert_same_json,
    call,
    examples,
    finish,
    json_round_trip,
    spec_errors,
)

BREAKABLE = [c for c in constraints() if bad_value(c) is not None]


def check_rejection(session: RecorderSession, c: Constraint, data: st.DataObject) -> None:
    body, pointer = data.draw(focused_body(c), label="valid surroundings")
    bad_strategy = bad_value(c)
    assert bad_strategy is not None
    bad = put(body, pointer, data.draw(bad_strategy, label="value past the edge"))
    edge = put(body, pointer, data.draw(edge_value(c), label="value at the edge"))
    schema_name = OPERATIONS[c.op]["body"]
    # The constraint comes from the generated rules (_spec.SCHEMAS); the spec document itself must agree.
    assert spec_errors(schema_name, bad), "value past the edge per _spec.SCHEMAS is valid per the spec document"
    assert not spec_errors(schema_name, edge), (
        f"value at the edge per _spec.SCHEMAS is invalid per the spec document: {spec_errors(schema_name, edge)}"
    )

    recorder = session.recorder
    recorder.reset()
    with pytest.raises(OruelValidationError) as info:
        finish(call(session.client, c.op, bad))
    path, rule = expected_place(c, pointer)
    err = info.value
    assert (err.path, err.rule) == (path, rule), f"named {err.path!r} {err.rule!r}; expected {path!r} {rule!r}"
    if rule == c.rule:
        assert err.limit == c.limit
    assert path in str(err) and rule in str(err)
    assert recorder.requests == [], "a request was sent although the body breaks the spec"

    finish(call(session.client, c.op, edge))
    assert len(recorder.requests) == 1, "the body at the edge of the constraint was not sent"
    assert_same_json(recorder.requests[0].json(), json_round_trip(edge), "body at the edge, on the wire")


@pytest.mark.parametrize("c", BREAKABLE, ids=[c.id for c in BREAKABLE])
@settings(
    max_examples=examples(10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(data=st.data())
def test_broken_constraint_is_rejected_before_any_io(
    rec_session: RecorderSession, c: Constraint, data: st.DataObject
) -> None:
    check_rejection(rec_session, c, data)


def test_every_operation_with_a_body_has_constraints() -> None:
    """A guard against an enumeration that silently finds nothing."""
    ops = {c.op for c in BREAKABLE}
    assert ops == {op for op, info in OPERATIONS.items() if info["body"] is not None}
