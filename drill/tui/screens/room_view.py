"""The room view (``v``): the drill for a projector — big clocks, who is informed, what is down.

It shows the same drill as the control room and keeps the drill keys (``n``,
``p``, ``o``...): they run in the control room underneath, which refreshes
this view.  ``v`` or Esc goes back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Footer, Static

from drill.engine import Simulation, evaluate
from drill.i18n import N_, _
from drill.i18n.words import objective_word
from drill.reports.aar import describe_expectation
from drill.tui.keys import translate_bindings
from drill.tui.room import (
    STATE_STYLE,
    STATE_WORDS,
    STATES,
    PartyCell,
    alerts,
    drill_clock,
    party_cells,
)

if TYPE_CHECKING:
    from drill.tui.screens.control_room import ControlRoom


def _fit(text: str, width: int) -> str:
    """``text`` padded to exactly ``width`` cells; a label too wide loses its bracketed part, then is cut with …."""
    if cell_len(text) > width:
        text = re.split(r"\s*[（(]", text, maxsplit=1)[0]
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class PartyGrid(Widget):
    """Every party the procedure should reach, one coloured cell each, as many per row as fit."""

    DEFAULT_CSS = "PartyGrid { height: 1fr; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.cells: list[PartyCell] = []

    def render(self) -> Text:
        width = max(self.size.width, 10)
        cell = max(min(max((cell_len(c.label) for c in self.cells), default=8) + 2, 24), 10)
        per_row = max(width // (cell + 1), 1)
        text = Text()
        for index, party in enumerate(self.cells):
            if index and index % per_row == 0:
                text.append("\n")
            text.append(_fit(" " + party.label, cell), style=STATE_STYLE[party.state])
            text.append(" ")
        text.append("\n")
        for state in STATES:
            text.append(" ■ ", style=STATE_STYLE[state].split(" on ")[-1])
            text.append(_(STATE_WORDS[state]))
        return text


class RoomView(Screen[None]):
    """Big clock, informed N/M, objectives, the parties' grid and the alerts strip."""

    BINDINGS = [
        Binding("v,escape", "close", N_("Back")),
        Binding("n", "room('next')", N_("Next")),
        Binding("p", "room('play')", N_("Play")),
        Binding("o", "room('observe')", N_("Note")),
        Binding("e", "room('to_end')", N_("End")),
        Binding("q", "room('quit')", N_("Quit")),
    ]

    def __init__(self, room: ControlRoom) -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        with Vertical(id="room-view"):
            with Horizontal(id="room-clocks"):
                with Vertical(classes="room-clock"):
                    yield Static(_("drill time"), classes="room-caption")
                    yield Digits("", id="room-drill-time")
                with Vertical(classes="room-clock"):
                    yield Static(_("local time"), classes="room-caption")
                    yield Digits("", id="room-local-time")
                with Vertical(classes="room-clock"):
                    yield Static(_("informed"), classes="room-caption")
                    yield Digits("", id="room-informed")
            yield Static(id="room-objectives")
            yield PartyGrid(id="room-grid")
            yield Static(id="room-alerts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        translate_bindings(self)
        self.show(self.room.drill.sim)

    def on_screen_resume(self) -> None:
        self.show(self.room.drill.sim)

    def show(self, sim: Simulation) -> None:
        """Refresh every part from the simulation (the control room calls this as the drill moves)."""
        if not self.is_mounted:
            return
        clock, local = drill_clock(sim)
        self.query_one("#room-drill-time", Digits).update(clock[2:])
        self.query_one("#room-local-time", Digits).update(local.strftime("%H:%M"))
        cells = party_cells(sim)
        informed = sum(1 for c in cells if c.state == "informed")
        self.query_one("#room-informed", Digits).update(f"{informed}/{len(cells)}")
        self.query_one("#room-objectives", Static).update(self._objectives(sim))
        grid = self.query_one(PartyGrid)
        grid.cells = cells
        grid.refresh()
        self.query_one("#room-alerts", Static).update(self._alerts(sim))
        self.plain = "\n".join([clock, local.strftime("%H:%M"), f"{informed}/{len(cells)}",
                                *(f"{c.ident} {c.state}" for c in cells), *alerts(sim)])
        """The view as plain text (tests)."""

    @staticmethod
    def _objectives(sim: Simulation) -> Text:
        text = Text()
        if not sim.scenario.expect:
            text.append(_("no objectives in this scenario"), style="dim")
        for expectation in sim.scenario.expect:
            if sim.finished:
                ok = evaluate(expectation, sim).ok
                text.append(objective_word(ok), style="bold green" if ok else "bold red")
            else:
                text.append("…", style="dim")
            text.append(f"  {describe_expectation(expectation.raw)}\n")
        return text

    @staticmethod
    def _alerts(sim: Simulation) -> Text:
        found = alerts(sim)
        if not found:
            return Text(" " + _("everything is up"), style="bold black on green")
        return Text(" ⚠ " + "  ·  ".join(found), style="bold white on red")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "room" and parameters:
            return self.room.check_action(str(parameters[0]), ())
        return True

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_room(self, action: str) -> None:
        getattr(self.room, f"action_{action}")()
