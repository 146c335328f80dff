"""Injects still to come, so the organiser knows what the drill holds next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drill.engine import Simulation
from drill.i18n import _, ngettext
from drill.model.durations import format_clock
from drill.tui.describe import inject_words


class UpcomingInjects(Static):
    """The scenario's injects that have not been applied yet, in time order."""

    def show(self, sim: Simulation) -> None:
        applied = sum(1 for e in sim.events if e.kind == "InjectApplied")
        # the engine applies injects in (time, file order); live ones at once
        ordered = sorted(enumerate(sim.injects), key=lambda pair: (pair[1].at, pair[0]))
        waiting = [inject for _, inject in ordered[applied:]]
        text = Text()
        if not waiting:
            text.append(_("no more injects"), style="dim")
        for inject in waiting[:8]:
            text.append(f"{format_clock(inject.at)}  ", style="bold")
            text.append(inject_words(inject) + "\n")
        if len(waiting) > 8:
            more = len(waiting) - 8
            text.append(ngettext("… and {n} more", "… and {n} more", more).format(n=more), style="dim")
        self.count = len(waiting)
        """How many injects are still to come (tests)."""
        self.update(text)
