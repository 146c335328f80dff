"""Candidate change bundles for ``drill analyze --suggest`` (FORMAT.md 7.4), and what no change can fix.

A *bundle* is a set of changes of the three kinds (add-contact, add-via,
add-deputy) that together give one task or party entry a candidate avoiding
one event.  Everything here is a pure function of one version of the plan and
is memoised: on a national plan a million (entry, event) pairs share a few
thousand distinct routes.
"""

from __future__ import annotations

from drill.analysis.closure import Closure
from drill.model.plan import Plan

Entry = tuple[str, ...]
"""("task", procedure, step, from, to) or ("party", procedure, origin, party)."""
Change = tuple[str, ...]
"""("add-contact", P, C), ("add-via", X, S, C) or ("add-deputy", P, D)."""
Bundle = frozenset[Change]


def unfixable_reason(bundles: Bundles, entry: Entry, event: str) -> tuple[str, str] | None:
    """(reason, the party it is about), or None when a change may help.

    ``every-channel``: every channel depends on the event.  ``sender-contacts``:
    the task's sender (a party entry's origin) has a contact on every channel
    that avoids the event, and each depends on it.  ``party-contacts``: the same
    for the party a party entry is about (it is informed only when reached
    itself).  All are about the original plan and stay true whatever changes
    are made: the changes never touch a channel's dependencies or an existing
    contact, and add a contact only on a channel the party has none on.
    """
    sender = entry_sender(entry)
    if not bundles.open_channels(event):
        return "every-channel", sender
    if not bundles.can_send(sender, event):
        return "sender-contacts", sender
    if entry[0] == "party" and not bundles.can_send(entry[3], event):
        return "party-contacts", entry[3]
    return None


def entry_sender(entry: Entry) -> str:
    """The party an unfixable reason is about: the task's sender, or the party entry's origin."""
    return entry[3] if entry[0] == "task" else entry[2]


class Bundles:
    """Candidate change bundles for pairs of one version of the plan (memoised)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.closure = Closure(plan)
        self.steps = {(p.id, s.id): s for p in plan.procedures.values() for s in p.steps}
        self._open: dict[str, list[str]] = {}
        self._routes: dict[tuple[str, str], dict[str, list[tuple[str, str, str]]]] = {}
        self._memo: dict[tuple, list[Bundle]] = {}
        self._send: dict[tuple[str, str], bool] = {}

    def usable(self, party: str, channel: str, event: str) -> bool | None:
        """True: has a contact on it avoiding ``event``; None: has none (one can be added); False: stuck."""
        support = self.closure.contact_support.get((party, channel))
        if support is None:
            return None
        return event not in support

    def open_channels(self, event: str) -> list[str]:
        found = self._open.get(event)
        if found is None:
            found = self._open[event] = [c for c in self.plan.channels
                                         if event not in self.closure.channel_support[c]]
        return found

    def can_send(self, sender: str, event: str) -> bool:
        key = (sender, event)
        if key not in self._send:
            self._send[key] = any(self.usable(sender, c, event) is not False for c in self.open_channels(event))
        return self._send[key]

    def for_route(self, procedure: str, step_id: str, sender: str, recipient: str, event: str,
                  deputies: bool, far: str | None = None) -> list[Bundle]:
        """Bundles giving the task (step, sender, recipient) a candidate avoiding ``event``.

        ``far``: the candidate must reach this party (the recipient itself or one of
        its deputies), for a party entry; else any deputy will do when ``deputies``.
        """
        key = (procedure, step_id, sender, recipient, event, deputies, far)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._route(procedure, step_id, sender, recipient, event, deputies, far)
        return found

    def _route(self, procedure: str, step_id: str, sender: str, recipient: str, event: str,
               deputies: bool, far: str | None) -> list[Bundle]:
        step = self.steps[(procedure, step_id)]
        out: list[Bundle] = []
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

    def routes(self, procedure: str, origin: str, party: str) -> list[tuple[str, str, str]]:
        """(step, sender, recipient) of every task from ``origin`` that reaches ``party`` itself or as a deputy."""
        key = (procedure, origin)
        table = self._routes.get(key)
        if table is None:
            table = self._routes[key] = {}
            for step in self.plan.procedures[procedure].steps:
                senders = self.plan.senders_for(step, origin)
                for recipient in self.closure.expand(step.to, origin):
                    for reached in dict.fromkeys((recipient, *self.plan.parties[recipient].deputies)):
                        rows = table.setdefault(reached, [])
                        rows.extend((step.id, sender, recipient) for sender in senders)
        return table.get(party, [])

    def for_pair(self, entry: Entry, event: str) -> list[Bundle]:
        if entry[0] == "task":
            return self.for_route(entry[1], entry[2], entry[3], entry[4], event, deputies=True)
        _, proc_id, origin, party = entry
        out: list[Bundle] = []
        for step_id, sender, recipient in self.routes(proc_id, origin, party):
            if sender not in (party, recipient):
                out.extend(self.for_route(proc_id, step_id, sender, recipient, event, deputies=False, far=party))
        return out
