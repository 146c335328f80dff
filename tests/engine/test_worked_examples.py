"""FORMAT.md section 6: the worked examples give exactly their expected output.

The expected files are the contract's own (copied from shared/design/examples).
Every field must match, except that a failed attempt's ``reason`` may be worded
differently as long as it names what was down or unstaffed.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from drill.engine import simulate
from drill.loading import load_scenario
from drill.reports import run_to_dict
from tests.conftest import EXAMPLES, drill_cmd


def _named(reason: str) -> str:
    """The component or party a contract reason names (its first word)."""
    return re.split(r"[ (]", reason, maxsplit=1)[0]


def assert_matches(expected: object, actual: object, path: str = "$") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            if key == "reason" and isinstance(value, str):
                assert isinstance(actual[key], str), f"{path}.reason"
                assert _named(value) in actual[key], f"{path}.reason {actual[key]!r} does not name {_named(value)}"
                continue
            assert_matches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{path}: {actual!r}"
        for index, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_matches(e, a, f"{path}[{index}]")
    else:
        assert actual == expected, f"{path}: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("name", ["cable-cut", "saturday-night"])
def test_worked_example_in_process(name: str) -> None:
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    exit_code = expected.pop("exit_code")
    result = simulate(load_scenario(str(EXAMPLES / f"{name}.yaml")))
    assert_matches(expected, run_to_dict(result))
    assert result.exit_code == exit_code


@pytest.mark.parametrize("name", ["cable-cut", "saturday-night"])
def test_worked_example_cli_json(name: str) -> None:
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    exit_code = expected.pop("exit_code")
    proc = subprocess.run([*drill_cmd(), "run", str(EXAMPLES / f"{name}.yaml"), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == exit_code, proc.stderr
    assert_matches(expected, json.loads(proc.stdout))


def test_cable_cut_reason_names_component_and_time() -> None:
    """The mail at 10m fails because pref-cable was cut at 8m; the reason says both."""
    result = simulate(load_scenario(str(EXAMPLES / "cable-cut.yaml")))
    alert = [t for t in result.tasks if t.step.id == "alert"][0]
    assert alert.attempts[0].reason == "pref-cable down since 8m (lgwan-mail at pref)"


def test_saturday_night_reason_names_unstaffed_party() -> None:
    result = simulate(load_scenario(str(EXAMPLES / "saturday-night.yaml")))
    report = result.tasks[0]
    assert report.attempts[0].reason.startswith("pref not staffed")
