"""``drill tui`` (the organiser's control room) and ``drill replay`` (a journal's report).

Textual is imported inside ``tui`` only, so every other command runs without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from drill.cli import cli, emit, format_option, guarded
from drill.i18n import _


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--resume", "resume", metavar="JOURNAL", type=click.Path(dir_okay=False),
              help="Resume the drill recorded in JOURNAL ('last': the newest journal), exactly where it was, "
                   "and go on writing to it.")
@click.option("--journal", "journal", metavar="PATH", type=click.Path(dir_okay=False),
              help="Write the drill's journal to PATH (default: a new file in the user's data directory).")
@click.option("--no-journal", is_flag=True, help="Do not keep a journal (the drill cannot be resumed).")
@click.option("--fail", "fails", multiple=True, metavar="ID[@TIME]",
              help="Fail a component or channel at TIME (default 0m) on top of the scenario; repeatable.")
@click.option("--horizon", metavar="DURATION", help="Stop the drill at this time (e.g. 8h).")
@click.option("--export-dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Where the x key writes the after-action report.")
@click.option("--speed", type=click.Choice(["1", "10", "60", "600"]), default="60", show_default=True,
              help="Play speed: drill minutes per real minute.")
@guarded
def tui(file: str | None, resume: str | None, journal: str | None, no_journal: bool, fails: tuple[str, ...],
        horizon: str | None, export_dir: str, speed: str) -> None:
    """Run a live drill in the organiser's control room.

    FILE is a scenario, or a plan (then choose the incident type, origin and
    start on screen).  Without FILE the bundled default drill opens.  Keys: n
    or space next event, e to the end, p play/pause, + and - speed, f fail, r
    restore, a absent/back, x export, ? help, q quit.  Every drill is journaled
    as it goes; resume a crashed or closed one with --resume JOURNAL.
    """
    from dataclasses import replace
    from datetime import datetime, timezone
    from os import getpid

    from drill.engine.journal import default_journal_path
    from drill.loading import default_scenario_path, load_document
    from drill.loading.adhoc import UsageError, parse_fail_option, parse_horizon_option
    from drill.model.plan import Plan

    if resume and (file or fails or horizon or journal):
        raise UsageError(_("--resume takes the drill from its journal: give no FILE, --fail, --horizon or --journal"))
    if no_journal and journal:
        raise UsageError(_("--journal and --no-journal contradict each other"))
    import os

    if not os.path.isdir(export_dir) or not os.access(export_dir, os.W_OK):
        raise UsageError(_("--export-dir {path}: not a folder this user can write to").format(path=export_dir))
    if resume == "last" and not os.path.exists(resume):
        from drill.engine.journals import latest_journal

        resume = str(latest_journal())
    if resume:
        from drill.engine.journal import JournalError, journal_in_use

        if journal_in_use(resume):
            raise JournalError(_("{path}: the journal is in use by another control room (close that one first)").format(path=resume))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(_("drill tui needs a terminal; for a report without one use drill run or drill replay"))
    from drill.tui.app import make_app

    if resume:
        app = make_app(resume=resume, export_dir=export_dir, speed=int(speed))
        journal_path: str | None = resume
    else:
        path = file or str(default_scenario_path())
        doc = load_document(path)
        horizon_minutes = parse_horizon_option(horizon)
        plan = doc if isinstance(doc, Plan) else doc.plan
        extra = tuple(parse_fail_option(plan, value) for value in fails)
        scenario_id = doc.id
        journal_path = None
        if not no_journal:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{getpid()}"
            journal_path = journal or str(default_journal_path(scenario_id, stamp))
        if isinstance(doc, Plan):
            app = make_app(plan=doc, extra_injects=extra, journal_path=journal_path, export_dir=export_dir,
                           speed=int(speed), horizon=horizon_minutes)
        else:
            scenario = replace(doc, horizon=horizon_minutes) if horizon_minutes is not None else doc
            app = make_app(scenario, extra_injects=extra, journal_path=journal_path, horizon=horizon_minutes,
                           export_dir=export_dir, speed=int(speed))
    code = app.run()
    if journal_path and app.drill is not None:
        click.echo(_("drill: journal {path}; resume with: drill tui --resume {path}").format(path=journal_path),
                   err=True)
    sys.exit(code or 0)


@cli.command()
@click.argument("journal", type=click.Path(dir_okay=False))
@format_option("replay", "text", "Output format (the same as drill run).")
@click.option("--out", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when stdout is a terminal).")
@guarded
def replay(journal: str, fmt: str, out: str | None, color: bool | None) -> None:
    """Replay a drill journal and print the run's report.

    The organiser's live injects are applied again at their drill times and the
    replay is checked against the recorded events (exit 2 when it no longer
    matches, e.g. the scenario was edited).  A journal that stops before the
    drill ended is run on to the end without further live injects.  Exit 0
    when the drill met every objective, 1 when it fell short.
    """
    import shutil

    from drill.reports.record import load_journal

    loaded = load_journal(journal, rest="run")
    for note in loaded.notes:
        click.echo(f"drill: {note}", err=True)
    assert loaded.result is not None
    result = loaded.result
    use_color = color if color is not None else (out is None and sys.stdout.isatty())
    width = shutil.get_terminal_size((120, 40)).columns if out is None and sys.stdout.isatty() else 120
    if fmt in RECORD_FORMATS:  # live flags, inject order and observations come from the journal
        from drill.tui.record import drill_record

        assert loaded.live is not None  # the journal was replayed once, by load_journal
        record = drill_record(loaded.live, result)
        emit(RECORD_FORMATS[fmt](record, loaded.live.scenario.plan), out, loaded.inputs)
        sys.exit(result.exit_code)
    from drill.reports.registry import RenderOptions, get

    emit(get("replay", fmt).render(result, RenderOptions(color=bool(use_color), width=max(width, 100))),
         out, loaded.inputs)
    sys.exit(result.exit_code)


def _record_json(record: dict[str, Any], plan: Any) -> str:
    from drill.reports.run_json import dumps

    return dumps(record)


def _record_markdown(record: dict[str, Any], plan: Any) -> str:
    from drill.reports.aar_markdown import render_record_markdown

    return render_record_markdown(record, plan)


def _record_html(record: dict[str, Any], plan: Any) -> str:
    from drill.reports.aar_html import render_record_html

    return render_record_html(record, plan)


RECORD_FORMATS: dict[str, Callable[[dict[str, Any], Any], str]] = {
    "json": _record_json, "markdown": _record_markdown, "html": _record_html}
"""``drill replay`` formats written from the journal's run record rather than the bare result."""


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def journals(fmt: str) -> None:
    """List the drill journals on this machine, newest first: date, scenario, drill time, state.

    The state is "in use" (a control room is writing it), "ended" or
    "stopped" (resume it with drill tui --resume JOURNAL, or --resume last).
    """
    import json

    from drill.engine.journal import journal_dir
    from drill.engine.journals import list_journals
    from drill.i18n import _
    from drill.model.durations import format_clock

    entries = list_journals()
    if fmt == "json":
        click.echo(json.dumps([{"path": str(e.path), "modified": e.modified.isoformat(timespec="seconds"),
                                "scenario": e.scenario, "clock": e.clock, "state": e.state} for e in entries],
                              ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(_("no journals in {folder}").format(folder=journal_dir()))
        return
    from rich.cells import cell_len

    states = {"in use": _("in use"), "ended": _("ended"), "stopped": _("stopped")}
    rows = [(e.modified.strftime("%Y-%m-%d %H:%M"), e.scenario, format_clock(e.clock), states.get(e.state, e.state),
             str(e.path)) for e in entries]
    # Japanese scenario ids and state words take two cells a character: pad by cells, not characters
    widths = [max(cell_len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell + " " * (width - cell_len(cell)) for cell, width in zip(row[:4], widths, strict=True)]
        cells[2] = row[2].rjust(widths[2])
        click.echo("  ".join([*cells, row[4]]))
