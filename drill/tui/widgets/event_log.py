"""The event log: everything that happened in the drill, with the reasons."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from drill.engine import Event, Simulation, TaskStarted
from drill.tui.describe import describe_event


class EventLog(RichLog):
    """Appends one line per engine event, in the order the engine produced them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, **kwargs)  # type: ignore[arg-type]
        self.lines_text: list[str] = []
        """Every line written so far, as plain text."""
        self._shown = 0

    def show(self, sim: Simulation) -> None:
        """Write the events the log has not shown yet."""
        for event in sim.events[self._shown:]:
            self._add(sim, event)
        self._shown = len(sim.events)

    def _add(self, sim: Simulation, event: Event) -> None:
        if isinstance(event, TaskStarted):
            return  # the first attempt follows at once and says the same, with the channel
        line, style = describe_event(sim, event)
        self.lines_text.append(line)
        self.write(Text(line, style=style))
