"""The control room: the organiser's main screen during a live drill.

The screen owns the :class:`~drill.engine.journal.LiveDrill`; every key turns
into one call on it, then the panels are handed the simulation to show
("attributes down").  Panels report what the organiser selected with messages
("messages up").  Running to the end happens in a thread worker so a long
drill never freezes the screen.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

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
from drill.model.errors import DrillError
from drill.tui.describe import dependants_summary, failed_by_inject, item_state, party_state
from drill.tui.screens.help import HelpScreen
from drill.tui.screens.picker import Pick, PickerScreen
from drill.tui.widgets import (
    ClockBar,
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


class ControlRoom(Screen[None]):
    """Clock, tasks board, event log, infrastructure, upcoming injects and the why-panel."""

    BINDINGS = [
        Binding("n", "next", "Next"),
        Binding("space", "next", "Next", show=False, priority=True),
        Binding("e", "to_end", "To end"),
        Binding("p", "play", "Play/pause"),
        Binding("plus", "faster", "Faster"),
        Binding("minus", "slower", "Slower"),
        Binding("f", "fail", "Fail"),
        Binding("r", "restore", "Restore"),
        Binding("a", "absent", "Absent/back"),
        Binding("x", "export", "Export"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
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
        self.exported: tuple[str, str] | None = None
        """The files the last export wrote."""
        self.play_tick = play_tick
        """Seconds between clock moves while playing; None: only ``play_for`` moves it (tests)."""
        self._timer: Timer | None = None
        self._last_tick = 0.0

    def compose(self) -> ComposeResult:
        yield ClockBar(id="clock-bar")
        with Horizontal(id="room"):
            with Vertical(id="left"):
                yield TasksBoard(id="tasks")
                yield EventLog(id="log")
            with Vertical(id="right"):
                yield InfrastructurePanel(id="infra")
                yield Static("upcoming injects", classes="panel-title")
                yield UpcomingInjects(id="upcoming")
                yield Static("objectives", classes="panel-title")
                yield ObjectivesPanel(id="objectives")
                yield Static("why", classes="panel-title")
                yield WhyPanel(id="why")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#tasks").border_title = "tasks"
        self.query_one("#log").border_title = "event log"
        self.query_one("#infra").border_title = "infrastructure"
        if self.play_tick is not None:
            self._timer = self.set_interval(self.play_tick, self._play_tick, pause=True)
        self.refresh_panels()
        self.query_one(TasksBoard).focus()

    # -- showing ----------------------------------------------------------------
    def refresh_panels(self) -> None:
        """Hand the simulation to every panel."""
        sim = self.drill.sim
        self.query_one(ClockBar).show(sim, playing=self.playing, speed=self.speed, busy=self.busy)
        self.query_one(TasksBoard).show(sim)
        self.query_one(EventLog).show(sim)
        self.query_one(InfrastructurePanel).show(sim)
        self.query_one(UpcomingInjects).show(sim)
        self.query_one(ObjectivesPanel).show(sim)
        self.query_one(WhyPanel).show(sim)

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
        self.playing = False
        self.busy = True
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
    def _live(self, verb: str, ident: str | None) -> None:
        if ident is None or self.busy:
            return
        try:
            getattr(self.drill, verb)(ident)
        except DrillError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.refresh_panels()
        self.notify(f"{verb} {ident} at T+{self._clock()}", timeout=3, markup=False)

    def _clock(self) -> str:
        from drill.model.durations import format_clock

        return format_clock(self.drill.now)[2:]

    def _ended(self) -> bool:
        if self.drill.finished:
            self.notify("The drill has ended; nothing can change any more.", severity="warning", markup=False)
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
            state, _ = item_state(sim, ident)
            picks.append(Pick(ident, thing.label, f"{state} · depends on it: {dependants_summary(sim, ident)}"))
        self.app.push_screen(PickerScreen("Fail now: which component or channel?", picks),
                             lambda ident: self._live("fail", ident))

    def action_restore(self) -> None:
        if self.busy or self._ended():
            return
        sim = self.drill.sim
        picks = [Pick(i, (sim.plan.components.get(i) or sim.plan.channels[i]).label, item_state(sim, i)[0])
                 for i in list(sim.plan.components) + list(sim.plan.channels) if failed_by_inject(sim, i)]
        self.app.push_screen(PickerScreen("Restore now: which one?", picks, empty="nothing has been failed"),
                             lambda ident: self._live("restore", ident))

    def action_absent(self) -> None:
        if self.busy or self._ended():
            return
        sim = self.drill.sim
        picks = []
        for ident, party in sim.plan.parties.items():
            away = sim.timeline.is_absent(ident, sim.now)
            picks.append(Pick(ident, party.label, ("absent → mark back" if away else "present → mark absent")
                              + f" · {party_state(sim, ident)[0]}"))

        def chosen(ident: str | None) -> None:
            if ident is not None:
                self._live("back" if sim.timeline.is_absent(ident, sim.now) else "absent", ident)

        self.app.push_screen(PickerScreen("Absent or back: which party?", picks), chosen)

    # -- the rest -----------------------------------------------------------------------
    def action_export(self) -> None:
        from drill.tui.export import export_report

        if self.busy:
            return
        try:
            markdown, data = export_report(self.drill, self.export_dir)
        except DrillError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.exported = (str(markdown), str(data))
        self.notify(f"wrote {markdown} and {data}", title="after-action report", timeout=8, markup=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit(0)
