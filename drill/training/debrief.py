"""The debrief of a walkthrough: score, the two timelines, and the lessons.

Shared by the headless text report and the trainee TUI so that both say the
same thing.  The timelines are a picture: for each recipient of each act
step, one bar for the trainee and one for the plan's own simulated run, on a
common time axis; a failed attempt is drawn ``░`` (time lost waiting for an
outcome), a successful one ``█``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from drill.engine.simulation import Attempt
from drill.engine.timeline import INF
from drill.i18n import _, ngettext
from drill.i18n.formats import duration_text
from drill.model.classroom import time_lost
from drill.model.durations import format_clock
from drill.training.session import StepRecord, TraineeAttempt, Walkthrough, tidy

OK_BAR, FAIL_BAR = "█", "░"


@dataclass(frozen=True)
class Score:
    questions: int
    """Questions with a right answer (opinion questions are not scored)."""
    correct: int
    acts: int
    """Act steps with at least one recipient."""
    delivered: int
    """Act steps where every recipient got the message."""
    on_time: int
    """Act steps delivered to everyone within the step's ``within`` (or at all when it has none)."""

    def as_dict(self) -> dict[str, int]:
        return {"questions": self.questions, "correct": self.correct, "acts": self.acts,
                "delivered": self.delivered, "on_time": self.on_time}


def act_on_time(walk: Walkthrough, record: StepRecord) -> bool:
    at = record.at
    if at is None:
        return False
    within = walk.act_step(record).within
    return within is None or at <= within


def score(walk: Walkthrough) -> Score:
    asks = [r for r in walk.records if r.kind == "ask" and r.correct is not None]
    acts = [r for r in walk.records if r.kind == "act" and r.tasks]
    return Score(questions=len(asks), correct=sum(1 for r in asks if r.correct),
                 acts=len(acts), delivered=sum(1 for r in acts if r.at is not None),
                 on_time=sum(1 for r in acts if act_on_time(walk, r)))


def time_lost_of(walk: Walkthrough) -> float:
    """Minutes the trainee's deliveries came later than the plan's (see :func:`drill.model.classroom.time_lost`)."""
    return time_lost((t.at, t.plan_at) for r in walk.records if r.kind == "act" for t in r.tasks)


# -- lessons -----------------------------------------------------------------------------------
def lessons(walk: Walkthrough) -> list[str]:
    """What the scenario teaches, in sentences, most important first."""
    out: list[str] = []
    out.extend(_outages(walk))
    for record in walk.records:
        if record.kind == "act" and record.tasks:
            out.extend(_act_lessons(walk, record))
    out.extend(_plan_waste(walk))
    for record in walk.records:
        if record.kind == "ask" and record.correct is False:
            out.append(_wrong_answer(record))
    for result in walk.plan_run.expectations:
        if not result.ok:
            raw = ", ".join(f"{k}: {v}" for k, v in result.expectation.raw.items())
            out.append(_("Even following the plan, the objective '{objective}' fails: {detail}.").format(
                objective=raw, detail=result.detail))
    return out


def _outages(walk: Walkthrough) -> list[str]:
    out = []
    timeline = walk.sim.timeline
    for ident, intervals in timeline.own.items():
        for start, end in intervals:
            if end == INF:
                out.append(_("{thing} was down from {start} to the end.").format(
                    thing=walk.thing_name(ident), start=format_clock(start)))
            else:
                out.append(_("{thing} was down from {start} until {end}.").format(
                    thing=walk.thing_name(ident), start=format_clock(start), end=format_clock(end)))
    for party, intervals in timeline.away.items():
        for start, end in intervals:
            if end == INF:
                out.append(_("{party} could not be reached from {start} to the end.").format(
                    party=walk.party_name(party), start=format_clock(start)))
            else:
                out.append(_("{party} could not be reached from {start} until {end}.").format(
                    party=walk.party_name(party), start=format_clock(start), end=format_clock(end)))
    return out


