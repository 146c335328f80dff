"""``drill train --answers FILE --format text``: the trainee's transcript, then the debrief.

The JSON document is :func:`drill.training.output.walkthrough_to_dict`; the
debrief (timelines, score, lessons) is :func:`drill.training.render_debrief`,
which the trainee app shows too.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from drill.i18n import _
from drill.i18n.formats import datetime_text, duration_text
from drill.model.durations import format_clock
from drill.model.plan import label_with_id
from drill.training.debrief import attempt_line, render_debrief
from drill.training.session import Walkthrough, tidy

INDENT = " " * 9


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
    procedure = walk.plan.procedures.get(scenario.incident)
    origin = walk.plan.parties.get(scenario.origin)
    console.print(_("walkthrough of {scenario} · {incident} at {origin} · start {start}").format(
        scenario=scenario.id, incident=label_with_id(procedure) if procedure else scenario.incident,
        origin=label_with_id(origin) if origin else scenario.origin, start=datetime_text(scenario.start)))
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
                    done = _("{done}; {more}").format(done=done, more=_("{deputy} took it for {party}").format(
                        deputy=task.by, party=task.recipient))
            console.print(INDENT + _("{done}; {more}").format(done=done, more=plan))
    console.print()
    console.print(render_debrief(walk, width))
    return buffer.getvalue()
