"""The engine helpers a sweep relies on give exactly what a fresh simulation gives.

``FailureTimeline.extended`` must equal a timeline built from scratch, and a
``Simulation.fork`` must go on exactly as the original would (same journal).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from drill.engine import Simulation, event_to_dict, result_of, simulate
from drill.engine.timeline import FailureTimeline
from drill.loading import load_scenario
from drill.model.scenario import Inject
from drill.reports import run_to_dict
from tests.conftest import EXAMPLES


def _scenarios(small_national: Path) -> list:
    return [load_scenario(str(EXAMPLES / "cable-cut.yaml")), load_scenario(str(EXAMPLES / "saturday-night.yaml")),
            *(load_scenario(str(p)) for p in sorted((small_national / "scenarios").glob("*.yaml")))]


def test_extended_timeline_equals_one_built_from_scratch(small_national: Path) -> None:
    rng = random.Random(7)
    for scenario in _scenarios(small_national):
        plan = scenario.plan
        items = list(plan.components) + list(plan.channels)
        base = FailureTimeline(plan, scenario.injects)
        for _ in range(25):
            extra = [Inject(at=rng.choice([0.0, 5.0, 31.0]), fail=tuple(rng.sample(items, rng.randint(1, 3)))),
                     Inject(at=rng.choice([40.0, 90.0]), restore=tuple(rng.sample(items, 1)))]
            derived = base.extended(extra)
            fresh = FailureTimeline(plan, list(scenario.injects) + extra)
            assert derived.down == fresh.down
            assert derived.own == fresh.own and derived.away == fresh.away
            assert derived.transition_times() == fresh.transition_times()
            for ident in items:
                for t in (0.0, 4.0, 30.0, 60.0, 200.0):
                    assert derived.is_down(ident, t) == fresh.is_down(ident, t)


def _journal(sim: Simulation) -> list[dict]:
    return [event_to_dict(e) for e in sim.events]


@pytest.mark.parametrize("stop", [0.0, 5.0, 10.0, 26.0, 31.0, 60.0])
def test_fork_goes_on_exactly_as_the_original(small_national: Path, stop: float) -> None:
    for scenario in _scenarios(small_national):
        straight = Simulation(scenario)
        straight.run()
        paused = Simulation(scenario)
        paused.advance_to(stop)
        twin = paused.fork()
        twin.run()
        paused.run()  # the original is not disturbed by its twin
        assert _journal(twin) == _journal(paused)
        # advancing the clock past the last event moves the end, nothing else
        assert _journal(twin)[:-1] == _journal(straight)[:-1]
        assert [t.status for t in twin.tasks] == [t.status for t in straight.tasks]


def test_fork_with_a_failure_from_the_start_matches_a_fresh_run_when_nothing_before_was_affected() -> None:
    scenario = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    # fax is first used at 30m: forking at 29m with fax failed from 0 must match a full run
    paused = Simulation(scenario)
    paused.advance_to(29.0)
    inject = Inject(at=0.0, fail=("fax",))
    twin = paused.fork([inject])
    twin.run()
    fresh = simulate(scenario, [inject])
    got = run_to_dict(result_of(twin))
    want = run_to_dict(fresh)
    assert got["summary"] == want["summary"] and got["tasks"] == want["tasks"]
    assert got["informed"] == want["informed"]
