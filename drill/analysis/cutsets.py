"""Minimal cut sets of tasks and of parties being informed (FORMAT.md 3, static part).

A cut set is a minimal non-empty set of failed events (component and channel
ids) that makes a notification impossible.  Both kinds are computed by the
same search:

* Each thing that can carry a message (a task's candidate, or an edge of the
  step graph "actor a, acting for P, reaches r, who then acts for R") has a
  *support* (:mod:`drill.analysis.closure`): the events any one of which
  kills it.  Events that kill exactly the same edges are interchangeable, so
  they are grouped into classes keyed by that bitmask (a Python int, one bit
  per edge); the search runs over classes and expands them at the end.
* The search asks for a *proof* that the target still gets through with the
  current failures — an alive candidate, or a shortest path of alive edges
  from the origin — and branches only on the classes that kill part of it.
  Any cut must break every proof, so every minimal cut of order <= K is found;
  sets that turn out not to be minimal are dropped.  Depth is at most K, and
  the branching factor is the number of classes on one short proof, which
  keeps the search fast on plans with hundreds of components.
* A party's search depends only on the *shape* of the part of the step graph
  that can reach it (see :data:`Shape`); on a national plan, hundreds of
  thousands of party entries have a few dozen shapes, each searched once.

The brute-force enumerator in the tests checks this against the definition.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from drill import i18n
from drill.analysis.closure import Candidate, Closure
from drill.model.limits import cap, over_cap
from drill.model.plan import Plan, Procedure, Step

MAX_ORDER = 4

CutSet = tuple[str, ...]


def sort_cut_sets(cut_sets: set[CutSet] | list[CutSet]) -> list[CutSet]:
    """Section 4 order: by order, then lexicographically (ids sorted inside)."""
    return sorted({tuple(sorted(c)) for c in cut_sets}, key=lambda c: (len(c), c))


@dataclass
class _Classes:
    masks: list[int]
    members: list[tuple[str, ...]]
    by_edge: list[list[int]]
    """For every edge, the classes that kill it."""
    expanded: dict[int, list[CutSet]] = field(default_factory=dict)
    """Cut sets of events for a set of classes (a bitmask of class indexes), computed once."""
    interned: dict[CutSet, CutSet] | None = None
    """One tuple object per distinct cut set, shared by every target that has it."""


def _classes(supports: Sequence[frozenset[str]], interned: dict[CutSet, CutSet] | None = None) -> _Classes:
    """Group events by the edges they kill; classes in order of their first member's id."""
    masks: dict[str, int] = {}
    get = masks.get
    for index, support in enumerate(supports):
        bit = 1 << index
        for event in support:
            masks[event] = get(event, 0) | bit
    grouped: dict[int, list[str]] = {}
    for event, mask in masks.items():
        members = grouped.get(mask)
        if members is None:
            grouped[mask] = [event]
        else:
            members.append(event)
    ordered = sorted((sorted(events), mask) for mask, events in grouped.items())
    by_edge: list[list[int]] = [[] for _ in supports]
    for ci, (_, mask) in enumerate(ordered):
        while mask:
            low = mask & -mask
            by_edge[low.bit_length() - 1].append(ci)
            mask ^= low
    return _Classes([m for _, m in ordered], [tuple(ev) for ev, _ in ordered], by_edge,
                    interned=interned)


classes_of = _classes
"""Public name of :func:`_classes` (the probability analysis groups events the same way)."""


def minimal_cuts(classes: _Classes, proof: Callable[[int], int | None], order: int,
                 what: str = "") -> list[CutSet]:
    """Minimal cut sets up to ``order`` for one target.

    ``proof(kill_mask)`` returns a bitmask of alive edges that still carry the
    target when the edges in ``kill_mask`` are dead, or None when it is cut.
    """
    found = _minimal_class_sets(classes.masks, classes.by_edge, proof, order)
    return _expand_all(classes, found, what)


def _minimal_class_sets(masks: list[int], by_edge: list[list[int]],
                        proof: Callable[[int], int | None], order: int) -> list[int]:
    """The minimal sets of classes (bitmasks of class indexes) of size <= ``order`` that cut.

    Sets of classes are ints, not frozensets: this runs for every task and
    (through :func:`_party_class_sets`) every distinct shape of party entry.
    """
    cache: dict[int, int | None] = {}

    def prove(kill: int) -> int | None:
        if kill in cache:
            return cache[kill]
        result = cache[kill] = proof(kill)
        return result

    if prove(0) is None:
        return []
    found: list[int] = []
    seen: set[int] = {0}
    # (chosen classes as a bitmask, their kill mask, the chosen class indexes)
    stack: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())]
    while stack:
        chosen_bits, kill, chosen = stack.pop()
        witness = prove(kill)
        if witness is None:
            if len(chosen) == 1 or all(
                    prove(_without(chosen, ci, masks)) is not None for ci in chosen):
                found.append(chosen_bits)
            continue
        if len(chosen) >= order:
            continue
        branch: set[int] = set()
        while witness:
            low = witness & -witness
            branch.update(by_edge[low.bit_length() - 1])
            witness ^= low
        for ci in branch:
            grown = chosen_bits | (1 << ci)
            if grown not in seen:
                seen.add(grown)
                stack.append((grown, kill | masks[ci], (*chosen, ci)))
    return found


