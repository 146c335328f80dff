"""The top line of the control room: the drill's title and its clock."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation
from drill.model.durations import format_clock


class ClockBar(Static):
    """Title, drill clock (T+hh:mm and the local wall time), play state, next event."""

    def show(self, sim: Simulation, *, playing: bool = False, speed: int = 60, busy: bool = False) -> None:
        local = sim.clock.local(sim.now)
        text = Text()
        text.append(f" {sim.scenario.title} ", style="bold")
        text.append("  ")
        text.append(f" {format_clock(sim.now)} ", style="bold reverse")
        text.append(f" {local.strftime('%a %Y-%m-%d %H:%M')} {local.tzname() or ''}")
        text.append("   ")
        if sim.finished:
            text.append(" ENDED ", style="bold reverse green")
        elif busy:
            text.append(" running… ", style="bold yellow")
        elif playing:
            text.append(f" ▶ {speed}× ", style="bold reverse yellow")
        else:
            text.append(f" paused {speed}× ", style="dim")
        following = None if sim.finished else sim.next_time()
        if following is not None:
            text.append(f"  next {format_clock(following)}", style="dim")
        self.update(text)
        self.plain = text.plain
        """The bar as plain text (tests and screen readers)."""
