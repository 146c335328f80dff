"""``drill report``, ``graph``, ``msel``, ``schema`` and ``coverage``: documents from drills and plans.

Thin front ends over :mod:`drill.reports`: parse, load, render, write.
Contact addresses (personal data) appear only with ``--show-contacts``.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from drill.cli import cli, emit, format_option, guarded
from drill.model.errors import DrillError

CONTACTS_HELP = "Include contact addresses (personal data); they are left out by default."


@cli.command()
@click.argument("run_file", metavar="RUN.json|JOURNAL", type=click.Path(dir_okay=False))
@format_option("report", "markdown",
               "Markdown (Mermaid pictures, renders on GitHub/GitLab) or one self-contained HTML file.")
@click.option("--out", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--plan", "plan_path", metavar="PLAN",
              help="The plan file, when the one recorded in RUN.json has moved.")
@click.option("--layout", type=click.Choice(["auto", "dot", "builtin"]), default="auto", show_default=True,
              help="HTML graph layout: Graphviz dot when installed (auto), or the built-in layout.")
@click.option("--show-contacts", is_flag=True, help=CONTACTS_HELP)
@guarded
def report(run_file: str, fmt: str, out: str | None, plan_path: str | None, layout: str,
           show_contacts: bool) -> None:
    """Write an after-action report (AAR/IP) from a run or a journal.

    RUN.json is the output of ``drill run SCENARIO --format json``; a journal
    is the JSON-lines file the organiser's TUI keeps.  Sections: overview,
    objectives, timeline, findings with root causes, improvement plan and the
    attempt log.  Exit 0 when the drill met everything, 1 when it fell short,
    2 when the input is invalid.

    \b
    Example:
      drill run scenarios/shared-cable-cut.yaml --format json --out run.json
      drill report run.json --format html --out aar.html
    """
    from drill.reports.record import load_run
    from drill.reports.registry import RenderOptions, get

    loaded = load_run(run_file, plan_path)
    for note in loaded.notes:
        click.echo(f"drill: {note}", err=True)
    options = RenderOptions(show_contacts=show_contacts, layout=layout)
    emit(get("report", fmt).render(loaded, options), out, loaded.inputs)
    sys.exit(loaded.record.exit_code)


@cli.command()
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--procedure", metavar="P", help="Only the parties, channels and components of procedure P.")
@format_option("graph", "mermaid", "Graphviz DOT, Mermaid, SVG (built-in layout without Graphviz) or PNG "
                                   "(needs Graphviz).")
@click.option("--layout", type=click.Choice(["auto", "dot", "builtin"]), default="auto", show_default=True,
              help="SVG layout: Graphviz dot when installed (auto), or the built-in layout.")
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option("--show-contacts", is_flag=True, help=CONTACTS_HELP)
@guarded
def graph(plan_file: str, procedure: str | None, fmt: str, layout: str, out: str | None,
          show_contacts: bool) -> None:
    """Draw a plan: parties, channels and the components they depend on.

    Components that more than one channel rests on are highlighted: two
    networks that are separate on paper but share a cable fail together.

    \b
    Example:
      drill graph contact_plans/yamaguchi.yaml --procedure network-outage --format svg --out plan.svg
    """
    from drill.loading import load_document
    from drill.model.plan import Plan
    from drill.reports.graph import plan_graph
    from drill.reports.registry import RenderOptions, get

    doc = load_document(plan_file)
    plan = doc if isinstance(doc, Plan) else doc.plan
    picture = plan_graph(plan, procedure, show_contacts=show_contacts)
    emit(get("graph", fmt).render(picture, RenderOptions(layout=layout, show_contacts=show_contacts)), out,
         [plan_file, plan.path])


def _scenario(path: str) -> Any:
    """Load a scenario; a plan given by mistake gets a clear message."""
    from drill.loading import load_document
    from drill.model.plan import Plan

    doc = load_document(path)
    if isinstance(doc, Plan):
        raise DrillError(f"{path} is a plan, not a scenario (drill run {path} --incident TYPE@ORIGIN "
                         "simulates a plan ad hoc)")
    return doc


@cli.command()
@click.argument("scenario_file", metavar="SCENARIO", type=click.Path(dir_okay=False))
@format_option("msel", "csv", "CSV for spreadsheets, or a Markdown table.")
@click.option("--bom", is_flag=True, help="CSV for Excel: a UTF-8 byte-order mark and CRLF line ends.")
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option("--show-contacts", is_flag=True, help=CONTACTS_HELP)
@guarded
def msel(scenario_file: str, fmt: str, bom: bool, out: str | None, show_contacts: bool) -> None:
    """Print the master scenario events list (MSEL) of a scenario.

    One chronological row per inject, narration, expected notification and
    objective check: time, local time, event, target, expected action and
    objective.

    \b
    Example:
      drill msel scenarios/shared-cable-cut.yaml --bom --out msel.csv
    """
    from drill.engine import simulate
    from drill.reports.registry import RenderOptions, get

    scenario = _scenario(scenario_file)
    result = simulate(scenario)
    options = RenderOptions(show_contacts=show_contacts, bom=bom)
    emit(get("msel", fmt).render(result, options), out, [scenario_file, scenario.plan_path])


@cli.command()
@click.argument("kind", type=click.Choice(["plan", "scenario"]))
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@guarded
def schema(kind: str, out: str | None) -> None:
    """Print the JSON Schema of plan or scenario files, for editors.

    Save it and put ``# yaml-language-server: $schema=plan.schema.json`` on the
    first line of a plan for completion and checking while you type.

    \b
    Example:
      drill schema plan --out plan.schema.json
    """
    from drill.reports.schema import render_schema

    emit(render_schema(kind), out, [])


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="SCENARIO...", type=click.Path(dir_okay=False))
@format_option("coverage", "text")
@click.option("--out", metavar="FILE", help="Write to FILE instead of stdout.")
@guarded
def coverage(files: tuple[str, ...], fmt: str, out: str | None) -> None:
    """Which steps, channels and components a set of scenarios exercises.

    Runs every scenario and lists, per plan, what was attempted and what
    failed, and what no scenario ever touches.

    \b
    Example:
      drill coverage scenarios/*.yaml
    """
    from drill.engine import simulate
    from drill.loading import load_scenario
    from drill.reports.coverage import coverage as measure
    from drill.reports.registry import RenderOptions, get

    results = []
    inputs: list[str] = []
    for path in files:
        scenario = load_scenario(path)
        results.append(simulate(scenario))
        inputs += [path, scenario.plan_path]
    emit(get("coverage", fmt).render(measure(results), RenderOptions()), out, inputs)
