"""--probability, --at and --worst equal brute force on random small plans with calendars."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.analysis import analyze_plan
from drill.analysis.moments import MomentClosure, minute_text, parse_at, windows
from drill.analysis.probability import DEFAULT_P_FAIL, p_fail_of
from drill.analysis.risk import compute_risk
from drill.analysis.worst import worst_case, worst_in_plan
from drill.loading import load_plan
from drill.model.errors import DrillError
from drill.model.plan import Calendar, Plan
from tests.analysis import reference
from tests.analysis.test_cut_sets import small_plans
from tests.conftest import PLANS

CALENDARS = {
    "office": Calendar("office", frozenset(range(5)), 8 * 60 + 30, 17 * 60 + 15),
    "night": Calendar("night", frozenset(range(7)), 17 * 60, 9 * 60),
    "weekend": Calendar("weekend", frozenset({5, 6}), 0, 0),
}
P_VALUES = (None, 0.5, 0.1, 0.25, 0.9)


@st.composite
def plans_with_calendars(draw: st.DrawFn) -> Plan:
    plan = draw(small_plans())
    hours = st.sampled_from(["always", "office", "night", "weekend"])
    parties = {}
    for pid, party in plan.parties.items():
        contacts = tuple(dataclasses.replace(c, hours=draw(st.one_of(st.none(), hours)))
                         for c in party.contacts)
        parties[pid] = dataclasses.replace(party, hours=draw(hours), contacts=contacts)
    components = {k: dataclasses.replace(v, p_fail=draw(st.sampled_from(P_VALUES)))
                  for k, v in plan.components.items()}
    channels = {k: dataclasses.replace(v, p_fail=draw(st.sampled_from(P_VALUES)))
                for k, v in plan.channels.items()}
    return dataclasses.replace(plan, calendars=dict(CALENDARS), parties=parties,
                               components=components, channels=channels)


def _all_events(plan: Plan) -> list[str]:
    return list(plan.components) + list(plan.channels)


def _weight(plan: Plan, events: list[str], failed: frozenset[str]) -> float:
    weight = 1.0
    for event in events:
        p = p_fail_of(plan, event)
        weight *= p if event in failed else 1.0 - p
    return weight


def _brute_probabilities(plan: Plan, analysis, minute: int | None) -> tuple[list[float], list[float]]:
    events = _all_events(plan)
    procedure = plan.procedures["proc"]
    steps = {s.id: s for s in procedure.steps}
    p_tasks = [0.0] * len(analysis.tasks)
    p_parties = [0.0] * len(analysis.parties)
    for size in range(len(events) + 1):
        for combo in itertools.combinations(events, size):
            failed = frozenset(combo)
            weight = _weight(plan, events, failed)
            down = reference.down_set(plan, failed)
            for i, t in enumerate(analysis.tasks):
                if not reference.informs(plan, down, t.sender, t.recipient, steps[t.step].via, minute):
                    p_tasks[i] += weight
            reached: dict[str, set[str]] = {}
            for i, e in enumerate(analysis.parties):
                if e.origin not in reached:
                    reached[e.origin] = reference.informed(plan, procedure, e.origin, down, minute)
                if e.party not in reached[e.origin]:
                    p_parties[i] += weight
    return p_tasks, p_parties


MOMENTS = st.one_of(st.none(), st.sampled_from(["mon 10:00", "tue 20:00", "sat 03:00", "sun 12:00",
                                                 "fri 17:00"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_calendars(), at=MOMENTS)
def test_probabilities_equal_brute_force(plan: Plan, at: str | None) -> None:
    minute = None if at is None else parse_at(at)
    analysis = analyze_plan(plan, 1, None if minute is None else MomentClosure(plan, minute))
    risk = compute_risk(analysis)
    p_tasks, p_parties = _brute_probabilities(plan, analysis, minute)
    assert risk.p_silenced == pytest.approx(p_tasks, rel=1e-12, abs=1e-15)
    assert risk.p_uninformed == pytest.approx(p_parties, rel=1e-12, abs=1e-15)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_calendars(), at=st.sampled_from(["mon 10:00", "tue 20:00", "sat 03:00", "sun 12:00"]),
       order=st.integers(1, 3))
def test_cut_sets_at_a_moment_equal_brute_force(plan: Plan, at: str, order: int) -> None:
    minute = parse_at(at)
    analysis = analyze_plan(plan, order, MomentClosure(plan, minute))
    procedure = plan.procedures["proc"]
    steps = {s.id: s for s in procedure.steps}
    events = reference.relevant_events(plan)
    none = reference.down_set(plan, frozenset())
    for t in analysis.tasks:
        via = steps[t.step].via
        expected = [] if not reference.informs(plan, none, t.sender, t.recipient, via, minute) else \
            reference.minimal_sets(events, order, lambda f, t=t, via=via: not reference.informs(
                plan, reference.down_set(plan, f), t.sender, t.recipient, via, minute))
        assert list(t.cut_sets) == expected, t.label
    origins = sorted({e.origin for e in analysis.parties})
    for origin in origins:
        nominal = reference.informed(plan, procedure, origin, none, minute)
        got = {e.party: list(e.cut_sets) for e in analysis.parties if e.origin == origin}
        assert set(got) == nominal - {origin}
        for party, cuts in got.items():
            assert cuts == reference.minimal_sets(events, order, lambda f, p=party, o=origin: p not in
                                                  reference.informed(plan, procedure, o,
                                                                     reference.down_set(plan, f), minute))


def _brute_worst(plan: Plan, analysis, origin: str, k: int) -> tuple[int, tuple[str, ...]]:
    procedure = plan.procedures["proc"]
    steps = {s.id: s for s in procedure.steps}
    from drill.analysis.cutsets import procedure_tasks

    keys = [(r.step.id, r.sender, r.recipient) for r in procedure_tasks(plan, procedure) if origin in r.origins]
    best: tuple[int, int, tuple[str, ...]] | None = None
    events = _all_events(plan)
    for size in range(k + 1):
        for combo in itertools.combinations(sorted(events), size):
            down = reference.down_set(plan, frozenset(combo))
            informed = reference.informed(plan, procedure, origin, down)
            hit = sum(1 for step, sender, recipient in keys
                      if sender not in informed
                      or not reference.informs(plan, down, sender, recipient, steps[step].via))
            key = (-hit, size, combo)
            if best is None or key < best:
                best = key
    assert best is not None
    return -best[0], best[2]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=small_plans(), k=st.integers(1, 2), data=st.data())
def test_worst_picks_the_brute_force_worst_set(plan: Plan, k: int, data: st.DataObject) -> None:
    origins = plan.procedures["proc"].origins or tuple(plan.parties)
    origin = data.draw(st.sampled_from(sorted(plan.expand(origins))))
    analysis = analyze_plan(plan, k)
    worst = worst_case(analysis, "proc", origin, k)
    count, chosen = _brute_worst(plan, analysis, origin, k)
    assert (len(worst.silenced), worst.events) == (count, chosen)


def test_worst_counts_a_pair_that_neither_single_silences() -> None:
    plan = load_plan(PLANS / "yamaguchi.yaml")
    analysis = analyze_plan(plan, 2)
    worst = worst_case(analysis, "virus-suspected", "shunan", 2)
    singles = [worst_case(analysis, "virus-suspected", "shunan", 1)]
    assert len(worst.silenced) > len(singles[0].silenced)
    assert len(worst.events) == 2


def test_default_p_fail_is_used_for_items_without_one() -> None:
    plan = load_plan(PLANS / "yamaguchi.yaml")
    bare = [e for e in _all_events(plan) if getattr(plan.components.get(e) or plan.channels.get(e),
                                                    "p_fail", None) is None]
    assert bare and all(p_fail_of(plan, e) == DEFAULT_P_FAIL for e in bare)


def test_parse_at() -> None:
    assert parse_at("sat 22:00") == 5 * 1440 + 22 * 60
    assert parse_at("Mon 0:05") == 5
    assert minute_text(parse_at("sun 23:59")) == "sun 23:59"
    for bad in ("saturday", "sat 25:00", "xyz 10:00", "sat 10:61"):
        with pytest.raises(DrillError):
            parse_at(bad)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_calendars())
def test_windows_partition_the_week_by_staffing_pattern(plan: Plan) -> None:
    found = windows(plan)
    contacts = [(p.id, c.channel) for p in plan.parties.values() for c in p.contacts]
    covered = 0
    patterns = set()
    for window in found:
        pattern = frozenset(c for c in contacts if reference.staffed(plan, *c, window.moment))
        assert pattern not in patterns
        patterns.add(pattern)
        for start, end in window.spans:
            for minute in range(start, end, 7):
                assert frozenset(c for c in contacts if reference.staffed(plan, *c, minute)) == pattern
            covered += end - start
    assert covered == 7 * 1440


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=small_plans(), k=st.integers(1, 2), data=st.data())
def test_worst_in_plan_equals_the_whole_plan_analysis(plan: Plan, k: int, data: st.DataObject) -> None:
    """``--worst`` computes only one procedure from one origin: the answer is the same."""
    origins = plan.procedures["proc"].origins or tuple(plan.parties)
    origin = data.draw(st.sampled_from(sorted(plan.expand(origins))))
    assert worst_in_plan(plan, "proc", origin, k) == worst_case(analyze_plan(plan, k), "proc", origin, k)
