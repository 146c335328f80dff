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
  that can reach it (:data:`drill.analysis.parties.Shape`); on a national
  plan, hundreds of thousands of party entries have a few dozen shapes, each
  searched once.

The brute-force enumerator in the tests checks this against the definition.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from drill import i18n
from drill.analysis.closure import Candidate, Closure
from drill.model.limits import cap, over_cap
from drill.model.plan import Plan, Procedure, Step

MAX_ORDER = 4

CutSet = tuple[str, ...]


def sort_cut_sets(cut_sets: set[CutSet] | list[CutSet]) -> list[CutSet]:
    """Section 4 order: by order, then lexicographically (ids sorted inside)."""
    return sorted({tuple(sorted(c)) for c in cut_sets}, key=lambda c: (len(c), c))


class CutTable:
    """Cut sets shared by every target of one analysis.

    One tuple per distinct cut set (the same upstream cable of a thousand
    parties is one object), an int per cut set that sorts as section 4 orders
    cut sets (the order, then the rank of every event in id order, ``width``
    bits each), and the cut sets of each combination of classes, keyed by the
    classes' members: a municipality's building and power line are classes of
    the step graphs of every origin that reaches it.
    """

    def __init__(self, events: Iterable[str]):
        self.rank = {event: i for i, event in enumerate(sorted(set(events)))}
        self.width = len(self.rank).bit_length()
        self.interned: dict[CutSet, CutSet] = {}
        self.keys: dict[CutSet, int] = {}
        self.products: dict[tuple[tuple[str, ...], ...], list[CutSet]] = {}

    @classmethod
    def of(cls, closure: Closure) -> CutTable:
        """A table for every event of ``closure`` (every support is a union of contact supports)."""
        return cls(itertools.chain(closure.events, *closure.contact_support.values()))

    def product(self, members: tuple[tuple[str, ...], ...]) -> list[CutSet]:
        """Every choice of one event per class of ``members``, interned and keyed."""
        cuts = self.products.get(members)
        if cuts is None:
            cuts = self.products[members] = []
            interned, keys, rank, width = self.interned, self.keys, self.rank, self.width
            for combo in itertools.product(*members):
                cut = tuple(sorted(combo))
                cut = interned.setdefault(cut, cut)
                if cut not in keys:
                    key = len(cut)
                    for event in cut:
                        key = key << width | rank[event]
                    keys[cut] = key << width * (MAX_ORDER - len(cut))
                cuts.append(cut)
        return cuts


@dataclass
class Classes:
    masks: list[int]
    members: list[tuple[str, ...]]
    by_edge: list[list[int]]
    """For every edge, the classes that kill it."""
    table: CutTable


def classes_of(supports: Sequence[frozenset[str]], table: CutTable | None = None) -> Classes:
    """Group events by the edges they kill; classes in order of their first member's id.

    ``table`` (default: one for these events only) shares cut sets between calls.
    """
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
    return Classes([m for _, m in ordered], [tuple(ev) for ev, _ in ordered], by_edge,
                   CutTable(masks) if table is None else table)


def minimal_cuts(classes: Classes, proof: Callable[[int], int | None], order: int,
                 what: str = "") -> list[CutSet]:
    """Minimal cut sets up to ``order`` for one target.

    ``proof(kill_mask)`` returns a bitmask of alive edges that still carry the
    target when the edges in ``kill_mask`` are dead, or None when it is cut.
    """
    found = minimal_class_sets(classes.masks, classes.by_edge, proof, order)
    members = classes.members
    return expand_all(classes.table, [tuple(members[ci] for ci in bits_of(bits)) for bits in found], what)


def minimal_class_sets(masks: list[int], by_edge: list[list[int]],
                        proof: Callable[[int], int | None], order: int) -> list[int]:
    """The minimal sets of classes (bitmasks of class indexes) of size <= ``order`` that cut.

    Sets of classes are ints, not frozensets: this runs for every task and
    (through :mod:`drill.analysis.parties`) every distinct shape of party entry.
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


def expand_all(table: CutTable, found: list[tuple[tuple[str, ...], ...]], what: str | Callable[[], str] = "",
               limit: int | None = None) -> list[CutSet]:
    """Event cut sets of the class sets ``found`` (each given by its classes' members), in section 4 order.

    ``what`` (or a function making it, called only on error) names the target in
    the cap's message; ``limit`` is the cap, when the caller has read it already.
    """
    out: list[CutSet] = []
    limit = cap("cut_sets") if limit is None else limit
    products = table.products
    for members in found:
        cuts = products.get(members)
        if len(out) + (math.prod(map(len, members)) if cuts is None else len(cuts)) > limit:
            raise over_cap((what() if callable(what) else what) or "?", limit, "cut_sets",
                           i18n._("analyze with a lower --order (--order 1 lists single points of failure)"))
        out.extend(table.product(members) if cuts is None else cuts)
    # by order, then lexicographically; distinct class sets never give the same cut set
    out.sort(key=table.keys.__getitem__)
    return out


def bits_of(mask: int) -> list[int]:
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
        for step in procedure.steps:
            recipients = plan.expand(step.to, origin)
            for sender in plan.senders_for(step, origin):  # FORMAT.md 7.1: one task set per sender
                for recipient in recipients:
                    if recipient == sender:
                        continue
                    key = (step.id, sender, recipient)
                    if key not in found:
                        found[key] = [step, sender, recipient, []]
                        order.append(key)
                        if len(order) > limit:
                            raise over_cap(f"procedure '{procedure.id}'", limit, "tasks",
                                           i18n._("list the procedure's origins: instead of letting every "
                                                  "party be the origin, or split the procedure"))
                    found[key][3].append(origin)
    return [TaskRef(procedure, step, sender, recipient, tuple(origins))
            for step, sender, recipient, origins in (found[k] for k in order)]


@dataclass(frozen=True)
class TaskCutSets:
    task: TaskRef
    candidates: tuple[Candidate, ...]
    supports: tuple[frozenset[str], ...]
    cut_sets: tuple[CutSet, ...]


def task_cut_sets(plan: Plan, closure: Closure, task: TaskRef, order: int, *,
                  table: CutTable | None = None) -> TaskCutSets:
    """A task's own possibility with its nominal sender as the actor.

    ``table`` (optional) makes equal cut sets one shared tuple across calls.
    """
    cands = list(closure.candidates(task.sender, task.recipient, task.step.via))
    supports = [closure.support(task.sender, c) for c in cands]
    if not cands:
        return TaskCutSets(task, (), (), ())
    classes = classes_of(supports, table)
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
