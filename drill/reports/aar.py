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

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from drill.model.durations import format_duration
from drill.model.plan import Dependency, Plan

STATUS_WORD = {"delivered": "delivered", "late": "late", "failed": "failed", "blocked": "blocked"}


def fmt_t(minutes: float | None) -> str:
    """Drill time as a planner writes it (``15m``, ``1h30m``), or ``—``."""
    return "—" if minutes is None else format_duration(minutes)


@dataclass
class DrillClockText:
    """Drill minutes to local wall-clock text, daylight saving included."""

    start: datetime | None
    zone: ZoneInfo | None

    @classmethod
    def of(cls, record: dict[str, Any]) -> DrillClockText:
        try:
            start = datetime.fromisoformat(str(record["start"]))
            zone = ZoneInfo(str(record.get("timezone") or "Asia/Tokyo"))
        except (KeyError, ValueError, TypeError):
            return cls(None, None)
        return cls(start, zone)

    def local(self, minutes: float) -> datetime | None:
        if self.start is None or self.zone is None:
            return None
        start_utc = self.start.replace(tzinfo=self.zone).astimezone(timezone.utc)
        return (start_utc + timedelta(minutes=minutes)).astimezone(self.zone)

    def text(self, minutes: float | None, with_day: bool = False) -> str:
        if minutes is None:
            return "—"
        moment = self.local(minutes)
        if moment is None:
            return "—"
        same_day = self.start is not None and moment.date() == self.start.date()
        return moment.strftime("%a %H:%M" if with_day or not same_day else "%H:%M")


@dataclass
class Objective:
    """One drill objective (an expectation) and whether it was met."""

    text: str
    ok: bool
    by: float | None
    detail: str


@dataclass
class Moment:
    """One line of the drill's timeline: an inject or a key event."""

    t: float
    kind: str
    """``inject``, ``informed``, ``delivered``, ``late``, ``failed``, ``deadline``, ``observation``."""
    text: str


@dataclass
class RootCause:
    """What made attempts of a task fail, and what else it silenced."""

    cause: str
    kind: str
    """``component``, ``channel``, ``unstaffed``, ``absent``, ``horizon`` or ``unknown``."""
    first: float
    lost: float
    """Minutes the sender spent on attempts that failed for this cause."""
    attempts: list[str]
    """``via at party`` of the attempts it broke."""
    silenced: list[str] = field(default_factory=list)
    """Channels (``lgwan-mail``) and contacts (``lgwan-mail at pref``) that depend on it."""
    reason: str = ""


@dataclass
class Finding:
    """One thing the drill showed that needs fixing."""

    number: int
    kind: str
    """``late``, ``failed``, ``blocked`` or ``objective``."""
    title: str
    step: str | None
    sender: str | None
    recipient: str | None
    detail: str
    causes: list[RootCause]
    recommendations: list[str]
    tasks: list[int] = field(default_factory=list)
    """Indexes into the record's tasks that this finding is about."""


@dataclass
class AttemptRow:
    number: int
    start: float
    end: float
    step: str
    sender: str
    to: str
    via: str
    ok: bool
    reason: str | None
    address: str | None = None


@dataclass
class AfterAction:
    """Everything an after-action report shows."""

    scenario: str
    title: str
    plan: str
    plan_title: str | None
    incident: str | None
    origin: str | None
    start_text: str
    timezone: str | None
    end: float
    summary: dict[str, int]
    participants: list[str]
    not_informed: list[str]
    objectives: list[Objective]
    moments: list[Moment]
    findings: list[Finding]
    attempts: list[AttemptRow]
    tasks: list[dict[str, Any]]
    injects: list[dict[str, Any]]
    informed: dict[str, float | None]
    clock: DrillClockText
    ok: bool
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    """(party, channel, address) for participants, only with ``show_contacts``."""
    analysis: list[str] = field(default_factory=list)
    """Static-analysis findings about the plan, when drill.analysis is present."""


def describe_expectation(raw: dict[str, Any]) -> str:
    by = raw.get("by")
    when = f" by {by}" if by is not None else ""
    if "step" in raw:
        return f"step {raw['step']} delivered{when or ' within its deadline'}"
    if "informed" in raw:
        target = raw["informed"]
        if isinstance(target, list):
            target = ", ".join(str(t) for t in target)
        return f"{target} informed{when}"
    if "delivered" in raw:
        return f"every task delivered within its deadline{when}"
    return ", ".join(f"{k}: {v}" for k, v in raw.items())


