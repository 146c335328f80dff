"""Properties every simulation and every static analysis must have, on random plans.

Hypothesis draws small valid plans and drills (``strategies.py``).  For
each the engine must terminate, give every task one of the four statuses,
and keep the invariants of FORMAT.md section 3: a party is informed exactly
at its first delivery, no attempt starts before its sender was informed, a
task tries its candidates one at a time, a sender never holds more than
``lines`` attempts at once, and the same input gives the same output in
another process with another hash seed.

The static picture (section 3, last paragraph) is monotone: failing one
more component or channel never makes an impossible task possible or an
uninformed party informed, and a restore never makes it worse.  The cut sets
of ``drill analyze`` are checked against that picture, computed here from the
words of the format: each reported cut set cuts, is minimal, and every
cutting set of up to two events contains a reported one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.engine import STATUSES, Simulation, result_of
from drill.model.plan import Plan, Procedure
from drill.model.scenario import Scenario
from drill.reports.run_json import run_to_dict

from .strategies import plans, scenarios

ROOT = Path(__file__).resolve().parent.parent.parent
PROPERTY = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
#: A run of a handful of tasks needs a few hundred steps; this many means it never ends.
MAX_STEPS = 100_000
EPS = 1e-9


def run_to_end(scenario: Scenario) -> Simulation:
    sim = Simulation(scenario)
    steps = 0
    while not sim.finished:
        sim.step()
        steps += 1
        assert steps < MAX_STEPS, "the simulation does not terminate"
    return sim


# -- the engine ----------------------------------------------------------------


@PROPERTY
@given(scenarios())
def test_engine_terminates_and_every_task_ends_in_one_of_the_four_statuses(scenario: Scenario) -> None:
    sim = run_to_end(scenario)
    for task in sim.tasks:
        assert task.status in STATUSES
        assert (task.status in ("delivered", "late")) == (task.at is not None)
        assert (task.status == "blocked") == (task.sender is None)
        if task.status == "blocked":
            assert task.attempts == []
        if task.at is not None:
            assert task.attempts[-1].ok and task.attempts[-1].end == task.at
            assert task.status == ("late" if task.within is not None and task.at > task.within
                                   else "delivered")
            if scenario.horizon is not None:
                assert task.at <= scenario.horizon
    summary = result_of(sim).summary
    assert summary["tasks"] == sum(summary[s] for s in STATUSES)


@PROPERTY
@given(scenarios())
def test_informed_exactly_at_the_first_delivery_that_informed_them(scenario: Scenario) -> None:
    sim = run_to_end(scenario)
    first: dict[str, float] = {scenario.origin: 0.0}
    for task in sim.tasks:
        if task.at is not None and task.by is not None:
            first[task.by] = min(first.get(task.by, task.at), task.at)
    for party, when in sim.informed.items():
        assert when == first.get(party), party
        if when is not None and party != scenario.origin:
            deliveries = [t.at for t in sim.tasks if t.by == party and t.at is not None]
            assert all(when <= at for at in deliveries)


@PROPERTY
@given(scenarios())
def test_no_attempt_starts_before_its_sender_was_informed(scenario: Scenario) -> None:
    sim = run_to_end(scenario)
    for task in sim.tasks:
        if task.sender is None:
            continue
        informed = sim.informed[task.sender]
        assert informed is not None
        assert task.start == pytest.approx(informed + task.step.delay) or task.start >= informed
        for attempt in task.attempts:
            assert attempt.start >= informed + task.step.delay - EPS
            assert attempt.end >= attempt.start


@PROPERTY
@given(scenarios())
def test_candidates_are_tried_one_at_a_time_in_order(scenario: Scenario) -> None:
    sim = run_to_end(scenario)
    for task in sim.tasks:
        for before, after in zip(task.attempts, task.attempts[1:], strict=False):
            assert not before.ok
            assert after.start >= before.end - EPS
        for attempt in task.attempts:
            assert (attempt.to, attempt.via) in task.candidates
            channel = scenario.plan.channels[attempt.via]
            if (attempt.reason or "").startswith("no outcome before the horizon"):
                # in flight when the drill ended: no outcome, whatever it would have been;
                # the attempt ends with the drill
                assert scenario.horizon is not None and attempt.end == scenario.horizon
                assert not attempt.ok and attempt is task.attempts[-1]
                continue
            assert scenario.horizon is None or attempt.end <= scenario.horizon
            expected = channel.latency if attempt.ok else channel.failure_delay
            assert attempt.end == pytest.approx(attempt.start + expected)


def _holds(sim: Simulation, sender: str) -> list[tuple[float, float]]:
    plan = sim.plan
    out = []
    for task in sim.tasks:
        if task.sender != sender:
            continue
        for attempt in task.attempts:
            hold_end = min(attempt.start + plan.channels[attempt.via].line_hold, attempt.end)
            out.append((attempt.start, hold_end))
    return out


@PROPERTY
@given(scenarios())
def test_a_sender_never_holds_more_than_its_lines(scenario: Scenario) -> None:
    sim = run_to_end(scenario)
    for sender in {t.sender for t in sim.tasks if t.sender is not None}:
        lines = scenario.plan.parties[sender].lines
        moments = []
        for start, end in _holds(sim, sender):
            if end > start:
                moments.append((end, 0))    # a line freed at t is free for a start at t
                moments.append((start, 1))
        busy = 0
        for _, change in sorted(moments):
            busy += 1 if change else -1
            assert busy <= lines, f"{sender} holds {busy} attempts on {lines} line(s)"


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_same_drill_twice_gives_the_same_result(scenario: Scenario) -> None:
    first = json.dumps(run_to_dict(result_of(run_to_end(scenario))), sort_keys=False)
    second = json.dumps(run_to_dict(result_of(run_to_end(scenario))), sort_keys=False)
    assert first == second


def _sample_runs() -> list[str]:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.yaml"))
    return files + ["tests/data/examples/cable-cut.yaml", "tests/data/examples/saturday-night.yaml"]


@pytest.mark.parametrize("scenario_file", _sample_runs())
def test_json_is_byte_identical_across_processes_and_hash_seeds(scenario_file: str) -> None:
    outputs = []
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-m", "drill", "run", scenario_file, "--format", "json"],
                              cwd=ROOT, env=env, capture_output=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"{")


# -- the static picture ----------------------------------------------------------


def _down(plan: Plan, failed: frozenset[str]) -> set[str]:
    """Components and channels down when ``failed`` fail, dependencies followed transitively."""
    down = set(failed)
    changed = True
    while changed:
        changed = False
        for ident, item in list(plan.components.items()) + list(plan.channels.items()):
            if ident not in down and any(dep.id in down for dep in item.depends_on):
                down.add(ident)
                changed = True
    return down


def _usable(plan: Plan, party: str, channel: str, down: set[str]) -> bool:
    contact = plan.parties[party].contact(channel)
    return (contact is not None and channel not in down
            and not any(dep.id in down for dep in contact.depends_on))


def _candidates(plan: Plan, actor: str, recipient: str, via: Iterable[str]) -> list[tuple[str, str]]:
    return [(party, channel) for party in (recipient, *plan.parties[recipient].deputies)
            if party != actor for channel in via
            if plan.parties[actor].contact(channel) and plan.parties[party].contact(channel)]


def static_picture(plan: Plan, procedure: Procedure, origin: str,
                   failed: frozenset[str]) -> tuple[set[tuple[str, str, str]], set[str]]:
    """(possible tasks as (step, from, to), informed parties) with ``failed`` down, by the words of FORMAT.md."""
    down = _down(plan, failed)
    acting: set[tuple[str, str]] = {(origin, origin)}   # (actor, principal)
    possible: set[tuple[str, str, str]] = set()
    changed = True
    while changed:
        changed = False
        for step in procedure.steps:
            for principal in plan.expand(step.senders, origin):
                for actor in [a for a, p in acting if p == principal]:
                    for recipient in plan.expand(step.to, origin):
                        if recipient == principal:
                            continue
                        for party, channel in _candidates(plan, actor, recipient, step.via):
                            if _usable(plan, actor, channel, down) and _usable(plan, party, channel, down):
                                possible.add((step.id, principal, recipient))
                                # ``party`` is informed: it acts for the recipient, and
                                # for itself (its own steps start once it is informed)
                                for node in ((party, recipient), (party, party)):
                                    if node not in acting:
                                        acting.add(node)
                                        changed = True
    return possible, {actor for actor, _ in acting}


def task_possible_for_sender(plan: Plan, step_id: str, sender: str, recipient: str,
                             failed: frozenset[str]) -> bool:
    """A task's own possibility with its sender as the actor (what its cut sets are about)."""
    step = next(s for proc in plan.procedures.values() for s in proc.steps if s.id == step_id)
    down = _down(plan, failed)
    return any(_usable(plan, sender, channel, down) and _usable(plan, party, channel, down)
               for party, channel in _candidates(plan, sender, recipient, step.via))


