"""What the after-action report concludes: findings, root causes, recommendations."""

from __future__ import annotations

from pathlib import Path

from drill.engine import simulate
from drill.loading import load_scenario
from drill.reports import run_to_dict
from drill.reports.aar import build_after_action
from tests.reports.helpers import EXAMPLES


def _aar(path: Path | str, with_plan: bool = True):  # noqa: ANN202
    scenario = load_scenario(str(path))
    record = run_to_dict(simulate(scenario))
    return build_after_action(record, scenario.plan if with_plan else None, analysis=[])


def test_cable_cut_silent_mail_failure_is_the_root_cause() -> None:
    aar = _aar(EXAMPLES / "cable-cut.yaml")
    assert [f.kind for f in aar.findings] == ["objective"]
    finding = aar.findings[0]
    assert finding.title == "objective not met: town-y informed by 30m"
    [cause] = finding.causes
    assert (cause.cause, cause.kind, cause.first, cause.lost) == ("pref-cable", "component", 10.0, 20.0)
    assert set(cause.silenced) == {"juki-net at pref", "lgwan-mail at pref"}
    assert finding.recommendations[0] == ("put fax ahead of lgwan-mail in via of alert: lgwan-mail depends "
                                          "on pref-cable and cost 20m before the sender knew it had failed")
    assert any("single point under juki-net, lgwan-mail" in r for r in finding.recommendations)
    assert not aar.ok


def test_saturday_night_groups_the_towns_nobody_staffs() -> None:
    aar = _aar(EXAMPLES / "saturday-night.yaml")
    [finding] = aar.findings  # the failed delivered-all objective is explained by the same tasks
    assert finding.kind == "failed" and finding.recipient == "town-x, town-y"
    assert {c.cause for c in finding.causes} == {"town-x", "town-y"}
    assert {c.kind for c in finding.causes} == {"unstaffed"}
    assert finding.recommendations == ["town-x, town-y were not staffed at Sat 22:31: name a deputy on "
                                       "round-the-clock hours, or give each an out-of-hours contact"]
    assert "objective not met" in finding.detail
    assert aar.not_informed == ["town-x", "pref"]


def test_blocked_steps_point_at_the_first_failure(tmp_path: Path) -> None:
    scenario = tmp_path / "duty-away.yaml"
    scenario.write_text(
        f"scenario: duty-away\nplan: {EXAMPLES / 'plan.yaml'}\nstart: 2025-08-23T22:00\n"
        "incident: {type: virus-suspected, origin: town-y}\n"
        "injects: [{at: 0m, absent: [pref-duty]}]\n", encoding="utf-8")
    aar = _aar(scenario)
    kinds = [f.kind for f in aar.findings]
    assert kinds == ["failed", "blocked", "blocked"]
    report = aar.findings[0]
    assert {c.kind for c in report.causes} == {"unstaffed", "absent"}
    assert any(r.startswith("pref-duty was absent: name a deputy") for r in report.recommendations)
    assert any("deputies were not reached" in r for r in report.recommendations)
    assert all("pref was never informed" in f.recommendations[0] for f in aar.findings[1:])


def test_without_the_plan_causes_are_still_named() -> None:
    aar = _aar(EXAMPLES / "cable-cut.yaml", with_plan=False)
    [cause] = aar.findings[0].causes
    assert cause.cause == "pref-cable" and cause.silenced == []
    assert aar.plan_title is None


def test_moments_are_chronological_with_injects_first() -> None:
    aar = _aar(EXAMPLES / "cable-cut.yaml")
    assert [(m.t, m.kind) for m in aar.moments] == [
        (0.0, "informed"), (5.0, "informed"), (8.0, "inject"), (10.0, "informed"), (30.0, "deadline"),
        (36.0, "informed")]
    assert aar.clock.text(36.0) == "10:36"


def test_run_json_carries_what_report_needs() -> None:
    record = run_to_dict(simulate(load_scenario(str(EXAMPLES / "cable-cut.yaml"))))
    assert record["injects"] == [{"at": 8.0, "fail": ["pref-cable"]}]
    assert record["start"] == "2025-08-20T10:00" and record["timezone"] == "Asia/Tokyo"
    alert = record["tasks"][2]
    assert alert["start"] == 10.0
    assert [a["cause"] for a in alert["attempts"]] == ["pref-cable", None]
    assert record["files"]["plan"].endswith("plan.yaml")
