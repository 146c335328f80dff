"""The master scenario events list (MSEL), for organisers who plan in spreadsheets.

An exercise controller works from one chronological list: what happens when,
to whom, what the players are expected to do, and which objective it serves.
drill writes that list from a scenario: the injects (and the narration of the
walkthrough) as the organiser makes them happen, each notification the plan
expects (when the simulated drill starts it, from whom to whom, over which
channels, by when) and each objective's check.  Times are drill time and the
local wall-clock time of the scenario.  Contact addresses are added to the
target only with ``show_contacts``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from drill.engine.outcome import RunResult
from drill.model.durations import format_duration
from drill.reports.aar import DrillClockText, describe_expectation, silenced_by
from drill.reports.markdown import md_cell

COLUMNS = ("#", "time", "local time", "event", "target", "expected action", "objective")


@dataclass
class MselRow:
    t: float
    order: int
    event: str
    target: str
    action: str
    objective: str


def msel_rows(result: RunResult, *, show_contacts: bool = False) -> list[MselRow]:
    scenario = result.scenario
    plan = scenario.plan
    rows: list[MselRow] = []
    objectives = [(e.expectation, describe_expectation(e.expectation.raw)) for e in result.expectations]

    def objectives_for(step: str, recipient: str) -> str:
        names = []
        for number, (expectation, text) in enumerate(objectives, 1):
            targets = plan.expand(expectation.target.split(","), scenario.origin) \
                if expectation.kind == "informed" else []
            if (expectation.kind == "step" and expectation.target == step) or recipient in targets:
                names.append(f"O{number} {text}")
        return "; ".join(names)

    for inject in scenario.injects:
        affected = list(inject.fail) + list(inject.restore) + list(inject.absent) + list(inject.back)
        action = ""
        if inject.fail:
            silenced = [s for item in inject.fail for s in silenced_by(plan, item)]
            if silenced:
                action = "players find unusable: " + ", ".join(dict.fromkeys(silenced))
        elif inject.absent:
            action = "deputies act for " + ", ".join(inject.absent)
        elif inject.restore:
            action = "players may use again what depends on " + ", ".join(inject.restore)
        rows.append(MselRow(inject.at, 0, "inject: " + inject.describe(), ", ".join(affected), action, ""))
    for step in scenario.walkthrough:
        if step.kind == "say" and step.at is not None and step.text:
            rows.append(MselRow(step.at, 1, "narration: " + " ".join(step.text.split()), "trainees", "", ""))
    for task in result.tasks:
        if task.start is None:
            rows.append(MselRow(float("inf"), 2, f"step {task.step.id} (never starts in the simulation)",
                                task.recipient, f"{task.sender_plan} notifies {task.recipient}: "
                                f"{task.reason or 'blocked'}", objectives_for(task.step.id, task.recipient)))
            continue
        target = task.recipient
        if show_contacts:
            addresses = [f"{c.channel} {c.address}" for c in plan.parties[task.recipient].contacts
                         if c.address and c.channel in task.step.via]
            if addresses:
                target += " (" + "; ".join(addresses) + ")"
        sender = task.sender or task.sender_plan
        acting = f" (acting for {task.sender_plan})" if sender != task.sender_plan else ""
        due = f" within {format_duration(task.step.within)}" if task.step.within is not None else ""
        simulated = (f"; simulated: {task.status} at {format_duration(task.at)} via {task.via}"
                     if task.at is not None else f"; simulated: {task.status}")
        rows.append(MselRow(task.start, 2, f"step {task.step.id} begins", target,
                            f"{sender}{acting} notifies {task.recipient} via {', '.join(task.step.via)}"
                            f"{due}{simulated}", objectives_for(task.step.id, task.recipient)))
    for number, (expectation, text) in enumerate(objectives, 1):
        if expectation.by is not None:
            rows.append(MselRow(expectation.by, 3, f"objective check O{number}", expectation.target,
                                "controller checks: " + text, f"O{number} {text}"))
    rows.sort(key=lambda r: (r.t, r.order))
    return rows


def _cells(result: RunResult, rows: list[MselRow]) -> list[list[str]]:
    clock = DrillClockText(result.scenario.start, ZoneInfo(result.scenario.plan.timezone))
    out = []
    for number, row in enumerate(rows, 1):
        finite = row.t != float("inf")
        out.append([str(number), format_duration(row.t) if finite else "—",
                    clock.text(row.t, with_day=True) if finite else "—",
                    row.event, row.target, row.action, row.objective])
    return out


def render_msel_csv(result: RunResult, *, show_contacts: bool = False, bom: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if bom else "\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(result, msel_rows(result, show_contacts=show_contacts)))
    return ("\ufeff" if bom else "") + buffer.getvalue()


def render_msel_markdown(result: RunResult, *, show_contacts: bool = False) -> str:
    scenario = result.scenario
    lines = [f"# MSEL: {scenario.title}", "",
             f"Scenario `{scenario.id}` · plan `{scenario.plan.id}` · {scenario.incident} raised by "
             f"{scenario.origin} · start {scenario.start.strftime('%Y-%m-%d %a %H:%M')} "
             f"({scenario.plan.timezone})", "",
             "| " + " | ".join(COLUMNS) + " |", "|---:|---:|---|---|---|---|---|"]
    for cells in _cells(result, msel_rows(result, show_contacts=show_contacts)):
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
