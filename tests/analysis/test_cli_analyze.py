"""``drill analyze`` as a user runs it: exit codes, --fail-on, --out, --baseline, errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from tests.conftest import ROOT, drill_cmd

EXAMPLE = "tests/data/examples/plan.yaml"
BEFORE = "tests/analysis/data/plan-before.yaml"
SHARED = "tests/analysis/data/shared-cable.yaml"
CLEAN = """\
plan: clean
components: {carrier-a: {}, carrier-b: {}}
channels:
  phone: {depends_on: [carrier-a], latency: 3m}
  mobile: {depends_on: [carrier-b], latency: 3m}
parties:
  a: {contacts: {phone: {}, mobile: {}}}
  b: {contacts: {phone: {}, mobile: {}}}
procedures:
  p:
    origins: [a]
    steps:
      - {id: tell, from: $origin, to: b, via: [phone, mobile], within: 10m}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_contains_the_worked_example_cut_sets() -> None:
    code, out, _ = run(EXAMPLE, "--format", "json")
    expected = json.loads((ROOT / "tests/data/examples/plan.analyze.expected.json").read_text())
    data = json.loads(out)
    assert code == 1  # the worked example has shared-risk errors
    assert [{k: v for k, v in t.items() if k != "candidates"} for t in data["tasks"]] == expected["tasks"]
    assert data["parties"] == expected["parties"]
    assert {f["rule"] for f in data["findings"]} >= {"shared-risk"}
    assert all(f["where"].startswith(EXAMPLE + ":") for f in data["findings"])


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on(fail_on: str, code: int) -> None:
    assert run(EXAMPLE, "--fail-on", fail_on)[0] == code


def test_a_plan_with_only_notes_passes_fail_on_warning(tmp_path: Path) -> None:
    plan = tmp_path / "clean.yaml"
    plan.write_text(CLEAN + "calendars: {unused-hours: {from: '09:00', to: '17:00'}}\n", encoding="utf-8")
    code, out, _ = run(str(plan), "--fail-on", "warning", "--format", "json")
    assert code == 0, out
    assert [f["severity"] for f in json.loads(out)["findings"]] == ["note"]


def test_order_option(tmp_path: Path) -> None:
    code, out, _ = run(EXAMPLE, "--order", "1", "--format", "json", "--fail-on", "never")
    assert code == 0
    assert all(len(c) == 1 for t in json.loads(out)["tasks"] for c in t["cut_sets"])
    code, _, err = run(EXAMPLE, "--order", "5")
    assert code == 2 and "5" in err


def test_out_writes_a_file_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "drill.sarif"
    code, out, err = run(SHARED, "--format", "sarif", "--out", str(target))
    assert code == 1 and out == ""
    assert "wrote" in err
    log = json.loads(target.read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"self-dependent", "shared-risk"}


def test_baseline_exit_1_when_the_change_adds_an_error() -> None:
    code, out, _ = run(EXAMPLE, "--baseline", BEFORE, "--format", "json")
    assert code == 1
    added = json.loads(out)["baseline"]["added"]
    assert [f["rule"] for f in added["findings"]] == ["shared-risk"] * 3
    assert {"kind": "task", "procedure": "virus-suspected", "step": "report", "from": "town-x",
            "to": "pref", "cut_set": ["pref-power"]} in added["cut_sets"]


def test_baseline_exit_0_when_the_change_only_removes_risks() -> None:
    code, out, _ = run(BEFORE, "--baseline", EXAMPLE, "--format", "json")
    assert code == 0
    baseline = json.loads(out)["baseline"]
    assert baseline["added"]["findings"] == [] and len(baseline["removed"]["findings"]) == 3


def test_baseline_against_itself_adds_nothing() -> None:
    code, out, _ = run(EXAMPLE, "--baseline", EXAMPLE, "--format", "markdown")
    assert code == 0
    assert "Added: 0 findings, 0 cut sets" in out


@pytest.mark.parametrize("args", [
    ["missing.yaml"],
    ["tests/data/examples/cable-cut.yaml"],
    [EXAMPLE, "--baseline", "missing.yaml"],
    [EXAMPLE, "--format", "open-psa", "--baseline", BEFORE],
    [EXAMPLE, "--out", EXAMPLE],
])
def test_bad_input_exits_2_without_a_traceback(args: list[str]) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert "Traceback" not in err and err.strip()


def test_invalid_plan_names_file_line_column(tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text(CLEAN.replace("via: [phone, mobile]", "via: [phone, fax]"), encoding="utf-8")
    code, _, err = run(str(plan))
    assert code == 2 and f"{plan}:" in err and "fax" in err


def test_text_report_on_the_shared_cable_sample_names_the_council_warnings() -> None:
    code, out, _ = run(SHARED)
    assert code == 1
    assert out.index("self-dependent") < out.index("shared-risk")
    assert "pref-trunk-cable" in out


def test_help_describes_every_option() -> None:
    result = CliRunner().invoke(cli, ["analyze", "--help"])
    for option in ("--order", "--format", "--fail-on", "--baseline", "--out", "--color"):
        assert option in result.output


def test_subprocess_exit_code_and_streams() -> None:
    done = subprocess.run([*drill_cmd(), "analyze", SHARED, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert json.loads(done.stdout)["plan"] == "shared-cable"
    assert done.stderr == ""
