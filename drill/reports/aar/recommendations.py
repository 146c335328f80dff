"""What to change so that the failed tasks go through next time."""

from __future__ import annotations

import re
from typing import Any

from drill.i18n import _, ngettext
from drill.i18n.formats import listing
from drill.i18n.words import severity_word
from drill.model.plan import Plan
from drill.reports.aar.causes import contact_risk
from drill.reports.aar.model import DrillClockText, RootCause, fmt_t, joined
from drill.reports.record import TaskRecord


def _recommend(group: list[TaskRecord], causes: list[RootCause], plan: Plan | None,
               procedure: str | None, clock: DrillClockText) -> list[str]:
    """What to change so that these tasks (one step, one outcome) go through next time."""
    task = group[0]
    step, sender = task.step, task.actor
    recipients = [t.to for t in group]
    if task.status == "blocked":
        return [_("{party} was never informed, so {step} never started: fix how {party} is reached first "
                  "(see the finding that names it)").format(party=task.sender_plan, step=step)]
    if task.reason_kind == "no-candidate":
        return [_("give {sender} and {recipients} (or their deputies) a channel in common and list it in via "
                  "of {step}").format(sender=sender, recipients=_names(recipients), step=step)]
    step_obj = _find_step(plan, procedure, step)
    out: list[str] = []
    unstaffed: dict[bool, list[RootCause]] = {True: [], False: []}
    for cause in causes:
        if cause.kind in ("component", "channel"):
            out += _equipment(task, cause, plan, step_obj)
        elif cause.kind == "unstaffed":
            has_deputy = bool(plan is not None and cause.cause in plan.parties
                              and plan.parties[cause.cause].deputies)
            unstaffed[has_deputy].append(cause)
        elif cause.kind == "absent":
            out.append(_("{party} was absent: name a deputy for {party} and make sure {step} reaches it").format(
                party=cause.cause, step=step))
        elif cause.kind == "horizon":
            out.append(_("{step} had no outcome before the drill ended: use a faster channel or a shorter retry "
                         "interval").format(step=step))
    out += _deputy_channels(task, causes, plan, step_obj)
    out += _unstaffed(unstaffed, step, clock)
    if task.status == "failed" and not out:
        out.append(_("{step} failed ({reason}): add a channel or a deputy so that {recipients} can still be "
                     "reached").format(step=step, reason=task.reason or _("every candidate failed"),
                                       recipients=_names(recipients)))
    if task.status == "late" and task.within is not None and not out:
        out.append(_late(task, causes))
    return list(dict.fromkeys(out))


def _equipment(task: TaskRecord, cause: RootCause, plan: Plan | None, step_obj: Any) -> list[str]:
    """What to change when a component or channel broke the attempts."""
    step, sender, recipient = task.step, task.actor, task.to
    alternatives, in_via = _routes_around(task, cause, plan, step_obj)
    broken = sorted(set(cause.vias))
    out: list[str] = []
    if in_via and step_obj is not None and step_obj.via and step_obj.via[0] in broken:
        out.append(_("put {channel} ahead of {broken} in via of {step}: {broken} depends on {cause} and cost "
                     "{lost} before the sender knew it had failed").format(
            channel=in_via[0], broken=joined(broken), step=step, cause=cause.cause, lost=fmt_t(cause.lost)))
    elif alternatives and not in_via:
        out.append(_("add {channel} to via of {step}: unlike {broken} it does not depend on {cause}").format(
            channel=alternatives[0], step=step, broken=joined(broken), cause=cause.cause))
    elif not in_via:
        out.append(_("add a channel for {step} that does not depend on {cause} (every channel {sender} and "
                     "{recipient} share needs it)").format(step=step, cause=cause.cause, sender=sender,
                                                          recipient=recipient))
    if len(cause.silenced_channels) > 1:
        out.append(_("{cause} is a single point under {channels}: give one of them a route that does not "
                     "share it").format(cause=cause.cause, channels=joined(cause.silenced_channels)))
    return out


