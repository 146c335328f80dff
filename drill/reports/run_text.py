"""``drill run --format text``: a Rich table of tasks, objectives and reasons."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from drill.engine.outcome import RunResult
from drill.model.durations import format_duration

STATUS_STYLE = {"delivered": "green", "late": "yellow", "failed": "bold red", "blocked": "magenta"}


def _t(value: float | None) -> str:
    return "—" if value is None else format_duration(value)


def render_run_text(result: RunResult, *, color: bool = False, width: int = 120) -> str:
    scenario = result.scenario
    plan = scenario.plan
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False)
    console.print(Text(f"{scenario.title}", style="bold"))
    console.print(f"scenario {scenario.id} · plan {plan.id} · {scenario.incident} at {scenario.origin} · "
                  f"start {scenario.start.strftime('%Y-%m-%d %a %H:%M')} ({plan.timezone})")
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    for name, kwargs in (("step", {}), ("from → to", {}), ("status", {}), ("via", {}), ("by", {}),
                         ("at", {"justify": "right"}), ("within", {"justify": "right"}), ("tries", {"justify": "right"})):
        table.add_column(name, **kwargs)  # type: ignore[arg-type]
    for task in result.tasks:
        route = f"{task.sender_plan} → {task.recipient}"
        if task.sender and task.sender != task.sender_plan:
            route += f" (sent by {task.sender})"
        table.add_row(task.step.id, route, Text(task.status, style=STATUS_STYLE[task.status]),
                      task.via or "—", task.by or "—", _t(task.at), _t(task.step.within),
                      str(len(task.attempts)))
    console.print(table)
    if result.expectations:
        console.print(Text("Objectives", style="bold"))
        for exp in result.expectations:
            mark = Text("PASS", style="green") if exp.ok else Text("FAIL", style="bold red")
            raw = ", ".join(f"{k}: {v}" for k, v in exp.expectation.raw.items())
            console.print(Text.assemble("  ", mark, f"  {raw} — {exp.detail}"), soft_wrap=True)
    troubled = [task for task in result.tasks
                 if task.status != "delivered" or any(not a.ok for a in task.attempts)]
    if troubled:
        console.print(Text("Why", style="bold"))
        for task in troubled:
            head = Text.assemble(f"  {task.step.id} {task.sender or task.sender_plan} → {task.recipient}  ",
                                 (task.status, STATUS_STYLE[task.status]))
            if task.reason:
                head.append(f": {task.reason}")
            elif task.at is not None:
                head.append(f" to {task.by} via {task.via} at {format_duration(task.at)}")
            console.print(head, soft_wrap=True)
            for attempt in task.attempts:
                if not attempt.ok:
                    console.print(f"    {format_duration(attempt.start):>6}  {attempt.via} to {attempt.to}: "
                                  f"{attempt.reason}", soft_wrap=True)
    summary = result.summary
    verdict = Text("OK", style="bold green") if result.ok else Text("FALLS SHORT", style="bold red")
    met = sum(1 for e in result.expectations if e.ok)
    console.print(Text.assemble(
        verdict,
        f"  {summary['tasks']} tasks: {summary['delivered']} delivered, {summary['late']} late, "
        f"{summary['failed']} failed, {summary['blocked']} blocked; objectives {met}/{len(result.expectations)} met; "
        f"informed {sum(1 for v in result.informed.values() if v is not None)}/{len(result.informed)} parties",
    ))
    return buffer.getvalue()
