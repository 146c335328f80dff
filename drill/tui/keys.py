"""Textual's words in the language chosen at run time: key bindings, its own palette commands, the palette's prompt.

``BINDINGS`` and Textual's commands are built before the language is known,
so they are translated when a screen or an app is shown, not when it is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.dom import DOMNode

from drill.i18n import N_, _

TEXTUAL_WORDS = (
    N_("palette"), N_("Open the command palette"), N_("Theme"), N_("Change the current theme"), N_("Quit"),
    N_("Quit the application as soon as possible"), N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"), N_("Minimize"),
    N_("Minimize the widget and restore to normal size"), N_("Maximize"), N_("Maximize the focused widget"),
)
"""Textual's own words in the footer and the command palette (marked here for the catalogs)."""


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (written with ``N_``) by its translation."""
    bindings = node._bindings
    for key, found in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [replace(b, description=_(b.description)) if b.description else b
                                         for b in found]


def translated_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands in the current language, but its screenshot (it needs ``~/Downloads``)."""
    for command in commands:
        if command.title != "Screenshot":
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)


def open_command_palette(app: App[object]) -> None:
    """Textual's palette with its prompt in the current language (an app's ``action_command_palette``)."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(placeholder=_("Search for commands…"), id="--command-palette"))