@st.composite
def plan_origin_failures(draw: st.DrawFn) -> tuple[Plan, str, frozenset[str], str]:
    plan = draw(plans)
    events = list(plan.components) + list(plan.channels)
    failed = frozenset(draw(st.lists(st.sampled_from(events), unique=True, max_size=3)))
    extra = draw(st.sampled_from(events))
    return plan, draw(st.sampled_from(list(plan.parties))), failed, extra


@PROPERTY
@given(scenarios())
def test_the_engine_never_informs_a_party_the_static_picture_cannot(scenario: Scenario) -> None:
    """Static analysis is the upper bound: time, calendars and lines can only take away.

    What fails at 0 and is never restored is down for the whole drill, so it
    may be counted as failed in the static picture too.
    """
    restored = {ident for inject in scenario.injects for ident in inject.restore}
    failed = frozenset(ident for inject in scenario.injects if inject.at == 0
                       for ident in inject.fail if ident not in restored)
    sim = run_to_end(scenario)
    possible, informed = static_picture(scenario.plan, sim.procedure, scenario.origin, failed)
    assert {p for p, when in sim.informed.items() if when is not None} <= informed
    for task in sim.tasks:
        if task.at is not None:
            assert (task.step.id, task.sender_plan, task.recipient) in possible


@PROPERTY
@given(plan_origin_failures())
def test_failing_one_more_thing_never_makes_the_static_picture_better(case) -> None:
    plan, origin, failed, extra = case
    procedure = plan.procedures["x"]
    possible, informed = static_picture(plan, procedure, origin, failed)
    more_possible, more_informed = static_picture(plan, procedure, origin, failed | {extra})
    assert more_possible <= possible
    assert more_informed <= informed


