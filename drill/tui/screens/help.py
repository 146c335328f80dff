"""The help screen: every key of the control room and what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("n / space", "advance to the next event"),
    ("e", "run the drill to its end"),
    ("p", "play / pause in accelerated real time"),
    ("+ / -", "faster / slower (1×, 10×, 60×, 600×)"),
    ("f", "fail a component or channel now"),
    ("r", "restore a component or channel that was failed"),
    ("a", "mark a party absent, or back"),
    ("x", "export the after-action report (Markdown and JSON)"),
    ("tab", "move between the tasks board and the infrastructure"),
    ("?", "this help"),
    ("q", "quit (the journal keeps the drill; resume with --resume)"),
)


class HelpScreen(ModalScreen[None]):
    """Any key closes it."""

    BINDINGS = [Binding("escape,q,question_mark,enter", "close", "Close")]

    def compose(self) -> ComposeResult:
        text = Text("Control room keys\n\n", style="bold")
        for key, what in KEYS:
            text.append(f"  {key:<10}", style="bold cyan")
            text.append(f"{what}\n")
        text.append("\nEvery live action is an inject in the drill's record, at the drill clock's time.\n"
                    "Select a task or a component to see why in the panel on the right.", style="dim")
        with Vertical(id="help"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
