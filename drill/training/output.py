"""A finished walkthrough as the JSON document (``drill train --format json``, the trainee app's result).

The text transcript is rendered by :mod:`drill.reports.train_text`.

The JSON is the machine interface a grader relies on (issue 5)::

    {"scenario": id, "steps": [...], "score": {...}}

Each step has ``kind`` (say / ask / act) and ``clock`` (the walkthrough clock
when it was shown).  An ``ask`` has ``answer`` (1-based) and ``correct`` (null
for a question without a right answer), plus ``why`` when wrong.  An ``act``
has ``step``, ``sender``, ``attempts`` (``to``, ``via``, ``start``, ``end``,
``ok``, ``reason`` as in ``drill run``, plus ``for`` — the recipient the
attempt was meant for — and ``in_plan``), ``at`` (when the last recipient got
it; null unless every one did), ``plan_at`` (the same in the engine's full
run), ``gave_up`` and ``tasks`` (one per recipient).  The document also has
``start``, ``answers`` (every answer given, in the answers-file form),
``time_lost`` and ``end``; with ``--trainee`` it begins with ``"trainee"`` and
is a result for ``drill scores`` (FORMAT.md 7.6).  Contact addresses never
appear.
"""

from __future__ import annotations

import json
from typing import Any

from drill.training.debrief import score, time_lost_of
from drill.training.session import StepRecord, TraineeAttempt, Walkthrough


def _num(value: float | None) -> float | None:
    return None if value is None else float(value)


def _attempt(attempt: TraineeAttempt) -> dict[str, Any]:
    return {"to": attempt.to, "via": attempt.via, "start": float(attempt.start), "end": float(attempt.end),
            "ok": attempt.ok, "reason": attempt.reason, "for": attempt.meant_for, "in_plan": attempt.in_plan}


def step_to_dict(walk: Walkthrough, record: StepRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": record.kind, "clock": float(record.clock), "index": record.index}
    if record.step.id:
        out["id"] = record.step.id
    if record.kind == "say":
        out["text"] = record.step.text
    elif record.kind == "ask":
        out["text"] = record.step.text
        out["answer"] = record.answer
        out["correct"] = record.correct
        if record.correct is False:
            out["why"] = record.why
    else:
        step = walk.act_step(record)
        out.update({
            "step": step.id,
            "sender": record.sender,
            "attempts": [_attempt(a) for a in record.attempts],
            "at": _num(record.at),
            "plan_at": _num(record.plan_at),
            "within": _num(step.within),
            "gave_up": record.gave_up,
            "tasks": [{"to": t.recipient, "by": t.by, "at": _num(t.at), "plan_by": t.plan_by,
                       "plan_at": _num(t.plan_at)} for t in record.tasks],
        })
    return out


def walkthrough_to_dict(walk: Walkthrough, trainee: str | None = None) -> dict[str, Any]:
    """The JSON document; with ``trainee`` it is a result for ``drill scores`` (FORMAT.md 7.6)."""
    head: dict[str, Any] = {"trainee": trainee} if trainee is not None else {}
    return {
        **head,
        "scenario": walk.scenario.id,
        "plan": walk.plan.id,
        "start": walk.scenario.start.isoformat(timespec="minutes"),
        "steps": [step_to_dict(walk, r) for r in walk.records],
        "answers": list(walk.answers),
        "score": score(walk).as_dict(),
        "time_lost": time_lost_of(walk),
        "end": float(walk.clock),
    }


def render_walkthrough_json(walk: Walkthrough, trainee: str | None = None) -> str:
    return json.dumps(walkthrough_to_dict(walk, trainee), ensure_ascii=False, indent=2) + "\n"
