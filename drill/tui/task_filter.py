"""The tasks board's filter (`/`): a status, a party, or both, typed as words.

``failed`` keeps the failed tasks, ``hofu`` the tasks to or from a party whose
id or label contains "hofu", ``failed hofu`` both at once.  Statuses are the
board's words (``not started``, ``waiting``, ``trying``, ``delivered``,
``late``, ``failed``, ``blocked``), in English or in the screen's language;
several statuses, or several parties, widen the filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.engine import Simulation
from drill.engine.simulation import Task
from drill.i18n import _
from drill.tui.describe import STATUS_STYLE, live_status


@dataclass(frozen=True)
class TaskFilter:
    """The statuses and party words a task must match (an empty part matches every task)."""

    text: str
    statuses: frozenset[str]
    parties: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> TaskFilter | None:
        """The filter typed, or None when nothing was typed (every task)."""
        rest, statuses = " " + " ".join(text.casefold().split()) + " ", set()
        words = sorted(((w, s) for s in STATUS_STYLE for w in {s, _(s).casefold()}), key=lambda ws: -len(ws[0]))
        for word, status in words:  # longest first: "not started" before "started"
            if f" {word} " in rest:
                statuses.add(status)
                rest = rest.replace(f" {word} ", " ")
        parties = tuple(rest.split())
        if not statuses and not parties:
            return None
        return cls(" ".join(text.split()), frozenset(statuses), parties)

    def keeps(self, sim: Simulation, task: Task) -> bool:
        if self.statuses and live_status(task) not in self.statuses:
            return False
        return not self.parties or any(self._names(sim, party, word) for word in self.parties
                                       for party in {task.sender_plan, task.sender, task.recipient} if party)

    @staticmethod
    def _names(sim: Simulation, party: str, word: str) -> bool:
        known = sim.plan.parties.get(party)
        return word in party.casefold() or (known is not None and word in (known.label or "").casefold())
