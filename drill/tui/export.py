"""The after-action material the organiser writes with one key.

The same after-action reports as ``drill run --format markdown|html`` and
``drill report JOURNAL`` (one set of renderers, :mod:`drill.reports`), of the
drill as it stands: what is still under way is reported as not delivered, as
``drill report`` does with a journal that stops early.  Beside them, a JSON
file for tools: ``drill run --format json``'s shape with the live statuses,
the clock, and every inject with whether the organiser made it live.
Contact addresses are never written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drill.engine.events import InjectApplied
from drill.engine.journal import LiveDrill
from drill.engine.outcome import RunResult
from drill.loading.writing import write_atomic
from drill.model.durations import format_clock
from drill.reports.record import RunRecord, inject_to_dict, record_of_simulation
from drill.tui.describe import live_status
from drill.tui.record import observations

#: What ``x`` writes: the after-action report in these formats, and the JSON.
EXPORT_FORMATS = ("markdown", "html")


def live_result(drill: LiveDrill) -> RunResult:
    """The drill's result as it stands, finished or not (unfinished tasks count as ``pending``)."""
    return drill.result()


def _live_injects(drill: LiveDrill) -> set[int]:
    """Identities of the injects the organiser made during the drill."""
    return {id(e.inject) for e in drill.sim.events if isinstance(e, InjectApplied) and e.live}


def export_data(drill: LiveDrill) -> dict[str, Any]:
    """``drill run --format json``'s shape, plus the clock, the injects and which were live."""
    result = live_result(drill)
    data = RunRecord.from_result(result).to_dict()
    for entry, task in zip(data["tasks"], result.tasks, strict=True):
        entry["status"] = live_status(task)
    live = _live_injects(drill)
    data["clock"] = drill.now
    data["finished"] = drill.finished
    data["injects"] = [dict(inject_to_dict(i), live=id(i) in live) for i in result.injects]
    data["observations"] = observations(drill)
    return data


def after_action(drill: LiveDrill, fmt: str = "markdown") -> str:
    """The after-action report of the drill as it stands, as ``drill run --format FMT`` writes it."""
    from drill.reports.aar_html import render_record_html
    from drill.reports.aar_markdown import render_record_markdown

    result = record_of_simulation(drill.sim, "stop")
    record = RunRecord.from_result(result).to_dict()
    record["observations"] = observations(drill)  # the organiser's notes, in the timeline
    plan = result.scenario.plan
    if fmt == "html":
        return render_record_html(record, plan, layout="builtin")
    return render_record_markdown(record, plan)


def after_action_markdown(drill: LiveDrill) -> str:
    return after_action(drill, "markdown")


_SUFFIX = {"markdown": "md", "html": "html"}


def export_report(drill: LiveDrill, directory: str | Path, inputs: list[str] | None = None,
                  formats: tuple[str, ...] = EXPORT_FORMATS) -> tuple[Path, ...]:
    """Write ``<scenario>-after-action.md``, ``.html`` and ``.json`` in ``directory``.

    The drill time is in the names (``-after-action-HHhMM``), so a later export
    never overwrites an earlier one.  Returns every report and the JSON file.
    """
    folder = Path(directory)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in drill.scenario.id)
    sources = inputs or [drill.scenario.path, drill.scenario.plan_path]
    stamp = format_clock(drill.now)[2:].replace(":", "h")
    reports = []
    for fmt in formats:
        path = folder / f"{safe}-after-action-{stamp}.{_SUFFIX[fmt]}"
        write_atomic(str(path), after_action(drill, fmt), inputs=sources)
        reports.append(path)
    data = folder / f"{safe}-after-action-{stamp}.json"
    write_atomic(str(data), json.dumps(export_data(drill), ensure_ascii=False, indent=2) + "\n", inputs=sources)
    return (*reports, data)
