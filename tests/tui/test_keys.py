"""The control room's `u` (undo the last live inject) and `/` (filter the tasks board)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from drill.engine.journal import replay_journal
from drill.tui.app import make_app
from drill.tui.widgets import EventLog, InfrastructurePanel
from tests.tui.helpers import SIZE, cable_cut


def _footer_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [key.key for key in app.screen.query(FooterKey)]


async def test_u_undoes_the_last_live_inject_and_only_that(tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    app = make_app(cable_cut(), journal_path=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        room = app.room
        assert "u" not in _footer_keys(app)
        await pilot.press("f", "f", "a", "enter", "enter")  # fail fax, no note
        await pilot.pause()
        assert room.query_one(InfrastructurePanel).states["fax"] == "FAILED since T+00:05"
        assert "u" in _footer_keys(app)
        await pilot.press("u")
        await pilot.pause()
        assert room.query_one(InfrastructurePanel).states["fax"] == "up"
        assert not any("organiser: fail fax" in line for line in room.query_one(EventLog).lines_text)
        assert "u" not in _footer_keys(app)
        await pilot.press("u")  # nothing left to undo: a toast says why
        await pilot.pause()
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)
        assert room.drill.now == 5.0
        assert [i.fail for i in room.drill.sim.injects] == [("pref-cable",)]  # the scenario's own only
    assert [i.fail for i in replay_journal(journal).sim.injects] == [("pref-cable",)]


async def test_u_is_refused_after_the_clock_moved(tmp_path: Path) -> None:
    app = make_app(cable_cut(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "f", "f", "a", "enter", "enter", "n", "u")
        await pilot.pause()
        assert ("fax",) in [i.fail for i in app.room.drill.sim.injects]
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)
