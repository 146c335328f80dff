"""Structured causes (FORMAT.md 7.2): kinds on attempts and tasks, words from one place."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from drill.engine import causes, simulate
from drill.engine.causes import CAUSE_KINDS, REASON_KINDS
from drill.loading import load_scenario
from drill.reports import run_to_dict
from drill.reports.aar import build_after_action
from drill.reports.junit import render_junit_records

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests/data/examples").glob("*-*.yaml"))


def _record(path: Path) -> tuple[dict[str, Any], Any]:
    scenario = load_scenario(str(path))
    return run_to_dict(simulate(scenario)), scenario.plan


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_failed_attempt_has_a_cause_kind(path: Path) -> None:
    record, plan = _record(path)
    for task in record["tasks"]:
        for attempt in task["attempts"]:
            if attempt["ok"]:
                assert attempt["cause_kind"] is None
                continue
            assert attempt["cause_kind"] in CAUSE_KINDS
            if attempt["cause_kind"] == "horizon":
                assert attempt["cause"] is None
            elif attempt["cause_kind"] == "down":
                assert attempt["cause"] in plan.components or attempt["cause"] in plan.channels
            else:
                assert attempt["cause"] in plan.parties
        if task["status"] in ("failed", "blocked") and not task["attempts"]:
            assert task["reason_kind"] in REASON_KINDS
        else:
            assert task["reason_kind"] is None


def test_down_names_the_injected_root_not_the_dependant() -> None:
    """The PBX's battery runs out after the power cut: the cause is the power."""
    record, plan = _record(ROOT / "scenarios/power-cut-pbx-battery.yaml")
    injected = {i for inject in record["injects"] for i in inject.get("fail", [])}
    downs = [a for t in record["tasks"] for a in t["attempts"] if a["cause_kind"] == "down"]
    assert downs, "the sample should have attempts that fail because something is down"
    assert {a["cause"] for a in downs} <= injected


def _structure(aar: Any) -> Any:
    """Everything of an after-action report except the words of reasons."""
    return [(f.kind, f.step, f.sender, f.recipient, f.tasks, len(f.recommendations),
             [(c.cause, c.kind, c.first, c.lost, c.attempts, c.silenced) for c in f.causes])
            for f in aar.findings], [(row.ok, row.to, row.via) for row in aar.attempts], aar.ok, aar.summary


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_rewording_reasons_changes_no_report_structure(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record, plan = _record(path)
    before = _structure(build_after_action(record, plan, analysis=[]))
    junit_before = render_junit_records([(record, {})]).count("<failure")
    monkeypatch.setattr(causes, "attempt_reason", lambda cause: f"ATTEMPT-{cause.kind}")
    monkeypatch.setattr(causes, "task_reason", lambda cause: f"TASK-{cause.kind}")
    reworded, _ = _record(path)
    assert reworded != record or not any(t["reason"] for t in record["tasks"])
    assert _structure(build_after_action(reworded, plan, analysis=[])) == before
    assert render_junit_records([(reworded, {})]).count("<failure") == junit_before


def test_horizon_cause_has_no_id() -> None:
    cause = causes.AttemptCause("horizon", None, "fax", horizon=30.0)
    assert causes.attempt_reason(cause) == "no outcome before the horizon (30m)"
    assert dataclasses.replace(cause, horizon=float("inf")).cause is None
