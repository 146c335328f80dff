"""A brute-force reading of FORMAT.md section 3's static semantics, for the tests.

Deliberately naive and independent of :mod:`drill.analysis`: it fails every
subset of events up to order K, recomputes what is down by following
dependencies to a fixpoint, and applies the "possible task / informed party"
definitions word for word.  Slow, but obviously right; the fast analysis must
agree with it exactly.
"""

from __future__ import annotations

import itertools

from drill.model.plan import Plan, Procedure


def down_set(plan: Plan, failed: frozenset[str]) -> set[str]:
    down = set(failed)
    changed = True
    while changed:
        changed = False
        for cid, comp in plan.components.items():
            if cid not in down and any(d.id in down for d in comp.depends_on):
                down.add(cid)
                changed = True
    for chid, channel in plan.channels.items():
        if any(d.id in down for d in channel.depends_on):
            down.add(chid)
    return down


def usable(plan: Plan, down: set[str], party: str, channel: str) -> bool:
    contact = plan.parties[party].contact(channel)
    if contact is None or channel in down:
        return False
    return not any(d.id in down for d in contact.depends_on)


def staffed(plan: Plan, party: str, channel: str, minute: int | None) -> bool:
    """FORMAT.md 7.4 ``--at``: the contact's calendar (own hours, else the party's) covers
    ``minute`` of the week (Monday 00:00 = 0); None: calendars ignored.  Read from the
    calendar's fields directly, not through drill's week masks."""
    if minute is None:
        return True
    owner = plan.parties[party]
    contact = owner.contact(channel)
    calendar = plan.calendar((contact.hours if contact and contact.hours else None) or owner.hours)
    if calendar.always:
        return True
    day, clock = divmod(minute % (7 * 1440), 1440)
    if calendar.start < calendar.end:
        return day in calendar.days and calendar.start <= clock < calendar.end
    return ((day in calendar.days and clock >= calendar.start)
            or ((day - 1) % 7 in calendar.days and clock < calendar.end))


def informs(plan: Plan, down: set[str], actor: str, recipient: str, via,
            minute: int | None = None) -> list[str]:
    """Parties the task can inform when ``actor`` sends it (empty: impossible)."""
    out = []
    for r in (recipient, *plan.parties[recipient].deputies):
        if r == actor:
            continue
        for c in via:
            if usable(plan, down, actor, c) and usable(plan, down, r, c) and staffed(plan, r, c, minute):
                out.append(r)
                break
    return out


def informed(plan: Plan, procedure: Procedure, origin: str, down: set[str],
             minute: int | None = None) -> set[str]:
    acting = {(origin, origin)}
    changed = True
    while changed:
        changed = False
        for step in procedure.steps:
            for sender in plan.expand(step.senders, origin):
                actors = [a for a, p in acting if p == sender]
                for recipient in plan.expand(step.to, origin):
                    if recipient == sender:
                        continue
                    for actor in actors:
                        for r in informs(plan, down, actor, recipient, step.via, minute):
                            # r acts for the recipient, and (being informed) for itself
                            for pair in ((r, recipient), (r, r)):
                                if pair not in acting:
                                    acting.add(pair)
                                    changed = True
    return {a for a, _ in acting}


def relevant_events(plan: Plan) -> list[str]:
    """Events that make at least one contact unusable on their own."""
    out = []
    for event in list(plan.components) + list(plan.channels):
        down = down_set(plan, frozenset({event}))
        if any(not usable(plan, down, p.id, c.channel) for p in plan.parties.values() for c in p.contacts):
            out.append(event)
    return out


def minimal_sets(events: list[str], order: int, is_cut) -> list[tuple[str, ...]]:
    found: list[frozenset[str]] = []
    for size in range(1, order + 1):
        for combo in itertools.combinations(events, size):
            chosen = frozenset(combo)
            if any(f <= chosen for f in found):
                continue
            if is_cut(chosen):
                found.append(chosen)
    return sorted((tuple(sorted(f)) for f in found), key=lambda c: (len(c), c))


def brute_task_cut_sets(plan: Plan, procedure: Procedure, step_id: str, sender: str, recipient: str,
                        order: int, events: list[str] | None = None) -> list[tuple[str, ...]]:
    step = next(s for s in procedure.steps if s.id == step_id)
    events = relevant_events(plan) if events is None else events
    if not informs(plan, down_set(plan, frozenset()), sender, recipient, step.via):
        return []
    return minimal_sets(events, order,
                        lambda f: not informs(plan, down_set(plan, f), sender, recipient, step.via))


def brute_party_cut_sets(plan: Plan, procedure: Procedure, origin: str, order: int,
                         events: list[str] | None = None) -> dict[str, list[tuple[str, ...]]]:
    events = relevant_events(plan) if events is None else events
    nominal = informed(plan, procedure, origin, down_set(plan, frozenset()))
    cache: dict[frozenset[str], set[str]] = {}

    def reached(f: frozenset[str]) -> set[str]:
        if f not in cache:
            cache[f] = informed(plan, procedure, origin, down_set(plan, f))
        return cache[f]

    return {party: minimal_sets(events, order, lambda f, p=party: p not in reached(f))
            for party in sorted(nominal) if party != origin}
