"""``drill report``, ``graph``, ``msel``, ``schema`` and ``coverage``: documents from drills and plans.

Thin front ends over :mod:`drill.reports`: parse, load, render, write.
Contact addresses (personal data) appear only with ``--show-contacts``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from drill.cli import cli, emit, guarded
from drill.model.errors import DrillError

CONTACTS_HELP = "Include contact addresses (personal data); they are left out by default."


def _load_record(path: str, plan_path: str | None) -> tuple[dict[str, Any], Any, list[str]]:
    """A run record and its plan from ``drill run --format json`` output or a journal."""
    from drill.loading import load_plan
    from drill.loading.yamlnodes import MAX_JSON_BYTES, read_text

    # regular files only, size-capped: /dev/zero or a pipe must not run forever
    text = read_text(path, max_bytes=MAX_JSON_BYTES, kind="JSON")
    first = text.lstrip().split("\n", 1)[0]
    try:
        head = json.loads(first)
    except ValueError:  # bad JSON, or an integer of thousands of digits
        head = None
    inputs = [path]
    plan: Any
    if isinstance(head, dict) and head.get("journal") == "drill":
        from drill.engine.journal import replay_journal
        from drill.engine.outcome import result_of
        from drill.tui.record import drill_record

        live = replay_journal(path)
        if not live.sim.finished:
            click.echo(f"drill: {path} stops at {live.sim.now:g} min, before the drill ended; notifications "
                       "still under way are reported as not delivered", err=True)
        live.sim.finish()
        result = result_of(live.sim)
        plan = result.scenario.plan
        if plan_path:
            plan = load_plan(plan_path)
        return drill_record(live, result), plan, inputs + [result.scenario.path, result.scenario.plan_path]
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DrillError(f"{path}:{exc.lineno}:{exc.colno}: not the JSON of drill run --format json "
                         f"nor a drill journal: {exc.msg}") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise DrillError(f"{path}: not the JSON of drill run --format json: {exc}") from None
    if not isinstance(record, dict) or "tasks" not in record or "scenario" not in record:
        raise DrillError(f"{path}: not the JSON of drill run --format json (no scenario and tasks)")
    plan = None
    candidates = [plan_path] if plan_path else []
    recorded = (record.get("files") or {}).get("plan")
    if recorded and not plan_path:
        candidates += [recorded, os.path.join(os.path.dirname(path), recorded)]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate):
            plan = load_plan(candidate)
            inputs.append(candidate)
            break
    if plan_path and plan is None:
        raise DrillError(f"{plan_path}: no such plan file")
    if plan is not None and plan.id != record.get("plan"):
        raise DrillError(f"{getattr(plan, 'path', plan_path)}: plan {plan.id} is not the plan of this run "
                         f"({record.get('plan')})")
    if plan is None:
        click.echo(f"drill: plan of {path} not found; the report names causes but not what else they "
                   "silenced (give --plan PLAN)", err=True)
    return record, plan, inputs


@cli.command()
@click.argument("run_file", metavar="RUN.json|JOURNAL", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True,
              help="Markdown (Mermaid pictures, renders on GitHub/GitLab) or one self-contained HTML file.")
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
    from drill.reports.aar_html import render_record_html
    from drill.reports.aar_markdown import render_record_markdown

    record, plan, inputs = _load_record(run_file, plan_path)
    if fmt == "html":
        text = render_record_html(record, plan, show_contacts=show_contacts, layout=layout)
    else:
        text = render_record_markdown(record, plan, show_contacts=show_contacts)
    emit(text, out, inputs)
    ok = all(e.get("ok") for e in record.get("expectations") or []) and all(
        t.get("status") == "delivered" for t in record.get("tasks") or [])
    sys.exit(0 if ok else 1)


@cli.command()
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=False))
@click.option("--procedure", metavar="P", help="Only the parties, channels and components of procedure P.")
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid", "svg", "png"]), default="mermaid",
              show_default=True, help="Graphviz DOT, Mermaid, SVG (built-in layout without Graphviz) or PNG "
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
    from drill.reports.graph import plan_graph, run_dot, to_dot, to_mermaid, to_svg

    doc = load_document(plan_file)
    plan = doc if isinstance(doc, Plan) else doc.plan
    picture = plan_graph(plan, procedure, show_contacts=show_contacts)
    inputs = [plan_file, plan.path]
    if fmt == "png":
        data = run_dot(to_dot(picture), "png")
        if out:
            _write_bytes(out, data, inputs)
            click.echo(f"drill: wrote {out}", err=True)
        elif sys.stdout.isatty():
            raise DrillError("--format png writes binary data: add --out FILE or redirect stdout")
        else:
            sys.stdout.buffer.write(data)
        return
    text = {"dot": to_dot, "mermaid": to_mermaid}.get(fmt, lambda g: to_svg(g, layout=layout))(picture)
    emit(text, out, inputs)


def _write_bytes(path: str, data: bytes, inputs: list[str]) -> None:
    from drill.reports.writing import write_atomic

    write_atomic(path, data, inputs=inputs)


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
@click.option("--format", "fmt", type=click.Choice(["csv", "markdown"]), default="csv", show_default=True,
              help="CSV for spreadsheets, or a Markdown table.")
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
    from drill.reports.msel import render_msel_csv, render_msel_markdown

    scenario = _scenario(scenario_file)
    result = simulate(scenario)
    if fmt == "csv":
        text = render_msel_csv(result, show_contacts=show_contacts, bom=bom)
    else:
        text = render_msel_markdown(result, show_contacts=show_contacts)
    emit(text, out, [scenario_file, scenario.plan_path])


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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
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
    from drill.reports.coverage import COVERAGE_FORMATS
    from drill.reports.coverage import coverage as measure

    results = []
    inputs: list[str] = []
    for path in files:
        scenario = load_scenario(path)
        results.append(simulate(scenario))
        inputs += [path, scenario.plan_path]
    emit(COVERAGE_FORMATS[fmt](measure(results)), out, inputs)
