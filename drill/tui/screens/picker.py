"""A searchable picker: type to filter, Tab to complete, Enter to choose, Escape to cancel.

Used to fail or restore a component or channel and to mark a party absent or
back; each choice shows a detail line (what depends on it, or its state).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from drill.i18n import N_, _
from drill.tui.keys import translate_bindings


@dataclass(frozen=True)
class Pick:
    """One choice of a picker."""

    ident: str
    label: str = ""
    detail: str = ""

    def matches(self, query: str) -> bool:
        query = query.strip().lower()
        return not query or query in self.ident.lower() or query in self.label.lower()

    def prompt(self) -> Text:
        text = Text(self.ident, style="bold")
        if self.label and self.label != self.ident:
            text.append(f"  {self.label}")
        if self.detail:
            text.append(f"\n    {self.detail}", style="dim")
        return text


class PickerScreen(ModalScreen[str | None]):
    """Returns the chosen id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, picks: list[Pick], *, empty: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        """What the organiser is choosing for."""
        self.picks = picks
        """Every choice, in plan order."""
        self.empty = empty if empty is not None else _("nothing to choose")
        self.shown: list[Pick] = list(picks)
        """The choices that match what was typed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.title_text, id="picker-title")
            yield Input(placeholder=_("type to search; Tab completes; Enter chooses; Esc cancels"),
                        suggester=SuggestFromList([p.ident for p in self.picks], case_sensitive=False),
                        id="picker-input")
            yield OptionList(*self._options(), id="picker-options")

    def _options(self) -> list[Option]:
        if not self.shown:
            return [Option(Text(self.empty, style="dim"), disabled=True)]
        return [Option(p.prompt(), id=p.ident) for p in self.shown]

    def on_mount(self) -> None:
        translate_bindings(self)
        options = self.query_one(OptionList)
        if self.shown:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.shown = [p for p in self.picks if p.matches(event.value)]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        if self.shown:
            options.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        exact = [p for p in self.picks if p.ident.lower() == value.lower()]
        if exact:
            self.dismiss(exact[0].ident)
            return
        options = self.query_one(OptionList)
        if self.shown and options.highlighted is not None:
            self.dismiss(self.shown[options.highlighted].ident)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        # up/down in the search box move through the choices
        if event.key in ("up", "down") and isinstance(self.focused, Input):
            options = self.query_one(OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    def action_cancel(self) -> None:
        self.dismiss(None)
