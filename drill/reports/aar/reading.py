"""Reading a run record: objectives, task titles and details, who a target names."""

from __future__ import annotations

from typing import Any

from drill.model.plan import Plan
from drill.reports.aar.model import (
    fmt_t,
)


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


