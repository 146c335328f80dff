"""The tasks board: one row per notification of the drill and where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from drill.engine import Simulation
from drill.engine.simulation import Task
from drill.i18n import N_, _
from drill.model.durations import format_clock
from drill.tui.describe import STATUS_STYLE, live_status
from drill.tui.task_filter import TaskFilter

COLUMNS = (("step", N_("step")), ("route", N_("from → to")), ("deputy", N_("sent by")), ("status", N_("status")),
           ("via", N_("via")), ("by", N_("by")), ("at", N_("at T+")), ("within", N_("deadline")))
"""Column keys and headers; ``by`` is · when the recipient itself received it; ``deputy`` names a
deputy who sent in place of the step's sender (empty otherwise)."""

COMPACT = (("step", N_("step")), ("route", N_("to")), ("status", N_("status")), ("via", N_("via")),
           ("at", N_("at")), ("within", N_("due")))
"""The columns of a narrow board: names shortened and labels dropped, never status, at or deadline."""

SHORT = {"step": 12, "route": 14, "via": 9}
"""Widest cell (terminal cells) of the shortened columns of a narrow board."""


REBUILD = 50
"""More changed rows than this in one refresh: the board is rebuilt instead of updated cell by cell."""


def _short(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


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
        self.compact = False
        """Narrow board (:data:`COMPACT` columns)."""
        self._statuses: dict[int, str] = {}
        self.filter: TaskFilter | None = None
        """Only the tasks it keeps are shown (``/``); None: every task."""

    def set_filter(self, task_filter: TaskFilter | None, sim: Simulation) -> None:
        """Show only the tasks ``task_filter`` keeps (None: all), and say so in the title."""
        self.filter = task_filter
        self.border_title = _("tasks") if task_filter is None else _("tasks — filter: {text}").format(
            text=task_filter.text)
        self.clear()
        self._shown_rows = {}
        self.show(sim)

    def set_compact(self, compact: bool, sim: Simulation) -> None:
        """Switch between the full and the narrow board (the control room calls this on resize)."""
        if compact == self.compact and self.columns:
            return
        self.compact = compact
        row = self.cursor_row
        self.clear(columns=True)
        self._shown_rows = {}
        self.show(sim)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    @property
    def _columns(self) -> tuple[tuple[str, str], ...]:
        return COMPACT if self.compact else COLUMNS

    def show(self, sim: Simulation) -> None:
        if not self.columns:
            for key, label in self._columns:
                self.add_column(_(label), key=key)
        kept = sim.tasks if self.filter is None else [t for t in sim.tasks if self.filter.keeps(sim, t)]
        rows = [(task, self._cells(task)) for task in kept]
        changed = sum(1 for task, cells in rows if self._shown_rows.get(task.index) != tuple(c.plain for c in cells))
        others = len(rows) != len(self._shown_rows) or any(t.index not in self._shown_rows for t in kept)
        # many at once (a run to the end): rebuilding is faster; a filtered board rebuilds when its rows change
        if self._shown_rows and (changed > REBUILD or others):
            row = self.cursor_row
            self.clear()
            self._shown_rows = {}
            self._fill(rows)
            self.move_cursor(row=min(row, max(self.row_count - 1, 0)))
        else:
            self._fill(rows)

    def _fill(self, rows: list[tuple[Task, tuple[Text, ...]]]) -> None:
        for task, cells in rows:
            plain = tuple(c.plain for c in cells)
            key = str(task.index)
            if task.index not in self._shown_rows:
                self.add_row(*cells, key=key)
            elif self._shown_rows[task.index] != plain:
                for (column, _label), cell in zip(self._columns, cells, strict=True):
                    self.update_cell(key, column, cell, update_width=True)
            self._shown_rows[task.index] = plain
            self._statuses[task.index] = live_status(task)

    def _cells(self, task: Task) -> tuple[Text, ...]:
        status = live_status(task)
        shown = Text(_(status), style=STATUS_STYLE.get(status, ""))
        via = task.via or (task.attempts[-1].via + "…" if task.attempts and task.in_flight else "—")
        at, deadline = Text(_hhmm(task.at)), Text(_hhmm(task.within))
        if self.compact:
            return (Text(_short(task.step.id, SHORT["step"])), Text(_short(task.recipient, SHORT["route"])),
                    shown, Text(_short(via, SHORT["via"])), at, deadline)
        deputy = task.sender if task.sender and task.sender != task.sender_plan else ""
        # the recipient usually receives it itself: only a deputy is worth a name
        by = "—" if task.by is None else ("·" if task.by == task.recipient else task.by)
        return (Text(task.step.id), Text(f"{task.sender_plan} → {task.recipient}"), Text(deputy, style="yellow"),
                shown, Text(via), Text(by), at, deadline)

    def status_of(self, index: int) -> str:
        """The status shown for a task (machine word; tests)."""
        return self._statuses[index]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.post_message(self.TaskChosen(self, int(event.row_key.value)))