@PROPERTY
@given(plan_origin_failures())
def test_a_restore_never_makes_the_static_picture_worse(case) -> None:
    plan, origin, failed, extra = case
    failed = failed | {extra}   # then restore ``extra``
    procedure = plan.procedures["x"]
    possible, informed = static_picture(plan, procedure, origin, failed)
    restored_possible, restored_informed = static_picture(plan, procedure, origin, failed - {extra})
    assert possible <= restored_possible
    assert informed <= restored_informed


def _small_sets(events: list[str], order: int) -> list[frozenset[str]]:
    return [frozenset(c) for k in range(1, order + 1) for c in combinations(events, k)]


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_analyze_cut_sets_agree_with_the_static_picture(plan: Plan) -> None:
    """Each reported cut set cuts and is minimal; every cutting set of order <= 2 contains one."""
    from drill.analysis import analyze_plan

    analysis = analyze_plan(plan, order=2)
    events = list(plan.components) + list(plan.channels)
    small = _small_sets(events, 2)
    procedure = plan.procedures["x"]
    for task in analysis.tasks:
        def cuts(failed: frozenset[str], task=task) -> bool:
            return not task_possible_for_sender(plan, task.step, task.sender, task.recipient, failed)
        _check_cut_sets(task.label, task.cut_sets, cuts, small)
    for entry in analysis.parties:
        def party_cut(failed: frozenset[str], entry=entry) -> bool:
            return entry.party not in static_picture(plan, procedure, entry.origin, failed)[1]
        assert not party_cut(frozenset()), f"{entry.party} is listed but not informed with nothing failed"
        _check_cut_sets(f"{entry.origin}->{entry.party}", entry.cut_sets, party_cut, small)


def _check_cut_sets(label: str, reported: Iterable[Iterable[str]], cuts, small: list[frozenset[str]]) -> None:
    reported_sets = [frozenset(c) for c in reported]
    if cuts(frozenset()):
        assert reported_sets == [], f"{label}: impossible with nothing failed, yet has cut sets"
        return
    for cut in reported_sets:
        assert cuts(cut), f"{label}: reported cut set {sorted(cut)} does not cut"
        for event in cut:
            assert not cuts(cut - {event}), f"{label}: cut set {sorted(cut)} is not minimal"
    for candidate in small:
        if cuts(candidate):
            assert any(cut <= candidate for cut in reported_sets), \
                f"{label}: {sorted(candidate)} cuts but no reported cut set is inside it"
