"""The after-action report (AAR/IP) as data, before it becomes Markdown or HTML.

An organiser hands the council a report on what the drill tested, which
objectives were met, what went wrong and why, and what to change.  This module
builds that report once, as plain dataclasses, from a *run record* (the object
``drill run --format json`` prints, see :mod:`drill.reports.run_json`) and,
when it can be loaded, the plan: the plan turns an attempt's cause (a component
id) into the channels that component silenced and a recommendation that names a
channel the step could use instead.  Working from the record rather than from
the live simulation lets ``drill report RUN.json`` write the same report long
after the drill, from the file that was archived.

Contact addresses are personal data: they are only looked up when the caller
asks for them (``show_contacts``).
"""

from __future__ import annotations

from typing import Any

from drill.i18n import _, current_language, ngettext
from drill.i18n.words import status_word
from drill.model.plan import Plan
from drill.reports.aar.causes import _merge_causes, _root_causes
from drill.reports.aar.model import (
    AfterAction,
    AttemptRow,
    DrillClockText,
    Finding,
    Moment,
    Names,
    Objective,
    fmt_t,
)
from drill.reports.aar.reading import (
    _by_minutes,
    _objective_tasks,
    _task_detail,
    _task_title,
    describe_expectation,
)
from drill.reports.aar.recommendations import _names, _recommend, analysis_notes
from drill.reports.record import RunRecord, TaskRecord

#: The order of moments that share a drill time.
_ORDER = {"inject": 0, "deadline": 1, "informed": 2, "late": 3, "failed": 4, "observation": 5}


def inject_text(inject: dict[str, Any]) -> str:
    """What an inject does, in words: ``fail pref-cable; absent pref-duty``, or its note."""
    verbs = {"fail": _("fail {ids}"), "restore": _("restore {ids}"), "absent": _("absent {ids}"),
             "back": _("back {ids}")}
    parts = [verbs[verb].format(ids=", ".join(inject[verb])) for verb in ("fail", "restore", "absent", "back")
             if inject.get(verb)]
    return ("／" if current_language() == "ja" else "; ").join(parts)


def build_after_action(record: RunRecord | dict[str, Any], plan: Plan | None = None, *,
                       show_contacts: bool = False, analysis: list[str] | None = None) -> AfterAction:
    """The after-action report of one run record (and its plan, when known)."""
    if isinstance(record, dict):
        record = RunRecord.from_dict(record)
    clock = DrillClockText.of(record)
    tasks = list(record.tasks)
    names = Names(plan)
    end = record.end or max([0.0] + [a.end for t in tasks for a in t.attempts])
    objectives = [Objective(describe_expectation(e.expect), e.ok, _by_minutes(e.expect), e.detail)
                  for e in record.expectations]
    findings = _findings(record, tasks, objectives, plan, clock)
    participants = [p for p, when in record.informed.items() if when is not None]
    participants += list(dict.fromkeys(t.sender for t in tasks if t.sender and t.sender not in participants))
    not_informed = [p for p, when in record.informed.items() if when is None and any(t.to == p for t in tasks)]
    if analysis is None and plan is not None:
        cause_ids = {c.cause for f in findings for c in f.causes}
        analysis = analysis_notes(plan, record.incident, cause_ids)
    ok = all(o.ok for o in objectives) and all(t.status == "delivered" for t in tasks)
    return AfterAction(
        scenario=record.scenario, title=str(record.title or record.scenario), plan=record.plan,
        plan_title=plan.title if plan is not None else None, incident=record.incident, origin=record.origin,
        start_text=clock.date_text(0.0) if clock.start is not None else "—", timezone=record.timezone,
        end=end, summary=dict(record.summary), participants=participants, not_informed=not_informed,
        objectives=objectives, moments=_moments(record, tasks, objectives, end, names), findings=findings,
        attempts=_attempts(tasks, plan, show_contacts), tasks=tasks, injects=list(record.injects),
        informed=dict(record.informed), clock=clock, ok=ok,
        contacts=_contacts(participants, plan) if show_contacts else [], analysis=list(analysis or []),
        names=names,
    )


def _moments(record: RunRecord, tasks: list[TaskRecord], objectives: list[Objective], end: float,
             names: Names) -> list[Moment]:
    moments: list[Moment] = []
    for inject in record.injects:
        text = inject_text(inject) or _("note")
        if inject.get("note"):
            text += f" — {inject['note']}"
        moments.append(Moment(float(inject.get("at", 0.0)), "inject", text))
    for party, when in record.informed.items():
        if when is not None:
            words = _("{party} informed (origin)") if party == record.origin else _("{party} informed")
            moments.append(Moment(when, "informed", words.format(party=names.party(party))))
    for task in tasks:
        if task.status == "late" and task.at is not None:
            moments.append(Moment(task.at, "late", _("{task} delivered late").format(task=_task_title(task))))
        if task.status == "failed":
            last = max([a.end for a in task.attempts] or [end])
            moments.append(Moment(last, "failed", _("{task} failed").format(task=_task_title(task))))
    for objective in objectives:
        if objective.by is not None:
            words = _("objective met: {objective}") if objective.ok else _("objective NOT met: {objective}")
            moments.append(Moment(objective.by, "deadline", words.format(objective=objective.text)))
    for note in record.observations:  # the organiser's notes (FORMAT.md 7.6)
        moments.append(Moment(note.at, "observation", _("observation: {text}").format(text=note.text)))
    moments.sort(key=lambda m: (m.t, _ORDER.get(m.kind, 9)))
    return moments


