"""drill train --trainee/--out and drill scores: three scripted trainees make a class.

Times on the cable-cut fixture (see test_headless): the plan delivers report at
5, escalate at 10, alert to town-x at 36 and town-y at 30 (its own run).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from drill.loading import load_scenario
from drill.loading.answers import parse_answers
from drill.loading.results import load_result
from drill.model.classroom import time_lost
from drill.model.errors import PlanError
from drill.reports.scores import render_scores_csv, scores_to_dict
from drill.training import run_walkthrough
from drill.training.classroom import class_view
from tests.conftest import drill_cmd

DATA = Path(__file__).resolve().parent / "data"
TRAINEES = {
    "=Sato": "- choice: 2\n- contact: {to: pref, via: lgwan-mail}\n- contact: {to: jlis, via: juki-net}\n"
             "- contact: {to: town-x, via: lgwan-mail}\n- contact: {to: town-x, via: fax}\n"
             "- contact: {to: town-y, via: landline}\n",
    "鈴木": "- choice: 1\n- contact: {to: pref, via: landline}\n- contact: {to: jlis, via: juki-net}\n"
          "- contact: {to: town-x, via: fax}\n- contact: {to: town-y, via: fax}\n",
    "Tanaka": "- choice: 1\n- give_up: true\n- contact: {to: jlis, via: juki-net}\n- give_up: true\n",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*drill_cmd(), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("class")
    paths = []
    for number, (name, answers) in enumerate(TRAINEES.items()):
        answers_path = folder / f"answers-{number}.yaml"
        answers_path.write_text(answers, encoding="utf-8")
        out = folder / f"result-{number}.json"
        proc = _run("train", str(DATA / "cable-cut.yaml"), "--answers", str(answers_path),
                    "--trainee", name, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        paths.append(out)
    return paths


def test_result_is_the_json_document_plus_trainee(results: list[Path]) -> None:
    data = json.loads(results[0].read_text(encoding="utf-8"))
    assert data["trainee"] == "=Sato"
    assert (data["scenario"], data["plan"], data["start"]) == ("train-cable-cut", "example-pref", "2025-08-20T10:00")
    assert data["answers"][:2] == [{"choice": 2}, {"contact": {"to": "pref", "via": "lgwan-mail"}}]
    assert len(data["answers"]) == 6
    assert any(s["kind"] == "act" and s["attempts"] for s in data["steps"])
    # =Sato's alert: town-x at 36 (plan 36), town-y at 39 (plan 30) → 9 minutes... see the tasks themselves
    lost = sum(max(0.0, t["at"] - t["plan_at"]) for s in data["steps"] if s["kind"] == "act"
               for t in s["tasks"] if t["at"] is not None and t["plan_at"] is not None)
    assert data["time_lost"] == lost


def test_class_table_equals_each_results_own(results: list[Path]) -> None:
    proc = _run("scores", *map(str, reversed(results)), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    table = json.loads(proc.stdout)
    own = {json.loads(p.read_text(encoding="utf-8"))["trainee"]: json.loads(p.read_text(encoding="utf-8"))
           for p in results}
    assert [row["trainee"] for row in table["trainees"]] == sorted(own)
    for row in table["trainees"]:
        assert row["score"] == own[row["trainee"]]["score"]
        assert row["time_lost"] == own[row["trainee"]]["time_lost"]
        assert row["scenario"] == "train-cable-cut"
    assert table["questions"] == [{"scenario": "train-cable-cut", "text": "What do you do first?",
                                   "right": 2, "answered": 3}]
    tanaka = next(r for r in table["trainees"] if r["trainee"] == "Tanaka")
    assert tanaka["undelivered"] == 3 and tanaka["failed_calls"] == []
    sato = next(r for r in table["trainees"] if r["trainee"] == "=Sato")
    assert [(f["step"], f["via"], f["to"]) for f in sato["failed_calls"]] == [("alert", "lgwan-mail", "town-x")]


def test_scores_are_deterministic_in_any_order(results: list[Path]) -> None:
    for fmt in ("text", "json", "csv", "markdown"):
        one = _run("scores", *map(str, results), "--format", fmt)
        two = _run("scores", *map(str, reversed(results)), "--format", fmt)
        assert one.returncode == 0 and one.stdout == two.stdout


def test_csv_is_excel_friendly(results: list[Path]) -> None:
    view = class_view([load_result(str(p)) for p in results])
    text = render_scores_csv(view)
    assert text.startswith("\ufeff") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:2] == ["trainee", "scenario"]
    names = [r[0] for r in rows[1:]]
    assert "'=Sato" in names and "鈴木" in names  # a formula is defused


def test_text_lists_failed_calls_and_spread(results: list[Path]) -> None:
    proc = _run("scores", *map(str, results))
    assert "pref-cable down since" in proc.stdout
    assert "train-cable-cut / alert: plan T+00:36" in proc.stdout


def test_time_lost_counts_only_later_deliveries() -> None:
    assert time_lost([(10.0, 5.0), (3.0, 5.0), (None, 5.0), (7.0, None)]) == 5.0


def test_in_process_view_matches_walkthrough() -> None:
    scenario = load_scenario(str(DATA / "cable-cut.yaml"))
    walk = run_walkthrough(scenario, parse_answers(TRAINEES["鈴木"]))
    from drill.training.output import walkthrough_to_dict

    data = walkthrough_to_dict(walk, "鈴木")
    assert scores_to_dict(class_view([])) == {"trainees": [], "questions": [], "steps": []}
    assert data["score"]["correct"] == 1


@pytest.mark.parametrize("content, where", [
    ('{"trainee": "x",\n "scenario": }', ":2:14"),
    ('{"scenario": "s", "plan": "p", "steps": [], "score": {}}', ":1:1"),
    ('{"trainee": "x", "scenario": "s", "plan": "p", "steps": [],\n "score": {"questions": "two"}}', ":2:11"),
])
def test_bad_result_file_names_its_place(tmp_path: Path, content: str, where: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_result(str(bad))
    assert str(info.value.problems[0].location).endswith(where), info.value.problems
    proc = _run("scores", str(bad))
    assert proc.returncode == 2 and f"bad.json{where}" in proc.stderr and "Traceback" not in proc.stderr


def test_trainee_needs_json(tmp_path: Path) -> None:
    proc = _run("train", str(DATA / "cable-cut.yaml"), "--answers", str(DATA / "plan.yaml"),
                "--trainee", "a", "--format", "text")
    assert proc.returncode == 2 and "JSON" in proc.stderr
