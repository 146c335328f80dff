"""Cut sets of parties being informed end to end (FORMAT.md 3, static part; section 4's ``parties``).

A party is informed when some path of alive edges of the :class:`StepGraph`
leads from the origin to one of its nodes; its cut sets are found by the
search of :mod:`drill.analysis.cutsets` with shortest alive paths as proofs.
A party's search depends only on the :data:`Shape` of the part of the graph
that can reach it, solved once per shape (:class:`ShapeMemo`).
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, field

from drill.analysis.closure import Closure
from drill.analysis.cutsets import (
    Classes,
    CutSet,
    CutTable,
    bits_of,
    classes_of,
    expand_all,
    minimal_class_sets,
)
from drill.model.limits import cap
from drill.model.plan import Plan, Procedure, Step

Node = tuple[str, str]
"""(actor, principal): ``actor`` has been informed and acts for ``principal``."""


class StepGraph:
    """Who can reach whom, acting for whom, from one origin of one procedure.

    Nodes are (actor, principal) pairs reachable with nothing failed; an edge
    is one candidate of one task from one actor.  Parallel candidates over the
    same channel between the same nodes are one edge (they have one support).
    A deputy informed for its principal is informed, so it also acts for
    itself (rule 6): an edge with an empty support, which nothing kills.
    """

    def __init__(self, plan: Plan, closure: Closure, procedure: Procedure, origin: str):
        self.origin = origin
        self.start: Node = (origin, origin)
        steps_by_sender: dict[str, list[Step]] = {}
        for step in procedure.steps:
            for sender in plan.senders_for(step, origin):
                steps_by_sender.setdefault(sender, []).append(step)
        self.nodes: list[Node] = [self.start]
        index: dict[Node, int] = {self.start: 0}
        self.edges: list[tuple[int, int, str]] = []
        self.supports: list[frozenset[str]] = []
        seen_edges: set[tuple[int, int, str]] = set()
        queue = deque([self.start])
        while queue:
            actor, principal = queue.popleft()
            src = index[(actor, principal)]
            for step in steps_by_sender.get(principal, ()):
                for recipient in closure.expand(step.to, origin):
                    if recipient == principal:
                        continue
                    for party, channel in closure.candidates(actor, recipient, step.via):
                        self._edge(src, (party, recipient), channel,
                                   closure.support(actor, (party, channel)), index, seen_edges, queue)
                        if party != recipient:
                            # Rule 6: an informed party also starts its own steps.
                            self._edge(index[(party, recipient)], (party, party), "", frozenset(),
                                       index, seen_edges, queue)
        self.out: list[list[tuple[int, int]]] = [[] for _ in self.nodes]
        for e, (src, dst, _) in enumerate(self.edges):
            self.out[src].append((e, dst))
        self.informed: list[str] = sorted({actor for actor, _ in self.nodes})
        self.nodes_of: dict[str, list[int]] = {}
        for i, (actor, _) in enumerate(self.nodes):
            self.nodes_of.setdefault(actor, []).append(i)

    def _edge(self, src: int, node: Node, channel: str, support: frozenset[str],
              index: dict[Node, int], seen: set[tuple[int, int, str]], queue: deque[Node]) -> None:
        if node not in index:
            index[node] = len(self.nodes)
            self.nodes.append(node)
            queue.append(node)
        key = (src, index[node], channel)
        if key not in seen:
            seen.add(key)
            self.edges.append(key)
            self.supports.append(support)


def party_cut_sets(plan: Plan, closure: Closure, procedure: Procedure, origin: str, order: int, *,
                   table: CutTable | None = None, shapes: ShapeMemo | None = None,
                   ) -> tuple[StepGraph, dict[str, list[CutSet]]]:
    """End-to-end cut sets for every party informed from ``origin`` (the origin aside).

    Each party's proofs are searched only in the part of the step graph that
    can reach it (its ancestors): with hundreds of recipients of one alert,
    that part is a handful of edges, not the whole graph.  ``shapes`` is a
    memo of solved shapes to share between origins; give the same memo only
    for the same ``order``.  ``table`` (optional) shares cut sets between calls.
    """
    graph = StepGraph(plan, closure, procedure, origin)
    classes = classes_of(graph.supports, table)
    table, members = classes.table, classes.members
    memo = ShapeMemo() if shapes is None else shapes
    index = PartyShapes(graph, classes, memo)
    solved_shapes = memo.solved
    out: dict[str, list[CutSet]] = {}
    limit = cap("cut_sets")
    for party in graph.informed:
        if party == origin:
            continue
        key, class_global = index.shape(graph.nodes_of[party])
        solved = solved_shapes.get(key)
        if solved is None:
            solved = solved_shapes[key] = _solve_shape(index.full(key), len(class_global), order)
        found = [tuple([members[class_global[cl]] for cl in local_set]) for local_set in solved]
        out[party] = expand_all(table, found, functools.partial(_party_what, procedure.id, origin, party), limit)
    return graph, out


def _party_what(procedure: str, origin: str, party: str) -> str:
    return f"procedure '{procedure}' from {origin}: party {party}"


ShapeEdges = tuple[tuple[int, int, tuple[int, ...]], ...]
Shape = tuple[ShapeEdges, tuple[int, ...]]
"""A party's problem up to renaming: its edges (local source, local target, local classes)
and its target nodes, node 0 the origin.

