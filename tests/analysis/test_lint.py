"""Every lint rule: a plan that triggers it and one that does not."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from drill.analysis import RULES, analyze_plan
from drill.analysis.results import Finding
from drill.loading.plans import load_plan_text

CLEAN: dict[str, Any] = {
    "plan": "clean",
    "timezone": "Asia/Tokyo",
    "calendars": {"office": {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:30", "to": "17:15"}},
    "components": {"hq-power": {"kind": "power"}, "town-power": {"kind": "power"},
                   "carrier-a": {"kind": "carrier"}, "carrier-b": {"kind": "carrier"},
                   "net-core": {"kind": "network"}},
    "channels": {"mail": {"depends_on": ["net-core"], "latency": "5m"},
                 "phone": {"depends_on": ["carrier-a"], "latency": "3m"},
                 "mobile": {"depends_on": ["carrier-b"], "latency": "3m"}},
    "parties": {
        "town": {"contacts": {"mail": {"depends_on": ["town-power"]}, "phone": {}, "mobile": {}}},
        "hq": {"hours": "office", "deputies": ["duty"],
               "contacts": {"mail": {"depends_on": ["hq-power"]}, "phone": {}}},
        "duty": {"contacts": {"mobile": {}}},
    },
    "procedures": {"outage": {"origins": ["town"], "steps": [
        {"id": "report", "from": "$origin", "to": "hq", "via": ["phone", "mail", "mobile"],
         "within": "30m"},
    ]}},
}


def plan_data() -> dict[str, Any]:
    return copy.deepcopy(CLEAN)


def findings(data: dict[str, Any]) -> list[Finding]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return list(analyze_plan(load_plan_text(text, "plan.yaml"), 2).findings)


def of(rule: str, data: dict[str, Any]) -> list[Finding]:
    return [f for f in findings(data) if f.rule == rule]


def step(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return data["procedures"]["outage"]["steps"][index]


def test_the_clean_plan_has_no_findings_at_all() -> None:
    assert findings(plan_data()) == []


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_no_rule_fires_on_the_clean_plan(rule: str) -> None:
    assert of(rule, plan_data()) == []


def test_every_finding_points_at_a_yaml_node() -> None:
    data = plan_data()
    data["components"]["spare"] = {"kind": "other"}
    step(data)["within"] = "1m"
    for finding in findings(data):
        assert finding.location is not None and finding.location.line > 0
        assert finding.where.startswith("plan.yaml:")


# -- self-dependent -------------------------------------------------------------

def test_self_dependent_warns_when_the_first_choice_needs_what_is_down() -> None:
    data = plan_data()
    data["procedures"]["outage"]["assumes_down"] = ["net-core"]
    step(data)["via"] = ["mail", "phone", "mobile"]
    found = of("self-dependent", data)
    assert [f.severity for f in found] == ["warning"]
    assert "mail" in found[0].message and "net-core" in found[0].message
    assert found[0].location is not None and found[0].location.line > 0


def test_self_dependent_is_an_error_when_every_channel_needs_it() -> None:
    data = plan_data()
    data["procedures"]["outage"]["assumes_down"] = ["carrier-a"]
    step(data)["via"] = ["phone"]
    assert [f.severity for f in of("self-dependent", data)] == ["error"]


def test_self_dependent_quiet_when_the_dependent_channel_is_only_a_fallback() -> None:
    data = plan_data()
    data["procedures"]["outage"]["assumes_down"] = ["net-core"]
    assert of("self-dependent", data) == []


# -- shared-risk ---------------------------------------------------------------------

def test_shared_risk_names_the_component_and_the_channels_it_silences() -> None:
    data = plan_data()
    data["parties"]["hq"]["deputies"] = []
    data["parties"]["hq"]["contacts"]["phone"] = {"depends_on": ["hq-power"]}
    found = of("shared-risk", data)
    errors = [f for f in found if f.severity == "error"]
    assert errors, found
    assert any("hq-power" in f.message and "mail" in f.message and "phone" in f.message
               for f in errors)


def test_shared_risk_single_channel_is_a_warning() -> None:
    data = plan_data()
    step(data)["via"] = ["phone"]
    found = of("shared-risk", data)
    assert found and {f.severity for f in found} == {"warning"}
    assert any("carrier-a" in f.message for f in found)


def test_shared_risk_reports_upstream_failures_for_a_party() -> None:
    data = plan_data()
    data["parties"]["office"] = {"contacts": {"phone": {}, "mobile": {}}}
    data["parties"]["hq"]["contacts"]["mobile"] = {}
    step(data)["via"] = ["phone"]
    data["parties"]["hq"]["deputies"] = []
    data["procedures"]["outage"]["steps"].append(
        {"id": "relay", "from": "hq", "to": "office", "via": ["phone", "mobile"]})
    party_findings = [f for f in of("shared-risk", data) if "from being informed" in f.message]
    assert party_findings and "office" in party_findings[0].message


def test_shared_risk_quiet_with_independent_channels() -> None:
    assert of("shared-risk", plan_data()) == []


# -- shared-fate-deputy ------------------------------------------------------------------

def test_shared_fate_deputy_when_the_deputy_hangs_on_the_principals_power() -> None:
    data = plan_data()
    data["parties"]["duty"]["contacts"]["mobile"] = {"depends_on": ["hq-power"]}
    found = of("shared-fate-deputy", data)
    assert [f.severity for f in found] == ["warning"]
    assert "duty" in found[0].message and "hq-power" in found[0].message


def test_shared_fate_deputy_is_an_error_when_one_failure_silences_both() -> None:
    data = plan_data()
    data["parties"]["hq"]["contacts"] = {"phone": {"depends_on": ["hq-power"]}}
    data["parties"]["duty"]["contacts"] = {"phone": {"depends_on": ["hq-power"]}}
    found = of("shared-fate-deputy", data)
    assert {f.severity for f in found} == {"error"}
    assert any("hq-power" in f.message for f in found)


def test_shared_fate_deputy_quiet_for_an_independent_deputy() -> None:
    assert of("shared-fate-deputy", plan_data()) == []


# -- off-hours-gap ---------------------------------------------------------------------------

def test_off_hours_gap_when_nobody_on_the_step_is_staffed_at_night() -> None:
    data = plan_data()
    data["parties"]["duty"]["hours"] = "office"
    found = of("off-hours-gap", data)
    assert len(found) == 1
    assert "hq" in found[0].message and "weekends" in found[0].message and "17:15" in found[0].message


def test_off_hours_gap_counts_the_deputy_on_duty() -> None:
    data = plan_data()
    data["parties"]["hq"]["deputies"] = []
    assert len(of("off-hours-gap", data)) == 1
    data["parties"]["hq"]["deputies"] = ["duty"]  # always staffed, reached by mobile
    assert of("off-hours-gap", data) == []


def test_off_hours_gap_quiet_when_night_and_day_calendars_cover_the_week() -> None:
    data = plan_data()
    data["calendars"]["nights"] = {"from": "17:15", "to": "08:30"}
    data["calendars"]["weekend"] = {"days": ["sat", "sun"], "from": "00:00", "to": "00:00"}
    data["parties"]["hq"]["deputies"] = ["duty", "weekend-duty"]
    data["parties"]["duty"]["hours"] = "nights"
    data["parties"]["weekend-duty"] = {"hours": "weekend", "contacts": {"mobile": {}}}
    assert of("off-hours-gap", data) == []


def test_off_hours_gap_on_holidays() -> None:
    data = plan_data()
    data["holidays"] = ["2025-01-01"]
    data["calendars"]["all-week"] = {"from": "00:00", "to": "00:00"}
    data["parties"]["duty"]["hours"] = "all-week"
    found = of("off-hours-gap", data)
    assert len(found) == 1 and "holidays" in found[0].message


# -- deadline-infeasible ------------------------------------------------------------------------

def test_deadline_infeasible_when_the_first_candidate_is_too_slow() -> None:
    data = plan_data()
    step(data)["within"] = "2m"
    found = of("deadline-infeasible", data)
    assert [f.severity for f in found] == ["error"]
    assert "3m" in found[0].message and "2m" in found[0].message


def test_deadline_infeasible_counts_the_chain_before_the_step() -> None:
    data = plan_data()
    data["parties"]["hq"]["contacts"]["mobile"] = {}
    data["procedures"]["outage"]["steps"].append(
        {"id": "relay", "from": "hq", "to": "duty", "via": ["mobile"], "within": "5m", "delay": "1m"})
    found = of("deadline-infeasible", data)
    assert len(found) == 1 and "relay" in found[0].message and "7m" in found[0].message


def test_deadline_feasible_is_quiet() -> None:
    data = plan_data()
    step(data)["within"] = "3m"
    assert of("deadline-infeasible", data) == []


# -- no-common-channel ---------------------------------------------------------------------------

def test_no_common_channel() -> None:
    data = plan_data()
    data["procedures"]["outage"]["steps"].append(
        {"id": "call-back", "from": "hq", "to": "town", "via": ["mobile"]})
    found = of("no-common-channel", data)
    assert len(found) == 1 and "call-back" in found[0].message


def test_a_deputy_is_a_common_channel() -> None:
    data = plan_data()
    step(data)["via"] = ["mobile"]
    assert of("no-common-channel", data) == []


# -- unreachable ----------------------------------------------------------------------------------

def test_unreachable_party() -> None:
    data = plan_data()
    data["parties"]["island"] = {"contacts": {"mobile": {}}}
    data["procedures"]["outage"]["steps"].append(
        {"id": "warn-island", "from": "hq", "to": "island", "via": ["phone"]})
    found = of("unreachable", data)
    assert len(found) == 1 and "island" in found[0].message


def test_reachable_parties_are_quiet() -> None:
    data = plan_data()
    data["parties"]["island"] = {"contacts": {"phone": {}}}
    data["procedures"]["outage"]["steps"].append(
        {"id": "warn-island", "from": "hq", "to": "island", "via": ["phone"]})
    assert of("unreachable", data) == []


def test_unreachable_parties_get_no_cut_sets() -> None:
    data = plan_data()
    data["parties"]["island"] = {"contacts": {"mobile": {}}}
    data["procedures"]["outage"]["steps"].append(
        {"id": "warn-island", "from": "hq", "to": "island", "via": ["phone"]})
    text = yaml.safe_dump(data, sort_keys=False)
    analysis = analyze_plan(load_plan_text(text, "plan.yaml"))
    assert "island" not in {p.party for p in analysis.parties}


# -- unused ----------------------------------------------------------------------------------------

def test_unused_definitions() -> None:
    data = plan_data()
    data["components"]["spare"] = {"kind": "other"}
    data["channels"]["radio"] = {}
    data["calendars"]["night"] = {"from": "17:00", "to": "09:00"}
    data["groups"] = {"nobody": ["town"]}
    data["parties"]["ghost"] = {"contacts": {"phone": {}}}
    found = of("unused", data)
    messages = " ".join(f.message for f in found)
    for ident in ("component spare", "channel radio", "calendar night", "group nobody", "party ghost"):
        assert ident in messages
    assert {f.severity for f in found} == {"note"}


def test_every_party_is_used_when_a_procedure_has_no_origins_list() -> None:
    data = plan_data()
    del data["procedures"]["outage"]["origins"]
    data["parties"]["ghost"] = {"contacts": {"phone": {}}}
    assert not [f for f in of("unused", data) if "ghost" in f.message]


def test_findings_are_ordered_council_warnings_first() -> None:
    data = plan_data()
    data["components"]["spare"] = {"kind": "other"}
    data["procedures"]["outage"]["assumes_down"] = ["net-core"]
    step(data)["via"] = ["mail", "phone"]
    rules = [f.rule for f in findings(data)]
    assert rules[0] == "self-dependent"
    assert rules[-1] == "unused"


def test_shared_risk_warns_when_separate_networks_share_one_cable_but_a_third_way_remains() -> None:
    data = plan_data()
    data["components"]["trunk-cable"] = {"kind": "cable"}
    data["parties"]["hq"]["contacts"]["mail"] = {"depends_on": ["hq-power", "trunk-cable"]}
    data["parties"]["hq"]["contacts"]["mobile"] = {"depends_on": ["trunk-cable"]}
    found = of("shared-risk", data)
    assert [f.severity for f in found] == ["warning"]
    assert "trunk-cable takes down mail, mobile together" in found[0].message
    assert "only phone, mobile to duty would be left" in found[0].message


def test_channels_that_visibly_share_a_dependency_are_not_a_hidden_risk() -> None:
    data = plan_data()
    data["channels"]["fax"] = {"depends_on": ["carrier-a"]}
    data["parties"]["town"]["contacts"]["fax"] = {}
    data["parties"]["hq"]["contacts"]["fax"] = {"depends_on": ["hq-power"]}
    data["parties"]["hq"]["contacts"]["phone"] = {"depends_on": ["hq-power"]}
    step(data)["via"] = ["phone", "fax", "mobile"]
    # hq-power takes down phone and fax at hq, but both ride carrier-a anyway
    assert not [f for f in of("shared-risk", data) if "separate on paper" in f.message]


def test_ranking_counts_what_each_event_and_pair_silences() -> None:
    from drill.loading import load_plan

    analysis = analyze_plan(load_plan("tests/data/examples/plan.yaml"), 2)
    top = analysis.ranking[0]
    assert (top.event, top.tasks_alone, top.parties_alone) == ("pref-power", 5, 8)
    by_pair = {p.events: (p.tasks, p.parties) for p in analysis.pairs}
    # the cable under mail and Juki-net plus the fixed carrier: every task, and
    # every party entry but the duty officer's
    assert by_pair[("carrier-fixed", "pref-cable")] == (5, 6)
    assert analysis.pairs[0].events == ("carrier-fixed", "pref-cable")
    assert analysis.pairs == tuple(sorted(analysis.pairs, key=lambda p: (-(p.tasks + p.parties), p.events)))
