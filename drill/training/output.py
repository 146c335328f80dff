"""``drill train --answers FILE --format text|json``: a finished walkthrough as output.

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

import io
import json
from typing import Any

from rich.console import Console
from rich.text import Text

from drill.i18n import _
from drill.i18n.formats import datetime_text, duration_text
from drill.model.durations import format_clock
from drill.training.debrief import attempt_line, render_debrief, score, time_lost_of
from drill.training.session import StepRecord, TraineeAttempt, Walkthrough, tidy

INDENT = " " * 9


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


def render_walkthrough_text(walk: Walkthrough, *, color: bool = False, width: int = 100) -> str:
    """The trainee's transcript, then the debrief.

    Lines are not wrapped (a grader greps them; Japanese text has no spaces to
    wrap at); only the timeline picture is sized to ``width``.
    """
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False, soft_wrap=True)
    scenario = walk.scenario
    console.print(Text(scenario.title, style="bold"))
    console.print(_("walkthrough of {scenario} · {incident} at {origin} · start {start}").format(
        scenario=scenario.id, incident=scenario.incident, origin=scenario.origin,
        start=datetime_text(scenario.start)))
    for record in walk.records:
        clock = format_clock(record.clock)
        if record.kind == "say":
            console.print(Text(f"{clock} {tidy(record.step.text)}"))
        elif record.kind == "ask":
            console.print(Text(_("{clock}  Q: {text}").format(clock=clock, text=tidy(record.step.text)),
                               style="bold"))
            chosen = record.step.choices[(record.answer or 1) - 1]
            mark = {True: (_("right"), "green"), False: (_("wrong"), "bold red"), None: (_("noted"), "")}[
                record.correct]
            console.print(Text.assemble(INDENT, _("answer {number}: {text}").format(
                number=record.answer, text=chosen.text), " — ", Text(mark[0], style=mark[1])))
            if record.correct is False:
                console.print(Text(INDENT + _("why: {why}").format(why=record.why)))
                for right in (c for c in record.step.choices if c.correct):
                    console.print(Text(INDENT + _("the right answer: {right}").format(right=right.text)))
        else:
            step = walk.act_step(record)
            recipients = ", ".join(t.recipient for t in record.tasks) or _("nobody")
            line = _("{clock}  ACT {step}: {sender} → {recipients}").format(
                clock=clock, step=step.id, sender=record.sender, recipients=recipients)
            if step.within is not None:
                line += " " + _("(within {within})").format(within=duration_text(step.within))
            console.print(Text(line, style="bold"))
            for attempt in record.attempts:
                style = "green" if attempt.ok else "red"
                console.print(Text(f"   {attempt_line(walk, attempt)}", style=style))
            done = (_("delivered at {clock}").format(clock=format_clock(record.at)) if record.at is not None
                    else _("given up") if record.gave_up else _("not delivered"))
            plan = (_("the plan: {clock}").format(clock=format_clock(record.plan_at)) if record.plan_at is not None
                    else _("the plan: not delivered"))
            for task in record.tasks:
                if task.by is not None and task.by != task.recipient:
                    done += "; " + _("{deputy} took it for {party}").format(deputy=task.by, party=task.recipient)
            console.print(f"{INDENT}{done}; {plan}")
    console.print()
    console.print(render_debrief(walk, width))
    return buffer.getvalue()