def _act_lessons(walk: Walkthrough, record: StepRecord) -> list[str]:
    step = walk.act_step(record)
    out = []
    for task in record.tasks:
        you, plan = task.at, task.plan_at
        target = _("'{step}' to {party}").format(step=step.id, party=walk.party_name(task.recipient))
        if you is None and plan is None:
            line = _("{target}: neither you nor the plan got it through.").format(target=target)
        elif you is None:
            line = _("{target}: you did not get it through; the plan did at {plan}.").format(
                target=target, plan=format_clock(plan or 0))
        elif plan is None:
            line = _("{target}: you got it through at {you}; the plan as written does not.").format(
                target=target, you=format_clock(you))
        elif you != plan:
            faster = you < plan
            line = (_("{target}: you were {diff} faster than the plan ({you} vs {plan}).") if faster
                    else _("{target}: you were {diff} slower than the plan ({you} vs {plan}).")).format(
                target=target, diff=duration_text(abs(plan - you)), you=format_clock(you), plan=format_clock(plan))
        else:
            line = _("{target}: as fast as the plan ({you}).").format(target=target, you=format_clock(you))
        if task.by is not None and task.by != task.recipient:
            line += " " + _("You reached the deputy {deputy}.").format(deputy=walk.party_name(task.by))
        if task.plan_by is not None and task.plan_by != task.recipient:
            line += " " + _("The plan reached the deputy {deputy}.").format(deputy=walk.party_name(task.plan_by))
        out.append(line)
    lost = [a for a in record.attempts if not a.ok]
    if lost:
        total = sum(a.cost for a in lost)
        worst = max(lost, key=lambda a: a.cost)
        out.append(ngettext("'{step}': your {n} failed attempt cost {total}; the costliest was {via} to {to} "
                            "({cost}): {reason}.",
                            "'{step}': your {n} failed attempts cost {total}; the costliest was {via} to {to} "
                            "({cost}): {reason}.", len(lost)).format(
            step=step.id, n=len(lost), total=duration_text(total), via=walk.channel_name(worst.via),
            to=walk.party_name(worst.to), cost=duration_text(worst.cost), reason=worst.reason))
    return out


def _wrong_answer(record: StepRecord) -> str:
    """The question in full, the trainee's answer, why it was wrong, and the right answer."""
    step = record.step
    chosen = step.choices[(record.answer or 1) - 1]
    right = [c for c in step.choices if c.correct]
    line = _("Question '{question}': you answered '{answer}'").format(question=tidy(step.text), answer=chosen.text)
    if chosen.why:
        line += " — " + chosen.why
    line += ". " + _("The right answer: {right}").format(right=" / ".join(c.text for c in right))
    reasons = [c.why for c in right if c.why]
    if reasons:
        line += " — " + " / ".join(reasons)
    return line + "."


def _plan_waste(walk: Walkthrough, limit: int = 5) -> list[str]:
    """Plan choices that wasted time: failed attempts in the engine's run, by step and channel.

    The costliest first (total minutes spent waiting for failures), at most ``limit`` lines.
    """
    wasted: dict[tuple[str, str], list[Attempt]] = {}
    for task in walk.plan_run.tasks:
        for attempt in task.attempts:
            if not attempt.ok:
                wasted.setdefault((task.step.id, attempt.via), []).append(attempt)
    ranked = sorted(wasted.items(), key=lambda item: (-sum(a.end - a.start for a in item[1]), item[0]))
    out = []
    for (step_id, via), attempts in ranked[:limit]:
        total = sum(a.end - a.start for a in attempts)
        first = attempts[0]
        out.append(ngettext("Plan: '{step}' by {channel} wastes {total} in all ({n} failed attempt; the first at "
                            "{first}: {reason}).",
                            "Plan: '{step}' by {channel} wastes {total} in all ({n} failed attempts; the first at "
                            "{first}: {reason}).", len(attempts)).format(
            step=step_id, channel=walk.channel_name(via), total=duration_text(total), n=len(attempts),
            first=format_clock(first.start), reason=first.reason))
    if len(ranked) > limit:
        more = len(ranked) - limit
        out.append(ngettext("Plan: {n} more step and channel pair loses time the same way (see drill run).",
                            "Plan: {n} more step and channel pairs lose time the same way (see drill run).",
                            more).format(n=more))
    return out


# -- the picture ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    label: str
    who: str
    """``you`` or ``plan``."""
    attempts: tuple[tuple[float, float, bool], ...]
    at: float | None


def timeline_rows(walk: Walkthrough) -> list[Row]:
    plan_tasks = {(t.step.id, t.recipient): t for t in walk.plan_run.tasks}
    rows: list[Row] = []
    for record in walk.records:
        if record.kind != "act":
            continue
        step = walk.act_step(record)
        for task in record.tasks:
            label = f"{step.id} → {task.recipient}"
            rows.append(Row(label, "you", tuple((a.start, a.end, a.ok) for a in task.attempts), task.at))
            planned = plan_tasks.get((step.id, task.recipient))
            attempts = tuple((a.start, a.end, a.ok) for a in planned.attempts) if planned else ()
            rows.append(Row(label, "plan", attempts, planned.at if planned else None))
    return rows


