"""Branching walkthroughs: goto on choices and steps, on_fail / on_late on act steps.

Plan as in test_headless (lgwan-mail 5m / fails after 20m; landline 3m; fax 6m);
the cable-cut world: pref-cable cut at 8m.  ``report`` has within 30m in the plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.loading import load_scenario
from drill.loading.answers import parse_answers
from drill.model.errors import PlanError
from drill.training import run_walkthrough

DATA = Path(__file__).resolve().parent / "data"
HEAD = f"""scenario: branchy
title: Branches
plan: {DATA / 'plan.yaml'}
start: 2025-08-20T10:00
incident: {{type: virus-suspected, origin: town-x}}
injects:
  - {{at: 8m, fail: [pref-cable]}}
walkthrough:
"""

CONSEQUENCES = HEAD + """\
  - act: report
    on_fail: missed
    on_late: late
    hint: call
  - id: done
    say: Well done.
    goto: end
  - id: late
    say: The report came late.
    goto: end
  - id: missed
    say: Nobody at the prefecture knows.
  - id: end
    say: The end.
"""


def _scenario(tmp_path: Path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(str(path))


def _shown(tmp_path: Path, text: str, answers: str) -> list[str]:
    walk = run_walkthrough(_scenario(tmp_path, text), parse_answers(answers))
    return [r.step.text or r.step.step or "" for r in walk.records]


def test_on_fail_leads_to_the_consequence(tmp_path: Path) -> None:
    assert _shown(tmp_path, CONSEQUENCES, "- give_up: true\n") == [
        "report", "Nobody at the prefecture knows.", "The end."]


def test_success_follows_the_list_and_goto(tmp_path: Path) -> None:
    assert _shown(tmp_path, CONSEQUENCES, "- contact: {to: pref, via: landline}\n") == [
        "report", "Well done.", "The end."]


def test_on_late_when_delivered_after_within(tmp_path: Path) -> None:
    # the report's within is 30m: two failed mails after the cut (8→28, 28→48) make it late
    text = CONSEQUENCES.replace("  - act: report\n", "  - at: 8m\n    say: The cable is cut.\n  - act: report\n")
    shown = _shown(tmp_path, text, "- contact: {to: pref, via: lgwan-mail}\n- contact: {to: pref, via: lgwan-mail}\n"
                                   "- contact: {to: pref, via: landline}\n")
    assert shown == ["The cable is cut.", "report", "The report came late.", "The end."]


def test_choice_goto_and_retry_loop(tmp_path: Path) -> None:
    text = HEAD + """\
  - id: q
    ask: Which first?
    choices:
      - {text: Call, correct: true}
      - {text: Wait, goto: wait}
  - act: report
    goto: end
  - id: wait
    say: Ten minutes pass. Try again.
    at: 10m
    goto: q
  - id: end
    say: Over.
"""
    walk = run_walkthrough(_scenario(tmp_path, text),
                           parse_answers("- choice: 2\n- choice: 1\n- contact: {to: pref, via: landline}\n"))
    assert [r.kind for r in walk.records] == ["ask", "say", "ask", "act", "say"]
    assert [r.correct for r in walk.records if r.kind == "ask"] == [False, True]
    assert walk.records[3].tasks[0].at == 13.0


@pytest.mark.parametrize("body, line, column, words", [
    ("  - act: report\n    on_fail: nowhere\n  - say: x\n", 10, 14, "no walkthrough step has the id 'nowhere'"),
    ("  - ask: q?\n    choices:\n      - {text: a, goto: nope}\n", 11, 25, "no walkthrough step has the id 'nope'"),
    ("  - id: a\n    say: one\n    goto: b\n  - id: b\n    say: two\n    goto: a\n", 9, 5, "loop that never ends"),
    ("  - say: x\n    on_fail: x\n", 10, 14, "on_fail belongs to an act step"),
    ("  - id: a\n    say: one\n  - id: a\n    say: two\n", 11, 9, "two walkthrough steps have the id 'a'"),
])
def test_bad_jumps_are_reported_with_their_place(tmp_path: Path, body: str, line: int, column: int,
                                                 words: str) -> None:
    with pytest.raises(PlanError) as info:
        _scenario(tmp_path, HEAD + body)
    found = [p for p in info.value.problems if words in p.message]
    assert found, info.value.problems
    assert (found[0].location.line, found[0].location.column) == (line, column)


def test_a_loop_with_a_way_out_is_fine(tmp_path: Path) -> None:
    text = HEAD + """\
  - id: try
    act: report
    on_fail: again
    goto: end
  - id: again
    say: Try once more.
    goto: try
  - id: end
    say: Over.
"""
    walk = run_walkthrough(_scenario(tmp_path, text),
                           parse_answers("- give_up: true\n- contact: {to: pref, via: landline}\n"))
    assert [r.kind for r in walk.records] == ["act", "say", "act", "say"]


def test_debrief_has_no_empty_sections(tmp_path: Path) -> None:
    """Nothing to compare and nothing learned: neither the timeline nor the Lessons heading appears."""
    from drill.reports.train_text import render_walkthrough_text

    text = HEAD.replace("injects:\n  - {at: 8m, fail: [pref-cable]}\n", "") + "  - say: Only a story.\n"
    walk = run_walkthrough(_scenario(tmp_path, text), [])
    out = render_walkthrough_text(walk)
    assert "Lessons" not in out and "timeline" not in out and "T+00:00 Only a story." in out
    assert "[" not in out
