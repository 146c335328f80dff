"""The master scenario events list (MSEL), for organisers who plan in spreadsheets.

An exercise controller works from one chronological list: what happens when,
to whom, what the players are expected to do, and which objective it serves.
drill writes that list from a scenario: the injects (and the narration of the
walkthrough) as the organiser makes them happen, each notification the plan
expects (when the simulated drill starts it, from whom to whom, over which
channels, by when) and each objective's check.  Times are drill time and the
local wall-clock time of the scenario.  Contact addresses are added to the
target only with ``show_contacts``.  The words are in the current language;
times keep the planner's notation (``1h30m``), as in the scenario file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from drill.engine.outcome import RunResult
from drill.engine.simulation import Task
from drill.i18n import N_, _
from drill.i18n.formats import datetime_text
from drill.i18n.words import status_word
from drill.model.csv_cells import csv_cell
from drill.model.durations import format_duration
from drill.model.plan import Plan, label_with_id
from drill.model.scenario import Inject
from drill.reports.aar import DrillClockText, describe_expectation, silenced_by
from drill.reports.markdown import md_cell

COLUMNS = ("#", N_("time"), N_("local time"), N_("event"), N_("target"), N_("expected action"), N_("objective"))
#: What an inject does, by its key in the scenario file.
INJECT_VERBS = (("fail", N_("fail {ids}")), ("restore", N_("restore {ids}")), ("absent", N_("absent {ids}")),
                ("back", N_("back {ids}")))


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
        return _("; ").join(names)

    for inject in scenario.injects:
        affected = list(inject.fail) + list(inject.restore) + list(inject.absent) + list(inject.back)
        action = ""
        if inject.fail:
            silenced = [s for item in inject.fail for s in silenced_by(plan, item)]
            if silenced:
                action = _("players find unusable: {items}").format(items=", ".join(dict.fromkeys(silenced)))
        elif inject.absent:
            action = _("deputies act for {parties}").format(parties=", ".join(inject.absent))
        elif inject.restore:
            action = _("players may use again what depends on {items}").format(items=", ".join(inject.restore))
        rows.append(MselRow(inject.at, 0, _("inject: {inject}").format(inject=_inject_text(inject)),
                            ", ".join(affected), action, ""))
    for step in scenario.walkthrough:
        if step.kind == "say" and step.at is not None and step.text:
            rows.append(MselRow(step.at, 1, _("narration: {text}").format(text=" ".join(step.text.split())),
                                _("trainees"), "", ""))
    for task in result.tasks:
        objective = objectives_for(task.step.id, task.recipient)
        if task.start is None:
            rows.append(MselRow(float("inf"), 2, _("step {step} (never starts in the simulation)").format(
                step=task.step.id), task.recipient, _("{sender} notifies {recipient}: {reason}").format(
                sender=task.sender_plan, recipient=task.recipient, reason=task.reason or status_word("blocked")),
                objective))
            continue
        rows.append(MselRow(task.start, 2, _("step {step} begins").format(step=task.step.id),
                            _target(plan, task, show_contacts), _action(task), objective))
    for number, (expectation, text) in enumerate(objectives, 1):
        if expectation.by is not None:
            rows.append(MselRow(expectation.by, 3, _("objective check O{number}").format(number=number),
                                expectation.target, _("controller checks: {objective}").format(objective=text),
                                f"O{number} {text}"))
    rows.sort(key=lambda r: (r.t, r.order))
    return rows


def _inject_text(inject: Inject) -> str:
    parts = [_(verb).format(ids=", ".join(getattr(inject, key))) for key, verb in INJECT_VERBS if getattr(inject, key)]
    text = _("; ").join(parts) or _("note")
    return _("{inject} — {note}").format(inject=text, note=inject.note) if inject.note else text


def _target(plan: Plan, task: Task, show_contacts: bool) -> str:
    target = task.recipient
    if show_contacts:
        addresses = [f"{c.channel} {c.address}" for c in plan.parties[task.recipient].contacts
                     if c.address and c.channel in task.step.via]
        if addresses:
            target += " (" + "; ".join(addresses) + ")"
    return target


def _action(task: Task) -> str:
    """``pref notifies town-y via lgwan-mail, fax within 1h30m; simulated: delivered at 36m via fax``."""
    sender = task.sender or task.sender_plan
    if sender != task.sender_plan:
        sender = _("{sender} (acting for {party})").format(sender=sender, party=task.sender_plan)
    via = ", ".join(task.step.via)
    if task.step.within is not None:
        action = _("{sender} notifies {recipient} via {channels} within {within}").format(
            sender=sender, recipient=task.recipient, channels=via, within=format_duration(task.step.within))
    else:
        action = _("{sender} notifies {recipient} via {channels}").format(
            sender=sender, recipient=task.recipient, channels=via)
    if task.at is not None:
        simulated = _("simulated: {status} at {at} via {channel}").format(
            status=status_word(task.status), at=format_duration(task.at), channel=task.via)
    else:
        simulated = _("simulated: {status}").format(status=status_word(task.status))
    return _("{done}; {more}").format(done=action, more=simulated)


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
    writer.writerow([_(column) for column in COLUMNS])
    writer.writerows([csv_cell(c) for c in cells]
                     for cells in _cells(result, msel_rows(result, show_contacts=show_contacts)))
    return ("\ufeff" if bom else "") + buffer.getvalue()


def render_msel_markdown(result: RunResult, *, show_contacts: bool = False) -> str:
    scenario = result.scenario
    plan = scenario.plan
    procedure, origin = plan.procedures.get(scenario.incident), plan.parties.get(scenario.origin)
    lines = [_("# MSEL: {title}").format(title=scenario.title), "",
             _("Scenario `{scenario}` · plan `{plan}` · {incident} raised by {origin} · start {start} "
               "({timezone})").format(
                 scenario=scenario.id, plan=plan.id,
                 incident=label_with_id(procedure) if procedure else scenario.incident,
                 origin=label_with_id(origin) if origin else scenario.origin,
                 start=datetime_text(scenario.start), timezone=plan.timezone), "",
             "| " + " | ".join(md_cell(_(column)) for column in COLUMNS) + " |", "|---:|---:|---|---|---|---|---|"]
    for cells in _cells(result, msel_rows(result, show_contacts=show_contacts)):
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