def _by_minutes(raw: dict[str, Any]) -> float | None:
    from drill.model.durations import parse_duration

    value = raw.get("by")
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError:
        return None


# -- dependency closure over the plan ------------------------------------------
def component_closure(plan: Plan, deps: tuple[Dependency, ...] | list[Dependency]) -> set[str]:
    """Every component reached from ``deps`` through component dependencies."""
    seen: set[str] = set()
    stack = [d.id for d in deps]
    while stack:
        ident = stack.pop()
        if ident in seen:
            continue
        seen.add(ident)
        component = plan.components.get(ident)
        if component is not None:
            stack.extend(d.id for d in component.depends_on)
    return seen


def contact_risk(plan: Plan, party: str, channel: str) -> set[str]:
    """Components and the channel that must be up for ``party`` to use ``channel``."""
    out = {channel}
    chan = plan.channels.get(channel)
    if chan is not None:
        out |= component_closure(plan, chan.depends_on)
    owner = plan.parties.get(party)
    contact = owner.contact(channel) if owner else None
    if contact is not None:
        out |= component_closure(plan, contact.depends_on)
    return out


def silenced_by(plan: Plan, cause: str) -> list[str]:
    """Channels and contacts that stop working while ``cause`` is down."""
    channels = []
    for cid, chan in plan.channels.items():
        if cid == cause or cause in component_closure(plan, chan.depends_on):
            channels.append(cid)
    contacts = []
    for pid, party in plan.parties.items():
        for contact in party.contacts:
            if contact.channel in channels:
                continue
            if cause in component_closure(plan, contact.depends_on):
                contacts.append(f"{contact.channel} at {pid}")
    return channels + contacts


# -- building the report ---------------------------------------------------------
def _cause_of(attempt: dict[str, Any], plan: Plan | None) -> tuple[str, str]:
    reason = str(attempt.get("reason") or "")
    cause = attempt.get("cause")
    if not cause:
        cause = reason.split(" ", 1)[0].split("(", 1)[0] if reason else "unknown"
    if reason.startswith("no outcome before the horizon"):
        return "horizon", "horizon"
    if " absent since " in reason:
        return str(cause), "absent"
    if " not staffed " in reason:
        return str(cause), "unstaffed"
    if plan is not None:
        if cause in plan.components:
            return str(cause), "component"
        if cause in plan.channels:
            return str(cause), "channel"
        if cause in plan.parties:
            return str(cause), "unstaffed"
    return str(cause), "component" if plan is None and " down since " in reason else "unknown"


def _root_causes(task: dict[str, Any], plan: Plan | None) -> list[RootCause]:
    found: dict[str, RootCause] = {}
    sender = task.get("sender") or task.get("from")
    for attempt in task.get("attempts") or []:
        if attempt.get("ok"):
            continue
        cause, kind = _cause_of(attempt, plan)
        where = f"{attempt.get('via')} to {attempt.get('to')}"
        lost = float(attempt.get("end", 0.0)) - float(attempt.get("start", 0.0))
        entry = found.get(cause)
        if entry is None:
            entry = found[cause] = RootCause(cause, kind, float(attempt.get("start", 0.0)), 0.0, [],
                                             reason=str(attempt.get("reason") or ""))
            if plan is not None and kind in ("component", "channel"):
                entry.silenced = silenced_by(plan, cause)
        entry.lost += lost
        if where not in entry.attempts:
            entry.attempts.append(where)
    del sender
    return list(found.values())


