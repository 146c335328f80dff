"""Small dialogs of the control room: a yes/no question and a one-line note."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from drill.i18n import N_, _
from drill.tui.keys import translate_bindings

NOTE_TITLES = {"fail": N_("Fail {ident} now — a note for the record?"),
               "restore": N_("Restore {ident} now — a note for the record?"),
               "absent": N_("Mark {ident} absent now — a note for the record?"),
               "back": N_("Mark {ident} back now — a note for the record?")}
"""The question before a live inject, by its verb (``fail``, ``restore``, ``absent``, ``back``)."""


def note_title(verb: str, ident: str) -> str:
    """``Fail pref-cable now — a note for the record?`` in the current language."""
    return _(NOTE_TITLES[verb]).format(ident=ident)


class ConfirmScreen(ModalScreen[bool]):
    """Asks before something that cannot be undone: ``y`` or ``key`` again confirms, ``n`` or Esc cancels."""

    BINDINGS = [Binding("escape,n", "answer(False)", N_("No")), Binding("y", "answer(True)", N_("Yes"))]

    def __init__(self, question: str, key: str) -> None:
        super().__init__()
        self.question = question
        self.key = key
        """The key that asked; pressing it again confirms."""

    def on_mount(self) -> None:
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question, id="confirm-question")
            yield Label(_("y or {key} again: yes · n or Esc: no").format(key=self.key), id="confirm-keys")

    def on_key(self, event: events.Key) -> None:
        if event.key == self.key:
            event.stop()
            self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class NoteScreen(ModalScreen[str | None]):
    """One line of text: Enter saves it (it may be empty when ``optional``), Esc cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, *, optional: bool = False, hint: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.optional = optional
        self.hint = hint

    def on_mount(self) -> None:
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        hint = self.hint or (_("optional note; Enter goes on, Esc cancels") if self.optional
                             else _("type the observation; Enter saves, Esc cancels"))
        with Vertical(id="note"):
            yield Label(self.title_text, id="note-title")
            yield Input(placeholder=hint, id="note-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())  # one line, as the journal keeps observations
        if text or self.optional:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
