"""The after-action material the organiser writes with one key.

A Markdown report for people and a JSON file for tools, both of the drill as
it stands (normally at its end), with every inject the organiser made live and
the drill time it was made at.  Contact addresses are never written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drill.engine.events import InjectApplied
from drill.engine.journal import LiveDrill, inject_to_dict
from drill.engine.outcome import RunResult
from drill.model.durations import format_clock, format_duration
from drill.reports import run_to_dict
from drill.reports.writing import write_atomic
from drill.tui.describe import live_status
from drill.tui.record import observations


class _LiveResult(RunResult):
    """A result that may be taken mid-drill: tasks still under way count as ``pending``."""

    @property
    def summary(self) -> dict[str, int]:
        counts = {"tasks": len(self.tasks), "delivered": 0, "late": 0, "failed": 0, "blocked": 0}
        for task in self.tasks:
            status = task.status if task.done or task.status in counts else "pending"
            counts[status] = counts.get(status, 0) + 1
        return counts


def live_result(drill: LiveDrill) -> RunResult:
    """The drill's result as it stands, finished or not."""
    result = drill.result()
    return _LiveResult(**{f: getattr(result, f) for f in result.__dataclass_fields__})


def _live_injects(drill: LiveDrill) -> set[int]:
    """Identities of the injects the organiser made during the drill."""
    return {id(e.inject) for e in drill.sim.events if isinstance(e, InjectApplied) and e.live}


def export_data(drill: LiveDrill) -> dict[str, Any]:
    """``drill run --format json``'s shape, plus the clock, the injects and which were live."""
    result = live_result(drill)
    data = run_to_dict(result)
    for entry, task in zip(data["tasks"], result.tasks, strict=True):
        entry["status"] = live_status(task)
    live = _live_injects(drill)
    data["clock"] = drill.now
    data["finished"] = drill.finished
    data["injects"] = [dict(inject_to_dict(i), live=id(i) in live) for i in result.injects]
    data["observations"] = observations(drill)
    return data


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|")


def after_action_markdown(drill: LiveDrill, result: RunResult | None = None) -> str:
    result = result or live_result(drill)
    scenario = result.scenario
    lines = [f"# After-action report: {scenario.title}", ""]
    state = "ended" if drill.finished else f"in progress at {format_clock(drill.now)}"
    lines += [f"- Scenario `{scenario.id}` on plan `{scenario.plan.id}`: {scenario.incident} at {scenario.origin}",
              f"- Start {scenario.start.strftime('%Y-%m-%d %a %H:%M')} ({scenario.plan.timezone}); drill {state}",
              ""]
    summary = result.summary
    lines += ["## Summary", "",
              f"{summary['tasks']} tasks: {summary['delivered']} delivered, {summary['late']} late, "
              f"{summary['failed']} failed, {summary['blocked']} blocked"
              + (f", {summary['pending']} still under way" if summary.get("pending") else ""), ""]
    if result.expectations:
        lines += ["## Objectives", "", "| result | objective | detail |", "|---|---|---|"]
        for exp in result.expectations:
            raw = ", ".join(f"{k}: {v}" for k, v in exp.expectation.raw.items())
            lines.append(f"| {'PASS' if exp.ok else 'FAIL'} | {_cell(raw)} | {_cell(exp.detail)} |")
        lines.append("")
    lines += ["## Injects", "", "| at | what | live |", "|---|---|---|"]
    live = _live_injects(drill)
    for inject in sorted(result.injects, key=lambda i: i.at):
        lines.append(f"| {format_clock(inject.at)} | {_cell(inject.describe())} | {'yes' if id(inject) in live else ''} |")
    lines += ["", "## Tasks", "", "| step | from → to | status | via | by | at | deadline |",
              "|---|---|---|---|---|---|---|"]
    for task in result.tasks:
        lines.append(f"| {task.step.id} | {task.sender_plan} → {task.recipient} | {live_status(task)} | "
                     f"{task.via or '—'} | {task.by or '—'} | {format_clock(task.at) if task.at is not None else '—'} | "
                     f"{format_clock(task.within) if task.within is not None else '—'} |")
    if drill.observations:
        lines += ["", "## Observations", "", "| at | observation |", "|---|---|"]
        lines += [f"| {format_clock(at)} | {_cell(text)} |" for at, text in drill.observations]
    failures = [(task, a) for task in result.tasks for a in task.attempts if not a.ok and a.reason]
    if failures:
        lines += ["", "## Why attempts failed", ""]
        for task, attempt in failures:
            lines.append(f"- {format_duration(attempt.start)} {task.step.id} "
                         f"{task.sender or task.sender_plan} → {attempt.to} via {attempt.via}: {attempt.reason}")
    return "\n".join(lines) + "\n"


def export_report(drill: LiveDrill, directory: str | Path,
                  inputs: list[str] | None = None) -> tuple[Path, ...]:
    """Write ``<scenario>-after-action-<hh>h<mm>.md``, ``.json`` and (once ended) ``.html`` in ``directory``.

    The drill time is in the names, so exporting again later does not overwrite
    an earlier export.  Returns the three paths.
    """
    from drill.reports.aar_html import render_record_html
    from drill.tui.record import drill_record

    folder = Path(directory)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in drill.scenario.id)
    stem = f"{safe}-after-action-{format_clock(drill.now)[2:].replace(':', 'h')}"
    markdown, data, html = (folder / f"{stem}.{ext}" for ext in ("md", "json", "html"))
    sources = inputs or [drill.scenario.path, drill.scenario.plan_path]
    result = live_result(drill)
    write_atomic(str(markdown), after_action_markdown(drill, result), inputs=sources)
    write_atomic(str(data), json.dumps(export_data(drill), ensure_ascii=False, indent=2) + "\n", inputs=sources)
    if not drill.finished:  # the HTML report is of a finished drill: every task has its final status
        return markdown, data
    write_atomic(str(html), render_record_html(drill_record(drill), drill.scenario.plan), inputs=sources)
    return markdown, data, html