def _recommend(group: list[dict[str, Any]], causes: list[RootCause], plan: Plan | None,
               procedure: str | None, clock: DrillClockText) -> list[str]:
    """What to change so that these tasks (one step, one outcome) go through next time."""
    task = group[0]
    step = task.get("step")
    sender = task.get("sender") or task.get("from")
    recipients = [str(t.get("to")) for t in group]
    recipient = recipients[0]
    status = task.get("status")
    out: list[str] = []
    if status == "blocked":
        out.append(f"{task.get('from')} was never informed, so {step} never started: fix how "
                   f"{task.get('from')} is reached first (see the finding that names it)")
        return out
    reason = str(task.get("reason") or "")
    if reason.startswith("no candidate"):
        out.append(f"give {sender} and {_names(recipients)} (or their deputies) a channel in common "
                   f"and list it in via of {step}")
        return out
    step_obj = _find_step(plan, procedure, step)
    unstaffed: dict[bool, list[RootCause]] = {True: [], False: []}
    for cause in causes:
        if cause.kind in ("component", "channel"):
            alternatives: list[str] = []
            in_via: list[str] = []
            if plan is not None and sender in plan.parties and recipient in plan.parties:
                targets = [recipient, *plan.parties[recipient].deputies]
                for cid in plan.channels:
                    if plan.parties[sender].contact(cid) is None:
                        continue
                    for target in targets:
                        if target == sender or plan.parties[target].contact(cid) is None:
                            continue
                        if cause.cause in contact_risk(plan, sender, cid) | contact_risk(plan, target, cid):
                            continue
                        if step_obj is not None and cid in step_obj.via:
                            in_via.append(cid)
                        else:
                            alternatives.append(cid)
                        break
            broken = sorted({a.split(" to ", 1)[0] for a in cause.attempts})
            if step_obj is not None:
                in_via.sort(key=lambda c: step_obj.via.index(c))
            if in_via and step_obj is not None and step_obj.via and step_obj.via[0] in broken:
                out.append(f"put {in_via[0]} ahead of {', '.join(broken)} in via of {step}: "
                           f"{', '.join(broken)} depends on {cause.cause} and cost {fmt_t(cause.lost)} "
                           "before the sender knew it had failed")
            elif alternatives and not in_via:
                out.append(f"add {alternatives[0]} to via of {step}: unlike {', '.join(broken)} it does "
                           f"not depend on {cause.cause}")
            elif not in_via:
                out.append(f"add a channel for {step} that does not depend on {cause.cause} "
                           f"(every channel {sender} and {recipient} share needs it)")
            shared = sorted({s.split(" at ", 1)[0] for s in cause.silenced})
            if len(shared) > 1:
                out.append(f"{cause.cause} is a single point under {', '.join(shared)}: give one of "
                           "them a route that does not share it")
        elif cause.kind == "unstaffed":
            party = cause.cause
            has_deputy = bool(plan is not None and party in plan.parties and plan.parties[party].deputies)
            unstaffed[has_deputy].append(cause)
        elif cause.kind == "absent":
            out.append(f"{cause.cause} was absent: name a deputy for {cause.cause} and make sure "
                       f"{step} reaches it")
        elif cause.kind == "horizon":
            out.append(f"{step} had no outcome before the drill ended: use a faster channel or a "
                       "shorter retry interval")
    principal = task.get("from")
    broken_by_equipment = any(c.kind in ("component", "channel") for c in causes)
    if (status == "failed" and broken_by_equipment and plan is not None and step_obj is not None
            and sender != principal and sender in plan.parties and principal in plan.parties):
        deputy_has = [c for c in step_obj.via if plan.parties[sender].contact(c) is not None]
        principal_has = [c for c in step_obj.via if plan.parties[principal].contact(c) is not None]
        missing = [c for c in principal_has if c not in deputy_has]
        if missing:
            out.append(f"{sender}, acting for {principal}, has only {', '.join(deputy_has) or 'none'} of "
                       f"{', '.join(step_obj.via)}: give {sender} {' or '.join(missing)} too, so that the "
                       f"deputy can use the channels {principal} would")
    if unstaffed[False]:
        parties = [c.cause for c in unstaffed[False]]
        first = min(c.first for c in unstaffed[False])
        out.append(f"{_names(parties)} {'was' if len(parties) == 1 else 'were'} not staffed at "
                   f"{clock.text(first, with_day=True)}: name a deputy on round-the-clock hours, or give "
                   f"{'it' if len(parties) == 1 else 'each'} an out-of-hours contact")
    if unstaffed[True]:
        parties = [c.cause for c in unstaffed[True]]
        out.append(f"{_names(parties)} {'was' if len(parties) == 1 else 'were'} not staffed and the "
                   f"deputies were not reached: give the deputies a channel of {step} "
                   "that works out of hours")
    if status == "failed" and not out:
        out.append(f"{step} failed ({reason or 'every candidate failed'}): add a channel or a deputy "
                   f"so that {_names(recipients)} can still be reached")
    if status == "late" and task.get("within") is not None and not out:
        lost = max(sum(c.lost for c in causes), 0.0)
        if lost > 0:
            out.append(f"failed attempts cost {fmt_t(lost)}; {step} was due within "
                       f"{fmt_t(task.get('within'))}: try first the channel that tells the sender at "
                       "once whether it got through")
        else:
            out.append(f"{step} started too late to meet {fmt_t(task.get('within'))}: shorten its delay "
                       "or the steps before it")
    seen: set[str] = set()
    unique = []
    for line in out:
        if line not in seen:
            seen.add(line)
            unique.append(line)
    return unique


