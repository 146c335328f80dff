"""The organiser's app and its one factory, :func:`make_app`, used by the CLI and the tests."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from drill.engine.journal import DrillSource, LiveDrill
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario
from drill.tui.crash import NoLocalsOnCrash
from drill.tui.keys import open_command_palette, translate_bindings, translated_commands
from drill.tui.screens import ControlRoom, PlanSetupScreen
from drill.tui.screens.control_room import PLAY_TICK
from drill.tui.screens.palette import drill_commands


class DrillApp(NoLocalsOnCrash, App[int]):
    """Opens the control room on a drill, or first asks how to run a plan."""

    CSS_PATH = "drill.tcss"
    TITLE = "drill"

    def __init__(self, *, drill: LiveDrill | None = None, plan: Plan | None = None,
                 extra_injects: tuple[Inject, ...] = (), journal_path: str | os.PathLike[str] | None = None,
                 export_dir: str = ".", speed: int = 60, play_tick: float | None = PLAY_TICK,
                 horizon: float | None = None) -> None:
        super().__init__()
        self.horizon = horizon
        self.drill = drill
        """The drill in the control room (None until a plan's incident is chosen)."""
        self.plan = plan
        self.extra_injects = extra_injects
        self.journal_path = journal_path
        self.export_dir = export_dir
        self.speed = speed
        self.play_tick = play_tick

    def on_mount(self) -> None:
        translate_bindings(self)
        if self.drill is not None:
            self.push_screen(self._room(self.drill))
        elif self.plan is not None:
            self.push_screen(PlanSetupScreen(self.plan, self.horizon), self._plan_chosen)

    def _room(self, drill: LiveDrill) -> ControlRoom:
        self.title = drill.scenario.title
        return ControlRoom(drill, export_dir=self.export_dir, speed=self.speed, play_tick=self.play_tick)

    def _plan_chosen(self, scenario: Scenario | None) -> None:
        if scenario is None:
            self.exit(0)
            return
        source = DrillSource(path=os.path.abspath(scenario.plan_path), incident=scenario.id,
                             start=scenario.start.isoformat(timespec="minutes"), horizon=scenario.horizon,
                             extra=self.extra_injects)
        self.drill = LiveDrill.start(scenario, source, self.journal_path)
        self.push_screen(self._room(self.drill))

    def on_unmount(self) -> None:
        if self.drill is not None:
            self.drill.close()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (but its screenshot, which needs ~/Downloads) and the drill's own."""
        yield from translated_commands(super().get_system_commands(screen))
        room = next((s for s in self.screen_stack if isinstance(s, ControlRoom)), None)
        if room is not None:
            yield from drill_commands(room)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the current language."""
        open_command_palette(self)  # type: ignore[arg-type]

    @property
    def room(self) -> ControlRoom:
        """The control room screen (tests)."""
        screen = self.screen
        assert isinstance(screen, ControlRoom), screen
        return screen


def make_app(scenario: Scenario | None = None, *, plan: Plan | None = None, resume: str | Path | None = None,
             extra_injects: tuple[Inject, ...] = (), journal_path: str | os.PathLike[str] | None = None,
             horizon: float | None = None, export_dir: str = ".", speed: int = 60,
             play_tick: float | None = PLAY_TICK) -> DrillApp:
    """The organiser's app on a scenario, a plan (the incident is chosen on screen) or a journal.

    ``journal_path`` is where a new drill's journal goes (None: no journal);
    with ``resume`` the drill is rebuilt from that journal and goes on in it.
    ``play_tick`` is how often play mode moves the clock (None: never by
    itself, for tests that move it with ``ControlRoom.play_for``).
    """
    drill: LiveDrill | None = None
    if resume is not None:
        drill = LiveDrill.resume(resume)
    elif scenario is not None:
        source = DrillSource.for_scenario(scenario, extra_injects, horizon)
        drill = LiveDrill.start(scenario, source, journal_path)
    elif plan is None:
        raise ValueError("make_app needs a scenario, a plan or a journal to resume")
    return DrillApp(drill=drill, plan=plan, extra_injects=extra_injects, journal_path=journal_path,
                    export_dir=export_dir, speed=speed, play_tick=play_tick, horizon=horizon)
