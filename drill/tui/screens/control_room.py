"""The control room: the organiser's main screen during a live drill.

The screen owns the :class:`~drill.engine.journal.LiveDrill`; every key turns
into one call on it, then the panels are handed the simulation to show
("attributes down"); the event log is handed the events the simulation's
``on_event`` handler buffered since the last refresh.  Panels report what the organiser selected with messages
("messages up").  Running to the end happens in a thread worker so a long
drill never freezes the screen; the panels are refreshed at a bounded rate
(:data:`REFRESH_EVERY`), never once per engine event.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from drill.engine.journal import LiveDrill
from drill.i18n import N_, _
from drill.model.durations import format_clock
from drill.model.errors import DrillError
from drill.model.plan import display_label
from drill.tui.describe import dependants_summary, failed_by_inject, item_state, party_state
from drill.tui.keys import translate_bindings
from drill.tui.screens.dialogs import ConfirmScreen, NoteScreen, note_title
from drill.tui.screens.help import HelpScreen
from drill.tui.screens.picker import Pick, PickerScreen
from drill.tui.task_filter import TaskFilter
from drill.tui.widgets import (
    ClockBar,
    EventBuffer,
    EventLog,
    InfrastructurePanel,
    ObjectivesPanel,
    TasksBoard,
    UpcomingInjects,
    WhyPanel,
)

SPEEDS = (1, 10, 60, 600)
"""Play speeds: drill minutes per real minute."""

PLAY_TICK = 0.25
"""Seconds between two clock moves while playing."""

REFRESH_EVERY = 0.25
"""Seconds between two refreshes of the progress while the engine runs in the worker."""

NARROW = 110
"""Below this many columns the right-hand panels take turns with the tasks board (``i``)."""

COMPACT_BOARD = 150
"""Below this many columns the tasks board shortens names and drops labels."""

MOVING = frozenset({"next", "to_end", "play", "faster", "slower", "fail", "restore", "absent"})
"""Actions that change the drill: hidden from the footer once it has ended."""


class ControlRoom(Screen[None]):
    """Clock, tasks board, event log, infrastructure, upcoming injects and the why-panel."""

    BINDINGS = [
        Binding("n", "next", N_("Next")),
        Binding("space", "next", N_("Next"), show=False, priority=True),
        Binding("e", "to_end", N_("End")),
        Binding("p", "play", N_("Play")),
        Binding("plus", "faster", N_("Faster"), show=False),
        Binding("minus", "slower", N_("Slower"), show=False),
        Binding("f", "fail", N_("Fail")),
        Binding("r", "restore", N_("Restore")),
        Binding("a", "absent", N_("Absent")),
        Binding("u", "undo", N_("Undo")),
        Binding("u", "no_undo", N_("Undo"), show=False),  # when undo does not apply: say why
        Binding("o", "observe", N_("Note")),
        Binding("slash", "filter", N_("Filter"), show=False),
        Binding("v", "room_view", N_("Room"), show=False),
        Binding("i", "side", N_("Panels"), show=False),
        Binding("x", "export", N_("Export")),
        Binding("s", "screenshot", N_("Screenshot"), show=False),
        Binding("z", "zoom", N_("Maximise"), show=False),
        Binding("question_mark", "help", N_("Help")),
        Binding("q", "quit", N_("Quit")),
    ]

    playing: reactive[bool] = reactive(False)
    """Whether the drill clock runs on its own."""
    speed: reactive[int] = reactive(60)
    """Drill minutes per real minute while playing."""
    busy: reactive[bool] = reactive(False)
    """A worker is running the engine; keys that move the drill wait."""

    @dataclass
    class DrillAdvanced(Message):
        """The engine moved (posted by the worker when it has run the drill on)."""

    def __init__(self, drill: LiveDrill, *, export_dir: str = ".", speed: int = 60,
                 play_tick: float | None = PLAY_TICK) -> None:
        super().__init__()
        self.drill = drill
        """The drill being run, with its journal."""
        self.export_dir = export_dir
        """Where ``x`` writes the after-action report."""
        self.set_reactive(ControlRoom.speed, speed if speed in SPEEDS else 60)
        self.exported: tuple[str, ...] | None = None
        """The files the last export wrote."""
        self.play_tick = play_tick
        """Seconds between clock moves while playing; None: only ``play_for`` moves it (tests)."""
        self._timer: Timer | None = None
        self._progress: Timer | None = None
        self._last_tick = 0.0
        self.arrived = EventBuffer()
        """The events the simulation's handler passed on since the last refresh."""
        drill.on_event(self.arrived.take)
        self.side = False
        """On a narrow terminal: whether the right-hand panels are shown instead of tasks and log."""

    @property
    def journal_path(self) -> str | None:
        """The journal the drill is written to (None: not journaled)."""
        return str(self.drill.journal.path) if self.drill.journal is not None else None

    def compose(self) -> ComposeResult:
        yield ClockBar(id="clock-bar")
        with Horizontal(id="room"):
            with Vertical(id="left"):
                yield TasksBoard(id="tasks")
                yield EventLog(id="log")
            with Vertical(id="right"):
                yield InfrastructurePanel(id="infra")
                yield Static(_("upcoming injects"), classes="panel-title")
                yield UpcomingInjects(id="upcoming")
                yield Static(_("objectives"), classes="panel-title")
                yield ObjectivesPanel(id="objectives")
                yield Static(_("why"), classes="panel-title")
                yield WhyPanel(id="why")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        translate_bindings(self)
        self.query_one("#tasks").border_title = _("tasks")
        self.query_one("#log").border_title = _("event log")
        self.query_one("#infra").border_title = _("infrastructure")
        if self.play_tick is not None:
            self._timer = self.set_interval(self.play_tick, self._play_tick, pause=True)
        self._restart_log()
        self.refresh_panels()
        self.query_one(TasksBoard).focus()
        for problem in self.drill.scenario.warnings():
            self.notify(str(problem), severity="warning", timeout=10, markup=False)

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Fit the panels to the terminal: narrow boards shorten first, then the panels take turns."""
        width = self.size.width
        narrow = width < NARROW
        self.query_one(TasksBoard).set_compact(width < COMPACT_BOARD, self.drill.sim)
        self.query_one("#left").display = not (narrow and self.side)
        self.query_one("#right").display = not narrow or self.side
        self.query_one("#right").styles.width = "1fr" if narrow else "3fr"

    def action_side(self) -> None:
        self.side = not self.side
        self._lay_out()
        (self.query_one(InfrastructurePanel) if self.side else self.query_one(TasksBoard)).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would change the drill are hidden once it has ended (and wait while it runs)."""
        if action in MOVING and self.drill.finished:
            return False
        if action == "side":
            return self.size.width < NARROW
        if action == "undo":
            return not self.busy and self.drill.why_no_undo() is None  # else u runs no_undo
        return True

    # -- showing ----------------------------------------------------------------
    def _restart_log(self) -> None:
        """The event log from the simulation's own events (at the start, after an undo)."""
        self.arrived.drain()
        self.query_one(EventLog).restart(self.drill.sim)

    def refresh_panels(self) -> None:
        """Hand the simulation to every panel (and to the room view when it is shown)."""
        sim = self.drill.sim
        self.query_one(ClockBar).show(sim, playing=self.playing, speed=self.speed, busy=self.busy)
        self.query_one(TasksBoard).show(sim)
        self.query_one(EventLog).show(sim, *self.arrived.drain())
        self.query_one(InfrastructurePanel).show(sim)
        self.query_one(UpcomingInjects).show(sim)
        self.query_one(ObjectivesPanel).show(sim)
        self.query_one(WhyPanel).show(sim)
        from drill.tui.screens.room_view import RoomView

        if isinstance(self.app.screen, RoomView):
            self.app.screen.show(sim)
        self.refresh_bindings()

    def _show_clock(self) -> None:
        if self.is_mounted:
            self.query_one(ClockBar).show(self.drill.sim, playing=self.playing, speed=self.speed, busy=self.busy)

    def watch_playing(self, playing: bool) -> None:
        if self._timer is not None and not playing:
            self._timer.pause()
        self._show_clock()

    def watch_speed(self) -> None:
        self._show_clock()

    def watch_busy(self) -> None:
        self._show_clock()

    def on_tasks_board_task_chosen(self, message: TasksBoard.TaskChosen) -> None:
        why = self.query_one(WhyPanel)
        why.subject = ("task", str(message.task))
        why.show(self.drill.sim)

    def on_infrastructure_panel_item_chosen(self, message: InfrastructurePanel.ItemChosen) -> None:
        why = self.query_one(WhyPanel)
        why.subject = (message.kind, message.ident)
        why.show(self.drill.sim)

    def on_control_room_drill_advanced(self, message: DrillAdvanced) -> None:
        self.busy = False
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        self.refresh_panels()

    # -- moving the clock ---------------------------------------------------------
    def action_next(self) -> None:
        if self.busy:
            return
        self.playing = False
        self.drill.next()
        self.refresh_panels()

    def action_to_end(self) -> None:
        if self.busy or self.drill.finished:
            return
        self._ask(_("Run the drill to its end? Nothing can be injected after that."), "e", self._start_to_end)

    def _start_to_end(self) -> None:
        self.playing = False
        self.busy = True
        self._progress = self.set_interval(REFRESH_EVERY, self._show_clock)
        self._run_to_end()

    @work(thread=True, exclusive=True, group="engine")
    def _run_to_end(self) -> None:
        self.drill.run_to_end()
        self.post_message(self.DrillAdvanced())

    def action_play(self) -> None:
        if self.busy or self.drill.finished:
            self.playing = False
            return
        self.playing = not self.playing
        if self._timer is not None:
            if self.playing:
                self._last_tick = time.monotonic()
                self._timer.resume()

    def _play_tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        self.play_for(elapsed)

    def play_for(self, seconds: float) -> None:
        """Let the drill run for ``seconds`` of real time at the current speed."""
        if not self.playing or self.busy:
            return
        self.drill.advance_by(self.speed * seconds / 60.0)
        if self.drill.finished:
            self.playing = False
        self.refresh_panels()

    def action_faster(self) -> None:
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 2
        self.speed = SPEEDS[min(index + 1, len(SPEEDS) - 1)]

    def action_slower(self) -> None:
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 2
        self.speed = SPEEDS[max(index - 1, 0)]

    # -- live actions -----------------------------------------------------------------
    def _live(self, verb: str, ident: str | None, note: str | None = None) -> None:
        if ident is None or self.busy:
            return
        try:
            getattr(self.drill, verb)(ident, note or None)
        except DrillError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.refresh_panels()
        words = {"fail": _("failed {ident} at {clock}"), "restore": _("restored {ident} at {clock}"),
                 "absent": _("{ident} absent at {clock}"), "back": _("{ident} back at {clock}")}
        self.notify(words[verb].format(ident=ident, clock=format_clock(self.drill.now)), timeout=3, markup=False)

    def _with_note(self, verb: str) -> Callable[[str | None], None]:
        """After a pick, ask for an optional note, then apply the inject (Esc cancels both)."""
        def picked(ident: str | None) -> None:
            if ident is None:
                return
            self.app.push_screen(NoteScreen(note_title(verb, ident), optional=True),
                                 lambda note: None if note is None else self._live(verb, ident, note))
        return picked

    def live_now(self, verb: str, ident: str) -> None:
        """Fail or restore ``ident`` (command palette): ask for the optional note, then apply."""
        if not (self.busy or self._ended()):
            self._with_note(verb)(ident)

    def jump_to_task(self, index: int) -> None:
        """Put the board's cursor on a task (command palette) and show why it stands as it does."""
        board = self.query_one(TasksBoard)
        board.move_cursor(row=board.get_row_index(str(index)))
        board.focus()

    def _ended(self) -> bool:
        if self.drill.finished:
            self.notify(_("The drill has ended; nothing can change any more."), severity="warning", markup=False)
            return True
        return False

    def action_fail(self) -> None:
        if self.busy or self._ended():
            return
        sim = self.drill.sim
        picks = []
        for ident in list(sim.plan.components) + list(sim.plan.channels):
            if failed_by_inject(sim, ident):
                continue
            thing = sim.plan.components.get(ident) or sim.plan.channels[ident]
            state, _style = item_state(sim, ident)
            picks.append(Pick(ident, display_label(thing),
                              _("{state} · depends on it: {what}").format(state=state,
                                                                          what=dependants_summary(sim, ident))))
        self.app.push_screen(PickerScreen(_("Fail now: which component or channel?"), picks),
                             self._with_note("fail"))

    def action_restore(self) -> None:
        if self.busy or self._ended():
            return
        sim = self.drill.sim
        picks = [Pick(i, display_label(sim.plan.components.get(i) or sim.plan.channels[i]), item_state(sim, i)[0])
                 for i in list(sim.plan.components) + list(sim.plan.channels) if failed_by_inject(sim, i)]
        self.app.push_screen(PickerScreen(_("Restore now: which one?"), picks, empty=_("nothing has been failed")),
                             self._with_note("restore"))

    def action_absent(self) -> None:
        if self.busy or self._ended():
            return
        sim = self.drill.sim
        picks = []
        for ident, party in sim.plan.parties.items():
            away = sim.timeline.is_absent(ident, sim.now)
            picks.append(Pick(ident, display_label(party), (_("absent → mark back") if away else _("present → mark absent"))
                              + f" · {party_state(sim, ident)[0]}"))

        def chosen(ident: str | None) -> None:
            if ident is not None:
                verb = "back" if sim.timeline.is_absent(ident, sim.now) else "absent"
                self._with_note(verb)(ident)

        self.app.push_screen(PickerScreen(_("Absent or back: which party?"), picks), chosen)

    def action_undo(self) -> None:
        """Take back the last live inject (only while nothing else has happened since)."""
        inject = self.drill.undo()
        self._restart_log()
        self.refresh_panels()
        self.notify(_("undone: {inject}").format(inject=inject.describe()), timeout=4, markup=False)

    def action_filter(self) -> None:
        board = self.query_one(TasksBoard)
        current = board.filter.text if board.filter else ""
        title = _("Filter the tasks by status and/or party (now: {current})").format(current=current or _("all"))
        hint = _("e.g. failed, hofu, or failed hofu; Enter filters, empty or Esc shows all")
        self.app.push_screen(NoteScreen(title, optional=True, hint=hint),
                             lambda text: board.set_filter(TaskFilter.parse(text or ""), self.drill.sim))

    def action_no_undo(self) -> None:
        why = _("Wait until the engine has finished.") if self.busy else self.drill.why_no_undo()
        self.notify(why or "", severity="warning", markup=False)

    def action_observe(self) -> None:
        title = _("Observation at {clock}").format(clock=format_clock(self.drill.now))
        self.app.push_screen(NoteScreen(title), self._observed)

    def _observed(self, text: str | None) -> None:
        if not text:
            return
        try:
            at, _text = self.drill.observe(text)
        except DrillError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(_("observation noted at {clock}").format(clock=format_clock(at)), timeout=3)

    # -- the rest -----------------------------------------------------------------------
    def _ask(self, question: str, key: str, then: Callable[[], None]) -> None:
        """Ask before an irreversible step while the drill can still change; at the end just do it."""
        if self.drill.finished:
            then()
            return
        self.app.push_screen(ConfirmScreen(question, key), lambda yes: then() if yes else None)

    def action_export(self) -> None:
        from drill.tui.export import export_report

        if self.busy:
            return
        try:
            written = export_report(self.drill, self.export_dir)
        except DrillError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.exported = tuple(str(p) for p in written)
        journal = self.journal_path or _("no journal")
        self.notify(_("wrote {files}; journal {journal}").format(files=", ".join(self.exported), journal=journal),
                    title=_("after-action report"), timeout=10, markup=False)

    def action_screenshot(self) -> None:
        folder = Path(self.journal_path).parent if self.journal_path else Path(self.export_dir)
        stem = Path(self.journal_path).stem if self.journal_path else self.drill.scenario.id
        name = f"{stem}-{format_clock(self.drill.now)[2:].replace(':', 'h')}.svg"
        try:
            path = self.app.save_screenshot(filename=name, path=str(folder))
        except OSError as error:
            self.notify(_("cannot save the screenshot: {error}").format(error=error), severity="error", markup=False)
            return
        self.notify(_("screenshot {path}").format(path=path), timeout=6, markup=False)

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_room_view(self) -> None:
        from drill.tui.screens.room_view import RoomView

        self.app.push_screen(RoomView(self))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.journal_path))

    def action_quit(self) -> None:
        self._ask(_("Quit the control room? The journal keeps the drill; resume it with --resume."), "q",
                  lambda: self.app.exit(0))
