"""``drill sweep --random``: fixed-seed reference, brute-force check, independence from workers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from drill.engine import simulate
from drill.loading import load_scenario
from drill.model.scenario import Inject
from drill.reports.montecarlo import monte_carlo_to_dict
from drill.scale.context import STATUSES
from drill.scale.executors import LocalExecutor
from drill.scale.montecarlo import RUNS_PER_CHUNK, MonteCarloError, monte_carlo, wilson
from tests.conftest import EXAMPLES, drill_cmd

CABLE_CUT = str(EXAMPLES / "cable-cut.yaml")


def test_fixed_seed_reference() -> None:
    """Pinned numbers for seed 11, 200 runs, p = 0.05 (a change here changes users' results)."""
    data = monte_carlo_to_dict(monte_carlo(load_scenario(CABLE_CUT), 200, 11, 0.05, executor=LocalExecutor(1)))
    assert data["runs"] == 200 and data["seed"] == 11 and data["p"] == 0.05
    assert [e["count"] for e in data["expectations"]] == [0, 174]
    assert [[t["status"][s]["count"] for s in STATUSES] for t in data["tasks"]] == \
        [[194, 0, 6, 0], [192, 0, 2, 6], [176, 0, 18, 6], [176, 0, 18, 6]]
    assert data["expectations"][1]["p"] == 0.87
    low, high = data["expectations"][1]["ci95"]
    assert low < 0.87 < high


def test_matches_a_brute_force_recomputation() -> None:
    """Draw the same failures independently and simulate each run from scratch."""
    scenario = load_scenario(CABLE_CUT)
    runs, seed, p = 120, 4, 0.08
    data = monte_carlo_to_dict(monte_carlo(scenario, runs, seed, p, executor=LocalExecutor(1)))
    items = list(scenario.plan.components) + list(scenario.plan.channels)
    holds = np.zeros(len(scenario.expect), dtype=int)
    statuses = np.zeros((4, 4), dtype=int)
    chunks = -(-runs // RUNS_PER_CHUNK)
    for index, child in enumerate(np.random.SeedSequence(seed).spawn(chunks)):
        rng = np.random.default_rng(child)
        for _ in range(min(RUNS_PER_CHUNK, runs - index * RUNS_PER_CHUNK)):
            failed = [items[i] for i in np.flatnonzero(rng.random(len(items)) < p)]
            result = simulate(scenario, [Inject(at=0.0, fail=tuple(failed))] if failed else [])
            holds += [e.ok for e in result.expectations]
            for task in result.tasks:
                statuses[task.index, STATUSES.index(task.status)] += 1
    assert [e["count"] for e in data["expectations"]] == holds.tolist()
    assert [[t["status"][s]["count"] for s in STATUSES] for t in data["tasks"]] == statuses.tolist()


def test_result_depends_on_the_seed_not_on_the_workers() -> None:
    scenario = load_scenario(CABLE_CUT)
    one = monte_carlo_to_dict(monte_carlo(scenario, 130, 9, 0.1, executor=LocalExecutor(1)))
    two = monte_carlo_to_dict(monte_carlo(scenario, 130, 9, 0.1, executor=LocalExecutor(2)))
    other = monte_carlo_to_dict(monte_carlo(scenario, 130, 10, 0.1, executor=LocalExecutor(1)))
    assert one == two
    assert one != other


def test_wilson_interval_known_values() -> None:
    low, high = wilson(87, 100)
    assert round(low, 4) == 0.7902 and round(high, 4) == 0.9224  # computed by hand
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_no_probability_anywhere_is_a_clear_error() -> None:
    with pytest.raises(MonteCarloError, match="--p"):
        monte_carlo(load_scenario(CABLE_CUT), 10, 1, None, executor=LocalExecutor(1))


def test_cli_random_json_and_own_p_fail(small_national: Path) -> None:
    path = str(small_national / "scenarios" / "national-alert-weekday.yaml")
    done = subprocess.run([*drill_cmd(), "sweep", path, "--random", "60", "--seed", "3", "--format", "json",
                           "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["runs"] == 60 and data["p"] is None
    assert len(data["tasks"]) == data["baseline"]["tasks"]
    for entry in data["expectations"]:
        assert 0 <= entry["ci95"][0] <= entry["p"] <= entry["ci95"][1] <= 1
    text = subprocess.run([*drill_cmd(), "sweep", CABLE_CUT, "--random", "50", "--p", "0.1"],
                          capture_output=True, text=True, timeout=300)
    assert text.returncode == 0 and "objective 2:" in text.stdout
    misuse = subprocess.run([*drill_cmd(), "sweep", CABLE_CUT, "--p", "0.1"], capture_output=True, text=True,
                            timeout=60)
    assert misuse.returncode == 2 and "--random" in misuse.stderr
