"""``--probability`` and ``--importance``: exact numbers for every task and party entry.

Built on :mod:`drill.analysis.probability` (the BDDs) and
:mod:`drill.analysis.importance` (SCRAM's factors); attached to an
:class:`~drill.analysis.results.Analysis` as ``analysis.risk``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dd.autoref import BDD

from drill.analysis.cutsets import classes_of
from drill.analysis.importance import (
    EventImportance,
    PlanImportance,
    plan_importance,
    task_importance,
)
from drill.analysis.parties import PartyShapes, Shape, ShapeKey, ShapeMemo
from drill.analysis.probability import Structure, _probability
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
    """p_uninformed of every party entry.

    A party's event depends only on the part of the step graph that can reach
    it, and on each class of events (events that kill the same edges,
    :func:`~drill.analysis.cutsets.classes_of`) only through the probability
    that some event of the class fails; classes are disjoint, hence
    independent.  So each distinct (shape, class probabilities) is solved once,
    exactly, on a small BDD over its classes (:class:`ShapeSolver`).
    """
    by_graph: dict[tuple[str, str], list[tuple[int, PartyResult]]] = {}
    for i, entry in enumerate(analysis.parties):
        by_graph.setdefault((entry.procedure, entry.origin), []).append((i, entry))
    out = [0.0] * len(analysis.parties)
    solver = ShapeSolver()
    memo = ShapeMemo()
    for key, entries in by_graph.items():
        graph = analysis.graphs[key]
        classes = classes_of(graph.supports)
        q = [_any_fails(structure, members) for members in classes.members]
        shapes = PartyShapes(graph, classes, memo)
        for i, entry in entries:
            shape, class_global = shapes.shape(graph.nodes_of[entry.party])
            out[i] = solver.uninformed(shapes, shape, tuple(q[c] for c in class_global))
    return out


def _any_fails(structure: Structure, members: tuple[str, ...]) -> float:
    works = 1.0
    for event in members:
        works *= 1.0 - structure.p[event]
    return 1.0 - works


class ShapeSolver:
    """P(no path from node 0 to a target) of a shape, one BDD variable per local class."""

    def __init__(self) -> None:
        self.bdd = BDD()
        self.declared = 0
        self.memo: dict[tuple, float] = {}

    def uninformed(self, shapes: PartyShapes, shape: ShapeKey, q: tuple[float, ...]) -> float:
        """P(uninformed) of the party with ``shape`` (a key of ``shapes``' memo), class probabilities ``q``."""
        key = (shape, q)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._solve(shapes.full(shape), q)
        return found

    def _solve(self, shape: Shape, q: tuple[float, ...]) -> float:
        shape_edges, targets = shape
        while self.declared < len(q):
            self.bdd.declare(f"c{self.declared}")
            self.declared += 1
        n_nodes = 1 + max([0, *(max(s, d) for s, d, _ in shape_edges)])
        bdd = self.bdd
        edges = []
        for src, dst, local in shape_edges:
            up = bdd.true
            for cl in local:
                up = up & ~bdd.var(f"c{cl}")
            edges.append((src, dst, up))
        reached = [bdd.false] * n_nodes
        reached[0] = bdd.true
        changed = True
        while changed:
            changed = False
            for src, dst, up in edges:
                grown = reached[dst] | (reached[src] & up)
                if grown != reached[dst]:
                    reached[dst], changed = grown, True
        informed = bdd.false
        for t in targets:
            informed = informed | reached[t]
        levels = {bdd.var_levels[f"c{i}"]: p for i, p in enumerate(q)}
        return _probability(bdd, int(~informed), levels, {})
