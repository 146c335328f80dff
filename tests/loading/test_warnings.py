"""Warnings: valid, but surely not meant (an inject after the horizon); printed, exit code unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from drill.loading import load_scenario

ROOT = Path(__file__).resolve().parents[2]
AFTER = "tests/data/examples/inject-after-horizon.yaml"
WARNING = f"{AFTER}:10:5: warning: this inject at 1h30m is after the horizon 1h; it never happens"


def _drill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "DRILL_LANG": "en"})


def test_an_inject_after_the_horizon_is_a_warning_at_its_place() -> None:
    scenario = load_scenario(AFTER)
    assert [str(p) for p in scenario.warnings()] == [WARNING]
    assert load_scenario("tests/data/examples/cable-cut.yaml").warnings() == ()  # no horizon: nothing is after it


def test_validate_and_run_print_the_warning_and_keep_their_exit_code() -> None:
    validate = _drill("validate", AFTER)
    assert validate.returncode == 0
    assert validate.stderr.splitlines() == [WARNING]
    run = _drill("run", AFTER, "--format", "json")
    assert run.returncode == 0 and WARNING in run.stderr.splitlines()
    assert _drill("run", AFTER, "--horizon", "2h").stderr == ""  # the horizon moved past it: no warning
