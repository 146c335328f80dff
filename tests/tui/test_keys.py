"""The control room's `u` (undo the last live inject) and `/` (filter the tasks board)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from drill.engine.journal import replay_journal
from drill.tui.app import make_app
from drill.tui.widgets import EventLog, InfrastructurePanel
from tests.tui.helpers import SIZE, cable_cut, settle


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


async def test_slash_filters_the_tasks_board_by_status_and_party() -> None:
    from drill.tui.describe import live_status
    from drill.tui.widgets import TasksBoard

    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        board = app.room.query_one(TasksBoard)
        sim = app.room.drill.sim
        every = board.row_count
        await pilot.press("slash", *"town", "enter")  # town-x and town-y
        await pilot.pause()
        towns = {t.index for t in sim.tasks if {t.recipient, t.sender_plan} & {"town-x", "town-y"}}
        assert 0 < len(towns) < every
        assert {int(str(key.value)) for key in board.rows} == towns
        assert "filter: town" in str(board.border_title)
        await pilot.press("slash", *"failed", "enter")  # nothing has failed yet
        await pilot.pause()
        assert board.row_count == 0
        await pilot.press("e", "y")
        await settle(pilot)
        await pilot.press("slash", *"delivered town-x", "enter")
        await pilot.pause()
        wanted = {t.index for t in sim.tasks if "town-x" in (t.recipient, t.sender_plan)
                  and live_status(t) == "delivered"}
        assert {int(str(key.value)) for key in board.rows} == wanted
        assert 0 < len(wanted) < len(towns)
        await pilot.press("slash", "escape")  # Esc clears
        await pilot.pause()
        assert board.row_count == every and board.filter is None
        assert str(board.border_title) == "tasks"


async def test_the_control_room_shows_the_scenario_warnings() -> None:
    from drill.loading import load_scenario
    from tests.tui.helpers import ROOT

    app = make_app(load_scenario(str(ROOT / "tests" / "data" / "examples" / "inject-after-horizon.yaml")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("is after the horizon 1h" in str(n.message) for n in app._notifications)
