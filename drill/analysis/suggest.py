"""``drill analyze --suggest``: plan changes that remove every fixable single point of failure.

FORMAT.md 7.4 allows three kinds of change: a new contact (no ``depends_on``
of its own, the party's hours), a channel appended to a step's ``via``, a
deputy appended to a party's deputies.  The universe is every (entry, event)
pair where ``{event}`` is an order-1 cut set of a task or a party entry.

Method (what it guarantees):

1. *Unfixable* pairs are set aside with their reason: the sender (for a party
   entry, the origin) cannot send anything that avoids the event, because
   every channel depends on it, or it already has a contact on every channel
   that does not and each of those contacts depends on the event itself (its
   only building, its only power); or, for a party entry, the same holds for
   the party itself (it counts as informed only when reached itself).  No change of the three kinds helps then,
   whatever else is changed, so a pair that only appears once some changes
   are made (a party newly reached through a new deputy) is judged the same way.
2. *Greedy cover*, in rounds: each remaining pair gets its candidate bundles
   (the changes that would give it one candidate avoiding the event: contacts
   missing at either end, the channel missing from ``via``, a deputy when the
   recipient itself cannot be reached); pairs already covered by the changes
   chosen so far are skipped, otherwise the bundle adding the fewest new
   changes, ties to the changes most other pairs could use, is chosen.  The
   pairs of the plan with the chosen changes are recomputed for the entries
   those changes can affect (:mod:`drill.analysis.suggest_model`) and the next
   round covers what is left (party entries reached through a fixed task).
3. *Pruning*: every chosen change, last first, is left out on trial; if every
   order-1 cut set that comes back is one set aside (unfixable, or left by the
   rounds) it is dropped for good.  Only the entries the change can affect are
   checked, and passes repeat until one drops nothing.

So the result removes every fixable order-1 cut set that the rounds could
cover (anything left is listed as unfixable with the reason ``not-found``),
and is irredundant: leaving out any one change brings back an order-1 cut set
not listed as unfixable.  The list ``unfixable`` is exactly the order-1 cut
sets of the plan with the changes applied.  The number of changes is small
but not proven minimum (set cover is NP-hard).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from drill.analysis.closure import Closure
from drill.analysis.cutsets import procedure_origins, procedure_tasks, task_cut_sets
from drill.analysis.parties import ShapeMemo, party_cut_sets
from drill.analysis.results import Analysis
from drill.analysis.suggest_bundles import (
    Bundle,
    Bundles,
    Change,
    Entry,
    entry_sender,
    unfixable_reason,
)
from drill.analysis.suggest_model import Model
from drill.model.plan import Contact, Plan

__all__ = ["Change", "Entry", "Suggestions", "Unfixable", "apply_changes", "change_dict", "count_pairs",
           "order1_pairs", "pairs_of", "prune", "suggest"]
ROUNDS = 6


UNFIXABLE_REASONS = ("every-channel", "sender-contacts", "party-contacts", "not-found")
"""Why an order-1 cut set stays (:func:`drill.analysis.suggest_bundles.unfixable_reason`, else ``not-found``)."""


@dataclass(frozen=True)
class Unfixable:
    """An order-1 cut set no change of the three kinds removes."""

    entry: Entry
    event: str
    reason: str
    """A machine id, one of :data:`UNFIXABLE_REASONS`."""
    party: str
    """The party the reason is about (the sender or the origin; for ``party-contacts``, the party)."""


@dataclass(frozen=True)
class Suggestions:
    changes: tuple[Change, ...]
    unfixable: tuple[Unfixable, ...]
    before: int
    """Order-1 cut sets (tasks and party entries) before the changes."""
    after: int
    """Order-1 cut sets left with every change applied (all of them unfixable)."""


def change_dict(change: Change) -> dict[str, str]:
    """The JSON object FORMAT.md 7.4 gives for one change."""
    if change[0] == "add-contact":
        return {"change": "add-contact", "party": change[1], "channel": change[2]}
    if change[0] == "add-via":
        return {"change": "add-via", "procedure": change[1], "step": change[2], "channel": change[3]}
    return {"change": "add-deputy", "party": change[1], "deputy": change[2]}


# -- applying changes -----------------------------------------------------------------------

def apply_changes(plan: Plan, changes: tuple[Change, ...] | list[Change]) -> Plan:
    """``plan`` with ``changes`` applied (new frozen objects; ``plan`` is unchanged)."""
    parties = dict(plan.parties)
    procedures = dict(plan.procedures)
    for change in changes:
        if change[0] == "add-contact":
            party = parties[change[1]]
            if party.contact(change[2]) is None:
                parties[party.id] = replace(party, contacts=party.contacts + (Contact(party.id, change[2]),))
        elif change[0] == "add-deputy":
            party = parties[change[1]]
            if change[2] not in party.deputies:
                parties[party.id] = replace(party, deputies=party.deputies + (change[2],))
        else:
            proc = procedures[change[1]]
            steps = tuple(replace(s, via=s.via + (change[3],)) if s.id == change[2] and change[3] not in s.via
                          else s for s in proc.steps)
            procedures[proc.id] = replace(proc, steps=steps)
    return replace(plan, parties=parties, procedures=procedures)


# -- order-1 cut sets, without lint ---------------------------------------------------------

def order1_pairs(plan: Plan) -> dict[Entry, list[str]]:
    """Every task and party entry with order-1 cut sets, and those events."""
    closure = Closure(plan)
    out: dict[Entry, list[str]] = {}
    shapes = ShapeMemo()
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, 1)
            if found.cut_sets or not found.candidates:
                out[("task", procedure.id, ref.step.id, ref.sender, ref.recipient)] = \
                    [c[0] for c in found.cut_sets]
        for origin in procedure_origins(plan, procedure):
            _, cuts = party_cut_sets(plan, closure, procedure, origin, 1, shapes=shapes)
            for party in sorted(cuts):
                if cuts[party]:
                    out[("party", procedure.id, origin, party)] = [c[0] for c in cuts[party]]
    return {entry: events for entry, events in out.items() if events}


def pairs_of(analysis: Analysis) -> dict[Entry, list[str]]:
    """:func:`order1_pairs` of the analysed plan, read off an analysis of any order (no ``--at``).

    A minimal cut set of one event is minimal whatever the order searched, so
    the single-event cut sets of ``drill analyze``'s own results are the pairs;
    the order is :func:`order1_pairs`' (procedures in plan order, tasks first).
    """
    by_procedure: dict[str, dict[Entry, list[str]]] = {p: {} for p in analysis.plan.procedures}
    for task in analysis.tasks:
        events = [c[0] for c in task.cut_sets if len(c) == 1]
        if events:
            by_procedure[task.procedure][("task", task.procedure, task.step, task.sender, task.recipient)] = events
    for party in analysis.parties:
        events = [c[0] for c in party.cut_sets if len(c) == 1]
        if events:
            by_procedure[party.procedure][("party", party.procedure, party.origin, party.party)] = events
    return {entry: events for table in by_procedure.values() for entry, events in table.items()}


def count_pairs(pairs: dict[Entry, list[str]]) -> int:
    return sum(len(events) for events in pairs.values())


# -- the search ----------------------------------------------------------------------------------

def suggest(plan: Plan, first: dict[Entry, list[str]] | None = None) -> Suggestions:
    """Changes that remove every fixable order-1 cut set, irredundant; see the module docstring.

    ``first``: the plan's :func:`order1_pairs` when already known (:func:`pairs_of`).
    """
    first = order1_pairs(plan) if first is None else first
    hopeless = _Hopeless(Bundles(plan))
    chosen: list[Change] = []
    pairs = first
    model = Model(plan, plan, ())
    for _ in range(ROUNDS):
        todo = [(entry, e) for entry, events in pairs.items() for e in events if hopeless.reason(entry, e) is None]
        if not todo:
            break
        start = len(chosen)
        if not _cover(Bundles(apply_changes(plan, chosen)), todo, chosen):
            break
        model = Model(plan, apply_changes(plan, chosen), chosen)
        pairs = model.refresh(pairs, chosen[start:])
    hopeless.not_found = {(entry, e) for entry, events in pairs.items() for e in events
                          if hopeless.reason(entry, e) is None}
    chosen, pairs = prune(model, chosen, pairs, hopeless.ok)
    unfixable = tuple(hopeless.unfixable(entry, e) for entry, events in pairs.items() for e in events)
    return Suggestions(tuple(chosen), unfixable, count_pairs(first), count_pairs(pairs))


class _Hopeless:
    """Which (entry, event) pairs the search gives up on, and why (memoised)."""

    def __init__(self, bundles: Bundles):
        self.bundles = bundles
        self.reasons: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self.not_found: set[tuple[Entry, str]] = set()

    def reason(self, entry: Entry, event: str) -> tuple[str, str] | None:
        key = (entry_sender(entry), entry[3] if entry[0] == "party" else "", event)
        if key not in self.reasons:
            self.reasons[key] = unfixable_reason(self.bundles, entry, event)
        return self.reasons[key]

    def ok(self, entry: Entry, event: str) -> bool:
        """May this pair stay (unfixable, or left by the search)?"""
        return self.reason(entry, event) is not None or (entry, event) in self.not_found

    def unfixable(self, entry: Entry, event: str) -> Unfixable:
        reason, party = self.reason(entry, event) or ("not-found", entry_sender(entry))
        return Unfixable(entry, event, reason, party)


def _cover(bundles: Bundles, todo: list[tuple[Entry, str]], chosen: list[Change]) -> bool:
    """Greedy set cover of ``todo``; pairs with the same options are one (they are served alike)."""
    groups: dict[tuple[Bundle, ...], list[tuple[Entry, str]]] = {}
    for pair in todo:
        groups.setdefault(tuple(bundles.for_pair(*pair)), []).append(pair)
    popularity: Counter[Change] = Counter()
    for options, members in groups.items():
        for bundle in options:
            for change in bundle:
                popularity[change] += len(members)
    have = set(chosen)
    added = False
    # the pairs with the fewest options first: their choice is forced, others can share it
    for options, _ in sorted(((o, min(m)) for o, m in groups.items()), key=lambda g: (len(g[0]), g[1])):
        found = [b for b in options if b]
        if not found or any(b <= have for b in found):
            continue
        best = min(found, key=lambda b: (len(b - have), -sum(popularity[c] for c in b - have), sorted(b)))
        for change in sorted(best - have):
            chosen.append(change)
            have.add(change)
            added = True
    return added


def prune(model: Model, chosen: list[Change], pairs: dict[Entry, list[str]],
          ok: Callable[[Entry, str], bool]) -> tuple[list[Change], dict[Entry, list[str]]]:
    """Leave out each change, last first, for good when every pair that comes back is ``ok``.

    ``model`` is the plan with every change of ``chosen``; ``pairs`` are its pairs,
    all ``ok``.  Only the entries a change can affect are checked again
    (:class:`~drill.analysis.suggest_model.Model`), and passes repeat until one
    drops nothing: a change that made something reachable can, once dropped, make
    another change unnecessary, so one pass is not always enough for irredundancy.
    Returns the kept changes (in ``chosen`` order) and the pairs of the plan with them.
    """
    kept = set(chosen)
    pairs = dict(pairs)
    dropped = True
    while dropped:
        dropped = False
        for change in reversed(chosen):
            if change not in kept:
                continue
            have = kept - {change}
            found = _without(model, change, have, ok)
            if found is None:
                continue
            kept, dropped = have, True
            for entry, events in found.items():
                if events:
                    pairs[entry] = events
                else:
                    pairs.pop(entry, None)
    return [c for c in chosen if c in kept], pairs


def _without(model: Model, change: Change, have: set[Change],
             ok: Callable[[Entry, str], bool]) -> dict[Entry, list[str]] | None:
    """The new pairs of the entries ``change`` affects with only ``have``; None if one is not ``ok``."""
    found: dict[Entry, list[str]] = {}
    for entry in model.affected(change):
        events = model.order1(entry, have)
        if not all(ok(entry, e) for e in events):
            return None
        found[entry] = events
    return found
