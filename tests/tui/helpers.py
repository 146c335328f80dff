"""Shared bits of the TUI tests: the worked example and a pilot that waits for workers."""

from __future__ import annotations

from pathlib import Path

from drill.engine import Simulation
from drill.loading import load_scenario
from drill.model.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
CABLE_CUT = ROOT / "tests" / "data" / "examples" / "cable-cut.yaml"
SATURDAY = ROOT / "tests" / "data" / "examples" / "saturday-night.yaml"
EXAMPLE_PLAN = ROOT / "tests" / "data" / "examples" / "plan.yaml"
SIZE = (150, 44)


def cable_cut() -> Scenario:
    return load_scenario(str(CABLE_CUT))


def task_of(sim: Simulation, step: str, to: str) -> int:
    matches = [t.index for t in sim.tasks if t.step.id == step and t.recipient == to]
    assert len(matches) == 1
    return matches[0]


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the engine worker and for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
