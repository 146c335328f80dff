"""Under ``--lang ja`` the organiser's screens show no English word: only ids and the plan's own labels."""

from __future__ import annotations

import re

from rich.text import Text

from drill.i18n import set_language
from drill.loading import load_scenario
from drill.tui.app import make_app
from drill.tui.screens.room_view import RoomView
from drill.tui.widgets import (
    ClockBar,
    EventLog,
    InfrastructurePanel,
    ObjectivesPanel,
    TasksBoard,
    UpcomingInjects,
    WhyPanel,
)
from tests.tui.helpers import ROOT, settle, task_of

SCENARIO = ROOT / "scenarios" / "shared-cable-cut.yaml"


def _english_words(text: str, sim) -> list[str]:  # type: ignore[no-untyped-def]
    """Latin words left once ids, kinds, calendar ids and the plan's labels are taken out."""
    plan = sim.plan
    allowed = [*plan.components, *plan.channels, *plan.parties, *plan.groups, *plan.calendars, *plan.procedures, "always",
               *(c.kind for c in plan.components.values()), *(t.step.id for t in sim.tasks),
               *(p.label for p in plan.parties.values()), *(c.label for c in plan.components.values() if c.label),
               *(c.label for c in plan.channels.values() if c.label), *(n for i in sim.injects if (n := i.note)),
               sim.scenario.title, "JST", "LGWAN", "J-LIS", "NTT", "PBX", "FW", "LAN", "T+"]
    for word in sorted(allowed, key=len, reverse=True):
        text = text.replace(word, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


def _screen_text(app) -> str:  # type: ignore[no-untyped-def]
    room = app.room
    board = room.query_one(TasksBoard)
    rows = [str(cell) for row in range(board.row_count) for cell in board.get_row_at(row)]
    headers = [str(column.label) for column in board.columns.values()]
    infra = room.query_one(InfrastructurePanel)
    tree = [str(node.label) for node in infra._tree_nodes.values()]
    footer = [active.binding.description for active in room.active_bindings.values() if active.binding.show]
    upcoming = room.query_one(UpcomingInjects).render()
    return "\n".join([room.query_one(ClockBar).plain, *headers, *rows, *room.query_one(EventLog).lines_text, *tree,
                      room.query_one(ObjectivesPanel).plain, room.query_one(WhyPanel).plain, *footer,
                      upcoming.plain if isinstance(upcoming, Text) else str(upcoming)])


async def test_the_control_room_in_japanese_has_no_english_word() -> None:
    set_language("ja")
    app = make_app(load_scenario(str(SCENARIO)), play_tick=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.pause()
        sim = app.room.drill.sim
        seen = _screen_text(app)
        app.room.query_one(TasksBoard).move_cursor(row=task_of(sim, "report-to-pref", "pref-shicho"))
        await pilot.pause()
        seen += app.room.query_one(WhyPanel).plain
        await pilot.press("e", "y")
        await settle(pilot)
        seen += _screen_text(app)
        assert "2025年10月22日（水）" in seen and "伝達済み" in seen
        assert _english_words(seen, sim) == []


async def test_the_room_view_in_japanese_has_no_english_word() -> None:
    set_language("ja")
    app = make_app(load_scenario(str(SCENARIO)), play_tick=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "n", "n", "v")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, RoomView)
        shown = [str(w.render()) for w in view.query("Static")]
        footer = [active.binding.description for active in view.active_bindings.values() if active.binding.show]
        text = "\n".join([*shown, *footer])
        assert "連絡済み" in text
        assert _english_words(text, view.room.drill.sim) == []