def _ticks(span: float) -> list[float]:
    """Round times for the axis: at most six marks, at 1, 2, 5, 10, 15, 30 minutes or hours apart."""
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080):
        if span / step <= 5:
            break
    return [i * float(step) for i in range(int(span // step) + 1)]


def _span(rows: list[Row]) -> float:
    ends = [end for row in rows for _, end, _ in row.attempts]
    return max([*ends, 1.0])


def render_timelines(walk: Walkthrough, width: int = 100) -> Text:
    """Two bars per recipient on one time axis (``width`` is the whole line)."""
    rows = timeline_rows(walk)
    text = Text()
    if not rows:
        text.append(_("(no act steps: nothing to compare)") + "\n", style="dim")
        return text
    label_width = min(28, max(len(r.label) for r in rows))
    who_width = max(5, *(cell_len(word) + 1 for word in (_("you"), _("plan"))))
    bar_width = max(20, width - label_width - 1 - who_width - 16)
    span = _span(rows)

    def col(t: float) -> int:
        return min(bar_width - 1, int(round(t / span * (bar_width - 1))))

    previous = None
    for row in rows:
        label = row.label if row.label != previous else ""
        previous = row.label
        text.append(f"{label[:label_width]:<{label_width}} ", style="bold" if label else "")
        who = _("you") if row.who == "you" else _("plan")
        text.append(who + " " * (who_width - cell_len(who)), style="cyan" if row.who == "you" else "magenta")
        cells = [" "] * bar_width
        styles = [""] * bar_width
        for start, end, ok in row.attempts:
            a, b = col(start), max(col(start) + 1, col(end))
            for i in range(a, min(b, bar_width)):
                cells[i] = OK_BAR if ok else FAIL_BAR
                styles[i] = "green" if ok else "red"
        text.append("│")
        for cell, style in zip(cells, styles, strict=True):
            text.append(cell, style=style)
        text.append("│ ")
        text.append(format_clock(row.at) if row.at is not None else _("not delivered"),
                    style="" if row.at is not None else "bold red")
        text.append("\n")
    axis = [" "] * bar_width
    marks = _ticks(span)
    for t in marks:
        axis[col(t)] = "┴"
    pad = " " * (label_width + 1 + who_width)
    text.append(pad)
    text.append("└" + "".join(axis) + "┘\n", style="dim")
    labels = [" "] * (bar_width + 12)
    for t in marks:
        word = format_clock(t)
        pos = max(0, min(col(t) + 1 - len(word) // 2, bar_width + 12 - len(word)))
        labels[pos:pos + len(word)] = list(word)
    text.append(pad)
    text.append("".join(labels).rstrip() + "\n", style="dim")
    text.append(pad)
    text.append(_("{ok} got through   {fail} failed, waiting for the outcome").format(ok=OK_BAR, fail=FAIL_BAR)
                + "\n", style="dim")
    return text


def render_score(walk: Walkthrough) -> Text:
    s = score(walk)
    text = Text()
    text.append(_("Score") + "  ", style="bold")
    parts = []
    if s.questions:
        parts.append(_("questions {right}/{total} right").format(right=s.correct, total=s.questions))
    if s.acts:
        parts.append(_("contacts {delivered}/{total} delivered, {on_time}/{total} on time").format(
            delivered=s.delivered, on_time=s.on_time, total=s.acts))
    parts.append(_("walkthrough ended at {clock}").format(clock=format_clock(walk.clock)))
    lost = time_lost_of(walk)
    if lost:
        parts.append(_("{lost} later than the plan").format(lost=duration_text(lost)))
    text.append(" · ".join(parts) + "\n")
    return text


def render_debrief(walk: Walkthrough, width: int = 100) -> RenderableType:
    parts: list[RenderableType] = [render_score(walk)]
    if timeline_rows(walk):
        parts += [Text(_("Your timeline beside the plan's"), style="bold"), render_timelines(walk, width)]
    found = lessons(walk)
    if found:  # no heading over nothing
        parts.append(Text(_("Lessons"), style="bold"))
        parts += [Text(f"• {lesson}") for lesson in found]
    return Group(*parts)


def attempt_line(walk: Walkthrough, attempt: TraineeAttempt) -> str:
    return f"{format_clock(attempt.start)}  {walk.describe_attempt(attempt)}"
