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

from drill.model.plan import Plan
from drill.reports.aar.causes import _merge_causes, _root_causes
from drill.reports.aar.model import (
    AfterAction,
    AttemptRow,
    DrillClockText,
    Finding,
    Moment,
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


def build_after_action(record: dict[str, Any], plan: Plan | None = None, *,
                       show_contacts: bool = False, analysis: list[str] | None = None) -> AfterAction:
    """The after-action report of one run record (and its plan, when known)."""
    clock = DrillClockText.of(record)
    tasks: list[dict[str, Any]] = list(record.get("tasks") or [])
    informed: dict[str, float | None] = dict(record.get("informed") or {})
    injects: list[dict[str, Any]] = list(record.get("injects") or [])
    end = float(record.get("end") or max([0.0] + [float(a.get("end", 0.0)) for t in tasks
                                                  for a in t.get("attempts") or []]))
    origin = record.get("origin")

    objectives = []
    for item in record.get("expectations") or []:
        raw = item.get("expect") or {}
        objectives.append(Objective(describe_expectation(raw), bool(item.get("ok")), _by_minutes(raw),
                                    str(item.get("detail") or "")))

    moments: list[Moment] = []
    for inject in injects:
        parts = [f"{verb} {', '.join(inject[verb])}" for verb in ("fail", "restore", "absent", "back")
                 if inject.get(verb)]
        text = "; ".join(parts) or "note"
        if inject.get("note"):
            text += f" — {inject['note']}"
        moments.append(Moment(float(inject.get("at", 0.0)), "inject", text))
    for party, when in informed.items():
        if when is not None:
            moments.append(Moment(float(when), "informed",
                                  f"{party} informed" + (" (origin)" if party == origin else "")))
    for task in tasks:
        if task.get("status") == "late" and task.get("at") is not None:
            moments.append(Moment(float(task["at"]), "late", f"{_task_title(task)} delivered late"))
        if task.get("status") == "failed":
            last = max([float(a.get("end", 0.0)) for a in task.get("attempts") or []] or [end])
            moments.append(Moment(last, "failed", f"{_task_title(task)} failed"))
    for objective in objectives:
        if objective.by is not None:
            moments.append(Moment(objective.by, "deadline",
                                  f"objective {'met' if objective.ok else 'NOT met'}: {objective.text}"))
    for note in record.get("observations") or []:  # the organiser's notes (FORMAT.md 7.6)
        moments.append(Moment(float(note.get("at", 0.0)), "observation", f"observation: {note.get('text', '')}"))
    order = {"inject": 0, "deadline": 1, "informed": 2, "late": 3, "failed": 4, "observation": 5}
    moments.sort(key=lambda m: (m.t, order.get(m.kind, 9)))

    findings: list[Finding] = []
    covered: set[int] = set()
    procedure = record.get("incident")
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, task in enumerate(tasks):
        if task.get("status") not in ("late", "failed", "blocked"):
            continue
        causes = _root_causes(task, plan)
        signature = tuple(sorted({(c.kind, c.cause if c.kind in ("component", "channel") else "")
                                  for c in causes}))
        key = (task.get("status"), task.get("step"), task.get("sender") or task.get("from"),
               task.get("reason") if not causes else "", signature)
        groups.setdefault(key, []).append(index)
    for indexes in groups.values():
        group = [tasks[i] for i in indexes]
        causes = _merge_causes([c for t in group for c in _root_causes(t, plan)])
        first = group[0]
        if len(group) == 1:
            title, detail = _task_title(first), _task_detail(first)
        else:
            title = f"{first.get('step')}: {first.get('from')} → {_names([str(t.get('to')) for t in group])}"
            detail = f"{len(group)} tasks {first.get('status')}: " + _task_detail(first).split(": ", 1)[-1] \
                if first.get("status") != "late" else f"{len(group)} tasks delivered late"
        findings.append(Finding(
            number=len(findings) + 1, kind=str(first["status"]), title=title,
            step=first.get("step"), sender=first.get("sender") or first.get("from"),
            recipient=", ".join(str(t.get("to")) for t in group), detail=detail, causes=causes,
            recommendations=_recommend(group, causes, plan, procedure, clock), tasks=list(indexes),
        ))
        covered.update(indexes)
    for item, objective in zip(record.get("expectations") or [], objectives, strict=True):
        if objective.ok:
            continue
        raw = item.get("expect") or {}
        involved = _objective_tasks(raw, tasks, informed, plan, origin, objective.by)
        fresh = [i for i in involved if i not in covered]
        if not fresh:
            refs = sorted({f.number for f in findings if set(f.tasks) & set(involved)})
            if refs:
                for finding in findings:
                    if finding.number in refs:
                        finding.detail += f"; objective not met: {objective.text}"
                continue
        causes = _merge_causes([c for i in fresh for c in _root_causes(tasks[i], plan)])
        recommendations = _recommend([tasks[i] for i in fresh], causes, plan, procedure, clock) if fresh else []
        lost = sum(c.lost for c in causes)
        if causes and objective.by is not None:
            recommendations.append(f"the objective allows {fmt_t(objective.by)}; failed attempts cost "
                                   f"{fmt_t(lost)} — remove that delay or agree a later target")
        elif not recommendations:
            recommendations.append(f"review whether the objective ({objective.text}) fits the plan's "
                                   "own deadlines")
        findings.append(Finding(
            number=len(findings) + 1, kind="objective", title=f"objective not met: {objective.text}",
            step=raw.get("step"), sender=None, recipient=None, detail=objective.detail,
            causes=causes, recommendations=recommendations, tasks=fresh,
        ))

    attempts: list[AttemptRow] = []
    for task in tasks:
        for attempt in task.get("attempts") or []:
            address = None
            if show_contacts and plan is not None and attempt.get("to") in plan.parties:
                contact = plan.parties[attempt["to"]].contact(str(attempt.get("via")))
                address = contact.address if contact is not None else None
            attempts.append(AttemptRow(0, float(attempt.get("start", 0.0)), float(attempt.get("end", 0.0)),
                                       str(task.get("step")), str(task.get("sender") or task.get("from")),
                                       str(attempt.get("to")), str(attempt.get("via")), bool(attempt.get("ok")),
                                       attempt.get("reason"), address))
    attempts.sort(key=lambda a: (a.start, a.end))
    for number, row in enumerate(attempts, 1):
        row.number = number

    participants = [p for p, when in informed.items() if when is not None]
    for task in tasks:
        sender = task.get("sender")
        if sender and sender not in participants:
            participants.append(sender)
    not_informed = [p for p, when in informed.items() if when is None and
                    any(t.get("to") == p for t in tasks)]

    contacts: list[tuple[str, str, str]] = []
    if show_contacts and plan is not None:
        for pid in participants:
            member = plan.parties.get(pid)
            for contact in member.contacts if member else ():
                if contact.address:
                    contacts.append((pid, contact.channel, contact.address))

    if analysis is None and plan is not None:
        cause_ids = {c.cause for f in findings for c in f.causes}
        analysis = analysis_notes(plan, record.get("incident"), cause_ids)
    summary = dict(record.get("summary") or {})
    ok = all(o.ok for o in objectives) and all(t.get("status") == "delivered" for t in tasks)
    start_text = "—"
    if clock.start is not None:
        start_text = clock.start.strftime("%Y-%m-%d %a %H:%M")
    return AfterAction(
        scenario=str(record.get("scenario") or "?"), title=str(record.get("title") or record.get("scenario")),
        plan=str(record.get("plan") or "?"), plan_title=plan.title if plan is not None else None,
        incident=record.get("incident"), origin=origin, start_text=start_text,
        timezone=record.get("timezone"), end=end, summary=summary, participants=participants,
        not_informed=not_informed, objectives=objectives, moments=moments, findings=findings,
        attempts=attempts, tasks=tasks, injects=injects, informed=informed, clock=clock, ok=ok,
        contacts=contacts, analysis=list(analysis or []),
    )


