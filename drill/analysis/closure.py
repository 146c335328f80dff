"""What each contact and candidate depends on, transitively (FORMAT.md 3, static part).

Static analysis ignores time, so a failure is just a set of events (component
and channel ids) and "down" is monotone: once an event takes something down,
adding more failures never brings it back.  That lets every contact be reduced
to its *support*: the set of single events, any one of which makes it
unusable.  A contact (party P, channel C) is unusable exactly when the failed
set meets the support of C (C itself and every component it depends on,
transitively) or of the contact's own ``depends_on`` list.  Grace periods are
ignored, as the format says.
"""

from __future__ import annotations

from collections.abc import Iterable

from drill.engine.rules import Candidate, candidates
from drill.model.plan import Plan

__all__ = ["Candidate", "Closure", "candidates", "closure_of"]


class Closure:
    """Dependency closure of a plan: supports of components, channels and contacts."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.component_support: dict[str, frozenset[str]] = {}
        for cid in plan.components:
            self._component(cid)
        self.channel_support: dict[str, frozenset[str]] = {}
        for chid, channel in plan.channels.items():
            events = {chid}
            for dep in channel.depends_on:
                events |= self.component_support.get(dep.id, frozenset({dep.id}))
            self.channel_support[chid] = frozenset(events)
        self.contact_support: dict[Candidate, frozenset[str]] = {}
        for party in plan.parties.values():
            for contact in party.contacts:
                events = set(self.channel_support.get(contact.channel, {contact.channel}))
                for dep in contact.depends_on:
                    events |= self.component_support.get(dep.id, frozenset({dep.id}))
                self.contact_support[(party.id, contact.channel)] = frozenset(events)
        self.events: tuple[str, ...] = tuple(plan.components) + tuple(plan.channels)
        self._supports: dict[tuple[str, str, str], frozenset[str]] = {}
        self._candidates: dict[tuple[str, str, tuple[str, ...]], list[Candidate]] = {}
        self._fixed: dict[tuple[str, ...], list[str] | None] = {}
        self.memo: dict[tuple, object] = {}
        """Answers of pure functions of the plan that the lint rules ask many times."""

    def _component(self, cid: str) -> frozenset[str]:
        # The loader guarantees no cycles; an explicit stack keeps deep chains safe.
        if cid in self.component_support:
            return self.component_support[cid]
        stack = [cid]
        while stack:
            current = stack[-1]
            deps = [d.id for d in self.plan.components[current].depends_on
                    if d.id in self.plan.components]
            missing = [d for d in deps if d not in self.component_support]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            events = {current}
            for dep in deps:
                events |= self.component_support[dep]
            self.component_support[current] = frozenset(events)
        return self.component_support[cid]

    def requires(self, ids: Iterable[str]) -> set[str]:
        """``ids`` and every component they depend on, transitively (a channel: its own support).

        The one place of the static dependency rule: the analysis, the sweep's
        reach, the after-action report's causes and the graphs all ask here.
        """
        out: set[str] = set()
        for ident in ids:
            out |= (self.component_support.get(ident) or self.channel_support.get(ident)
                    or frozenset({ident}))
        return out

    def support(self, actor: str, candidate: Candidate) -> frozenset[str]:
        """Events any one of which makes the candidate unusable for ``actor``.

        One frozenset per (actor, party, channel), shared by every caller: the
        step graphs of a national plan hold the same edge for every origin.
        """
        party, channel = candidate
        key = (actor, party, channel)
        found = self._supports.get(key)
        if found is None:
            found = self._supports[key] = (self.contact_support[(actor, channel)]
                                           | self.contact_support[(party, channel)])
        return found

    def candidates(self, actor: str, recipient: str, via: tuple[str, ...]) -> list[Candidate]:
        """:func:`candidates`, computed once per (actor, recipient, via); do not modify the list."""
        key = (actor, recipient, via)
        found = self._candidates.get(key)
        if found is None:
            found = self._candidates[key] = candidates(self.plan, actor, recipient, via)
        return found

    def expand(self, refs: tuple[str, ...], origin: str) -> list[str]:
        """``plan.expand(refs, origin)``, computed once when ``refs`` never reach ``$origin``.

        Every origin of a procedure expands the same groups; do not modify the list.
        """
        if refs not in self._fixed:
            marker = "\x00origin"
            with_marker = self.plan.expand(refs, marker)
            self._fixed[refs] = None if marker in with_marker else with_marker
        fixed = self._fixed[refs]
        return self.plan.expand(refs, origin) if fixed is None else fixed

    def down(self, failed: Iterable[str]) -> set[str]:
        """Everything down when ``failed`` fails: the events and all that depends on them."""
        failed = set(failed)
        out = set(failed)
        for cid, events in self.component_support.items():
            if events & failed:
                out.add(cid)
        for chid, events in self.channel_support.items():
            if events & failed:
                out.add(chid)
        return out

    def why_down(self, item: str, failed: Iterable[str]) -> str | None:
        """The first failed event (plan order) on ``item``'s dependency chain, if any."""
        support = self.component_support.get(item) or self.channel_support.get(item) or frozenset({item})
        for event in self.events:
            if event in failed and event in support:
                return event
        return None


_CLOSURES: dict[int, tuple[Plan, Closure]] = {}


def closure_of(plan: Plan) -> Closure:
    """The closure of ``plan``, computed once per plan object (a few plans are kept)."""
    cached = _CLOSURES.get(id(plan))
    if cached is None or cached[0] is not plan:
        if len(_CLOSURES) > 8:
            _CLOSURES.clear()
        cached = (plan, Closure(plan))
        _CLOSURES[id(plan)] = cached
    return cached[1]
