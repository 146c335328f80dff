"""A live drill's run record: ``drill run --format json``'s shape plus what only a journal knows.

Each inject carries ``"live"`` (the organiser made it during the drill) and the
injects are listed in the order the drill applied them (by drill time; at the
same time, the order they were applied in).  ``"observations"`` lists the
organiser's notes as ``{"at": MINUTES, "text": TEXT}`` (FORMAT.md 7.6).  Used
by ``drill replay`` and by the control room's exports; Textual is not needed.
"""

from __future__ import annotations

from typing import Any

from drill.engine.events import InjectApplied
from drill.engine.journal import LiveDrill
from drill.engine.outcome import RunResult
from drill.reports.run_json import inject_to_dict, run_to_dict


def ordered_injects(drill: LiveDrill, result: RunResult) -> list[dict[str, Any]]:
    """Every inject with its ``live`` flag, in the order the drill applied them."""
    live = {id(e.inject) for e in drill.sim.events if isinstance(e, InjectApplied) and e.live}
    order = sorted(range(len(result.injects)), key=lambda i: (result.injects[i].at, i))
    return [dict(inject_to_dict(result.injects[i]), live=id(result.injects[i]) in live) for i in order]


def observations(drill: LiveDrill) -> list[dict[str, Any]]:
    return [{"at": float(at), "text": text} for at, text in drill.observations]


def drill_record(drill: LiveDrill, result: RunResult | None = None) -> dict[str, Any]:
    """The run record of a (finished or replayed) live drill."""
    result = result or drill.result()
    data = run_to_dict(result)
    data["injects"] = ordered_injects(drill, result)
    data["observations"] = observations(drill)
    return data
