"""Plan mode: choose the incident type, origin and start time, then run it as a drill."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select

from drill.i18n import N_, _
from drill.loading.adhoc import DEFAULT_START, adhoc_scenario
from drill.model.errors import DrillError
from drill.model.plan import Plan, display_label
from drill.model.scenario import Scenario
from drill.tui.keys import translate_bindings


class PlanSetupScreen(Screen[Scenario | None]):
    """Returns the scenario to run, or None when the organiser quits."""

    BINDINGS = [Binding("escape", "cancel", N_("Quit")), Binding("ctrl+s", "start", N_("Start drill"))]

    def __init__(self, plan: Plan, horizon: float | None = None) -> None:
        super().__init__()
        self.plan = plan
        """The plan to drill."""
        self.horizon = horizon
        """Where the drill stops (None: when nothing more can happen)."""

    def compose(self) -> ComposeResult:
        plan = self.plan
        first = next(iter(plan.procedures))
        with Vertical(id="plan-setup"):
            yield Label(Text(f"{plan.title}  ({plan.id})"), id="setup-title")
            yield Label(_("Incident type"))
            yield Select([(self._procedure_label(p), p) for p in plan.procedures], value=first,
                         allow_blank=False, id="setup-incident")
            yield Label(_("Where it starts (origin)"))
            origins = self._origins(first)
            yield Select(self._origin_options(origins), value=origins[0], allow_blank=False, id="setup-origin")
            yield Label(_("Local start time ({timezone}), YYYY-MM-DDTHH:MM").format(timezone=plan.timezone))
            yield Input(DEFAULT_START.isoformat(timespec="minutes"), id="setup-start")
            yield Label("", id="setup-error")
            with Horizontal(id="setup-buttons"):
                yield Button(_("Start drill"), variant="primary", id="setup-go")
                yield Button(_("Quit"), id="setup-quit")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self)

    def _procedure_label(self, ident: str) -> Text:
        label = display_label(self.plan.procedures[ident])
        return Text(f"{ident} {label}" if label != ident else ident)

    def _origin_options(self, origins: list[str]) -> list[tuple[Text, str]]:
        parties = self.plan.parties
        return [(Text(f"{o}  {display_label(parties[o])}" if display_label(parties[o]) != o else o), o)
                for o in origins]

    def _origins(self, procedure: str) -> list[str]:
        proc = self.plan.procedures[procedure]
        if proc.origins is None:
            return list(self.plan.parties)
        return self.plan.expand(proc.origins)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "setup-incident" and isinstance(event.value, str):
            origins = self._origins(event.value)
            origin = self.query_one("#setup-origin", Select)
            origin.set_options(self._origin_options(origins))
            origin.value = origins[0]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-go":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        incident = self.query_one("#setup-incident", Select).value
        origin = self.query_one("#setup-origin", Select).value
        start = self.query_one("#setup-start", Input).value.strip()
        try:
            scenario = adhoc_scenario(self.plan, f"{incident}@{origin}", start or None, self.horizon)
        except DrillError as error:
            self.query_one("#setup-error", Label).update(Text(str(error)))
            return
        self.dismiss(scenario)

    def action_cancel(self) -> None:
        self.dismiss(None)
