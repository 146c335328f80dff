"""``drill run --format text``: a Rich table of tasks, objectives and reasons.

Every word is in the current language (docs/language.md).  The title lines
show the plan's labels with their ids (``virus-suspected at 周南市（shunan）``);
the table keeps the ids, which stay narrow and are what a planner searches the
plan for.  Durations are written in prose (``3分`` / ``3 min``).
"""

from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from drill.engine.outcome import ExpectationResult, RunResult
from drill.engine.simulation import Task
from drill.i18n import N_, _, ngettext
from drill.i18n.formats import datetime_text, duration_text
from drill.i18n.words import status_word, tasks_summary
from drill.model.plan import label_with_id
from drill.model.scenario import Expectation, Scenario

STATUS_STYLE = {"delivered": "green", "late": "yellow", "failed": "bold red", "blocked": "magenta"}

#: Column headings and how each is aligned.
COLUMNS = ((N_("step"), "left"), (N_("from → to"), "left"), (N_("status"), "left"), (N_("via"), "left"),
           (N_("by"), "left"), (N_("at"), "right"), (N_("within"), "right"), (N_("tries"), "right"))


def _t(value: float | None) -> str:
    return "—" if value is None else duration_text(value)


def render_run_text(result: RunResult, *, color: bool = False, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False)
    console.print(Text(result.scenario.title, style="bold"))
    console.print(_header(result.scenario), soft_wrap=True)
    console.print(_table(result))
    if result.expectations:
        console.print(Text(_("Objectives"), style="bold"))
        for exp in result.expectations:
            console.print(_objective_line(exp), soft_wrap=True)
    _print_why(console, result)
    console.print(_summary(result), soft_wrap=True)
    return buffer.getvalue()


def _header(scenario: Scenario) -> str:
    plan = scenario.plan
    procedure = plan.procedures.get(scenario.incident)
    origin = plan.parties.get(scenario.origin)
    return _("scenario {scenario} · plan {plan} · {incident} at {origin} · start {start} ({timezone})").format(
        scenario=scenario.id, plan=plan.id,
        incident=label_with_id(procedure) if procedure else scenario.incident,
        origin=label_with_id(origin) if origin else scenario.origin,
        start=datetime_text(scenario.start), timezone=plan.timezone)


def _table(result: RunResult) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    for name, justify in COLUMNS:
        table.add_column(_(name), justify=justify)  # type: ignore[arg-type]
    for task in result.tasks:
        route = f"{task.sender_plan} → {task.recipient}"
        if task.sender and task.sender != task.sender_plan:
            route = _("{route} (sent by {sender})").format(route=route, sender=task.sender)
        table.add_row(task.step.id, route, Text(status_word(task.status), style=STATUS_STYLE[task.status]),
                      task.via or "—", task.by or "—", _t(task.at), _t(task.step.within),
                      str(len(task.attempts)))
    return table


def objective_text(expectation: Expectation) -> str:
    """An objective in words: ``step report-to-pref delivered by 15 min``."""
    by = None if expectation.by is None else duration_text(expectation.by)
    if expectation.kind == "step":
        if by is None:
            return _("step {step} delivered within its deadline").format(step=expectation.target)
        return _("step {step} delivered by {by}").format(step=expectation.target, by=by)
    if expectation.kind == "informed":
        target = expectation.target.replace(",", ", ")
        if by is None:
            return _("{target} informed").format(target=target)
        return _("{target} informed by {by}").format(target=target, by=by)
    return _("every task delivered within its deadline")


def _objective_line(exp: ExpectationResult) -> Text:
    mark = Text(_("PASS"), style="green") if exp.ok else Text(_("FAIL"), style="bold red")
    line = _("{objective} — {detail}").format(objective=objective_text(exp.expectation), detail=exp.detail)
    return Text.assemble("  ", mark, "  ", line)


def _print_why(console: Console, result: RunResult) -> None:
    troubled = [task for task in result.tasks
                if task.status != "delivered" or any(not a.ok for a in task.attempts)]
    if not troubled:
        return
    console.print(Text(_("Why"), style="bold"))
    for task in troubled:
        console.print(_why_head(task), soft_wrap=True)
        failed = [attempt for attempt in task.attempts if not attempt.ok]
        starts = [duration_text(attempt.start) for attempt in failed]
        pad = max((cell_len(start) for start in starts), default=0)
        for attempt, start in zip(failed, starts, strict=True):
            tried = _("{channel} to {party}: {reason}").format(
                channel=attempt.via, party=attempt.to, reason=attempt.reason)
            console.print(f"    {' ' * (pad - cell_len(start))}{start}  {tried}", soft_wrap=True)


def _why_head(task: Task) -> Text:
    head = Text.assemble(f"  {task.step.id} {task.sender or task.sender_plan} → {task.recipient}  ",
                         (status_word(task.status), STATUS_STYLE[task.status]))
    if task.reason:
        head.append(_(": {reason}").format(reason=task.reason))
    elif task.at is not None:
        head.append(_(" to {party} via {channel} at {at}").format(
            party=task.by, channel=task.via, at=duration_text(task.at)))
    return head


def _summary(result: RunResult) -> Text:
    summary = result.summary
    verdict = Text(_("OK"), style="bold green") if result.ok else Text(_("FALLS SHORT"), style="bold red")
    met = sum(1 for e in result.expectations if e.ok)
    informed = sum(1 for v in result.informed.values() if v is not None)
    line = _("{tasks}; {objectives}; {informed}").format(
        tasks=tasks_summary(summary),
        objectives=ngettext("objective {met}/{n} met", "objectives {met}/{n} met", len(result.expectations)).format(
            met=met, n=len(result.expectations)),
        informed=ngettext("informed {informed}/{n} party", "informed {informed}/{n} parties",
                          len(result.informed)).format(informed=informed, n=len(result.informed)))
    return Text.assemble(verdict, "  ", line)
