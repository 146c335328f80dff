"""Undoing the last live inject: journaled, and replayed as if the inject never happened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drill.engine import event_to_dict
from drill.engine.journal import JournalError, LiveDrill, read_journal, replay_journal
from drill.loading import load_scenario
from drill.model.errors import DrillError
from drill.reports import task_to_dict

ROOT = Path(__file__).resolve().parents[2]
CABLE_CUT = ROOT / "tests" / "data" / "examples" / "cable-cut.yaml"


def _state(drill: LiveDrill) -> tuple[float, bool, dict, list, list]:
    data = {"tasks": [task_to_dict(t) for t in drill.sim.tasks], "informed": dict(drill.sim.informed),
            "injects": [repr(i) for i in drill.sim.injects]}
    events = [json.dumps(event_to_dict(e), ensure_ascii=False) for e in drill.events]
    return drill.now, drill.finished, data, events, drill.observations


def _start(path: Path | None = None) -> LiveDrill:
    drill = LiveDrill.start(load_scenario(str(CABLE_CUT)), journal_path=path)
    drill.next()
    drill.fail("landline")
    drill.observe("landline cut at the town hall")
    return drill


def _without_the_inject(path: Path) -> LiveDrill:
    drill = _start(path)
    drill.absent("town-y")
    drill.run_to_end()
    drill.close()
    return drill


def _with_undone_injects(path: Path) -> LiveDrill:
    drill = _start(path)
    drill.absent("town-y")
    drill.fail("fax", note="the fax is dead here")
    undone = drill.undo()
    assert undone.fail == ("fax",) and undone.note == "the fax is dead here"
    drill.fail("fax")
    drill.restore("fax")
    drill.undo()
    drill.undo()  # both injects since the last other action, last first
    drill.run_to_end()
    drill.close()
    return drill


def test_a_journal_with_undo_replays_like_one_without_the_inject(tmp_path: Path) -> None:
    plain = _without_the_inject(tmp_path / "plain.jsonl")
    undone = _with_undone_injects(tmp_path / "undone.jsonl")
    assert _state(undone) == _state(plain)
    assert _state(replay_journal(tmp_path / "undone.jsonl")) == _state(plain)
    _header, records = read_journal(tmp_path / "undone.jsonl")
    assert [r["action"] for _n, r in records if r.get("action") == "undo"] == ["undo"] * 3


def test_the_state_right_after_an_undo_is_the_state_before_the_inject(tmp_path: Path) -> None:
    drill = _start(tmp_path / "j.jsonl")
    before = _state(drill)
    drill.fail("fax")
    assert _state(drill) != before
    drill.undo()
    assert _state(drill) == before
    assert drill.why_no_undo() is not None  # the observation came before the inject: nothing more to undo
    drill.close()


def test_resume_after_undo_continues_as_if_the_inject_never_happened(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = _start(path)
    drill.absent("town-y")
    drill.fail("fax")
    drill.undo()
    drill.close()
    resumed = LiveDrill.resume(path)
    resumed.run_to_end()
    resumed.close()
    assert _state(resumed) == _state(_without_the_inject(tmp_path / "plain.jsonl"))
    replay = subprocess.run([sys.executable, "-m", "drill", "replay", str(path), "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    assert replay.returncode in (0, 1), replay.stderr  # 1: the drill failed tasks
    live = [i for i in json.loads(replay.stdout)["injects"] if i.get("live")]
    assert [(i.get("fail"), i.get("absent")) for i in live] == [(["landline"], None), (None, ["town-y"])]


@pytest.mark.parametrize("between", ["next", "observe", "advance"])
def test_undo_is_refused_once_something_else_happened(tmp_path: Path, between: str) -> None:
    drill = _start(tmp_path / "j.jsonl")
    drill.fail("fax")
    {"next": drill.next, "observe": lambda: drill.observe("a note"), "advance": lambda: drill.advance_by(0.3)}[between]()
    assert drill.why_no_undo() is not None
    with pytest.raises(DrillError, match="Nothing to undo"):
        drill.undo()
    drill.close()


def test_undo_needs_a_journal() -> None:
    drill = _start(None)
    drill.fail("fax")
    with pytest.raises(DrillError, match="journal"):
        drill.undo()


def test_an_undo_with_nothing_before_it_is_a_bad_journal(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = _start(path)
    drill.close()
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"action": "undo", "t": drill.now}) + "\n")
    lines = path.read_text(encoding="utf-8").count("\n")
    with pytest.raises(JournalError, match=f":{lines}:1: an undo without"):
        replay_journal(path)
