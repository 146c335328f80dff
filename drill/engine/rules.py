"""Rules 3 and 4 of FORMAT.md section 3, the one place each is written.

Rule 4 (:func:`candidates`): whom a sender tries, over which channel, in
which order — the engine and the static analysis both ask here.  Rule 3
(:func:`attempt_failure`): whether one attempt at one moment gets through,
and if not, the facts of why (:class:`~drill.engine.causes.AttemptCause`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from drill.engine.causes import AttemptCause
from drill.engine.clock import DrillClock
from drill.engine.timeline import FailureTimeline
from drill.model.plan import Contact, Plan

Candidate = tuple[str, str]
"""(party, channel): one line a sender may try."""

#: Per plan (by identity, checked through a weak reference): (party, channel) -> contact.
_CONTACTS: dict[int, tuple[weakref.ref[Plan], dict[tuple[str, str], Contact]]] = {}


def contact_index(plan: Plan) -> dict[tuple[str, str], Contact]:
    """The contact of each party on each channel (the first, as ``Party.contact`` gives)."""
    cached = _CONTACTS.get(id(plan))
    if cached is not None and cached[0]() is plan:
        return cached[1]
    index: dict[tuple[str, str], Contact] = {}
    for party in plan.parties.values():
        for contact in party.contacts:
            index.setdefault((party.id, contact.channel), contact)
    for key in [k for k, v in _CONTACTS.items() if v[0]() is None]:
        del _CONTACTS[key]
    _CONTACTS[id(plan)] = (weakref.ref(plan), index)
    return index


def candidates(plan: Plan, actor: str, recipient: str, via: Iterable[str]) -> list[Candidate]:
    """Rule 4: the recipient then its deputies, each over ``via`` in order.

    Both ends need a contact on the channel; a candidate whose party is the
    actor itself is skipped.
    """
    contacts = contact_index(plan)
    via = tuple(via)
    out: list[Candidate] = []
    for party_id in (recipient, *plan.parties[recipient].deputies):
        if party_id == actor:
            continue
        for channel in via:
            if (actor, channel) in contacts and (party_id, channel) in contacts:
                out.append((party_id, channel))
    return out


def attempt_failure(plan: Plan, timeline: FailureTimeline, clock: DrillClock, sender: str, recipient: str,
                    channel_id: str, t: float) -> AttemptCause | None:
    """Rule 3: why an attempt at ``t`` fails, or None if it goes through."""
    contacts = contact_index(plan)
    if timeline.is_down(channel_id, t):
        down = timeline.cause(channel_id, t)
        return AttemptCause("down", down.root, channel_id, down)
    for party_id in (sender, recipient):
        contact = contacts.get((party_id, channel_id))
        assert contact is not None
        for dep in contact.depends_on:
            if timeline.dependency_down(dep, t):
                down = timeline.cause(dep.id, t)
                return AttemptCause("down", down.root, channel_id, down, at_party=party_id)
    if timeline.is_absent(recipient, t):
        return AttemptCause("absent", recipient, channel_id, since=timeline.absent_since(recipient, t))
    contact = contacts.get((recipient, channel_id))
    assert contact is not None
    calendar = plan.contact_hours(contact)
    if not clock.staffed(calendar, t):
        return AttemptCause("not-staffed", recipient, channel_id, moment=clock.local(t), calendar=calendar.id)
    return None
