"""Single points of failure cross-checked against networkx dominators.

For a task, lay each candidate out as a chain source -> its support events in
one global order -> sink, sharing event nodes between chains.  Because every
chain is sorted the same way, no path can jump over an event that lies on
every chain, so the dominators of the sink are exactly the events that kill
every candidate: the task's order-1 cut sets.

For parties end to end, every candidate edge of the step graph that dominates
the party's node makes each event of its support a single point of failure.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from drill.analysis.closure import Closure
from drill.analysis.cutsets import procedure_origins, procedure_tasks, task_cut_sets
from drill.analysis.parties import StepGraph, party_cut_sets
from drill.loading import load_plan
from tests.conftest import EXAMPLES, PLANS

PLAN_FILES = [EXAMPLES / "plan.yaml", *sorted(PLANS.glob("*.yaml"))]


def _dominators(graph: nx.DiGraph, source: str, target: str) -> set[str]:
    idom = nx.immediate_dominators(graph, source)
    out = set()
    node = target
    # networkx versions differ on whether the source maps to itself
    while node != source and idom.get(node, source) != node:
        node = idom[node]
        out.add(node)
    out.discard(source)
    return out


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_task_single_points_are_the_sink_dominators(path: Path) -> None:
    plan = load_plan(str(path))
    closure = Closure(plan)
    checked = 0
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, 1)
            if not found.candidates:
                continue
            graph = nx.DiGraph()
            for support in found.supports:
                chain = ["<source>", *sorted(support), "<sink>"]
                nx.add_path(graph, chain)
            expected = {c[0] for c in found.cut_sets}
            assert _dominators(graph, "<source>", "<sink>") == expected, ref
            checked += 1
    assert checked


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_dominating_edges_give_party_single_points(path: Path) -> None:
    plan = load_plan(str(path))
    closure = Closure(plan)
    for procedure in list(plan.procedures.values()):
        for origin in procedure_origins(plan, procedure)[:3]:
            step_graph: StepGraph
            step_graph, cuts = party_cut_sets(plan, closure, procedure, origin, 1)
            graph = nx.DiGraph()
            for e, (src, dst, _) in enumerate(step_graph.edges):
                graph.add_edge(("n", src), ("e", e))
                graph.add_edge(("e", e), ("n", dst))
            for party, cut_sets in cuts.items():
                sink = ("party", party)
                for node in step_graph.nodes_of[party]:
                    graph.add_edge(("n", node), sink)
                singles = {c[0] for c in cut_sets}
                for kind, index in _dominators(graph, ("n", 0), sink):  # type: ignore[arg-type]
                    if kind == "e":
                        assert step_graph.supports[index] <= singles, (procedure.id, origin, party)
                graph.remove_node(sink)
