"""The control room's ``x``: the same after-action reports as ``drill run`` and ``drill report``."""

from __future__ import annotations

import json
from pathlib import Path

from drill.engine import simulate
from drill.engine.journal import LiveDrill
from drill.loading import load_scenario
from drill.reports.record import load_run
from drill.reports.registry import render
from drill.tui.export import after_action, export_report

ROOT = Path(__file__).resolve().parent.parent.parent
SCENARIO = ROOT / "tests/data/examples/cable-cut.yaml"


def test_export_at_the_end_is_drill_run_markdown(tmp_path: Path) -> None:
    scenario = load_scenario(str(SCENARIO))
    drill = LiveDrill.start(scenario)
    drill.run_to_end()
    written = export_report(drill, tmp_path)
    markdown, data = written[0], written[-1]
    expected = render("run", "markdown", simulate(scenario))
    assert markdown.read_text(encoding="utf-8") == expected
    assert written[1].name.startswith("example-cable-cut-after-action-")  # the drill time is in the name
    assert written[1].read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert json.loads(data.read_text(encoding="utf-8"))["finished"] is True


def test_export_mid_drill_is_drill_report_of_the_journal(tmp_path: Path) -> None:
    scenario = load_scenario(str(SCENARIO))
    journal = tmp_path / "drill.jsonl"
    drill = LiveDrill.start(scenario, journal_path=journal)
    drill.advance_by(12)
    text = after_action(drill, "markdown")
    assert not drill.finished  # exporting does not end the drill
    drill.close()
    loaded = load_run(str(journal))
    from drill.reports.aar_markdown import render_record_markdown

    assert text == render_record_markdown(loaded.record.to_dict(), loaded.plan)
