"""Reading a run record: objectives, task titles and details, who a target names."""

from __future__ import annotations

from typing import Any

from drill.i18n import _
from drill.i18n.words import status_word
from drill.model.plan import Plan
from drill.reports.aar.model import fmt_t, joined
from drill.reports.record import TaskRecord


def describe_expectation(raw: dict[str, Any]) -> str:
    """An objective (a scenario ``expect`` entry) in words: ``town-y informed by 30m``."""
    by = raw.get("by")
    minutes = _by_minutes(raw)
    when = str(by) if minutes is None else fmt_t(minutes)
    if "step" in raw:
        if by is None:
            return _("step {step} delivered within its deadline").format(step=raw["step"])
        return _("step {step} delivered by {by}").format(step=raw["step"], by=when)
    if "informed" in raw:
        target = raw["informed"]
        if isinstance(target, list):
            target = joined([str(t) for t in target])
        if by is None:
            return _("{target} informed").format(target=target)
        return _("{target} informed by {by}").format(target=target, by=when)
    if "delivered" in raw:
        if by is None:
            return _("every task delivered within its deadline")
        return _("every task delivered within its deadline by {by}").format(by=when)
    return joined([f"{k}: {v}" for k, v in raw.items()])


def _by_minutes(raw: dict[str, Any]) -> float | None:
    from drill.model.durations import parse_duration

    value = raw.get("by")
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError:
        return None


def _task_title(task: TaskRecord) -> str:
    return f"{task.step}: {task.sender_plan} → {task.to}"


def _task_detail(task: TaskRecord) -> str:
    sent = ""
    if task.sender and task.sender != task.sender_plan:
        sent = _(" (sent by deputy {deputy})").format(deputy=task.sender)
    if task.status == "late":
        return _("delivered late at {at} to {by} via {via} (due within {within}){sent}").format(
            at=fmt_t(task.at), by=task.by, via=task.via, within=fmt_t(task.within), sent=sent)
    if task.status == "failed":
        return _("failed: {reason}{sent}").format(reason=task.reason or _("every candidate failed"), sent=sent)
    if task.status == "blocked":
        return _("blocked: {reason}").format(reason=task.reason or _("the sender was never informed"))
    return _("{status} at {at}{sent}").format(status=status_word(task.status), at=fmt_t(task.at), sent=sent)


def _expand(plan: Plan | None, target: Any, origin: str | None) -> list[str]:
    refs = target if isinstance(target, list) else str(target).split(",")
    refs = [str(r).strip() for r in refs]
    if plan is None:
        return [r for r in refs if not r.startswith("@")]
    return plan.expand(refs, origin)


def _objective_tasks(raw: dict[str, Any], tasks: list[TaskRecord], informed: dict[str, float | None],
                     plan: Plan | None, origin: str | None, by: float | None) -> list[int]:
    """Indexes of the tasks that decided an unmet objective."""
    out: list[int] = []
    if "step" in raw:
        for i, task in enumerate(tasks):
            if task.step == raw["step"] and (
                    task.at is None or (by is not None and task.at > by) or task.status != "delivered"):
                out.append(i)
    elif "informed" in raw:
        for party in _expand(plan, raw["informed"], origin):
            when = informed.get(party)
            if when is not None and (by is None or when <= by):
                continue
            hits = [i for i, t in enumerate(tasks) if t.by == party and t.at == when and when is not None]
            if not hits:
                hits = [i for i, t in enumerate(tasks) if t.to == party]
            out.extend(h for h in hits[:1] if h not in out)
    else:
        out = [i for i, t in enumerate(tasks) if t.status != "delivered"]
    return out
