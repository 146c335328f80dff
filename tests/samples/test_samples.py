"""Every sample plan and scenario loads and runs, with the outcome it is meant to show.

The samples are documentation that runs: some drills pass, and the shared-cable
drill (among others) shows the council's worry — it must keep failing.  A new
sample must be added to OUTCOMES below.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from drill.engine import simulate
from drill.loading import load_document, load_plan, load_scenario
from drill.model.plan import Plan
from tests.conftest import PLANS, SCENARIOS, drill_cmd

#: scenario file -> (summary, expectation results in file order)
OUTCOMES = {
    "august-terminal-failure.yaml": ((4, 4, 0, 0, 0), [True] * 5),
    "holiday-night.en.yaml": ((26, 8, 0, 18, 0), [True, True, False, False]),
    "holiday-night.yaml": ((26, 8, 0, 18, 0), [True, True, False, False]),
    "jlis-virus-drill.en.yaml": ((26, 26, 0, 0, 0), [True] * 6),
    "jlis-virus-drill.yaml": ((26, 26, 0, 0, 0), [True] * 6),
    "lgwan-gateway-failure.yaml": ((26, 25, 1, 0, 0), [False, True, True, False]),
    "lightning-branch-office.yaml": ((4, 4, 0, 0, 0), [True] * 5),
    "power-cut-pbx-battery.en.yaml": ((3, 2, 1, 0, 0), [True, True, False, False]),
    "power-cut-pbx-battery.yaml": ((3, 2, 1, 0, 0), [True, True, False, False]),
    "shared-cable-cut.en.yaml": ((26, 25, 1, 0, 0), [False, True, True, False]),
    "shared-cable-cut.yaml": ((26, 25, 1, 0, 0), [False, True, True, False]),
}


def test_every_sample_scenario_is_listed() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == sorted(OUTCOMES)


@pytest.mark.parametrize("plan_path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.name)
def test_sample_plan_loads_and_every_procedure_runs(plan_path) -> None:
    """With nothing failed on a weekday morning, every origin of every procedure gets
    every notification through (the samples are realistic, not broken)."""
    from drill.loading.adhoc import adhoc_scenario

    plan = load_plan(str(plan_path))
    assert isinstance(load_document(str(plan_path)), Plan)
    for procedure in plan.procedures.values():
        origins = plan.expand(procedure.origins) if procedure.origins is not None else list(plan.parties)
        origin = origins[0]
        result = simulate(adhoc_scenario(plan, f"{procedure.id}@{origin}"))
        assert result.summary["failed"] == 0 and result.summary["blocked"] == 0, (procedure.id, origin)


def test_yamaguchi_has_all_19_municipalities() -> None:
    plan = load_plan(str(PLANS / "yamaguchi.yaml"))
    assert len(plan.expand(["@municipalities"])) == 19
    assert {"jlis", "monitor", "vendor", "pref-shicho", "pref-duty"} <= set(plan.parties)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_sample_scenario_outcome(name: str) -> None:
    scenario = load_scenario(str(SCENARIOS / name))
    result = simulate(scenario)
    summary, expectations = OUTCOMES[name]
    assert tuple(result.summary.values()) == summary
    assert [e.ok for e in result.expectations] == expectations
    assert result.exit_code == (0 if all(expectations) and summary[1] == summary[0] else 1)


def test_shared_cable_drill_names_the_shared_cable() -> None:
    """The drill that shows the council's warning: the mail fails over the cut cable."""
    result = simulate(load_scenario(str(SCENARIOS / "shared-cable-cut.yaml")))
    reasons = [a.reason for t in result.tasks for a in t.attempts if not a.ok]
    assert any(r and r.startswith("pref-trunk-cable down since") for r in reasons)


@pytest.mark.parametrize("name", ["jlis-virus-drill.yaml", "shared-cable-cut.yaml"])
def test_sample_cli_json(name: str) -> None:
    proc = subprocess.run([*drill_cmd(), "run", str(SCENARIOS / name), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    data = json.loads(proc.stdout)
    assert proc.returncode == (0 if name.startswith("jlis") else 1)
    assert data["summary"]["tasks"] == OUTCOMES[name][0][0]
    plan = load_plan(str(PLANS / "yamaguchi.yaml"))
    addresses = [c.address for p in plan.parties.values() for c in p.contacts if c.address]
    assert len(addresses) > 10
    assert not [a for a in addresses if a in proc.stdout]  # personal data stays out
