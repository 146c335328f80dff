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
   only building, its only power).  No change of the three kinds helps then.
2. *Greedy cover*, in rounds: each remaining pair gets its candidate bundles
   (the changes that would give it one candidate avoiding the event: contacts
   missing at either end, the channel missing from ``via``, a deputy when the
   recipient itself cannot be reached); pairs already covered by the changes
   chosen so far are skipped, otherwise the bundle adding the fewest new
   changes, ties to the changes most other pairs could use, is chosen.  The
   plan with the chosen changes is analysed again (order 1) and the next round
   covers what is left (party entries reached through a fixed task).
3. *Pruning*: every chosen change, last first, is left out on trial; if no
   fixable order-1 cut set comes back it is dropped for good.

So the result removes every fixable order-1 cut set that the rounds could
cover (anything left is listed as unfixable, with the reason "not removed by
drill's search") and is irredundant: leaving out any one change brings back an
order-1 cut set.  It is small but not proven minimum (set cover is NP-hard).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from drill.analysis.closure import Closure
from drill.analysis.cutsets import party_cut_sets, procedure_origins, procedure_tasks, task_cut_sets
from drill.model.plan import Contact, Plan, Procedure

Entry = tuple[str, ...]
"""("task", procedure, step, from, to) or ("party", procedure, origin, party)."""
Change = tuple[str, ...]
"""("add-contact", P, C), ("add-via", X, S, C) or ("add-deputy", P, D)."""
ROUNDS = 6


@dataclass(frozen=True)
class Unfixable:
    """An order-1 cut set no change of the three kinds removes."""

    entry: Entry
    event: str
    reason: str
    """A machine id: ``every-channel``, ``sender-contacts`` or ``not-found``."""
    party: str
    """The party the reason is about (the sender or the origin)."""


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

def order1_pairs(plan: Plan, only: set[str] | None = None) -> dict[Entry, list[str]]:
    """Every task and party entry with order-1 cut sets and those events (of ``only`` procedures)."""
    closure = Closure(plan)
    rank = {event: i for i, event in enumerate(closure.events)}
    out: dict[Entry, list[str]] = {}
    shapes: dict = {}
    for procedure in plan.procedures.values():
        if only is not None and procedure.id not in only:
            continue
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, 1, rank)
            if found.cut_sets or not found.candidates:
                out[("task", procedure.id, ref.step.id, ref.sender, ref.recipient)] = \
                    [c[0] for c in found.cut_sets]
        for origin in procedure_origins(plan, procedure):
            _, cuts = party_cut_sets(plan, closure, procedure, origin, 1, rank, shapes=shapes)
            for party in sorted(cuts):
                if cuts[party]:
                    out[("party", procedure.id, origin, party)] = [c[0] for c in cuts[party]]
    return {entry: events for entry, events in out.items() if events}


def count_pairs(pairs: dict[Entry, list[str]]) -> int:
    return sum(len(events) for events in pairs.values())


# -- bundles ----------------------------------------------------------------------------------

