"""``--probability`` and ``--importance``: exact numbers for every task and party entry.

Built on :mod:`drill.analysis.probability` (the BDDs) and
:mod:`drill.analysis.importance` (SCRAM's factors); attached to an
:class:`~drill.analysis.results.Analysis` as ``analysis.risk``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drill.analysis.importance import EventImportance, PlanImportance, plan_importance, task_importance
from drill.analysis.probability import Structure
from drill.analysis.results import Analysis, PartyResult, TaskResult


@dataclass(frozen=True)
class Risk:
    """Aligned with ``analysis.tasks`` and ``analysis.parties``."""

    p_silenced: tuple[float, ...]
    p_uninformed: tuple[float, ...]
    importance: tuple[tuple[EventImportance, ...], ...] | None = None
    components: tuple[PlanImportance, ...] = ()
    moment: str | None = None
    """``"sat 22:00"`` when the analysis ran at one moment of the week (``--at``)."""
    windows: tuple = field(default=())


def compute_risk(analysis: Analysis, importance: bool = False, moment: str | None = None) -> Risk:
    structure = Structure(analysis.plan, _events(analysis))
    functions = [structure.all_dead(task.supports) for task in analysis.tasks]
    p_silenced = tuple(structure.probability(f) for f in functions)
    p_uninformed = tuple(_parties(structure, analysis))
    if not importance:
        return Risk(p_silenced, p_uninformed, moment=moment)
    factors = tuple(tuple(task_importance(structure, f, p, _cut_events(task)))
                    for task, f, p in zip(analysis.tasks, functions, p_silenced, strict=True))
    return Risk(p_silenced, p_uninformed, factors, tuple(plan_importance(analysis.plan, factors)),
                moment=moment)


def _events(analysis: Analysis) -> list[str]:
    """Every event of the plan, plan order (components, then channels)."""
    plan = analysis.plan
    return list(plan.components) + [c for c in plan.channels if c not in plan.components]


def _cut_events(task: TaskResult) -> list[str]:
    return sorted({event for cut in task.cut_sets for event in cut})


def _parties(structure: Structure, analysis: Analysis) -> list[float]:
    """p_uninformed of every party entry, one reachability fixpoint per (procedure, origin)."""
    by_graph: dict[tuple[str, str], list[tuple[int, PartyResult]]] = {}
    for i, entry in enumerate(analysis.parties):
        by_graph.setdefault((entry.procedure, entry.origin), []).append((i, entry))
    out = [0.0] * len(analysis.parties)
    for key, entries in by_graph.items():
        graph = analysis.graphs[key]
        edges = [(src, dst, support) for (src, dst, _), support in zip(graph.edges, graph.supports, strict=True)]
        reached = structure.reach(len(graph.nodes), edges)
        for i, entry in entries:
            informed = structure.bdd.false
            for node in graph.nodes_of[entry.party]:
                informed = informed | reached[node]
            out[i] = structure.probability(~informed)
    return out
