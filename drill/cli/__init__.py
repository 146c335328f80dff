"""The command line: parse, call the core, render, exit.

Exit codes (FORMAT.md section 4): 0 ok; 1 the plan or drill falls short;
2 the input is invalid.  Results go to stdout, diagnostics to stderr.  No
policy lives here; Textual is imported only by the commands that open a TUI.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from drill import __version__
from drill.cli.help import LocalizedGroup, install_click_words
from drill.i18n import _, ngettext
from drill.model.errors import DrillError, PlanError

EXIT_OK, EXIT_SHORT, EXIT_INVALID = 0, 1, 2


def _fail(error: DrillError) -> None:
    """Print a user error (every problem with its place) and exit 2."""
    if isinstance(error, PlanError):
        for problem in error.problems:
            click.echo(f"{problem}", err=True)
        count = len(error.problems)
        click.echo(ngettext("drill: {count} problem found; fix it and run again",
                            "drill: {count} problems found; fix them and run again",
                            count).format(count=count), err=True)
    else:
        click.echo(_("drill: error: {message}").format(message=error), err=True)
    sys.exit(EXIT_INVALID)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn drill's own errors (and unexpected OS errors) into exit code 2, never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DrillError as error:
            _fail(error)
        except RecursionError:
            _fail(DrillError(_("input is nested too deeply")))
        except KeyboardInterrupt:
            click.echo(_("drill: interrupted"), err=True)
            sys.exit(130)

    return wrapper


def emit(output: str | bytes | Iterable[str], out: str | None, inputs: list[str]) -> None:
    """Write one command's output: to ``--out`` atomically, else to stdout.

    ``output`` is text, bytes (a binary format: stdout must not be a terminal)
    or an iterator of text chunks (a streamed format, written as produced).
    """
    if out is not None:  # --out '' is an error (write_atomic says so), not stdout
        from drill.loading.writing import write_atomic

        write_atomic(out, output, inputs=inputs)
        click.echo(_("drill: wrote {path}").format(path=out), err=True)
    elif isinstance(output, bytes):
        if sys.stdout.isatty():
            raise DrillError(_("this format writes binary data: add --out FILE or redirect stdout"))
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
    elif isinstance(output, str):
        click.echo(output, nl=False)
    else:
        for chunk in output:
            click.echo(chunk, nl=False)


def format_option(command: str, default: str | None, help: str = "Output format.") -> Callable[[Any], Any]:
    """``--format`` of ``command``, its choices from the format registry."""
    from drill.reports.registry import names

    return click.option("--format", "fmt", type=click.Choice(names(command)), default=default,
                        show_default=default is not None, help=help)


class DrillGroup(LocalizedGroup):
    """The root group: the language is chosen before anything is parsed.

    ``--help`` is eager like ``--lang``, and click runs the one written first;
    choosing the language here makes ``drill --help --lang ja`` and
    ``DRILL_LANG=ja drill --help`` Japanese too.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _use_language(_lang_in(args))
        return super().parse_args(ctx, args)


def _lang_in(args: list[str]) -> str | None:
    """The value of a well-formed ``--lang ja|en`` among ``args`` (click checks the rest)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang="):] if arg.startswith("--lang=") else (
            args[index + 1] if arg == "--lang" and index + 1 < len(args) else None)
        if value in ("ja", "en"):
            return value
    return None


@click.group(cls=DrillGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="drill")
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, is_eager=True,
              expose_value=False, callback=lambda _ctx, _param, value: _use_language(value),
              help="Language of everything drill writes for people (default: DRILL_LANG, "
                   "else the locale, else English).")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """drill — emergency-response drills and incident-contact plans in the terminal.

    Model who must notify whom over which channel, inject failures on a clock,
    and see which notifications fail or come late, and why.

    \b
    Examples:
      drill run                                  the bundled default drill
      drill run scenarios/shared-cable-cut.yaml --format json
      drill run contact_plans/yamaguchi.yaml --incident virus-suspected@shunan --fail pref-trunk-cable@15m
      drill validate contact_plans/*.yaml scenarios/*.yaml
    """
    if ctx.invoked_subcommand is None:
        # ``drill`` alone opens the default drill in a terminal, else prints help
        opener = ctx.command.commands.get("tui") if isinstance(ctx.command, click.Group) else None
        if opener is not None and sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(opener)
        else:
            click.echo(ctx.get_help())


# Each command lives in its own module and registers itself on ``cli``.
# The list is fixed (no plugin discovery): a missing module is a bug.
_COMMAND_MODULES = ("run", "analyze", "tui", "train", "scores", "report", "scale", "contacts")


def _register_commands() -> None:
    import importlib
    import importlib.util

    for name in _COMMAND_MODULES:
        module = f"drill.cli.cmd_{name}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


def _use_language(option: str | None) -> None:
    """FORMAT.md 7.3: ``--lang``, else ``DRILL_LANG``, else the locale, else English."""
    from drill.i18n import LanguageError, select_language, set_language

    try:
        set_language(select_language(option))
    except LanguageError as error:
        raise click.UsageError(_("DRILL_LANG: {reason}").format(reason=error)) from None


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="drill", standalone_mode=True)
    except DrillError as error:  # pragma: no cover - guarded covers commands
        _fail(error)


install_click_words()
_register_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
