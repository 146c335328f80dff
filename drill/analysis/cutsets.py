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

The brute-force enumerator in the tests checks this against the definition.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from drill.analysis.closure import Candidate, Closure, candidates
from drill.model.plan import ORIGIN, Plan, Procedure, Step

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


def _classes(supports: Sequence[frozenset[str]], event_rank: dict[str, int]) -> _Classes:
    masks: dict[str, int] = {}
    for index, support in enumerate(supports):
        bit = 1 << index
        for event in support:
            masks[event] = masks.get(event, 0) | bit
    grouped: dict[int, list[str]] = {}
    for event in sorted(masks, key=lambda e: (event_rank.get(e, len(event_rank)), e)):
        grouped.setdefault(masks[event], []).append(event)
    ordered = sorted(grouped.items(), key=lambda item: sorted(item[1])[0])
    by_edge: list[list[int]] = [[] for _ in supports]
    for ci, (mask, _) in enumerate(ordered):
        for index in _bits(mask):
            by_edge[index].append(ci)
    return _Classes([m for m, _ in ordered], [tuple(sorted(ev)) for _, ev in ordered], by_edge)


def minimal_cuts(classes: _Classes, proof: Callable[[int], int | None], order: int) -> list[CutSet]:
    """Minimal cut sets up to ``order`` for one target.

    ``proof(kill_mask)`` returns a bitmask of alive edges that still carry the
    target when the edges in ``kill_mask`` are dead, or None when it is cut.
    """
    cache: dict[int, int | None] = {}

    def prove(kill: int) -> int | None:
        if kill not in cache:
            cache[kill] = proof(kill)
        return cache[kill]

    if prove(0) is None:
        return []
    masks = classes.masks
    found: set[frozenset[int]] = set()
    seen: set[frozenset[int]] = {frozenset()}
    stack: list[frozenset[int]] = [frozenset()]
    while stack:
        chosen = stack.pop()
        kill = 0
        for ci in chosen:
            kill |= masks[ci]
        witness = prove(kill)
        if witness is None:
            if all(prove(_without(chosen, ci, masks)) is not None for ci in chosen):
                found.add(chosen)
            continue
        if len(chosen) >= order:
            continue
        branch: set[int] = set()
        for index in _bits(witness):
            branch.update(classes.by_edge[index])
        for ci in branch:
            grown = chosen | {ci}
            if grown not in seen:
                seen.add(grown)
                stack.append(grown)
    out: set[CutSet] = set()
    for chosen in found:
        for combo in itertools.product(*(classes.members[ci] for ci in chosen)):
            out.add(tuple(sorted(combo)))
    return sort_cut_sets(out)


def _bits(mask: int) -> list[int]:
    """Indexes of the set bits of ``mask``, lowest first (cost per set bit, not per bit)."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _without(chosen: frozenset[int], drop: int, masks: list[int]) -> int:
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
    for origin in procedure_origins(plan, procedure):
        for index, step in enumerate(procedure.steps):
            sender = plan.senders_for(step, origin)
            for recipient in plan.expand(step.to, origin):
                if recipient == sender:
                    continue
                key = (step.id, sender, recipient)
                if key not in found:
                    found[key] = [step, index, sender, recipient, []]
                    order.append(key)
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
                  event_rank: dict[str, int]) -> TaskCutSets:
    """A task's own possibility with its nominal sender as the actor."""
    cands = candidates(plan, task.sender, task.recipient, task.step.via)
    supports = [closure.support(task.sender, c) for c in cands]
    if not cands:
        return TaskCutSets(task, (), (), ())
    classes = _classes(supports, event_rank)
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

    cuts = minimal_cuts(classes, proof, order)
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
            sender = origin if step.sender == ORIGIN else step.sender
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
                for recipient in plan.expand(step.to, origin):
                    if recipient == principal:
                        continue
                    for party, channel in candidates(plan, actor, recipient, step.via):
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

    def reach(self, kill: int) -> list[int]:
        """BFS parents: the edge that first reached each node, -1 unreached, -2 the start."""
        parent = [-1] * len(self.nodes)
        parent[0] = -2
        queue = deque([0])
        out = self.out
        while queue:
            node = queue.popleft()
            for e, dst in out[node]:
                if parent[dst] == -1 and not (kill >> e) & 1:
                    parent[dst] = e
                    queue.append(dst)
        return parent

    def path_mask(self, parent: list[int], node: int) -> int:
        mask = 0
        while parent[node] >= 0:
            e = parent[node]
            mask |= 1 << e
            node = self.edges[e][0]
        return mask


def party_cut_sets(plan: Plan, closure: Closure, procedure: Procedure, origin: str, order: int,
                   event_rank: dict[str, int]) -> tuple[StepGraph, dict[str, list[CutSet]]]:
    """End-to-end cut sets for every party informed from ``origin`` (the origin aside).

    Each party's proofs are searched only in the part of the step graph that
    can reach it (its ancestors): with hundreds of recipients of one alert,
    that part is a handful of edges, not the whole graph.
    """
    graph = StepGraph(plan, closure, procedure, origin)
    classes = _classes(graph.supports, event_rank)
    into: list[list[int]] = [[] for _ in graph.nodes]
    for e, (_, dst, _) in enumerate(graph.edges):
        into[dst].append(e)
    out: dict[str, list[CutSet]] = {}
    for party in graph.informed:
        if party == origin:
            continue
        out[party] = minimal_cuts(classes, _party_proof(graph, into, graph.nodes_of[party]), order)
    return graph, out


def _party_proof(graph: StepGraph, into: list[list[int]], targets: list[int]) -> Callable[[int], int | None]:
    """A proof function for one party: a shortest alive path from the origin to one of its nodes."""
    ancestors = set(targets)
    stack = list(targets)
    while stack:
        node = stack.pop()
        for e in into[node]:
            src = graph.edges[e][0]
            if src not in ancestors:
                ancestors.add(src)
                stack.append(src)
    local: dict[int, list[tuple[int, int]]] = {}
    relevant = 0
    for node in ancestors:
        for e in into[node]:
            local.setdefault(graph.edges[e][0], []).append((e, node))
            relevant |= 1 << e
    for edges in local.values():
        edges.sort()
    goal = set(targets)
    cache: dict[int, int | None] = {}

    def proof(kill: int) -> int | None:
        kill &= relevant
        if kill in cache:
            return cache[kill]
        parent: dict[int, int] = {0: -1}
        queue = deque([0])
        found: int | None = 0 if 0 in goal else None
        while queue and found is None:
            node = queue.popleft()
            for e, dst in local.get(node, ()):
                if dst not in parent and not (kill >> e) & 1:
                    parent[dst] = e
                    if dst in goal:
                        found = dst
                        break
                    queue.append(dst)
        result = None
        if found is not None:
            result = 0
            node = found
            while parent[node] >= 0:
                result |= 1 << parent[node]
                node = graph.edges[parent[node]][0]
        cache[kill] = result
        return result

    return proof
