"""The debrief of a walkthrough: score, the two timelines, and the lessons.

Shared by the headless text report and the trainee TUI so that both say the
same thing.  The timelines are a picture: for each recipient of each act
step, one bar for the trainee and one for the plan's own simulated run, on a
common time axis; a failed attempt is drawn ``░`` (time lost waiting for an
outcome), a successful one ``█``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text

from drill.engine.simulation import Attempt
from drill.engine.timeline import INF
from drill.model.durations import format_duration
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


# -- lessons -----------------------------------------------------------------------------------
def lessons(walk: Walkthrough) -> list[str]:
    """What the scenario teaches, in sentences, most important first."""
    out: list[str] = []
    timeline = walk.sim.timeline
    for ident, intervals in timeline.own.items():
        for start, end in intervals:
            until = "to the end" if end == INF else f"until {format_duration(end)}"
            out.append(f"{walk.thing_name(ident)} was down from {format_duration(start)} {until}.")
    for party, intervals in timeline.away.items():
        for start, end in intervals:
            until = "to the end" if end == INF else f"until {format_duration(end)}"
            out.append(f"{walk.party_name(party)} could not be reached from {format_duration(start)} {until}.")
    for record in walk.records:
        if record.kind != "act" or not record.tasks:
            continue
        step = walk.act_step(record)
        for task in record.tasks:
            you, plan = task.at, task.plan_at
            target = f"'{step.id}' to {walk.party_name(task.recipient)}"
            if you is None and plan is None:
                out.append(f"{target}: neither you nor the plan got it through.")
            elif you is None:
                out.append(f"{target}: you did not get it through; the plan did at {format_duration(plan or 0)}"
                           + (f" via {task.plan_by}" if task.plan_by and task.plan_by != task.recipient else "")
                           + ".")
            elif plan is None:
                out.append(f"{target}: you got it through at {format_duration(you)}; "
                           "the plan as written does not.")
            elif you < plan:
                out.append(f"{target}: you were {format_duration(plan - you)} faster than the plan "
                           f"({format_duration(you)} vs {format_duration(plan)}).")
            elif you > plan:
                out.append(f"{target}: you were {format_duration(you - plan)} slower than the plan "
                           f"({format_duration(you)} vs {format_duration(plan)}).")
            else:
                out.append(f"{target}: as fast as the plan ({format_duration(you)}).")
        lost = [a for a in record.attempts if not a.ok]
        if lost:
            total = sum(a.cost for a in lost)
            worst = max(lost, key=lambda a: a.cost)
            out.append(f"'{step.id}': your {len(lost)} failed attempt{'s' if len(lost) != 1 else ''} cost "
                       f"{format_duration(total)}; the costliest was {worst.via} to {worst.to} "
                       f"({format_duration(worst.cost)}): {worst.reason}.")
    out.extend(_plan_waste(walk))
    for record in walk.records:
        if record.kind == "ask" and record.correct is False:
            out.append(f"Question '{_short(record.step.text)}': {record.why}")
    for result in walk.plan_run.expectations:
        if not result.ok:
            raw = ", ".join(f"{k}: {v}" for k, v in result.expectation.raw.items())
            out.append(f"Even following the plan, the objective '{raw}' fails: {result.detail}.")
    return out


def _plan_waste(walk: Walkthrough, limit: int = 5) -> list[str]:
    """Plan choices that wasted time: failed attempts in the engine's run, by step and channel.

    The costliest first (total minutes spent waiting for failures), at most ``limit`` lines.
    """
    wasted: dict[tuple[str, str], list[Attempt]] = {}
    for task in walk.plan_run.tasks:
        for attempt in task.attempts:
            if not attempt.ok:
                wasted.setdefault((task.step.id, attempt.via), []).append(attempt)
    ranked = sorted(wasted.items(), key=lambda item: -sum(a.end - a.start for a in item[1]))
    out = []
    for (step_id, via), attempts in ranked[:limit]:
        total = sum(a.end - a.start for a in attempts)
        first = attempts[0]
        count = f"{len(attempts)} failed attempts" if len(attempts) != 1 else "1 failed attempt"
        out.append(f"Plan: '{step_id}' by {walk.channel_name(via)} wastes {format_duration(total)} in all "
                   f"({count}; the first at {format_duration(first.start)}: {first.reason}).")
    if len(ranked) > limit:
        out.append(f"Plan: {len(ranked) - limit} more step and channel pairs lose time the same way "
                   "(see drill run).")
    return out


def _short(text: str | None, limit: int = 50) -> str:
    text = tidy(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        text.append("(no act steps: nothing to compare)\n", style="dim")
        return text
    label_width = min(28, max(len(r.label) for r in rows))
    bar_width = max(20, width - label_width - 6 - 16)
    span = _span(rows)

    def col(t: float) -> int:
        return min(bar_width - 1, int(round(t / span * (bar_width - 1))))

    previous = None
    for row in rows:
        label = row.label if row.label != previous else ""
        previous = row.label
        text.append(f"{label[:label_width]:<{label_width}} ", style="bold" if label else "")
        text.append(f"{row.who:<4} ", style="cyan" if row.who == "you" else "magenta")
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
        text.append(format_duration(row.at) if row.at is not None else "not delivered",
                    style="" if row.at is not None else "bold red")
        text.append("\n")
    axis = [" "] * bar_width
    marks = _ticks(span)
    for t in marks:
        axis[col(t)] = "┴"
    pad = " " * (label_width + 6)
    text.append(pad)
    text.append("└" + "".join(axis) + "┘\n", style="dim")
    labels = [" "] * (bar_width + 12)
    for t in marks:
        word = format_duration(t)
        pos = max(0, min(col(t) + 1 - len(word) // 2, bar_width + 12 - len(word)))
        labels[pos:pos + len(word)] = list(word)
    text.append(pad)
    text.append("".join(labels).rstrip() + "\n", style="dim")
    text.append(pad)
    text.append(f"{OK_BAR} got through   {FAIL_BAR} failed, waiting for the outcome\n", style="dim")
    return text


def render_score(walk: Walkthrough) -> Text:
    s = score(walk)
    text = Text()
    text.append("Score  ", style="bold")
    text.append(f"questions {s.correct}/{s.questions} right · ")
    text.append(f"contacts {s.delivered}/{s.acts} delivered, {s.on_time}/{s.acts} on time")
    text.append(f" · walkthrough ended at {format_duration(walk.clock)}\n")
    return text


def render_debrief(walk: Walkthrough, width: int = 100) -> RenderableType:
    parts: list[RenderableType] = [render_score(walk), Text("Your timeline beside the plan's", style="bold"),
                                   render_timelines(walk, width), Text("Lessons", style="bold")]
    for lesson in lessons(walk):
        parts.append(Text(f"• {lesson}"))
    return Group(*parts)


def attempt_line(walk: Walkthrough, attempt: TraineeAttempt) -> str:
    return f"{format_duration(attempt.start):>6}  {walk.describe_attempt(attempt)}"
