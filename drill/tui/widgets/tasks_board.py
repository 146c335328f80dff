"""The tasks board: one row per notification of the drill and where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from drill.engine import Simulation
from drill.engine.simulation import Task
from drill.model.durations import format_clock
from drill.tui.describe import STATUS_STYLE, live_status

COLUMNS = (("step", "step"), ("route", "from → to"), ("status", "status"), ("via", "via"),
           ("by", "by"), ("at", "at T+"), ("within", "deadline"))
"""Column keys and headers; ``by`` is · when the recipient itself received it."""


def _hhmm(t: float | None) -> str:
    """Drill time without the T+ (the column headers say what it is)."""
    return "—" if t is None else format_clock(t)[2:]


class TasksBoard(DataTable[Text]):
    """Rows in plan order (step, then recipient), updated in place as the drill runs."""

    @dataclass
    class TaskChosen(Message):
        """The organiser moved the cursor to a task."""

        board: TasksBoard
        task: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self._shown_rows: dict[int, tuple[str, ...]] = {}

    def show(self, sim: Simulation) -> None:
        if not self.columns:
            for key, label in COLUMNS:
                self.add_column(label, key=key)
        for task in sim.tasks:
            cells = self._cells(task)
            plain = tuple(c.plain for c in cells)
            key = str(task.index)
            if task.index not in self._shown_rows:
                self.add_row(*cells, key=key)
            elif self._shown_rows[task.index] != plain:
                for (column, _), cell in zip(COLUMNS, cells, strict=True):
                    self.update_cell(key, column, cell, update_width=True)
            self._shown_rows[task.index] = plain

    @staticmethod
    def _cells(task: Task) -> tuple[Text, ...]:
        status = live_status(task)
        route = f"{task.sender_plan} → {task.recipient}"
        if task.sender and task.sender != task.sender_plan:
            route += f" (by {task.sender})"
        via = task.via or (task.attempts[-1].via + "…" if task.attempts and task.in_flight else "—")
        deadline = _hhmm(task.within)
        # the recipient usually receives it itself: only a deputy is worth a name
        by = "—" if task.by is None else ("·" if task.by == task.recipient else task.by)
        return (Text(task.step.id), Text(route), Text(status, style=STATUS_STYLE.get(status, "")),
                Text(via), Text(by), Text(_hhmm(task.at)), Text(deadline))

    def status_of(self, index: int) -> str:
        """The status shown for a task (tests)."""
        return self._shown_rows[index][2]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.post_message(self.TaskChosen(self, int(event.row_key.value)))
