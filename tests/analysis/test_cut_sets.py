"""Cut sets equal the worked example's expected ones and a brute-force enumerator's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.analysis import analyze_plan
from drill.analysis.closure import Closure
from drill.analysis.cutsets import procedure_origins, procedure_tasks, task_cut_sets
from drill.analysis.parties import party_cut_sets
from drill.loading import load_plan
from drill.model.plan import Channel, Component, Contact, Dependency, Party, Plan, Procedure, Step
from drill.reports.analyze_json import analysis_to_dict
from tests.analysis import reference
from tests.conftest import EXAMPLES, PLANS

EXPECTED = EXAMPLES / "plan.analyze.expected.json"


def test_worked_example_cut_sets_are_exactly_the_expected_ones() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    data = analysis_to_dict(analyze_plan(load_plan("tests/data/examples/plan.yaml"), 2))
    assert data["plan"] == expected["plan"] and data["order"] == expected["order"]
    strip = [{k: v for k, v in t.items() if k != "candidates"} for t in data["tasks"]]
    assert strip == expected["tasks"]
    assert data["parties"] == expected["parties"]


def test_cut_sets_are_sorted_by_order_then_ids() -> None:
    analysis = analyze_plan(load_plan(str(PLANS / "yamaguchi.yaml")), 3)
    for entry in list(analysis.tasks) + list(analysis.parties):
        cuts = list(entry.cut_sets)
        assert cuts == sorted(cuts, key=lambda c: (len(c), c))
        assert all(list(c) == sorted(c) for c in cuts)
        assert all(1 <= len(c) <= 3 for c in cuts)


def _compare_with_brute_force(plan: Plan, order: int, max_origins: int | None = None) -> None:
    closure = Closure(plan)
    events = reference.relevant_events(plan)
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            ours = list(task_cut_sets(plan, closure, ref, order).cut_sets)
            theirs = reference.brute_task_cut_sets(plan, procedure, ref.step.id, ref.sender,
                                                   ref.recipient, order, events)
            assert ours == theirs, (procedure.id, ref.step.id, ref.sender, ref.recipient)
        for origin in procedure_origins(plan, procedure)[:max_origins]:
            _, ours_parties = party_cut_sets(plan, closure, procedure, origin, order)
            theirs_parties = reference.brute_party_cut_sets(plan, procedure, origin, order, events)
            assert ours_parties == theirs_parties, (procedure.id, origin)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_worked_example_equals_brute_force(order: int) -> None:
    _compare_with_brute_force(load_plan("tests/data/examples/plan.yaml"), order)


def sample_plans() -> list[Path]:
    return sorted(PLANS.glob("*.yaml"))


@pytest.mark.parametrize("path", sample_plans(), ids=lambda p: p.name)
def test_sample_plans_equal_brute_force_at_order_2(path: Path) -> None:
    """Every task; parties for the first two origins of each procedure.

    The brute force re-runs the whole fixpoint for every pair of events, about
    a minute for every origin of the Yamaguchi sample: set
    DRILL_FULL_BRUTE_FORCE=1 to check every origin.
    """
    full = bool(os.environ.get("DRILL_FULL_BRUTE_FORCE"))
    _compare_with_brute_force(load_plan(str(path)), 2, max_origins=None if full else 2)


# -- hypothesis: random small plans ------------------------------------------------

@st.composite
def small_plans(draw: st.DrawFn) -> Plan:
    n_comp = draw(st.integers(1, 5))
    comps = [f"c{i}" for i in range(n_comp)]
    components = {}
    for i, cid in enumerate(comps):
        deps = draw(st.lists(st.sampled_from(comps[:i]), unique=True, max_size=2)) if i else []
        components[cid] = Component(cid, cid, "other", tuple(Dependency(d) for d in deps))
    n_chan = draw(st.integers(1, 3))
    chans = [f"ch{i}" for i in range(n_chan)]
    channels = {ch: Channel(ch, ch, tuple(Dependency(d) for d in
                                          draw(st.lists(st.sampled_from(comps), unique=True, max_size=2))))
                for ch in chans}
    n_party = draw(st.integers(2, 5))
    names = [f"p{i}" for i in range(n_party)]
    parties = {}
    for pid in names:
        contacts = tuple(
            Contact(pid, ch, None, tuple(Dependency(d) for d in
                                         draw(st.lists(st.sampled_from(comps), unique=True, max_size=2))))
            for ch in draw(st.lists(st.sampled_from(chans), unique=True, max_size=n_chan)))
        others = [p for p in names if p != pid]
        deputies = tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=2)))
        parties[pid] = Party(pid, pid, deputies=deputies, contacts=contacts)
    steps = []
    for i in range(draw(st.integers(1, 4))):
        # FORMAT.md 7.1: sometimes several senders (a party named twice counts once)
        sender = tuple(draw(st.lists(st.sampled_from(["$origin", *names]), min_size=1, max_size=3)))
        to = tuple(draw(st.lists(st.sampled_from(["$origin", *names]), unique=True, min_size=1, max_size=3)))
        via = tuple(draw(st.lists(st.sampled_from(chans), unique=True, min_size=1, max_size=n_chan)))
        steps.append(Step(f"s{i}", sender, to, via))
    origins = draw(st.one_of(st.none(), st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=3)))
    procedure = Procedure("proc", tuple(steps), origins=None if origins is None else tuple(origins))
    return Plan("random", "random", "Asia/Tokyo", {}, components, channels, parties, {},
                {"proc": procedure})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=small_plans(), order=st.integers(1, 3))
def test_random_small_plans_equal_brute_force(plan: Plan, order: int) -> None:
    _compare_with_brute_force(plan, order)


def test_order_is_checked() -> None:
    from drill.model.errors import DrillError

    with pytest.raises(DrillError):
        analyze_plan(load_plan("tests/data/examples/plan.yaml"), 5)


def test_a_deputy_informed_for_its_principal_also_runs_its_own_steps() -> None:
    from drill.loading.plans import load_plan_text

    plan = load_plan_text("""\
plan: deputy
components: {pbx: {}, radio-mast: {}}
channels:
  phone: {depends_on: [pbx]}
  radio: {depends_on: [radio-mast]}
parties:
  town: {contacts: {phone: {}}}
  hq: {deputies: [duty]}
  duty: {contacts: {phone: {}, radio: {}}}
  island: {contacts: {radio: {}}}
procedures:
  p:
    origins: [town]
    steps:
      - {id: report, from: $origin, to: hq, via: [phone]}
      - {id: warn-island, from: duty, to: island, via: [radio]}
""", "deputy.yaml")
    analysis = analyze_plan(plan, 2)
    parties = {p.party: p.cut_sets for p in analysis.parties}
    # duty only ever hears about it as hq's deputy, and still warns the island
    assert parties["island"] == (("pbx",), ("phone",), ("radio",), ("radio-mast",))
    assert "hq" not in parties
