"""What to change so that the failed tasks go through next time."""

from __future__ import annotations

from typing import Any

from drill.i18n.formats import listing
from drill.model.plan import Plan
from drill.reports.aar.causes import contact_risk
from drill.reports.aar.model import (
    DrillClockText,
    RootCause,
    fmt_t,
)


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
    if task.get("reason_kind") == "no-candidate":
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
    words = (f" in {procedure} ", f" of {procedure} ", f"procedure {procedure} ", f" in {procedure}:",
             f" of {procedure}:")
    relevant = [f for f in found if f.severity in ("error", "warning") and any(w in f.message for w in words)]
    relevant.sort(key=lambda f: (not any(f" {c} " in f" {f.message} " for c in causes),
                                 f.severity != "error"))
    return [f"{f.severity} ({f.rule}): {f.message}" for f in relevant[:limit]]

