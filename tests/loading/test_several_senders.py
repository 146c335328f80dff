"""FORMAT.md 7.1 in the loader: ``from`` takes the forms of ``to``; bad references point at their place."""

from __future__ import annotations

import pytest

from drill.loading import load_plan_text
from drill.model.errors import PlanError

PLAN = """\
plan: p
timezone: Asia/Tokyo
channels: {phone: {}}
parties:
  a: {contacts: {phone: {}}}
  b: {contacts: {phone: {}}}
groups:
  both: [a, b]
procedures:
  inc:
    steps:
      - {id: s1, from: FROM, to: a, via: [phone]}
"""


@pytest.mark.parametrize(("written", "senders", "resolved"), [
    ("b", ("b",), ["b"]),
    ('"@both"', ("@both",), ["a", "b"]),
    ("$origin", ("$origin",), ["b"]),
    ('[b, "@both", a]', ("b", "@both", "a"), ["b", "a"]),
])
def test_from_takes_a_party_a_group_origin_or_a_list(written: str, senders: tuple, resolved: list) -> None:
    plan = load_plan_text(PLAN.replace("FROM", written), "p.yaml")
    step = plan.procedures["inc"].steps[0]
    assert step.senders == senders
    assert plan.senders_for(step, "b") == resolved


def test_unknown_senders_are_reported_at_their_line_and_column() -> None:
    with pytest.raises(PlanError) as caught:
        load_plan_text(PLAN.replace("FROM", '[a, zed, "@nope"]'), "p.yaml")
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith("p.yaml:12:28") and "unknown party 'zed'" in p for p in problems), problems
    assert any(p.startswith("p.yaml:12:33") and "unknown group '@nope'" in p for p in problems), problems


def test_an_empty_from_list_is_an_error() -> None:
    with pytest.raises(PlanError) as caught:
        load_plan_text(PLAN.replace("FROM", "[]"), "p.yaml")
    assert any("from must name at least one" in str(p) for p in caught.value.problems)
