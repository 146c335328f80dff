"""Observations, the journal lock, ``drill journals``, ``--resume last`` and the room view's figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drill.engine.journal import JournalError, LiveDrill, replay_journal
from drill.tui.room import drill_clock, informed_count, party_cells
from tests.tui.helpers import ROOT, cable_cut


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})))


def test_observations_are_journaled_and_replayed(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    drill.next()
    drill.observe("  Hofu answered   the fax only after 25 minutes ")
    drill.fail("fax", note="unplugged")
    drill.close()
    again = replay_journal(path)
    assert again.observations == [(5.0, "Hofu answered the fax only after 25 minutes")]
    done = _cli("replay", str(path), "--format", "json")
    data = json.loads(done.stdout)
    assert data["observations"] == [{"at": 5.0, "text": "Hofu answered the fax only after 25 minutes"}]
    assert {"at": 5.0, "fail": ["fax"], "note": "unplugged", "live": True} in data["injects"]
    assert [i["at"] for i in data["injects"]] == sorted(i["at"] for i in data["injects"])
    html = _cli("replay", str(path), "--format", "html").stdout
    assert "observation: Hofu answered the fax only after 25 minutes" in html


def test_a_journal_in_use_cannot_be_resumed_twice(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    drill = LiveDrill.start(cable_cut(), journal_path=path)
    drill.next()
    with pytest.raises(JournalError, match="in use"):
        LiveDrill.resume(path)
    done = _cli("tui", "--resume", str(path))
    assert done.returncode == 2 and "in use" in done.stderr
    drill.close()
    LiveDrill.resume(path).close()  # free again once the first one closed


def test_drill_journals_lists_and_resume_last_finds_the_newest(tmp_path: Path) -> None:
    env = {"DRILL_JOURNAL_DIR": str(tmp_path)}
    drill = LiveDrill.start(cable_cut(), journal_path=tmp_path / "a.jsonl")
    drill.next()
    drill.next()
    drill.close()
    listing = json.loads(_cli("journals", "--format", "json", env=env).stdout)
    assert [(e["scenario"], e["clock"], e["state"]) for e in listing] == [("example-cable-cut", 5.0, "stopped")]
    text = _cli("journals", env=env).stdout
    assert "example-cable-cut" in text and "T+00:05" in text and "stopped" in text
    from drill.engine.journals import latest_journal

    assert latest_journal(tmp_path) == tmp_path / "a.jsonl"


def test_drill_journals_columns_line_up_in_japanese(tmp_path: Path) -> None:
    from rich.cells import cell_len

    from drill.loading import load_scenario

    env = {"DRILL_JOURNAL_DIR": str(tmp_path), "DRILL_LANG": "ja"}
    data = ROOT / "tests" / "tui" / "data"
    wide = tmp_path / "wide.yaml"  # a scenario id of two-cell characters
    wide.write_text((data / "jp-scenario.yaml").read_text(encoding="utf-8")
                    .replace("scenario: jp-mini-drill", "scenario: 全角の訓練")
                    .replace("plan: jp-plan.yaml", f"plan: {data / 'jp-plan.yaml'}"), encoding="utf-8")
    jp = load_scenario(str(wide))
    for name, scenario in (("a.jsonl", cable_cut()), ("b.jsonl", jp)):
        drill = LiveDrill.start(scenario, journal_path=tmp_path / name)
        drill.next()
        drill.close()
    lines = _cli("journals", env=env).stdout.splitlines()
    assert len(lines) == 2 and "全角の訓練" in "".join(lines) and "中断" in "".join(lines)
    # the path column starts at the same terminal cell on every line
    starts = {cell_len(line[:line.index(str(tmp_path))]) for line in lines}
    assert len(starts) == 1, lines


def test_a_japanese_locale_alone_chooses_japanese_and_lang_en_overrides_it(tmp_path: Path) -> None:
    drill = LiveDrill.start(cable_cut(), journal_path=tmp_path / "a.jsonl")
    drill.close()
    env = {"DRILL_JOURNAL_DIR": str(tmp_path), "LANG": "ja_JP.UTF-8"}
    assert "中断" in _cli("journals", env=env).stdout
    english = _cli("--lang", "en", "journals", env=dict(env, DRILL_LANG="ja")).stdout
    assert "stopped" in english and "中断" not in english


def test_a_bad_export_dir_is_refused_at_start(tmp_path: Path) -> None:
    done = _cli("tui", str(ROOT / "tests" / "data" / "examples" / "cable-cut.yaml"), "--no-journal",
                "--export-dir", str(tmp_path / "missing"))
    assert done.returncode == 2 and "--export-dir" in done.stderr


def test_room_view_counts_only_the_procedures_parties_and_clocks_agree() -> None:
    drill = LiveDrill.start(cable_cut())
    drill.next()
    sim = drill.sim
    informed, wanted = informed_count(sim)
    assert wanted == len({t.recipient for t in sim.tasks} | {sim.origin})
    assert informed == 1  # the origin
    drill.advance_by(0.6)
    clock, local = drill_clock(sim)
    assert clock == "T+00:01" and local.minute == 1  # the same rounding: never a minute apart
    drill.run_to_end()
    assert {c.state for c in party_cells(sim)} <= {"informed", "failed", "off duty", "not informed"}