def _routes_around(task: TaskRecord, cause: RootCause, plan: Plan | None,
                   step_obj: Any) -> tuple[list[str], list[str]]:
    """Channels sender and recipient (or a deputy) share that do not need ``cause``: (not in via, in via)."""
    alternatives: list[str] = []
    in_via: list[str] = []
    sender, recipient = task.actor, task.to
    if plan is None or sender not in plan.parties or recipient not in plan.parties:
        return alternatives, in_via
    targets = [recipient, *plan.parties[recipient].deputies]
    for cid in plan.channels:
        if plan.parties[sender].contact(cid) is None:
            continue
        for target in targets:
            if target == sender or plan.parties[target].contact(cid) is None:
                continue
            if cause.cause in contact_risk(plan, sender, cid) | contact_risk(plan, target, cid):
                continue
            (in_via if step_obj is not None and cid in step_obj.via else alternatives).append(cid)
            break
    if step_obj is not None:
        in_via.sort(key=lambda c: step_obj.via.index(c))
    return alternatives, in_via


def _deputy_channels(task: TaskRecord, causes: list[RootCause], plan: Plan | None, step_obj: Any) -> list[str]:
    """A deputy that failed where its principal had more channels: give it those too."""
    sender, principal = task.actor, task.sender_plan
    broken_by_equipment = any(c.kind in ("component", "channel") for c in causes)
    if not (task.status == "failed" and broken_by_equipment and plan is not None and step_obj is not None
            and sender != principal and sender in plan.parties and principal in plan.parties):
        return []
    deputy_has = [c for c in step_obj.via if plan.parties[sender].contact(c) is not None]
    principal_has = [c for c in step_obj.via if plan.parties[principal].contact(c) is not None]
    missing = [c for c in principal_has if c not in deputy_has]
    if not missing:
        return []
    return [_("{deputy}, acting for {principal}, has only {has} of {via}: give {deputy} {missing} too, so that "
              "the deputy can use the channels {principal} would").format(
        deputy=sender, principal=principal, has=joined(deputy_has) or _("none"), via=joined(list(step_obj.via)),
        missing=_(" or ").join(missing))]


def _unstaffed(unstaffed: dict[bool, list[RootCause]], step: str, clock: DrillClockText) -> list[str]:
    out = []
    if unstaffed[False]:
        parties = [c.cause for c in unstaffed[False]]
        first = min(c.first for c in unstaffed[False])
        out.append(ngettext(
            "{parties} was not staffed at {moment}: name a deputy on round-the-clock hours, or give it an "
            "out-of-hours contact",
            "{parties} were not staffed at {moment}: name a deputy on round-the-clock hours, or give each an "
            "out-of-hours contact", len(parties)).format(parties=_names(parties),
                                                         moment=clock.text(first, with_day=True)))
    if unstaffed[True]:
        parties = [c.cause for c in unstaffed[True]]
        out.append(ngettext(
            "{parties} was not staffed and the deputies were not reached: give the deputies a channel of {step} "
            "that works out of hours",
            "{parties} were not staffed and the deputies were not reached: give the deputies a channel of "
            "{step} that works out of hours", len(parties)).format(parties=_names(parties), step=step))
    return out


def _late(task: TaskRecord, causes: list[RootCause]) -> str:
    lost = max(sum(c.lost for c in causes), 0.0)
    if lost > 0:
        return _("failed attempts cost {lost}; {step} was due within {within}: try first the channel that tells "
                 "the sender at once whether it got through").format(lost=fmt_t(lost), step=task.step,
                                                                       within=fmt_t(task.within))
    return _("{step} started too late to meet {within}: shorten its delay or the steps before it").format(
        step=task.step, within=fmt_t(task.within))


def _names(ids: list[str], limit: int = 6) -> str:
    return listing(ids, limit)


def _find_step(plan: Plan | None, procedure: str | None, step_id: Any) -> Any:
    if plan is None:
        return None
    procedures = [plan.procedures[procedure]] if procedure in plan.procedures else list(plan.procedures.values())
    for proc in procedures:
        for step in proc.steps:
            if step.id == step_id:
                return step
    return None


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
    # matched on the finding's language-independent text; shown in the chosen language
    named = re.compile(rf"(?<![\w-]){re.escape(str(procedure))}(?![\w-])")
    relevant = [f for f in found if f.severity in ("error", "warning") and named.search(f.canonical)]
    relevant.sort(key=lambda f: (not any(f" {c} " in f" {f.canonical} " for c in causes),
                                 f.severity != "error"))
    return [_("{severity} ({rule}): {message}").format(severity=severity_word(f.severity), rule=f.rule,
                                                       message=f.message) for f in relevant[:limit]]

