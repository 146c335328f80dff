"""``drill run`` and ``drill validate`` as a user calls them (subprocesses)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, drill_cmd

TASK_FIELDS = {"step", "from", "to", "sender", "status", "by", "via", "at", "within", "attempts"}
ATTEMPT_FIELDS = {"to", "via", "start", "end", "ok", "reason"}


def drill(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*drill_cmd(), *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def check_run_json_shape(data: dict) -> None:
    """FORMAT.md section 4: every field present with the right type."""
    assert set(data) >= {"scenario", "plan", "summary", "tasks", "informed", "expectations"}
    assert set(data["summary"]) == {"tasks", "delivered", "late", "failed", "blocked"}
    assert data["summary"]["tasks"] == len(data["tasks"])
    assert sum(data["summary"][k] for k in ("delivered", "late", "failed", "blocked")) == len(data["tasks"])
    for task in data["tasks"]:
        assert set(task) >= TASK_FIELDS
        assert task["status"] in {"delivered", "late", "failed", "blocked"}
        assert (task["at"] is None) == (task["status"] in {"failed", "blocked"})
        if task["status"] == "blocked":
            assert task["sender"] is None and task["attempts"] == []
        for attempt in task["attempts"]:
            assert set(attempt) >= ATTEMPT_FIELDS
            assert isinstance(attempt["start"], float) and isinstance(attempt["end"], float)
            assert attempt["end"] >= attempt["start"]
            assert (attempt["reason"] is None) == attempt["ok"]
    for party, when in data["informed"].items():
        assert isinstance(party, str) and (when is None or isinstance(when, float))
    for exp in data["expectations"]:
        assert set(exp) >= {"expect", "ok"} and isinstance(exp["ok"], bool)


def test_run_scenario_json_shape() -> None:
    proc = drill("run", str(EXAMPLES / "cable-cut.yaml"), "--format", "json")
    assert proc.returncode == 1
    check_run_json_shape(json.loads(proc.stdout))


def test_default_drill_runs_from_any_folder(tmp_path: Path) -> None:
    proc = drill("run", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "tasks:" in proc.stdout and "Traceback" not in proc.stderr


def test_default_drill_json(tmp_path: Path) -> None:
    proc = drill("run", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    check_run_json_shape(data)
    assert data["scenario"] == "jlis-virus-drill"


def test_adhoc_run_from_plan_with_fail() -> None:
    """town-x reports at Wednesday 10:00 with the cable cut at 0: the mail fails (learned 20),
    landline works 20 -> 23 (the default start is a staffed weekday morning)."""
    proc = drill("run", str(EXAMPLES / "plan.yaml"), "--incident", "virus-suspected@town-x",
                 "--fail", "pref-cable@0m", "--format", "json")
    data = json.loads(proc.stdout)
    check_run_json_shape(data)
    report = data["tasks"][0]
    assert report["step"] == "report"
    assert [(a["via"], a["start"], a["end"], a["ok"]) for a in report["attempts"]] == [
        ("lgwan-mail", 0.0, 20.0, False), ("landline", 20.0, 23.0, True)]
    assert data["scenario"] == "virus-suspected@town-x"


def test_fail_on_top_of_scenario_and_start_option() -> None:
    proc = drill("run", str(EXAMPLES / "plan.yaml"), "--incident", "virus-suspected@town-y",
                 "--start", "2025-08-23T22:00", "--format", "json")
    data = json.loads(proc.stdout)
    assert data["tasks"][0]["by"] == "pref-duty"
    proc = drill("run", str(EXAMPLES / "cable-cut.yaml"), "--fail", "juki-net", "--format", "json")
    escalate = json.loads(proc.stdout)["tasks"][1]
    assert escalate["attempts"][0]["ok"] is False and escalate["via"] == "landline"


def test_plan_without_incident_is_a_usage_error() -> None:
    proc = drill("run", str(EXAMPLES / "plan.yaml"))
    assert proc.returncode == 2
    assert "--incident" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_incident_and_fail_values_exit_2() -> None:
    for args in (["--incident", "virus@town-x"], ["--incident", "virus-suspected@nobody"],
                 ["--incident", "virus-suspected"],
                 ["--incident", "virus-suspected@town-x", "--fail", "pref-cabel"],
                 ["--incident", "virus-suspected@town-x", "--fail", "pref-cable@-5m"]):
        proc = drill("run", str(EXAMPLES / "plan.yaml"), *args)
        assert proc.returncode == 2, args
        assert proc.stderr.startswith("drill: error:"), proc.stderr
    proc = drill("run", str(EXAMPLES / "plan.yaml"), "--incident", "virus-suspected@town-x", "--fail", "pref-cabel")
    assert "did you mean 'pref-cable'" in proc.stderr


def test_out_file_and_refusal_to_overwrite_input(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = drill("run", str(EXAMPLES / "cable-cut.yaml"), "--format", "json", "--out", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    check_run_json_shape(json.loads(out.read_text(encoding="utf-8")))
    scenario = tmp_path / "s.yaml"
    scenario.write_text((EXAMPLES / "cable-cut.yaml").read_text(encoding="utf-8").replace(
        "plan: plan.yaml", f"plan: {EXAMPLES / 'plan.yaml'}"), encoding="utf-8")
    before = scenario.read_bytes()
    proc = drill("run", str(scenario), "--out", str(scenario))
    assert proc.returncode == 2 and "refusing" in proc.stderr
    assert scenario.read_bytes() == before


def test_text_report_names_reason() -> None:
    proc = drill("run", str(EXAMPLES / "cable-cut.yaml"))
    assert proc.returncode == 1
    assert "pref-cable down since 8m (lgwan-mail at pref)" in proc.stdout
    assert "FAIL  town-y informed by 30 min — not informed by 30 min: town-y (36 min)" in proc.stdout
    assert "FALLS SHORT" in proc.stdout


def test_validate_ok_and_bad(tmp_path: Path) -> None:
    proc = drill("validate", str(EXAMPLES / "plan.yaml"), str(EXAMPLES / "cable-cut.yaml"))
    assert proc.returncode == 0
    assert proc.stdout.count(": ok (") == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: p\nparties:\n  a: {lines: 0}\n", encoding="utf-8")
    proc = drill("validate", str(bad))
    assert proc.returncode == 2
    assert f"{bad}:3:14: lines must be at least 1" in proc.stderr


def test_version_and_help() -> None:
    assert drill("--version").stdout.startswith("drill, version")
    for command in ("run", "validate"):
        proc = drill(command, "--help")
        assert proc.returncode == 0 and "Usage: drill" in proc.stdout
