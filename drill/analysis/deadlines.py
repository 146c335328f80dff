"""The earliest time each task of a procedure can be delivered (the ``deadline-infeasible`` rule).

Kept apart from :mod:`drill.analysis.lint` so the rule file stays short;
a pure function of the plan: no failures, no calendars, first candidates only.
"""

from __future__ import annotations

import heapq
import math

from drill.analysis.closure import Closure, candidates
from drill.model.plan import Plan, Procedure, Step


def earliest_deliveries(plan: Plan, procedure: Procedure, origin: str,
                        closure: Closure | None = None) -> dict[tuple[str, str, str], float]:
    """Best case for one origin: nothing failed, everyone staffed, lines unlimited.

    Then every task's first candidate works.  A principal's steps start when
    it or a deputy acting for it is first informed (Dijkstra over principals),
    using that actor's contacts.  ``closure`` (optional) shares candidate lists
    and group expansions between origins.
    """
    expand = closure.expand if closure is not None else plan.expand

    def cands_of(actor: str, recipient: str, via: tuple[str, ...]) -> list[tuple[str, str]]:
        if closure is not None:
            return closure.candidates(actor, recipient, via)
        return candidates(plan, actor, recipient, via)

    steps_of: dict[str, list[Step]] = {}
    for step in procedure.steps:
        for sender in plan.senders_for(step, origin):
            steps_of.setdefault(sender, []).append(step)
    informed: dict[str, tuple[float, str]] = {origin: (0.0, origin)}
    done: set[str] = set()
    delivered: dict[tuple[str, str, str], float] = {}
    # the earliest (time, party) not done first, as min() over them would pick
    heap: list[tuple[float, str]] = [(0.0, origin)]
    while heap:
        t, principal = heapq.heappop(heap)
        if principal in done or informed[principal][0] != t:
            continue  # already taken, or informed earlier since this entry was pushed
        done.add(principal)
        actor = informed[principal][1]
        for step in steps_of.get(principal, ()):
            for recipient in expand(step.to, origin):
                if recipient == principal:
                    continue
                cands = cands_of(actor, recipient, step.via)
                if not cands:
                    continue
                party, channel = cands[0]
                at = t + step.delay + plan.channels[channel].latency
                delivered[(step.id, principal, recipient)] = at
                for principal_of, actor_of in ((recipient, party), (party, party)):
                    # the recipient's steps run with this actor; an informed deputy
                    # also starts its own steps (rule 6)
                    if principal_of not in done and at < informed.get(principal_of, (math.inf, ""))[0]:
                        informed[principal_of] = (at, actor_of)
                        heapq.heappush(heap, (at, principal_of))
    return delivered