def _names(ids: list[str], limit: int = 6) -> str:
    if len(ids) <= limit:
        return ", ".join(ids)
    return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"


def _merge_causes(causes: list[RootCause]) -> list[RootCause]:
    merged: dict[str, RootCause] = {}
    for cause in causes:
        entry = merged.get(cause.cause)
        if entry is None:
            merged[cause.cause] = RootCause(cause.cause, cause.kind, cause.first, cause.lost,
                                            list(cause.attempts), list(cause.silenced), cause.reason)
        else:
            entry.first = min(entry.first, cause.first)
            entry.lost += cause.lost
            entry.attempts.extend(a for a in cause.attempts if a not in entry.attempts)
    return list(merged.values())


def _find_step(plan: Plan | None, procedure: str | None, step_id: Any) -> Any:
    if plan is None:
        return None
    procedures = [plan.procedures[procedure]] if procedure in plan.procedures else list(plan.procedures.values())
    for proc in procedures:
        for step in proc.steps:
            if step.id == step_id:
                return step
    return None


def _task_title(task: dict[str, Any]) -> str:
    return f"{task.get('step')}: {task.get('from')} → {task.get('to')}"


def _task_detail(task: dict[str, Any]) -> str:
    status = task.get("status")
    sent = ""
    if task.get("sender") and task.get("sender") != task.get("from"):
        sent = f" (sent by deputy {task['sender']})"
    if status == "late":
        return (f"delivered late at {fmt_t(task.get('at'))} to {task.get('by')} via {task.get('via')} "
                f"(due within {fmt_t(task.get('within'))}){sent}")
    if status == "failed":
        return f"failed: {task.get('reason') or 'every candidate failed'}{sent}"
    if status == "blocked":
        return f"blocked: {task.get('reason') or 'the sender was never informed'}"
    return f"delivered at {fmt_t(task.get('at'))}{sent}"


def _expand(plan: Plan | None, target: Any, origin: str | None) -> list[str]:
    refs = target if isinstance(target, list) else str(target).split(",")
    refs = [str(r).strip() for r in refs]
    if plan is None:
        return [r for r in refs if not r.startswith("@")]
    return plan.expand(refs, origin)


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


def _objective_tasks(raw: dict[str, Any], tasks: list[dict[str, Any]], informed: dict[str, float | None],
                     plan: Plan | None, origin: str | None, by: float | None) -> list[int]:
    """Indexes of the tasks that decided an unmet objective."""
    out: list[int] = []
    if "step" in raw:
        for i, task in enumerate(tasks):
            if task.get("step") == raw["step"] and (
                    task.get("at") is None or (by is not None and float(task["at"]) > by)
                    or task.get("status") != "delivered"):
                out.append(i)
    elif "informed" in raw:
        for party in _expand(plan, raw["informed"], origin):
            when = informed.get(party)
            if when is not None and (by is None or when <= by):
                continue
            hits = [i for i, t in enumerate(tasks) if t.get("by") == party and t.get("at") == when
                    and when is not None]
            if not hits:
                hits = [i for i, t in enumerate(tasks) if t.get("to") == party]
            out.extend(h for h in hits[:1] if h not in out)
    else:
        out = [i for i, t in enumerate(tasks) if t.get("status") != "delivered"]
    return out


def analysis_notes(plan: Plan, procedure: object, causes: set[str], limit: int = 6) -> list[str]:
    """Static-analysis findings (drill.analysis) about the drill's procedure.

    Those that name a component that broke attempts in this drill come first:
    the drill showed one instance, analysis says where else it bites.
    """
    try:
        from drill.analysis.analyze import analyze_plan
    except ImportError:  # pragma: no cover - analysis is part of drill
        return []
    from drill.model.errors import DrillError

    try:
        found = analyze_plan(plan, order=1).findings
    except DrillError:  # pragma: no cover - a loaded plan analyses
        return []
    words = (f" in {procedure} ", f" of {procedure} ", f"procedure {procedure} ", f" in {procedure}:",
             f" of {procedure}:")
    relevant = [f for f in found if f.severity in ("error", "warning") and any(w in f.message for w in words)]
    relevant.sort(key=lambda f: (not any(f" {c} " in f" {f.message} " for c in causes),
                                 f.severity != "error"))
    return [f"{f.severity} ({f.rule}): {f.message}" for f in relevant[:limit]]
