"""The event log: everything that happened in the drill, with the reasons."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from rich.text import Text
from textual.widgets import RichLog

from drill.engine import Event, Simulation, TaskStarted
from drill.i18n import ngettext
from drill.tui.describe import describe_event

BURST = 300
"""Most lines one refresh writes: the screen stays responsive however much happened at once."""


class EventBuffer:
    """What the simulation's event handler passed on since the last refresh: the last :data:`BURST` events.

    :meth:`take` is the handler (it may run in the engine's worker thread and
    only appends); :meth:`drain` hands the events over at the next refresh,
    with how many earlier ones did not fit.
    """

    def __init__(self) -> None:
        self._events: deque[Event] = deque(maxlen=BURST)
        self._arrived = 0

    def take(self, event: Event) -> None:
        self._events.append(event)
        self._arrived += 1

    def drain(self) -> tuple[int, list[Event]]:
        """``(how many did not fit, the last events)`` since the last drain."""
        events = list(self._events)
        skipped = self._arrived - len(events)
        self._events.clear()
        self._arrived = 0
        return skipped, events


class EventLog(RichLog):
    """Appends one line per engine event, in the order the engine produced them."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, max_lines=2000, **kwargs)  # type: ignore[arg-type]
        self.lines_text: list[str] = []
        """Every line written so far, as plain text."""

    def show(self, sim: Simulation, skipped: int, events: Iterable[Event]) -> None:
        """Write the events handed over since the last refresh (``skipped`` earlier ones did not fit)."""
        if skipped > 0:  # a run to the end of a national drill: the rest is in the journal
            line = ngettext("… {count} earlier event not shown here (the journal and the report have it)",
                            "… {count} earlier events not shown here (the journal and the report have them)",
                            skipped).format(count=skipped)
            self.lines_text.append(line)
            self.write(Text(line, style="dim italic"))
        for event in events:
            self._add(sim, event)

    def restart(self, sim: Simulation) -> None:
        """Show the simulation's events afresh (at the start, and when an undo took some back)."""
        self.clear()
        self.lines_text = []
        self.show(sim, len(sim.events) - BURST, sim.events[-BURST:])

    def _add(self, sim: Simulation, event: Event) -> None:
        if isinstance(event, TaskStarted):
            return  # the first attempt follows at once and says the same, with the channel
        line, style = describe_event(sim, event)
        self.lines_text.append(line)
        self.write(Text(line, style=style))
