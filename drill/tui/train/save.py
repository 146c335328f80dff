"""The debrief's save dialog: the trainee's name and the file the result goes to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from drill.i18n import N_, _
from drill.tui.keys import translate_bindings


class SaveDialog(ModalScreen[tuple[str, str] | None]):
    """Asks for the name and the path; dismisses with ``(name, path)``, or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, trainee: str, path: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.trainee = trainee
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="save-dialog"):
            yield Label(_("Save the result"), id="save-title")
            yield Label(_("Trainee's name"))
            yield Input(self.trainee, id="save-name")
            yield Label(_("File"))
            yield Input(self.path, id="save-path")
            yield Label(_("Enter saves · Esc cancels"), id="save-help")

    def on_mount(self) -> None:
        self.query_one("#save-name" if not self.trainee else "#save-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#save-name", Input).value.strip()
        path = self.query_one("#save-path", Input).value.strip()
        if not name:
            self.query_one("#save-name", Input).focus()
            self.notify(_("Give the trainee's name."), severity="warning")
            return
        if path:
            self.dismiss((name, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
