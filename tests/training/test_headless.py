"""Headless walkthroughs with hand-computed times (issue 5).

Fixtures are built on the worked-example plan (tests/training/data/plan.yaml):
lgwan-mail latency 5m, fail_after 20m; landline 3m / 1m; fax 6m / 2m;
juki-net 5m.  pref keeps office hours with pref-duty (always) as its deputy;
the towns keep office hours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.loading import load_scenario
from drill.loading.answers import parse_answers
from drill.model.errors import PlanError
from drill.training import run_walkthrough, score, walkthrough_to_dict

DATA = Path(__file__).resolve().parent / "data"


def walk(name: str, answers: str):
    scenario = load_scenario(str(DATA / f"{name}.yaml"))
    return run_walkthrough(scenario, parse_answers(answers, "answers.yaml"), answers_path="answers.yaml")


def result(name: str, answers: str) -> dict:
    return walkthrough_to_dict(walk(name, answers))


def acts(data: dict) -> dict[str, dict]:
    return {s["step"]: s for s in data["steps"] if s["kind"] == "act"}


CABLE_CUT_ANSWERS = """\
- choice: 2
- contact: {to: pref, via: lgwan-mail}
- contact: {to: jlis, via: juki-net}
- contact: {to: town-x, via: lgwan-mail}
- contact: {to: town-x, via: fax}
- contact: {to: town-y, via: landline}
"""


def test_contact_that_works() -> None:
    """report at clock 0: lgwan-mail town-x → pref works (the cable is cut only at 8m): 0 → 5.

    The plan does the same, so plan_at is 5 too.  escalate then starts at 5:
    juki-net pref → jlis works, 5 → 10 (plan: 10).
    """
    steps = acts(result("cable-cut", CABLE_CUT_ANSWERS))
    report = steps["report"]
    assert report["sender"] == "town-x"
    assert report["attempts"] == [{"to": "pref", "via": "lgwan-mail", "start": 0.0, "end": 5.0, "ok": True,
                                   "reason": None, "for": "pref", "in_plan": True}]
    assert (report["at"], report["plan_at"]) == (5.0, 5.0)
    escalate = steps["escalate"]
    assert escalate["sender"] == "pref"
    assert [(a["start"], a["end"], a["ok"]) for a in escalate["attempts"]] == [(5.0, 10.0, True)]
    assert (escalate["at"], escalate["plan_at"]) == (10.0, 10.0)


def test_contact_over_a_channel_that_is_down_costs_fail_after() -> None:
    """alert at clock 10 (the say's at: 10m): mail pref → town-x fails, pref-cable down since 8m.

    The sender learns it after lgwan-mail's fail_after, 20m: 10 → 30.  Fax then
    works 30 → 36; landline to town-y 36 → 39.  The step's at is the last
    delivery, 39; the plan delivers both towns by fax at 36.
    """
    alert = acts(result("cable-cut", CABLE_CUT_ANSWERS))["alert"]
    first = alert["attempts"][0]
    assert (first["to"], first["via"], first["start"], first["end"], first["ok"]) == \
        ("town-x", "lgwan-mail", 10.0, 30.0, False)
    assert "pref-cable" in first["reason"] and "8m" in first["reason"]
    assert [(a["to"], a["via"], a["start"], a["end"], a["ok"]) for a in alert["attempts"][1:]] == [
        ("town-x", "fax", 30.0, 36.0, True), ("town-y", "landline", 36.0, 39.0, True)]
    assert alert["at"] == 39.0
    assert alert["plan_at"] == 36.0


def test_fan_out_act_step_delivers_to_each_recipient() -> None:
    """alert goes to [town-x, town-y]: one task each, in order, each with its own times."""
    alert = acts(result("cable-cut", CABLE_CUT_ANSWERS))["alert"]
    assert alert["tasks"] == [
        {"to": "town-x", "by": "town-x", "at": 36.0, "plan_by": "town-x", "plan_at": 36.0},
        {"to": "town-y", "by": "town-y", "at": 39.0, "plan_by": "town-y", "plan_at": 36.0},
    ]
    assert [a["for"] for a in alert["attempts"]] == ["town-x", "town-x", "town-y"]


def test_fan_out_recipients_in_any_order() -> None:
    """The trainee may serve town-y first: landline 10 → 13, then town-x by fax 13 → 19."""
    answers = CABLE_CUT_ANSWERS.replace(
        "- contact: {to: town-x, via: lgwan-mail}\n- contact: {to: town-x, via: fax}\n"
        "- contact: {to: town-y, via: landline}\n",
        "- contact: {to: town-y, via: landline}\n- contact: {to: town-x, via: fax}\n")
    alert = acts(result("cable-cut", answers))["alert"]
    assert [(t["to"], t["at"]) for t in alert["tasks"]] == [("town-x", 19.0), ("town-y", 13.0)]
    assert alert["at"] == 19.0


def test_wrong_choice_gives_its_why() -> None:
    data = result("cable-cut", CABLE_CUT_ANSWERS)
    ask = [s for s in data["steps"] if s["kind"] == "ask"][0]
    assert ask["answer"] == 2
    assert ask["correct"] is False
    assert ask["why"] == "evidence is lost and a restart can spread the infection"


def test_right_choice_has_no_why() -> None:
    data = result("cable-cut", CABLE_CUT_ANSWERS.replace("choice: 2", "choice: 1"))
    ask = [s for s in data["steps"] if s["kind"] == "ask"][0]
    assert ask["correct"] is True and "why" not in ask
    assert data["score"]["correct"] == 1


def test_score_and_clock() -> None:
    """One question (wrong), three acts all delivered within their deadlines (30m, 45m, 90m)."""
    data = result("cable-cut", CABLE_CUT_ANSWERS)
    assert data["score"] == {"questions": 1, "correct": 0, "acts": 3, "delivered": 3, "on_time": 3}
    assert data["end"] == 39.0
    # the say at 2m comes after report delivered at 5m: the clock does not move back
    says = [s for s in data["steps"] if s["kind"] == "say"]
    assert [s["clock"] for s in says] == [0.0, 5.0, 10.0, 39.0]


SATURDAY_DEPUTY = """\
- contact: {to: pref, via: landline}
- contact: {to: pref-duty, via: landline}
- contact: {to: jlis, via: landline}
"""


def test_contact_to_a_deputy_and_the_deputy_acts() -> None:
    """Saturday 22:00: pref is not staffed.

    landline town-y → pref at 0 fails (not staffed), learned after fail_after 1m: 0 → 1.
    landline to the deputy pref-duty at 1 works: 1 → 4.  The plan first tries
    mail, landline and fax to pref and reaches pref-duty only at 26.
    pref-duty now acts for pref in escalate: landline → jlis 4 → 7 (plan: 26 → 29).
    """
    data = result("saturday-night", SATURDAY_DEPUTY + "- give_up: true\n")
    steps = acts(data)
    report = steps["report"]
    assert [(a["to"], a["start"], a["end"], a["ok"]) for a in report["attempts"]] == [
        ("pref", 0.0, 1.0, False), ("pref-duty", 1.0, 4.0, True)]
    assert "not staffed" in report["attempts"][0]["reason"]
    assert report["tasks"] == [{"to": "pref", "by": "pref-duty", "at": 4.0, "plan_by": "pref-duty",
                                "plan_at": 26.0}]
    escalate = steps["escalate"]
    assert escalate["sender"] == "pref-duty"
    assert (escalate["at"], escalate["plan_at"]) == (7.0, 29.0)


def test_give_up_ends_the_step_undelivered() -> None:
    """alert from pref-duty (acting) at 7: landline → town-x fails (office hours), 7 → 8; then give up.

    The clock stays at 8; nothing is delivered; the plan fails both towns too.
    """
    data = result("saturday-night", SATURDAY_DEPUTY
                  + "- contact: {to: town-x, via: landline}\n- give_up: true\n")
    alert = acts(data)["alert"]
    assert alert["gave_up"] is True
    assert [(a["start"], a["end"], a["ok"]) for a in alert["attempts"]] == [(7.0, 8.0, False)]
    assert alert["at"] is None and alert["plan_at"] is None
    assert [t["at"] for t in alert["tasks"]] == [None, None]
    assert data["end"] == 8.0
    assert data["score"] == {"questions": 0, "correct": 0, "acts": 3, "delivered": 2, "on_time": 2}


def test_branching_next_skips_the_detour() -> None:
    """Choice 1 jumps to 'report': lgwan-mail 0 → 5, on time; choice 2 goes through the detour at 30m."""
    quick = result("branching", "- choice: 1\n- contact: {to: pref, via: lgwan-mail}\n- choice: 2\n")
    assert [s["kind"] for s in quick["steps"]] == ["ask", "act", "ask"]
    assert acts(quick)["report"]["at"] == 5.0
    assert quick["score"]["on_time"] == 1
    slow = result("branching", "- choice: 2\n- contact: {to: pref, via: lgwan-mail}\n- choice: 1\n")
    assert [s["kind"] for s in slow["steps"]] == ["ask", "say", "act", "ask"]
    assert acts(slow)["report"]["attempts"][0]["start"] == 30.0
    assert acts(slow)["report"]["at"] == 35.0  # after within 30m: late
    assert slow["score"]["on_time"] == 0


def test_opinion_question_is_not_scored() -> None:
    data = result("branching", "- choice: 1\n- contact: {to: pref, via: lgwan-mail}\n- choice: 2\n")
    poll = data["steps"][-1]
    assert poll["correct"] is None
    assert data["score"]["questions"] == 1


def test_off_plan_channel_is_allowed_and_marked() -> None:
    """fax is not in escalate's via (juki-net, landline) but pref and jlis both have it: 5 → 11."""
    answers = CABLE_CUT_ANSWERS.replace("{to: jlis, via: juki-net}", "{to: jlis, via: fax}")
    escalate = acts(result("cable-cut", answers))["escalate"]
    assert escalate["attempts"][0]["in_plan"] is False
    assert escalate["attempts"][0]["end"] == 11.0  # fax latency 6m from 5


def test_scenario_without_walkthrough_gets_one_act_per_step() -> None:
    """The worked example has no walkthrough: the title, then report, escalate, alert."""
    from tests.conftest import EXAMPLES

    scenario = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    answers = parse_answers(CABLE_CUT_ANSWERS.split("\n", 1)[1])
    data = walkthrough_to_dict(run_walkthrough(scenario, answers))
    assert [s["kind"] for s in data["steps"]] == ["say", "act", "act", "act"]
    assert data["end"] == 39.0


def test_output_is_deterministic() -> None:
    from drill.reports.train_text import render_walkthrough_text
    from drill.training import render_walkthrough_json

    first = walk("cable-cut", CABLE_CUT_ANSWERS)
    second = walk("cable-cut", CABLE_CUT_ANSWERS)
    assert render_walkthrough_json(first) == render_walkthrough_json(second)
    assert render_walkthrough_text(first) == render_walkthrough_text(second)


def test_score_object_matches_records() -> None:
    w = walk("cable-cut", CABLE_CUT_ANSWERS)
    assert score(w).as_dict() == walkthrough_to_dict(w)["score"]


# -- answers that do not fit ------------------------------------------------------------------------
@pytest.mark.parametrize(("answers", "where", "words"), [
    ("- contact: {to: pref, via: lgwan-mail}\n", "answers.yaml:1:3", "asks a question"),
    ("- choice: 3\n", "answers.yaml:1:3", "choices 1 to 2"),
    ("- choice: 1\n- choice: 1\n", "answers.yaml:2:3", "act step 'report'"),
    ("- choice: 1\n- contact: {to: jlis, via: landline}\n", "answers.yaml:2:3", "does not go to jlis"),
    ("- choice: 1\n- contact: {to: pref, via: mobile}\n", "answers.yaml:2:3", "no contact on mobile"),
    ("- choice: 1\n- contact: {to: pref, via: telegraph}\n", "answers.yaml:2:3", "unknown channel"),
    ("- choice: 1\n- give_up: true\n", "answers.yaml:3:1", "answers end before"),
    (CABLE_CUT_ANSWERS + "- choice: 1\n", "answers.yaml:7:3", "left over"),
])
def test_answers_that_do_not_fit(answers: str, where: str, words: str) -> None:
    with pytest.raises(PlanError) as caught:
        walk("cable-cut", answers)
    (problem,) = caught.value.problems
    assert str(problem.location) == where
    assert words in problem.message


def test_deputy_without_the_channel_does_not_fit() -> None:
    """pref-duty acts for pref in escalate; it has no juki-net contact."""
    with pytest.raises(PlanError) as caught:
        walk("saturday-night", SATURDAY_DEPUTY.replace("{to: jlis, via: landline}", "{to: jlis, via: juki-net}"))
    assert "pref-duty" in str(caught.value) and "juki-net" in str(caught.value)
    assert "answers.yaml:3:3" in str(caught.value)
