"""The help screen: every key of the control room, the Tab order, and where the journal is."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from drill.i18n import N_, _
from drill.tui.keys import translate_bindings

KEYS = (
    ("n / space", N_("advance to the next event")),
    ("e", N_("run the drill to its end (asks first)")),
    ("p", N_("play / pause in accelerated real time")),
    ("+ / -", N_("faster / slower (1×, 10×, 60×, 600×)")),
    ("f", N_("fail a component or channel now (with an optional note)")),
    ("r", N_("restore a component or channel that was failed")),
    ("a", N_("mark a party absent, or back")),
    ("u", N_("undo the last live inject, while nothing else has happened since")),
    ("/", N_("filter the tasks board by status and/or party (Esc or empty: all)")),
    ("o", N_("write down an observation, stamped with the drill time")),
    ("v", N_("room view for a projector: big clock, who is informed, what is down")),
    ("x", N_("export the after-action report (Markdown, HTML and JSON)")),
    ("s", N_("save an SVG screenshot beside the journal")),
    ("z", N_("maximise the focused panel, or back")),
    ("tab", N_("next panel: tasks board → event log → infrastructure")),
    ("ctrl+p", N_("command palette: fail or restore by name, jump to a task, export, room view")),
    ("?", N_("this help")),
    ("q", N_("quit (asks first; the journal keeps the drill)")),
)


class HelpScreen(ModalScreen[None]):
    """Any of Esc, q, ? or Enter closes it."""

    BINDINGS = [Binding("escape,q,question_mark,enter", "close", N_("Close"))]

    def __init__(self, journal: str | None = None) -> None:
        super().__init__()
        self.journal = journal
        """The journal being written (shown so it can be found after a crash)."""

    def on_mount(self) -> None:
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2, 0, 2))
        keys.add_column(style="bold cyan", no_wrap=True)
        keys.add_column(overflow="fold")  # a long description wraps under itself, never under the key
        for key, what in KEYS:
            keys.add_row(key, _(what))
        text = Text("\n" + _("Journal") + ": ", style="bold")
        if self.journal:
            text.append(self.journal + "\n")
            text.append(_("resume with: drill tui --resume {journal} (or --resume last)").format(
                journal=self.journal) + "\n", style="dim")
        else:
            text.append(_("none (--no-journal): this drill cannot be resumed") + "\n")
        text.append("\n" + _("Every live action is an inject in the drill's record, at the drill clock's time.")
                    + "\n" + _("Select a task or a component to see why in the panel on the right."), style="dim")
        with VerticalScroll(id="help"):
            yield Static(Group(Text(_("Control room keys") + "\n", style="bold"), keys, text))

    def action_close(self) -> None:
        self.dismiss(None)