def _findings(record: RunRecord, tasks: list[TaskRecord], objectives: list[Objective], plan: Plan | None,
              clock: DrillClockText) -> list[Finding]:
    """Late, failed and blocked tasks (grouped), then the unmet objectives they do not explain."""
    findings: list[Finding] = []
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, task in enumerate(tasks):
        if task.status not in ("late", "failed", "blocked"):
            continue
        causes = _root_causes(task, plan)
        signature = tuple(sorted({(c.kind, c.cause if c.kind in ("component", "channel") else "")
                                  for c in causes}))
        key = (task.status, task.step, task.actor, task.reason if not causes else "", signature)
        groups.setdefault(key, []).append(index)
    for indexes in groups.values():
        group = [tasks[i] for i in indexes]
        causes = _merge_causes([c for t in group for c in _root_causes(t, plan)])
        first = group[0]
        title, detail = _group_words(group)
        findings.append(Finding(
            number=len(findings) + 1, kind=first.status, title=title, step=first.step, sender=first.actor,
            recipient=", ".join(t.to for t in group), detail=detail, causes=causes,
            recommendations=_recommend(group, causes, plan, record.incident, clock), tasks=list(indexes),
        ))
    covered = {i for f in findings for i in f.tasks}
    for expectation, objective in zip(record.expectations, objectives, strict=True):
        if not objective.ok:
            finding = _objective_finding(record, tasks, expectation.expect, objective, findings, covered, plan,
                                         clock)
            if finding is not None:
                findings.append(finding)
    return findings


def _group_words(group: list[TaskRecord]) -> tuple[str, str]:
    """Title and detail of a finding about one task or several of one step that went the same way."""
    first = group[0]
    if len(group) == 1:
        return _task_title(first), _task_detail(first)
    title = f"{first.step}: {first.sender_plan} → {_names([t.to for t in group])}"
    count = len(group)
    if first.status == "late":
        return title, ngettext("{n} task delivered late", "{n} tasks delivered late", count).format(n=count)
    if first.status == "blocked":
        why = first.reason or _("the sender was never informed")
    else:
        why = first.reason or _("every candidate failed")
        if first.sender and first.sender != first.sender_plan:
            why += _(" (sent by deputy {deputy})").format(deputy=first.sender)
    return title, ngettext("{n} task {status}: {why}", "{n} tasks {status}: {why}", count).format(
        n=count, status=status_word(first.status), why=why)


def _objective_finding(record: RunRecord, tasks: list[TaskRecord], raw: dict[str, Any], objective: Objective,
                       findings: list[Finding], covered: set[int], plan: Plan | None,
                       clock: DrillClockText) -> Finding | None:
    """A finding for an unmet objective, or None when earlier findings explain it (they say so).

    ``covered``: the tasks the findings about tasks are about.
    """
    involved = _objective_tasks(raw, tasks, record.informed, plan, record.origin, objective.by)
    fresh = [i for i in involved if i not in covered]
    if not fresh:
        explained = [f for f in findings if set(f.tasks) & set(involved)]
        for finding in explained:
            finding.detail += _("; objective not met: {objective}").format(objective=objective.text)
        if explained:
            return None
    causes = _merge_causes([c for i in fresh for c in _root_causes(tasks[i], plan)])
    recommendations = _recommend([tasks[i] for i in fresh], causes, plan, record.incident, clock) if fresh else []
    lost = sum(c.lost for c in causes)
    if causes and objective.by is not None:
        recommendations.append(_("the objective allows {by}; failed attempts cost {lost} — remove that delay or "
                                 "agree a later target").format(by=fmt_t(objective.by), lost=fmt_t(lost)))
    elif not recommendations:
        recommendations.append(_("review whether the objective ({objective}) fits the plan's own "
                                 "deadlines").format(objective=objective.text))
    return Finding(
        number=len(findings) + 1, kind="objective",
        title=_("objective not met: {objective}").format(objective=objective.text),
        step=raw.get("step"), sender=None, recipient=None, detail=objective.detail,
        causes=causes, recommendations=recommendations, tasks=fresh,
    )


def _attempts(tasks: list[TaskRecord], plan: Plan | None, show_contacts: bool) -> list[AttemptRow]:
    """Every attempt of the drill, in the order they started, numbered."""
    rows: list[AttemptRow] = []
    for task in tasks:
        for attempt in task.attempts:
            address = None
            if show_contacts and plan is not None and attempt.to in plan.parties:
                contact = plan.parties[attempt.to].contact(attempt.via)
                address = contact.address if contact is not None else None
            rows.append(AttemptRow(0, attempt.start, attempt.end, task.step, task.actor, attempt.to, attempt.via,
                                   attempt.ok, attempt.reason, address))
    rows.sort(key=lambda a: (a.start, a.end))
    for number, row in enumerate(rows, 1):
        row.number = number
    return rows


def _contacts(participants: list[str], plan: Plan | None) -> list[tuple[str, str, str]]:
    """(party, channel, address) of every participant's contact that has an address."""
    out: list[tuple[str, str, str]] = []
    for pid in participants:
        member = plan.parties.get(pid) if plan is not None else None
        for contact in member.contacts if member else ():
            if contact.address:
                out.append((pid, contact.channel, contact.address))
    return out
