"""``drill validate`` and ``drill run``: load, check and simulate."""

from __future__ import annotations

import shutil
import sys

import click

from drill.cli import EXIT_INVALID, cli, emit, format_option, guarded
from drill.i18n import _, ngettext
from drill.loading.adhoc import UsageError, adhoc_scenario, parse_fail_option, parse_horizon_option
from drill.model.errors import PlanError
from drill.model.scenario import Scenario
from drill.reports.registry import RenderOptions, get, names


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@guarded
def validate(files: tuple[str, ...]) -> None:
    """Load and check plans or scenarios; print "ok" or every problem.

    Exit 0 when every file is valid, 2 otherwise.
    """
    from drill.loading import load_document
    from drill.model.plan import Plan

    bad = 0
    for path in files:
        try:
            doc = load_document(path)
        except PlanError as error:
            bad += 1
            for problem in error.problems:
                click.echo(str(problem), err=True)
            continue
        if isinstance(doc, Plan):
            click.echo(_("{path}: ok (plan {id})").format(path=path, id=doc.id))
        else:
            _warn(doc)
            click.echo(_("{path}: ok (scenario {id})").format(path=path, id=doc.id))
    if bad:
        click.echo(ngettext("drill: {bad} of {total} file invalid", "drill: {bad} of {total} files invalid",
                            len(files)).format(bad=bad, total=len(files)), err=True)
        sys.exit(EXIT_INVALID)


def _warn(scenario: Scenario) -> None:
    """Print the scenario's warnings (valid, but surely not meant) on stderr; the exit code stays."""
    for problem in scenario.warnings():
        click.echo(str(problem), err=True)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True), metavar="[FILE]...")
@click.option("--incident", metavar="TYPE@ORIGIN", help="With a plan: the incident type and the party where it starts.")
@click.option("--start", metavar="ISO", help="With a plan: local start time, YYYY-MM-DDTHH:MM (default 2025-01-15T10:00, a Wednesday).")
@click.option("--fail", "fails", multiple=True, metavar="ID[@TIME]",
              help="Fail a component or channel at TIME (default 0m); repeatable; also on top of a scenario.")
@click.option("--horizon", metavar="DURATION", help="Stop the simulation at this time (e.g. 24h).")
@format_option("run", "text")
@click.option("--out", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when stdout is a terminal).")
@click.option("--show-contacts", is_flag=True,
              help="Include contact addresses (personal data) in markdown, html and junit reports.")
@guarded
def run(files: tuple[str, ...], incident: str | None, start: str | None, fails: tuple[str, ...],
        horizon: str | None, fmt: str, out: str | None, color: bool | None, show_contacts: bool) -> None:
    """Simulate a drill and report every notification.

    FILE is a scenario, or a plan together with --incident.  Without FILE the
    bundled default drill runs.  With --format junit several scenarios may be
    given: one test suite each.  --format markdown|html writes an after-action
    report.  Exit 0 when every notification is delivered in time and every
    objective is met, 1 when the drill falls short, 2 when the input is invalid.
    """
    if len(files) > 1:
        _run_many(files, fails, horizon, fmt, out, incident, start, show_contacts)
        return
    file = files[0] if files else None
    from dataclasses import replace

    from drill.engine import simulate
    from drill.loading import default_scenario_path, load_document
    from drill.model.plan import Plan

    path = file or str(default_scenario_path())
    doc = load_document(path)
    horizon_minutes = parse_horizon_option(horizon)
    if isinstance(doc, Plan):
        if not incident:
            raise UsageError(_("{path} is a plan: add --incident TYPE@ORIGIN (types: {types})").format(
                path=path, types=", ".join(doc.procedures)))
        scenario = adhoc_scenario(doc, incident, start, horizon_minutes)
    else:
        if incident or start:
            raise UsageError(_("--incident and --start go with a plan; a scenario sets its own"))
        scenario = doc
        if horizon_minutes is not None:
            scenario = replace(scenario, horizon=horizon_minutes)
    _warn(scenario)
    extra = [parse_fail_option(scenario.plan, value) for value in fails]
    result = simulate(scenario, extra)
    use_color = color if color is not None else (out is None and sys.stdout.isatty())
    width = shutil.get_terminal_size((120, 40)).columns if out is None and sys.stdout.isatty() else 120
    options = RenderOptions(color=bool(use_color), width=max(width, 100), show_contacts=show_contacts)
    emit(get("run", fmt).render(result, options), out, [path, scenario.plan_path])
    sys.exit(result.exit_code)




def _run_many(files: tuple[str, ...], fails: tuple[str, ...], horizon: str | None, fmt: str,
              out: str | None, incident: str | None, start: str | None, show_contacts: bool) -> None:
    """Several scenarios in one JUnit file: one test suite per scenario."""
    from dataclasses import replace

    from drill.engine import simulate
    from drill.loading import load_document
    from drill.model.plan import Plan
    several = [name for name in names("run") if get("run", name).several]
    if not get("run", fmt).several:
        raise UsageError(_("several files need --format {formats} (got --format {format}); "
                           "run them one at a time").format(formats=" or ".join(several), format=fmt))
    if incident or start:
        raise UsageError(_("--incident and --start go with a single plan"))
    horizon_minutes = parse_horizon_option(horizon)
    results = []
    inputs: list[str] = []
    for path in files:
        doc = load_document(path)
        if isinstance(doc, Plan):
            raise UsageError(_("{path} is a plan; with several files every one must be a scenario").format(path=path))
        scenario = doc if horizon_minutes is None else replace(doc, horizon=horizon_minutes)
        _warn(scenario)
        extra = [parse_fail_option(scenario.plan, value) for value in fails]
        results.append(simulate(scenario, extra))
        inputs += [path, scenario.plan_path]
    emit(get("run", fmt).render(results, RenderOptions(show_contacts=show_contacts)), out, inputs)
    sys.exit(max(r.exit_code for r in results))
