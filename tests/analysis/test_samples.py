"""The bundled sample plans under ``drill analyze`` (smoke tests, no pinned numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.analysis import analyze_plan
from drill.loading import load_plan
from tests.conftest import PLANS

SAMPLES = sorted(PLANS.glob("*.yaml"))
SHARED = "tests/analysis/data/shared-cable.yaml"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_analyzes_and_every_finding_points_into_it(path: Path) -> None:
    relative = str(path.relative_to(PLANS.parent))
    analysis = analyze_plan(load_plan(relative))
    assert analysis.tasks and analysis.parties
    for finding in analysis.findings:
        assert finding.where.startswith(relative + ":"), finding


@pytest.mark.parametrize("path", [*(str(p.relative_to(PLANS.parent)) for p in SAMPLES), SHARED])
def test_every_task_single_point_of_failure_is_a_shared_risk_finding(path: str) -> None:
    analysis = analyze_plan(load_plan(path))
    messages = [f.canonical for f in analysis.findings if f.rule == "shared-risk"]  # ids only
    for task in analysis.tasks:
        for cut in task.cut_sets:
            if len(cut) == 1:
                assert any(f" {cut[0]} alone silences" in m and _names_route(m, task.sender, task.recipient)
                           and f"step {task.step} in {task.procedure}" in m for m in messages), (task, cut)


def _names_route(message: str, sender: str, recipient: str) -> bool:
    """Whether the task list of a shared-risk message ('a → b, c' or 'a → b, c → d') names the task."""
    route = message.split(" (", 1)[1].split("):", 1)[0]
    if route.count(" → ") == 1:
        left, right = route.split(" → ")
        return sender in left.split(", ") and recipient in right.split(", ")
    return f"{sender} → {recipient}" in route.split(", ")


def test_yamaguchi_network_outage_reports_over_the_failed_network() -> None:
    analysis = analyze_plan(load_plan("contact_plans/yamaguchi.yaml"))
    found = [f for f in analysis.findings if f.rule == "self-dependent"]
    assert any("network-outage" in f.message and "lgwan-mail" in f.message for f in found)


def test_shared_cable_sample_shows_both_council_warnings() -> None:
    analysis = analyze_plan(load_plan(SHARED))
    assert [f.rule for f in analysis.findings[:2]] == ["self-dependent", "shared-risk"]
    risk = analysis.findings[1]
    assert risk.severity == "error"
    assert "pref-trunk-cable" in risk.message and "juki-net" in risk.message and "lgwan-mail" in risk.message
    escalate = next(t for t in analysis.tasks if t.step == "escalate")
    assert escalate.cut_sets[0] == ("pref-trunk-cable",)
    assert analysis.ranking[0].event == "pref-trunk-cable"


def test_yamaguchi_shows_the_shared_prefectural_cable_under_juki_net_and_lgwan() -> None:
    analysis = analyze_plan(load_plan("contact_plans/yamaguchi.yaml"))
    found = [f for f in analysis.findings if f.rule == "shared-risk" and "pref-trunk-cable" in f.message]
    assert any("juki-net" in f.message and "lgwan-mail" in f.message for f in found)
