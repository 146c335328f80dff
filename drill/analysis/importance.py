"""Importance factors as SCRAM defines them (``--importance``).

For a top event T (a task silenced) and a basic event e with probability p,
with P1 = P(T | e failed) and P0 = P(T | e works), all computed exactly on
the BDD (:class:`drill.analysis.probability.Structure`):

* ``birnbaum`` (SCRAM's MIF, marginal importance) = P1 - P0
* ``fussell_vesely`` (SCRAM's DIF, diagnosis importance) = p P1 / P(T)
* ``raw`` (risk achievement worth) = P1 / P(T)
* ``rrw`` (risk reduction worth) = P(T) / P0  (``None`` when P0 = 0: infinite)

The plan-level table ranks components and channels by the *sum* of their
Birnbaum factors over all tasks: d E[tasks silenced] / d p_e, how much the
expected number of silenced tasks grows per unit of the event's p_fail; it
also gives the number of tasks the event appears in and its largest RAW.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from drill.analysis.probability import Structure
from drill.model.plan import Plan


@dataclass(frozen=True)
class EventImportance:
    event: str
    birnbaum: float
    fussell_vesely: float
    raw: float
    rrw: float | None


@dataclass(frozen=True)
class PlanImportance:
    """One row of the plan-level table."""

    event: str
    kind: str
    tasks: int
    birnbaum_sum: float
    raw_max: float
    p_fail: float


def task_importance(structure: Structure, function: Any, p_top: float,
                    events: Sequence[str]) -> list[EventImportance]:
    out = []
    for event in events:
        p = structure.p[event]
        p1 = structure.probability(function, {event: 1.0})
        p0 = structure.probability(function, {event: 0.0})
        out.append(EventImportance(
            event, p1 - p0,
            p * p1 / p_top if p_top else 0.0,
            p1 / p_top if p_top else 0.0,
            p_top / p0 if p0 else None))
    return out


def plan_importance(plan: Plan, factors: Iterable[Iterable[EventImportance]]) -> list[PlanImportance]:
    """Events by the sum of their Birnbaum factors over the tasks, largest first, then id."""
    sums: dict[str, list[float]] = {}
    for task in factors:
        for f in task:
            row = sums.setdefault(f.event, [0, 0.0, 0.0])
            row[0] += 1
            row[1] += f.birnbaum
            row[2] = max(row[2], f.raw)
    rows = [PlanImportance(event, "channel" if event in plan.channels else "component", int(n), total,
                           raw, _p(plan, event))
            for event, (n, total, raw) in sums.items()]
    return sorted(rows, key=lambda r: (-r.birnbaum_sum, r.event))


def _p(plan: Plan, event: str) -> float:
    from drill.analysis.probability import p_fail_of

    return p_fail_of(plan, event)
