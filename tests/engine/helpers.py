"""Build tiny plans and scenarios inline for rule-by-rule engine tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from drill.engine import RunResult, Simulation, simulate
from drill.loading import load_scenario


def write_case(tmp_path: Path, plan: str, scenario: str) -> Path:
    (tmp_path / "plan.yaml").write_text(textwrap.dedent(plan), encoding="utf-8")
    path = tmp_path / "scenario.yaml"
    path.write_text(textwrap.dedent(scenario), encoding="utf-8")
    return path


def run_case(tmp_path: Path, plan: str, scenario: str) -> RunResult:
    return simulate(load_scenario(str(write_case(tmp_path, plan, scenario))))


def sim_case(tmp_path: Path, plan: str, scenario: str) -> Simulation:
    return Simulation(load_scenario(str(write_case(tmp_path, plan, scenario))))


def task(result: RunResult, step: str, to: str):
    matches = [t for t in result.tasks if t.step.id == step and t.recipient == to]
    assert len(matches) == 1, [(t.step.id, t.recipient) for t in result.tasks]
    return matches[0]


def attempts(task_) -> list[tuple[str, str, float, float, bool]]:
    return [(a.to, a.via, a.start, a.end, a.ok) for a in task_.attempts]