def _expand_all(classes: _Classes, found: list[int], what: str | Callable[[], str] = "",
                limit: int | None = None) -> list[CutSet]:
    """Event cut sets of the class sets ``found``, in section 4 order.

    ``what`` (or a function making it, called only on error) names the target in
    the cap's message; ``limit`` is the cap, when the caller has read it already.
    """
    out: list[CutSet] = []
    limit = cap("cut_sets") if limit is None else limit
    expanded = classes.expanded
    for chosen_bits in found:
        cuts = expanded.get(chosen_bits)
        size = len(cuts) if cuts is not None else math.prod(len(classes.members[ci]) for ci in _bits(chosen_bits))
        if len(out) + size > limit:
            raise over_cap((what() if callable(what) else what) or "?", limit, "cut_sets",
                           i18n._("analyze with a lower --order (--order 1 lists single points of failure)"))
        out.extend(_expand(classes, chosen_bits) if cuts is None else cuts)
    out.sort()
    out.sort(key=len)  # stable: by order, then lexicographically
    return out


def _expand(classes: _Classes, chosen_bits: int) -> list[CutSet]:
    """The event cut sets of one set of classes: every choice of one event per class."""
    cuts = classes.expanded.get(chosen_bits)
    if cuts is None:
        members = [classes.members[ci] for ci in _bits(chosen_bits)]
        interned = classes.interned
        cuts = []
        for combo in itertools.product(*members):
            cut = tuple(sorted(combo))
            if interned is not None:
                cut = interned.setdefault(cut, cut)
            cuts.append(cut)
        classes.expanded[chosen_bits] = cuts
    return cuts


def _bits(mask: int) -> list[int]:
    """Indexes of the set bits of ``mask``, lowest first (cost per set bit, not per bit)."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _without(chosen: tuple[int, ...], drop: int, masks: list[int]) -> int:
    kill = 0
    for ci in chosen:
        if ci != drop:
            kill |= masks[ci]
    return kill


# -- tasks -------------------------------------------------------------------

@dataclass(frozen=True)
class TaskRef:
    """One task of a procedure as analyze sees it: (step, from, to), nominal sender."""

    procedure: Procedure
    step: Step
    step_index: int
    sender: str
    recipient: str
    origins: tuple[str, ...]
    """The origins under which this task exists (every origin for fixed senders)."""


def procedure_origins(plan: Plan, procedure: Procedure) -> list[str]:
    """``origins:`` expanded, else every party in plan order."""
    if procedure.origins is None:
        return list(plan.parties)
    return plan.expand(procedure.origins)


def procedure_tasks(plan: Plan, procedure: Procedure) -> list[TaskRef]:
    """Every distinct task over every origin, in section 4 order.

    Origins in order; for each, steps in order and recipients in order; a task
    already listed under an earlier origin is not repeated.
    """
    found: dict[tuple[str, str, str], list] = {}
    order: list[tuple[str, str, str]] = []
    limit = cap("tasks")
    for origin in procedure_origins(plan, procedure):
        for index, step in enumerate(procedure.steps):
            recipients = plan.expand(step.to, origin)
            for sender in plan.senders_for(step, origin):  # FORMAT.md 7.1: one task set per sender
                for recipient in recipients:
                    if recipient == sender:
                        continue
                    key = (step.id, sender, recipient)
                    if key not in found:
                        found[key] = [step, index, sender, recipient, []]
                        order.append(key)
                        if len(order) > limit:
                            raise over_cap(f"procedure '{procedure.id}'", limit, "tasks",
                                           i18n._("list the procedure's origins: instead of letting every "
                                                  "party be the origin, or split the procedure"))
                    found[key][4].append(origin)
    return [TaskRef(procedure, step, index, sender, recipient, tuple(origins))
            for step, index, sender, recipient, origins in (found[k] for k in order)]


@dataclass(frozen=True)
class TaskCutSets:
    task: TaskRef
    candidates: tuple[Candidate, ...]
    supports: tuple[frozenset[str], ...]
    cut_sets: tuple[CutSet, ...]


def task_cut_sets(plan: Plan, closure: Closure, task: TaskRef, order: int,
                  event_rank: dict[str, int], *,
                  interned: dict[CutSet, CutSet] | None = None) -> TaskCutSets:
    """A task's own possibility with its nominal sender as the actor.

    ``interned`` (optional) makes equal cut sets one shared tuple across calls.
    """
    cands = list(closure.candidates(task.sender, task.recipient, task.step.via))
    supports = [closure.support(task.sender, c) for c in cands]
    if not cands:
        return TaskCutSets(task, (), (), ())
    classes = _classes(supports, interned)
    full = (1 << len(cands)) - 1
    weight = [len(classes.by_edge[i]) for i in range(len(cands))]

    def proof(kill: int) -> int | None:
        alive = full & ~kill
        if not alive:
            return None
        best, best_weight = 0, None
        for index in range(len(cands)):
            if alive >> index & 1 and (best_weight is None or weight[index] < best_weight):
                best, best_weight = index, weight[index]
        return 1 << best

    cuts = minimal_cuts(classes, proof, order,
                        f"step '{task.step.id}' ({task.sender} -> {task.recipient})")
    return TaskCutSets(task, tuple(cands), tuple(supports), tuple(cuts))


# -- parties end to end ------------------------------------------------------------

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


def party_cut_sets(plan: Plan, closure: Closure, procedure: Procedure, origin: str, order: int,
                   event_rank: dict[str, int], *, interned: dict[CutSet, CutSet] | None = None,
                   shapes: dict[Shape, list[tuple[int, ...]]] | None = None,
                   ) -> tuple[StepGraph, dict[str, list[CutSet]]]:
    """End-to-end cut sets for every party informed from ``origin`` (the origin aside).

    Each party's proofs are searched only in the part of the step graph that
    can reach it (its ancestors): with hundreds of recipients of one alert,
    that part is a handful of edges, not the whole graph.  ``shapes`` is a
    memo of solved shapes (see :data:`Shape`) to share between origins; give
    the same dict only for the same ``order``.
    """
    graph = StepGraph(plan, closure, procedure, origin)
    classes = _classes(graph.supports, interned)
    into: list[list[int]] = [[] for _ in graph.nodes]
    for e, (_, dst, _) in enumerate(graph.edges):
        into[dst].append(e)
    memo: dict[Shape, list[tuple[int, ...]]] = {} if shapes is None else shapes
    out: dict[str, list[CutSet]] = {}
    limit = cap("cut_sets")
    for party in graph.informed:
        if party == origin:
            continue
        found = _party_class_sets(graph, into, classes, graph.nodes_of[party], order, memo)
        out[party] = _expand_all(classes, found, functools.partial(_party_what, procedure.id, origin, party), limit)
    return graph, out


def _party_what(procedure: str, origin: str, party: str) -> str:
    return f"procedure '{procedure}' from {origin}: party {party}"


Shape = tuple[tuple[tuple[int, int, tuple[int, ...]], ...], tuple[int, ...]]
"""A party's problem up to renaming: its edges (local source, local target, local classes)
and its target nodes, numbered by first appearance.

