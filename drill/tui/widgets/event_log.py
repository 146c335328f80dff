"""The event log: everything that happened in the drill, with the reasons."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from drill.engine import Event, Simulation, TaskStarted
from drill.i18n import ngettext
from drill.tui.describe import describe_event

BURST = 300
"""Most lines one refresh writes: the screen stays responsive however much happened at once."""


class EventLog(RichLog):
    """Appends one line per engine event, in the order the engine produced them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, max_lines=2000, **kwargs)  # type: ignore[arg-type]
        self.lines_text: list[str] = []
        """Every line written so far, as plain text."""
        self._shown = 0

    def show(self, sim: Simulation) -> None:
        """Write the events the log has not shown yet (at most :data:`BURST` of one burst)."""
        new = sim.events[self._shown:]
        if len(new) > BURST:  # a run to the end of a national drill: the rest is in the journal
            skipped = len(new) - BURST
            line = ngettext("… {count} earlier event not shown here (the journal and the report have it)",
                            "… {count} earlier events not shown here (the journal and the report have them)",
                            skipped).format(count=skipped)
            self.lines_text.append(line)
            self.write(Text(line, style="dim italic"))
            new = new[skipped:]
        for event in new:
            self._add(sim, event)
        self._shown = len(sim.events)

    def _add(self, sim: Simulation, event: Event) -> None:
        if isinstance(event, TaskStarted):
            return  # the first attempt follows at once and says the same, with the channel
        line, style = describe_event(sim, event)
        self.lines_text.append(line)
        self.write(Text(line, style=style))
