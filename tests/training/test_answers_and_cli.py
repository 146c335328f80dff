"""The answers file's own checks, and ``drill train --answers`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from drill.loading.answers import Answer, parse_answers
from drill.model.errors import PlanError
from tests.conftest import SCENARIOS, drill_cmd

DATA = Path(__file__).resolve().parent / "data"


def test_answers_parse_in_order_with_lines() -> None:
    answers = parse_answers("- choice: 2\n- contact: {to: pref, via: fax}\n- give_up: true\n", "a.yaml")
    assert answers == [Answer("choice", choice=2), Answer("contact", to="pref", via="fax"), Answer("give_up")]
    assert [a.location.line for a in answers if a.location] == [1, 2, 3]


@pytest.mark.parametrize(("text", "where", "words"), [
    ("choice: 1\n", "a.yaml:1:1", "list of answers"),
    ("- choice: 0\n", "a.yaml:1:11", "at least 1"),
    ("- choice: one\n", "a.yaml:1:11", "whole number"),
    ("- chioce: 1\n", "a.yaml:1:3", "did you mean 'choice'"),
    ("- {choice: 1, give_up: true}\n", "a.yaml:1:3", "exactly one"),
    ("- contact: {to: pref}\n", "a.yaml:1:12", "missing the required key 'via'"),
    ("- give_up: false\n", "a.yaml:1:12", "give_up takes true"),
    ("- !!python/object:os.system {}\n", "a.yaml:1:3", "not allowed"),
])
def test_bad_answers_files(text: str, where: str, words: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_answers(text, "a.yaml")
    assert any(str(p.location) == where and words in p.message for p in caught.value.problems), \
        caught.value.problems


def _train(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*drill_cmd(), "train", *args], capture_output=True, text=True, timeout=60)


def test_cli_json_and_exit_0(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- choice: 1\n- contact: {to: pref, via: lgwan-mail}\n"
                       "- contact: {to: jlis, via: juki-net}\n- give_up: true\n", encoding="utf-8")
    proc = _train(str(DATA / "cable-cut.yaml"), "--answers", str(answers), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["scenario"] == "train-cable-cut"
    assert data["score"] == {"questions": 1, "correct": 1, "acts": 3, "delivered": 2, "on_time": 2}
    assert [s["kind"] for s in data["steps"]] == ["say", "ask", "act", "say", "act", "say", "act", "say"]


def test_cli_misfit_answers_exit_2_with_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- choice: 1\n- choice: 2\n", encoding="utf-8")
    proc = _train(str(DATA / "cable-cut.yaml"), "--answers", str(answers))
    assert proc.returncode == 2
    assert f"{answers}:2:3:" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_cli_text_report_and_out_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- choice: 2\n- contact: {to: pref, via: lgwan-mail}\n- contact: {to: jlis, via: juki-net}\n"
                       "- contact: {to: town-x, via: lgwan-mail}\n- contact: {to: town-x, via: fax}\n"
                       "- contact: {to: town-y, via: fax}\n", encoding="utf-8")
    out = tmp_path / "result.txt"
    proc = _train(str(DATA / "cable-cut.yaml"), "--answers", str(answers), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "did NOT get through" in text and "pref-cable" in text
    assert "why: evidence is lost" in text
    assert "Your timeline beside the plan's" in text and "Lessons" in text


def test_cli_needs_a_terminal_without_answers() -> None:
    proc = _train(str(DATA / "cable-cut.yaml"))
    assert proc.returncode == 2
    assert "--answers" in proc.stderr


def test_cli_format_without_answers_is_a_usage_error() -> None:
    proc = _train(str(DATA / "cable-cut.yaml"), "--format", "json")
    assert proc.returncode == 2 and "--answers" in proc.stderr


def test_addresses_never_in_output(tmp_path: Path) -> None:
    """The Yamaguchi sample has addresses; a full headless run never prints one."""
    from drill.loading import load_scenario
    from drill.reports.train_text import render_walkthrough_text
    from drill.training import Walkthrough, render_walkthrough_json

    path = SCENARIOS / "jlis-virus-drill.yaml"
    if not path.exists():
        pytest.skip("sample scenario not present")
    scenario = load_scenario(str(path))
    walk = Walkthrough(scenario)
    while not walk.finished:
        record = walk.current
        assert record is not None
        if record.kind == "say":
            walk.proceed()
        elif record.kind == "ask":
            walk.choose(1)
        else:
            options = walk.options()
            if options and len(record.attempts) < 6:
                walk.attempt(options[0].party, options[0].channel)
            else:
                walk.give_up()
    addresses = [c.address for p in scenario.plan.parties.values() for c in p.contacts if c.address]
    assert addresses, "the sample should have addresses for this test to mean something"
    output = render_walkthrough_json(walk) + render_walkthrough_text(walk)
    assert not [a for a in addresses if a in output]


def test_cli_plan_instead_of_scenario() -> None:
    proc = _train(str(DATA / "plan.yaml"), "--answers", str(DATA / "plan.yaml"))
    assert proc.returncode == 2
    assert "is a contact plan" in proc.stderr and "Traceback" not in proc.stderr
