"""``drill analyze`` options of FORMAT.md 7.4: probabilities, one moment, windows, worst case.

Kept apart from :mod:`drill.cli.cmd_analyze` so that the command only gains
one decorator and two calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from drill.i18n import _, ngettext
from drill.model.plan import Plan


def risk_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--probability", is_flag=True,
                     help="Exact probability that each task is silenced and each party left "
                          "uninformed (components and channels fail independently with their p_fail)."),
        click.option("--importance", is_flag=True,
                     help="Birnbaum, Fussell-Vesely, RAW and RRW of every event of each task's cut "
                          "sets (as SCRAM defines them); implies --probability."),
        click.option("--at", "at", metavar='"DAY HH:MM"',
                     help='Analyse at one local moment of the week, e.g. --at "sat 22:00": '
                          "recipients' contacts not staffed then are unusable."),
        click.option("--windows", "weekly", is_flag=True,
                     help="Analyse each staffing pattern of the week; list the cut sets found in "
                          "some windows only."),
        click.option("--worst", type=click.IntRange(1, 4), metavar="K",
                     help="Write the scenario failing the <= K components and channels that "
                          "silence the most tasks (needs --incident and --scenario-out)."),
        click.option("--incident", metavar="TYPE@ORIGIN", help="With --worst: the procedure and origin."),
        click.option("--start", metavar="ISO", help="With --worst: the scenario's local start time."),
        click.option("--scenario-out", metavar="FILE", help="With --worst: where to write the scenario."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def analyze_with_options(plan: Plan, order: int, risk: dict[str, Any], stale: dict | None = None) -> Any:
    from drill.analysis.weekly import analyze_with_risk

    return analyze_with_risk(plan, order, probability=bool(risk.get("probability") or risk.get("importance")),
                             importance=bool(risk.get("importance")), at=risk.get("at"),
                             weekly=bool(risk.get("weekly")), stale=stale)


def write_worst(plan: Plan, plan_path: str, risk: dict[str, Any]) -> int:
    from drill.analysis.worst import scenario_yaml, worst_in_plan
    from drill.loading.adhoc import UsageError, adhoc_scenario
    from drill.loading.writing import write_atomic

    incident, out, k = risk.get("incident"), risk.get("scenario_out"), int(risk["worst"])
    if not incident or not out:
        raise UsageError(_("--worst K needs --incident TYPE@ORIGIN and --scenario-out FILE"))
    scenario = adhoc_scenario(plan, incident, risk.get("start"))
    worst = worst_in_plan(plan, scenario.incident, scenario.origin, k)
    plan_ref = os.path.relpath(os.path.abspath(plan_path), os.path.dirname(os.path.abspath(out)) or ".")
    text = scenario_yaml(worst, plan_ref, scenario.start.strftime("%Y-%m-%dT%H:%M"),
                         worst_title(worst, k))
    write_atomic(out, text, inputs=[plan_path])
    click.echo(_("drill: wrote {path}: failing {events} silences {n} of {total} tasks").format(
        path=out, events=", ".join(worst.events) or "—", n=len(worst.silenced), total=worst.total), err=True)
    return 0


def worst_title(worst: Any, k: int) -> str:
    events = ", ".join(worst.events) if worst.events else _("nothing")
    return ngettext(
        "Worst case of at most {k} failure for {procedure} from {origin}: {events} silences "
        "{n} of {total} tasks (the most any such set silences; ties: fewest failures, then ids)",
        "Worst case of at most {k} failures for {procedure} from {origin}: {events} silences "
        "{n} of {total} tasks (the most any such set silences; ties: fewest failures, then ids)",
        k).format(k=k, procedure=worst.procedure, origin=worst.origin, events=events,
                  n=len(worst.silenced), total=worst.total)
