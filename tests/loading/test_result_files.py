"""Hostile or oversized trainee result files (``drill scores RESULT...``): exit 2 at ``path:line:column``.

Each file is small or at the size cap; none may take long, print a traceback,
quote more than a short excerpt, or reach the terminal with control codes.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from drill.loading.results import MAX_RESULT_VALUES, load_result, load_results
from drill.loading.yamlnodes import MAX_PROBLEMS
from drill.model.errors import PlanError
from tests.conftest import drill_cmd

SCORE = {k: 0 for k in ("questions", "correct", "acts", "delivered", "on_time")}
BASE = {"trainee": "x", "scenario": "s", "plan": "p", "start": "", "steps": [], "score": SCORE}


def _with(extra: str) -> str:
    """The base result with ``extra`` (JSON text of more members) appended to its object."""
    return json.dumps(BASE)[:-1] + ", " + extra + "}"


HOSTILE = {
    "huge-integer": (_with('"end": ' + "9" * 5000), ":1:"),
    "integer-too-big-for-a-float": (_with('"end": ' + "9" * 4000), ":1:"),
    "huge-negative-score": (json.dumps(BASE).replace('"questions": 0', '"questions": -' + "9" * 4000), ":1:"),
    "deep-nesting": (_with('"extra": ' + "[" * 100_000 + "]" * 100_000), ":1:"),
    "many-values": (_with('"extra": [' + ",".join(["{}"] * (MAX_RESULT_VALUES + 10)) + "]"), ":1:"),
    "long-wrong-type": (json.dumps(dict(BASE, steps=[{"kind": "act", "step": "s", "attempts": [
        {"to": "x", "via": "v", "start": "s" * 100_000, "end": 0, "ok": True}]}])), ":1:"),
    "long-id": (json.dumps(dict(BASE, trainee="a" * 1_000_000)), ":1:13"),
    "escape-in-text": (json.dumps(dict(BASE, steps=[{"kind": "ask", "text": "\x1b]0;x\x07", "correct": True}])),
                       ":1:"),
    "markup-and-escape-in-id": (json.dumps(dict(BASE, trainee="[/x]\x1b[2J")), ":1:13"),
    "bad-syntax-late": ("{\n" + '"trainee": "x",\n' * 3 + '"score": }', ":5:10"),
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*drill_cmd(), "scores", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_result_file_is_exit_2_at_its_place(tmp_path: Path, name: str) -> None:
    content, where = HOSTILE[name]
    bad = tmp_path / f"{name}.json"
    bad.write_text(content, encoding="utf-8")
    proc = _run(str(bad))
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert f"{name}.json{where}" in proc.stderr
    assert proc.stdout == ""
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert len(proc.stderr) < 1000  # short excerpts only, never the value


def test_value_cap_is_checked_before_parsing_and_names_the_place(tmp_path: Path) -> None:
    bad = tmp_path / "many.json"
    bad.write_text("{\n" + '"a": [' + "0," * MAX_RESULT_VALUES + "0]}", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_result(str(bad))
    (problem,) = info.value.problems
    assert (problem.location.line, str(MAX_RESULT_VALUES) in problem.message) == (2, True)


def test_a_problem_on_every_item_is_capped_and_counted(tmp_path: Path) -> None:
    bad = tmp_path / "every.json"
    bad.write_text(json.dumps(dict(BASE, steps=["a"] * (MAX_PROBLEMS * 3))), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_results([str(bad), str(bad)])
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(MAX_PROBLEMS * 6 - MAX_PROBLEMS) in problems[-1].message


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("w", encoding="utf-8") as handle:
        handle.write('{"trainee": "')
        handle.seek(17 * 1024 * 1024)
        handle.write('"}')
    proc = _run(str(big))
    assert proc.returncode == 2 and "big.json" in proc.stderr and "MiB" in proc.stderr
    assert "Traceback" not in proc.stderr
