"""The top line of the control room: the drill's title and its clock."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation
from drill.i18n import _
from drill.i18n.formats import date_text
from drill.model.durations import format_clock
from drill.tui.room import drill_clock


class ClockBar(Static):
    """Drill clock first (T+hh:mm and the local wall time), play state, next event, then the title."""

    def show(self, sim: Simulation, *, playing: bool = False, speed: int = 60, busy: bool = False) -> None:
        clock, local = drill_clock(sim)  # the same whole minute: never a minute apart
        text = Text()
        text.append(f" {clock} ", style="bold reverse")
        text.append(f" {local.strftime('%H:%M')} ", style="bold")
        text.append(f"{date_text(local)} {local.tzname() or ''} ", style="dim")
        if sim.finished:
            text.append(" " + _("ENDED") + " ", style="bold reverse green")
        elif busy:
            text.append(" " + _("running… {clock}").format(clock=format_clock(sim.now)) + " ", style="bold yellow")
        elif playing:
            text.append(f" ▶ {speed}× ", style="bold reverse yellow")
        else:
            text.append(" " + _("paused {speed}×").format(speed=speed) + " ", style="dim")
        following = None if sim.finished else sim.next_time()
        if following is not None:
            text.append("  " + _("next {clock}").format(clock=format_clock(following)), style="dim")
        text.append(f"   {sim.scenario.title}", style="bold")
        self.update(text)
        self.plain = text.plain
        """The bar as plain text (tests and screen readers)."""