class _Bundles:
    """Candidate change bundles for pairs of one version of the plan."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.closure = Closure(plan)
        self.steps = {(p.id, s.id): s for p in plan.procedures.values() for s in p.steps}

    def usable(self, party: str, channel: str, event: str) -> bool | None:
        """True: has a contact on it avoiding ``event``; None: has none (one can be added); False: stuck."""
        if self.plan.parties[party].contact(channel) is None:
            return None
        return event not in self.closure.contact_support[(party, channel)]

    def open_channels(self, event: str) -> list[str]:
        return [c for c in self.plan.channels if event not in self.closure.channel_support[c]]

    def can_send(self, sender: str, event: str) -> bool:
        return any(self.usable(sender, c, event) is not False for c in self.open_channels(event))

    def for_route(self, procedure: str, step_id: str, sender: str, recipient: str, event: str,
                  deputies: bool, far: str | None = None) -> list[frozenset[Change]]:
        """Bundles giving the task (step, sender, recipient) a candidate avoiding ``event``.

        ``far``: the candidate must reach this party (the recipient itself or one of
        its deputies), for a party entry; else any deputy will do when ``deputies``.
        """
        step = self.steps[(procedure, step_id)]
        out: list[frozenset[Change]] = []
        for channel in self.open_channels(event):
            own = self.usable(sender, channel, event)
            if own is False:
                continue
            base: set[Change] = set() if own else {("add-contact", sender, channel)}
            if channel not in step.via:
                base.add(("add-via", procedure, step_id, channel))
            if far is not None and far != recipient:
                state = self.usable(far, channel, event) if far != sender else False
                ends: list[set[Change]] = ([] if state is False
                                           else [set() if state else {("add-contact", far, channel)}])
            else:
                ends = self._far_ends(sender, recipient, channel, event, deputies)
            for end in ends:
                out.append(frozenset(base | end))
        return out

    def _far_ends(self, sender: str, recipient: str, channel: str, event: str,
                  deputies: bool) -> list[set[Change]]:
        party = self.plan.parties[recipient]
        own = self.usable(recipient, channel, event) if recipient != sender else False
        if own is not False:
            return [set() if own else {("add-contact", recipient, channel)}]
        if not deputies:
            return []
        out: list[set[Change]] = []
        for deputy in party.deputies:
            state = self.usable(deputy, channel, event) if deputy != sender else False
            if state is not False:
                out.append(set() if state else {("add-contact", deputy, channel)})
        if not out:
            for other in self.plan.parties:
                if other not in (sender, recipient) and other not in party.deputies \
                        and self.usable(other, channel, event):
                    out.append({("add-deputy", recipient, other)})
                    break
        return out

    def for_pair(self, entry: Entry, event: str) -> list[frozenset[Change]]:
        if entry[0] == "task":
            return self.for_route(entry[1], entry[2], entry[3], entry[4], event, deputies=True)
        _, proc_id, origin, party = entry
        procedure = self.plan.procedures[proc_id]
        out = []
        for step in procedure.steps:
            for recipient in self.plan.expand(step.to, origin):
                # the party itself, or a deputy reached in place of its principal
                if recipient != party and party not in self.plan.parties[recipient].deputies:
                    continue
                for sender in self.plan.senders_for(step, origin):
                    if sender not in (party, recipient):
                        out.extend(self.for_route(proc_id, step.id, sender, recipient, event,
                                                  deputies=False, far=party))
        return out

    def unfixable(self, entry: Entry, event: str) -> Unfixable | None:
        sender = entry[3] if entry[0] == "task" else entry[2]
        if not self.open_channels(event):
            return Unfixable(entry, event, "every-channel", sender)
        if not self.can_send(sender, event):
            return Unfixable(entry, event, "sender-contacts", sender)
        return None


# -- the search ----------------------------------------------------------------------------------

def suggest(plan: Plan) -> Suggestions:
    """Changes that remove every fixable order-1 cut set, irredundant; see the module docstring."""
    first = order1_pairs(plan)
    checker = _Bundles(plan)
    unfixable = [u for entry, events in first.items() for e in events
                 if (u := checker.unfixable(entry, e)) is not None]
    hopeless = {(u.entry, u.event) for u in unfixable}
    chosen: list[Change] = []
    pairs = first
    for _ in range(ROUNDS):
        todo = [(entry, e) for entry, events in pairs.items() for e in events if (entry, e) not in hopeless]
        if not todo:
            break
        added = _cover(_Bundles(apply_changes(plan, chosen)), todo, chosen)
        if not added:
            break
        pairs = order1_pairs(apply_changes(plan, chosen))
    left = _fixable_left(order1_pairs(apply_changes(plan, chosen)), hopeless)
    for entry, event in left:
        unfixable.append(Unfixable(entry, event, "not-found", entry[3] if entry[0] == "task" else entry[2]))
        hopeless.add((entry, event))
    chosen = _prune(plan, chosen, hopeless)
    after = order1_pairs(apply_changes(plan, chosen))
    return Suggestions(tuple(chosen), tuple(unfixable), count_pairs(first), count_pairs(after))


def _cover(bundles: _Bundles, todo: list[tuple[Entry, str]], chosen: list[Change]) -> bool:
    options = {pair: bundles.for_pair(*pair) for pair in todo}
    popularity: Counter[Change] = Counter(c for found in options.values() for b in found for c in b)
    have = set(chosen)
    added = False
    # the pairs with the fewest options first: their choice is forced, others can share it
    for pair in sorted(todo, key=lambda p: (len(options[p]), p)):
        found = [b for b in options[pair] if b]
        if not found or any(b <= have for b in found):
            continue
        best = min(found, key=lambda b: (len(b - have), -sum(popularity[c] for c in b - have), sorted(b)))
        for change in sorted(best - have):
            chosen.append(change)
            have.add(change)
            added = True
    return added


def _fixable_left(pairs: dict[Entry, list[str]], hopeless: set[tuple[Entry, str]]) -> list[tuple[Entry, str]]:
    return [(entry, e) for entry, events in pairs.items() for e in events if (entry, e) not in hopeless]


def _prune(plan: Plan, chosen: list[Change], hopeless: set[tuple[Entry, str]]) -> list[Change]:
    """Leave out each change, last first, when no fixable order-1 cut set comes back without it.

    Leaving out a change can only matter in the procedures it touches, so only
    those are analysed again.
    """
    kept = list(chosen)
    for change in reversed(chosen):
        trial = [c for c in kept if c != change]
        only = touched(plan, change)
        if not _fixable_left(order1_pairs(apply_changes(plan, trial), only), hopeless):
            kept = trial
    return kept


def touched(plan: Plan, change: Change) -> set[str]:
    """The procedures whose cut sets a change can alter."""
    if change[0] == "add-via":
        return {change[1]}
    return {p.id for p in plan.procedures.values() if _names(plan, p, change[1])}


def _names(plan: Plan, procedure: Procedure, party: str) -> bool:
    """Can ``party`` act or be reached in ``procedure`` (named, an origin, or a deputy of one named)?"""
    if procedure.origins is None:
        return True
    origins = plan.expand(procedure.origins)
    for step in procedure.steps:
        for named in [*plan.expand(step.senders + step.to, None), *origins]:
            if named == party or party in plan.parties[named].deputies:
                return True
    return False
