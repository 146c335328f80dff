"""Exactness of the sweep's shortcuts under everything the engine does.

Skipping sets outside the baseline's reach and resuming from checkpoints must
never change a result.  These tests build many scenarios with restores,
absences, night and weekend starts, horizons and retries, and compare every
single failure (and pairs) with a fresh simulation from t = 0.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime
from itertools import combinations
from pathlib import Path

import pytest

from drill.engine import simulate
from drill.loading import load_scenario
from drill.model.plan import Retry
from drill.model.scenario import Inject
from drill.scale.context import STATUSES, SweepContext
from tests.conftest import SCENARIOS


def _fresh(scenario, fail) -> tuple[bytes, tuple[int, ...]]:
    result = simulate(scenario, [Inject(at=0.0, fail=tuple(fail))])
    statuses = bytes(STATUSES.index(t.status) for t in sorted(result.tasks, key=lambda t: t.index))
    return statuses, tuple(i for i, e in enumerate(result.expectations) if not e.ok)


def _random_scenario(base, rng: random.Random):
    plan = base.plan
    items = list(plan.components) + list(plan.channels)
    parties = list(plan.parties)
    injects = []
    for _ in range(rng.randint(1, 4)):
        at = float(rng.choice([0, 3, 10, 25, 40, 70, 120]))
        kind = rng.choice(["fail", "restore", "absent", "back"])
        pool = parties if kind in ("absent", "back") else items
        injects.append(Inject(at=at, **{kind: tuple(rng.sample(pool, rng.randint(1, 2)))}))
    start = datetime(2025, 1, rng.choice([15, 18, 19]), rng.choice([3, 9, 10, 17, 22]), rng.choice([0, 5]))
    procedure = plan.procedures[base.incident]
    if rng.random() < 0.5:  # some retries, so rounds and `until` are exercised too
        steps = tuple(replace(step, retry=Retry(every=20.0, until=200.0)) if rng.random() < 0.5 else step
                      for step in procedure.steps)
        plan = replace(plan, procedures={**plan.procedures, base.incident: replace(procedure, steps=steps)})
    horizon = rng.choice([None, 45.0, 180.0, 600.0])
    return replace(base, plan=plan, injects=tuple(injects), start=start, horizon=horizon)


@pytest.mark.parametrize("seed", range(12))
def test_every_single_failure_matches_a_fresh_run_in_random_scenarios(small_national: Path, seed: int) -> None:
    rng = random.Random(seed)
    name = rng.choice(["national-alert-weekday.yaml", "virus-hokkaido.yaml", "national-alert-night.yaml"])
    scenario = _random_scenario(load_scenario(str(small_national / "scenarios" / name)), rng)
    context = SweepContext(scenario).prepare()
    for ident in context.items:
        outcome = context.outcome([ident])
        assert (outcome.statuses, outcome.unmet) == _fresh(scenario, [ident]), (seed, ident)
    for a, b in rng.sample(list(combinations(context.items, 2)), 40):
        outcome = context.outcome([a, b])
        assert (outcome.statuses, outcome.unmet) == _fresh(scenario, [a, b]), (seed, a, b)


def test_every_single_failure_of_each_sample_scenario_matches_a_fresh_run() -> None:
    paths = sorted(SCENARIOS.glob("*.yaml"))
    if not paths:
        pytest.skip("no sample scenarios in this checkout")
    for path in paths:
        scenario = load_scenario(str(path))
        context = SweepContext(scenario).prepare()
        for ident in context.items:
            outcome = context.outcome([ident])
            assert (outcome.statuses, outcome.unmet) == _fresh(scenario, [ident]), (path.name, ident)