Why shapes: a national alert reaches 3,500 parties along a few identical patterns (the
prefecture, its duty officer, the municipality, its duty officer), and every
municipality of a prefecture reports an incident along the same pattern.  The
minimal cut sets of a party depend only on which classes of events kill which
edges of the part of the step graph that can reach it, so parties whose parts
are the same up to renaming get the same answer, renamed."""

ShapeKey = tuple[int, ShapeEdges, tuple[int, ...]]
"""A :data:`Shape` as memo key: the id of its upstream part (:class:`ShapeMemo`), the edges
into the party, its targets.  Equal keys are equal shapes: the key describes every edge."""


@dataclass
class ShapeMemo:
    """Solved shapes, and the upstream parts of shapes, shared by the step graphs of one analysis."""

    solved: dict[ShapeKey, list[tuple[int, ...]]] = field(default_factory=dict)
    """Minimal sets of local classes of each shape (for one ``order``)."""
    upstream_ids: dict[ShapeEdges, int] = field(default_factory=dict)
    upstream: list[ShapeEdges] = field(default_factory=list)


@dataclass
class _Upstream:
    """The ancestors of a set of sender nodes, numbered: the first part of every shape that uses them."""

    id: int
    edges: frozenset[int]
    nodes: dict[int, int]
    classes: dict[int, int]
    class_global: list[int]


class PartyShapes:
    """The :data:`Shape` of each party of one step graph.

    A party's ancestors are the edges into its nodes plus the ancestors of the
    nodes those edges come from (its senders).  Most parties of a graph share
    their senders (every municipality of a prefecture hears from the
    prefecture and its duty officer), so that upstream part is walked and
    numbered once per graph, and only the few edges into each party are added.
    """

    def __init__(self, graph: StepGraph, classes: Classes, memo: ShapeMemo):
        self.graph, self.by_edge, self.memo = graph, classes.by_edge, memo
        self.into: list[list[int]] = [[] for _ in graph.nodes]
        for e, (_, dst, _) in enumerate(graph.edges):
            self.into[dst].append(e)
        self._upstream: dict[frozenset[int], _Upstream] = {}

    def shape(self, targets: list[int]) -> tuple[ShapeKey, list[int]]:
        """The key of the shape of the party with nodes ``targets``, and its local -> global class indexes."""
        edges, into = self.graph.edges, self.into
        last = sorted(e for t in targets for e in into[t])
        senders = frozenset(edges[e][0] for e in last).difference(targets)
        up = self._upstream.get(senders)
        if up is None:
            up = self._upstream[senders] = self._walk(senders)
        nodes, classes, class_global = dict(up.nodes), dict(up.classes), list(up.class_global)
        encode, done = self._encode, up.edges
        tail = tuple([encode(e, nodes, classes, class_global) for e in last if e not in done])
        return (up.id, tail, tuple(sorted(nodes[t] for t in targets))), class_global

    def full(self, key: ShapeKey) -> Shape:
        """The whole shape of a key (to solve it)."""
        upstream, tail, targets = key
        return self.memo.upstream[upstream] + tail, targets

    def _walk(self, senders: frozenset[int]) -> _Upstream:
        edges, into = self.graph.edges, self.into
        ancestors = set(senders)
        stack = list(senders)
        relevant: list[int] = []
        while stack:
            for e in into[stack.pop()]:
                relevant.append(e)
                src = edges[e][0]
                if src not in ancestors:
                    ancestors.add(src)
                    stack.append(src)
        relevant.sort()
        nodes: dict[int, int] = {0: 0}
        classes: dict[int, int] = {}
        class_global: list[int] = []
        encoded = tuple(self._encode(e, nodes, classes, class_global) for e in relevant)
        ids = self.memo.upstream_ids
        found = ids.get(encoded)
        if found is None:
            found = ids[encoded] = len(self.memo.upstream)
            self.memo.upstream.append(encoded)
        return _Upstream(found, frozenset(relevant), nodes, classes, class_global)

    def _encode(self, e: int, nodes: dict[int, int], classes: dict[int, int], class_global: list[int]
                ) -> tuple[int, int, tuple[int, ...]]:
        """Edge ``e`` in local numbers, numbering its nodes and classes on first appearance."""
        src, dst, _ = self.graph.edges[e]
        s = nodes.setdefault(src, len(nodes))
        d = nodes.setdefault(dst, len(nodes))
        local = []
        for ci in self.by_edge[e]:
            cl = classes.get(ci)
            if cl is None:
                cl = classes[ci] = len(class_global)
                class_global.append(ci)
            local.append(cl)
        return s, d, tuple(local)


def _solve_shape(shape: Shape, n_classes: int, order: int) -> list[tuple[int, ...]]:
    """Minimal class sets of one shape: shortest alive paths from node 0 to a target as proofs."""
    shape_edges, targets = shape
    masks = [0] * n_classes
    by_edge: list[list[int]] = []
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for index, (src, dst, local_classes) in enumerate(shape_edges):
        for cl in local_classes:
            masks[cl] |= 1 << index
        by_edge.append(list(local_classes))
        adjacency.setdefault(src, []).append((index, dst))
    goal = set(targets)

    def proof(kill: int) -> int | None:
        parent: dict[int, int] = {0: -1}
        queue = deque([0])
        found: int | None = 0 if 0 in goal else None
        while queue and found is None:
            node = queue.popleft()
            for e, dst in adjacency.get(node, ()):
                if dst not in parent and not (kill >> e) & 1:
                    parent[dst] = e
                    if dst in goal:
                        found = dst
                        break
                    queue.append(dst)
        if found is None:
            return None
        result = 0
        node = found
        while parent[node] >= 0:
            result |= 1 << parent[node]
            node = shape_edges[parent[node]][0]
        return result

    return [tuple(bits_of(bits)) for bits in minimal_class_sets(masks, by_edge, proof, order)]