Why shapes: a national alert reaches 3,500 parties along a few identical patterns (the
prefecture, its duty officer, the municipality, its duty officer), and every
municipality of a prefecture reports an incident along the same pattern.  The
minimal cut sets of a party depend only on which classes of events kill which
edges of the part of the step graph that can reach it, so parties whose parts
are the same up to renaming get the same answer, renamed.  A memo of solved
shapes holds only small tuples of ints."""


def _party_class_sets(graph: StepGraph, into: list[list[int]], classes: _Classes, targets: list[int],
                      order: int, memo: dict[Shape, list[tuple[int, ...]]]) -> list[int]:
    """Minimal class sets (bitmasks of ``classes``) that keep every node of one party unreached.

    The search runs on the party's ancestors only, renamed to a canonical
    shape, and is solved once per shape in ``memo``.
    """
    shape, class_global = party_shape(graph, into, classes, targets)
    solved = memo.get(shape)
    if solved is None:
        solved = memo[shape] = _solve_shape(shape, len(class_global), order)
    out = []
    for local_set in solved:
        bits = 0
        for cl in local_set:
            bits |= 1 << class_global[cl]
        out.append(bits)
    return out


def party_shape(graph: StepGraph, into: list[list[int]], classes: _Classes, targets: list[int]
                ) -> tuple[Shape, list[int]]:
    """The :data:`Shape` of the ancestors of ``targets`` and its local -> global class indexes."""
    edges = graph.edges
    ancestors = set(targets)
    stack = list(targets)
    relevant: list[int] = []
    while stack:
        node = stack.pop()
        for e in into[node]:
            relevant.append(e)
            src = edges[e][0]
            if src not in ancestors:
                ancestors.add(src)
                stack.append(src)
    relevant.sort()
    node_local: dict[int, int] = {0: 0}
    class_local: dict[int, int] = {}
    class_global: list[int] = []
    by_edge = classes.by_edge
    shape_edges = []
    for e in relevant:
        src, dst, _ = edges[e]
        s = node_local.setdefault(src, len(node_local))
        d = node_local.setdefault(dst, len(node_local))
        local_classes = []
        for ci in by_edge[e]:
            cl = class_local.get(ci)
            if cl is None:
                cl = class_local[ci] = len(class_global)
                class_global.append(ci)
            local_classes.append(cl)
        shape_edges.append((s, d, tuple(local_classes)))
    shape: Shape = (tuple(shape_edges), tuple(sorted(node_local[t] for t in targets)))
    return shape, class_global


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

    return [tuple(_bits(bits)) for bits in _minimal_class_sets(masks, by_edge, proof, order)]
