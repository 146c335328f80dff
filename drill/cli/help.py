"""``--help`` in the language of the run (FORMAT.md 7.3).

Click keeps a command's help (its docstring) and each option's ``help=`` as
they were written, in English, when the module was imported; that is before
``--lang`` is read.  :class:`LocalizedCommand` and :class:`LocalizedGroup`
translate them through :func:`drill.i18n._` when the help is *rendered*.  The
message ids are the English texts exactly as click stores them;
``scripts/i18n.py`` collects them by walking the command tree
(:func:`help_texts`), so the docstrings need no marks.

Click's own words (``Usage:``, ``Options``, its error messages) come from
click's ``gettext`` calls; :func:`install_click_words` routes them through
drill's catalogs too, so a Japanese ``--help`` has no English headings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import click

from drill.i18n import N_, _, ngettext

#: Click's own words that a help screen or a usage error shows, for extraction.
CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("default: {default}"), N_("required"),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Missing argument {param_hint}."), N_("Missing option {param_hint}."),
    N_("Missing argument"), N_("Missing option"), N_("Invalid value for {param_hint}: {message}"),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("No such option: {name}"), N_("Aborted!"),
)


def click_plural_words(count: int) -> list[str]:
    """Click's messages with a count, as click asks for them (extracted from here)."""
    return [
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})",
                 count),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", count),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", count),
        ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.",
                 count),
    ]


def install_click_words() -> None:
    """Make click's own messages go through drill's catalogs (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.types):
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


@contextlib.contextmanager
def _translated(command: click.Command, ctx: click.Context | None = None) -> Iterator[None]:
    """Within the block the command's and its options' help are in the current language."""
    params = command.get_params(ctx) if ctx is not None else command.params
    saved: list[tuple[Any, str, str | None]] = [(command, "help", command.help),
                                                (command, "short_help", command.short_help)]
    saved += [(param, "help", getattr(param, "help", None)) for param in params]
    try:
        for owner, attribute, text in saved:
            if text:
                setattr(owner, attribute, _(text))
        yield
    finally:
        for owner, attribute, text in saved:
            setattr(owner, attribute, text)


class _Localized(click.Command):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)


class LocalizedCommand(_Localized):
    """A command whose help is translated when shown."""


class LocalizedGroup(_Localized, click.Group):
    """A group whose help, and whose commands' help, is translated when shown."""

    command_class = LocalizedCommand
    group_class = type  # subgroups are LocalizedGroups too


def help_texts(command: click.Command, prefix: str = "drill") -> Iterator[tuple[str, str]]:
    """(where, text) for every help text of ``command`` and its subcommands."""
    ctx = click.Context(command, info_name=prefix)
    where = getattr(getattr(command, "callback", None), "__module__", "drill.cli") or "drill.cli"
    source = where.replace(".", "/") + ".py"
    for text in (command.help, command.short_help):
        if text:
            yield source, text
    for param in command.get_params(ctx):
        text = getattr(param, "help", None)
        if text:
            yield source, text
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from help_texts(command.commands[name], f"{prefix} {name}")
