"""``drill run --format json``: the shape of FORMAT.md section 4.

Every field of the contract is present; ``within``, ``start`` and ``reason``
on tasks, ``cause`` on attempts, ``detail`` on expectations and the top-level
``title``, ``incident``, ``origin``, ``start``, ``timezone``, ``horizon``,
``end``, ``injects`` and ``files`` are additions (optional for readers), so
that ``drill report RUN.json`` can write an after-action report from the
JSON alone.  An expectation is echoed as the
scenario file wrote it.  Contact addresses never appear here.
"""

from __future__ import annotations

import json
from typing import Any

from drill.engine.outcome import RunResult
from drill.engine.simulation import Task
from drill.model.scenario import Inject


def _num(value: float | None) -> float | None:
    return None if value is None else float(value)


def task_to_dict(task: Task) -> dict[str, Any]:
    return {
        "step": task.step.id,
        "from": task.sender_plan,
        "to": task.recipient,
        "sender": task.sender,
        "status": task.status,
        "by": task.by,
        "via": task.via,
        "at": _num(task.at),
        "within": _num(task.step.within),
        "start": _num(task.start),
        "reason": task.reason,
        "reason_kind": task.reason_kind,
        "attempts": [
            {"to": a.to, "via": a.via, "start": float(a.start), "end": float(a.end),
             "ok": a.ok, "reason": a.reason, "cause": a.cause, "cause_kind": a.cause_kind}
            for a in task.attempts
        ],
    }


def run_to_dict(result: RunResult) -> dict[str, Any]:
    scenario = result.scenario
    return {
        "scenario": scenario.id,
        "plan": scenario.plan.id,
        "summary": result.summary,
        "tasks": [task_to_dict(t) for t in result.tasks],
        "informed": {p: _num(v) for p, v in result.informed.items()},
        "expectations": [
            {"expect": e.expectation.raw, "ok": e.ok, "detail": e.detail} for e in result.expectations
        ],
        "title": scenario.title,
        "incident": scenario.incident,
        "origin": scenario.origin,
        "start": scenario.start.isoformat(timespec="minutes"),
        "timezone": scenario.plan.timezone,
        "horizon": _num(scenario.horizon),
        "end": float(result.end),
        "injects": [inject_to_dict(i) for i in result.injects],
        "files": {"scenario": scenario.path or None, "plan": scenario.plan_path or scenario.plan.path or None},
    }


def inject_to_dict(inject: Inject) -> dict[str, Any]:
    out: dict[str, Any] = {"at": float(inject.at)}
    for key in ("fail", "restore", "absent", "back"):
        if getattr(inject, key):
            out[key] = list(getattr(inject, key))
    if inject.note:
        out["note"] = inject.note
    return out


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_run_json(result: RunResult) -> str:
    return dumps(run_to_dict(result))
