"""The journal: written per event, resumed to the exact state, replayed to the same report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drill.engine import simulate
from drill.engine.journal import JournalError, LiveDrill, read_journal, replay_journal
from drill.reports import run_to_dict
from drill.tui.record import drill_record
from tests.tui.helpers import CABLE_CUT, cable_cut, task_of


def _drive(drill: LiveDrill) -> None:
    """Steps and live actions an organiser might take."""
    drill.next()
    drill.next()
    drill.advance_by(0.4)  # play mode, no event
    drill.fail("fax")
    drill.next()
    drill.absent("town-y")
    drill.advance_by(3)
    drill.back("town-y")


def _state(drill: LiveDrill) -> tuple[float, bool, dict, list]:
    from drill.engine import event_to_dict
    from drill.reports import task_to_dict

    data = {"tasks": [task_to_dict(t) for t in drill.sim.tasks], "informed": dict(drill.sim.informed),
            "injects": [repr(i) for i in drill.sim.injects]}
    return drill.now, drill.finished, data, [json.dumps(event_to_dict(e), ensure_ascii=False) for e in drill.events]


def test_every_event_is_in_the_journal_as_it_happens(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    # no close: what is written must already be on disk
    header, records = read_journal(path)
    assert header["scenario"] == "example-cable-cut"
    events = [r for _, r in records if "event" in r]
    assert [e["event"] for e in events] == [e.kind for e in drill.events]
    drill.fail("fax")
    _, records = read_journal(path)
    live = [r for _, r in records if r.get("action") == "live"]
    assert live == [{"action": "live", "t": 0.0, "inject": {"at": 0.0, "fail": ["fax"]}}]
    drill.close()


def test_resume_restores_the_exact_state(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    _drive(drill)
    drill.close()
    resumed = replay_journal(path)
    assert _state(resumed) == _state(drill)
    assert resumed.now == pytest.approx(drill.now)
    assert resumed.sim.timeline.is_absent("town-y", resumed.now) is False
    assert resumed.sim.timeline.is_down("fax", resumed.now)


def test_resumed_drill_continues_like_one_never_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    first = LiveDrill.start(cable_cut(), journal_path=path)
    _drive(first)
    first.close()
    resumed = LiveDrill.resume(path)
    resumed.restore("fax")
    resumed.run_to_end()
    resumed.close()

    straight = LiveDrill.start(cable_cut())
    _drive(straight)
    straight.restore("fax")
    straight.run_to_end()
    assert _state(resumed) == _state(straight)
    # and the journal, read again, replays to the same final state
    assert _state(replay_journal(path)) == _state(straight)


def test_a_drill_without_live_actions_matches_drill_run(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.run_to_end()
    drill.close()
    assert run_to_dict(replay_journal(path).result()) == run_to_dict(simulate(cable_cut()))


def test_live_injects_change_the_outcome_and_name_the_cause(tmp_path: Path) -> None:
    drill = LiveDrill.start(cable_cut())
    drill.next()
    drill.fail("fax")
    drill.fail("landline")
    drill.run_to_end()
    alert = drill.sim.tasks[task_of(drill.sim, "alert", "town-y")]
    assert alert.status == "failed"
    assert any("fax down since 0m" in (a.reason or "") for a in alert.attempts)


def test_a_line_cut_off_by_a_crash_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    drill.next()
    drill.close()
    complete = replay_journal(path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"event": "Deliv')
    assert _state(replay_journal(path)) == _state(complete)
    # resuming cuts the broken line off before appending to the journal
    resumed = LiveDrill.resume(path)
    resumed.run_to_end()
    resumed.close()
    assert '{"event": "Deliv' not in path.read_text(encoding="utf-8").replace('{"event": "Delivered"', "")
    assert _state(replay_journal(path)) == _state(resumed)


def test_events_written_without_their_clock_line_still_resume(tmp_path: Path) -> None:
    """The process may die between an event line and the next action line."""
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    drill.next()
    drill.close()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if '"action": "advance", "t": 5.0' not in line]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")
    assert _state(replay_journal(path)) == _state(drill)


def test_a_journal_that_no_longer_matches_its_scenario_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(CABLE_CUT.parent, folder)
    scenario = folder / "cable-cut.yaml"
    path = tmp_path / "j.jsonl"
    from drill.loading import load_scenario

    drill = LiveDrill.start(load_scenario(str(scenario)), journal_path=path)
    drill.run_to_end()
    drill.close()
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("at: 8m", "at: 2m"), encoding="utf-8")
    with pytest.raises(JournalError, match=r"j\.jsonl:\d+:1: the drill no longer replays as recorded"):
        replay_journal(path)


@pytest.mark.parametrize(("text", "message"), [
    ("", "not a drill journal"),
    ('{"event": "x", "t": 0}\n', "not a drill journal"),
    ('{"journal": "drill", "version": 99, "source": {"path": "x"}}\n', "version 99 is not supported"),
    ('{"journal": "drill", "version": 1}\n', "does not say which drill"),
    ('{"journal": "drill", "version": 1, "source": {"path": "x"}}\nnot json\n{}\n', ":2:1: not a journal line"),
    ('{"journal": "drill", "version": 1, "source": {"path": "x"}}\n{"action": "advance"}\n', ":2:1: missing or invalid"),
])
def test_bad_journals_are_reported_with_their_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JournalError, match=message):
        read_journal(path)


def test_journal_refuses_to_overwrite_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(JournalError, match="already exists"):
        LiveDrill.start(cable_cut(), journal_path=path)
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_plan_mode_journal_reloads_the_ad_hoc_drill(tmp_path: Path) -> None:
    from drill.engine.journal import DrillSource
    from drill.loading import load_plan
    from drill.loading.adhoc import adhoc_scenario

    plan = load_plan(str(CABLE_CUT.parent / "plan.yaml"))
    scenario = adhoc_scenario(plan, "virus-suspected@town-y", "2025-08-23T22:00")
    source = DrillSource.for_scenario(scenario)
    assert source.incident == "virus-suspected@town-y"
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(scenario, source, path)
    drill.fail("mobile")
    drill.run_to_end()
    drill.close()
    assert _state(replay_journal(path)) == _state(drill)


# -- drill replay on the command line ----------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, timeout=120)


def test_replay_prints_the_report_of_the_recorded_drill(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    drill.fail("fax")
    drill.run_to_end()
    drill.close()
    done = _cli("replay", str(path), "--format", "json")
    assert done.returncode == 1, done.stderr  # the town-y objective fails
    data = json.loads(done.stdout)
    assert data == drill_record(drill)  # the run record, with live flags and observations
    assert data["injects"][0] == {"at": 0.0, "fail": ["fax"], "live": True}  # made live, first in time
    assert any(a["reason"] and "fax down" in a["reason"] for t in data["tasks"] for a in t["attempts"])


def test_replay_of_an_unfinished_journal_runs_on_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    drill.close()
    done = _cli("replay", str(path), "--format", "json")
    assert "stops at T+00:00 before the drill ended" in done.stderr
    data = json.loads(done.stdout)
    expected = run_to_dict(simulate(cable_cut()))
    assert [{k: v for k, v in i.items() if k != "live"} for i in data.pop("injects")] == expected.pop("injects")
    assert data.pop("observations") == []
    assert data == expected


def test_replay_of_a_bad_journal_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text("hello\n", encoding="utf-8")
    done = _cli("replay", str(path))
    assert done.returncode == 2
    assert "j.jsonl:1:1" in done.stderr and "Traceback" not in done.stderr


def test_command_line_failures_are_part_of_the_journaled_drill(tmp_path: Path) -> None:
    from drill.engine.journal import DrillSource
    from drill.model.scenario import Inject

    scenario = cable_cut()
    extra = (Inject(at=3.0, fail=("fax",), note="--fail on the command line"),)
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(scenario, DrillSource.for_scenario(scenario, extra), path)
    drill.run_to_end()
    drill.close()
    header, _ = read_journal(path)
    assert header["source"]["extra"] == [{"at": 3.0, "fail": ["fax"], "note": "--fail on the command line"}]
    resumed = replay_journal(path)
    assert resumed.sim.timeline.is_down("fax", 3.0)
    assert _state(resumed) == _state(drill)
