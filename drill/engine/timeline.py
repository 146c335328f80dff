"""When each component, channel and party is down or away (FORMAT.md 3.1).

Injects fail and restore components and channels and make parties absent or
back.  From them this module computes, for every component and channel, the
half-open intervals of time during which it is down, following dependencies
transitively with their grace periods: a thing is down while an inject has
failed it, or from ``grace`` minutes after one of its dependencies went down
until that dependency comes back.  The dependency graph is a networkx DiGraph;
it is walked in topological order so each interval list is computed once.
"""

from __future__ import annotations

import bisect
import math
import weakref
from collections.abc import Iterable

import networkx as nx

from drill.engine.causes import DownChain
from drill.model.plan import Dependency, Plan
from drill.model.scenario import Inject

INF = math.inf
Interval = tuple[float, float]


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted union of half-open intervals; touching intervals are joined."""
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _shift(intervals: list[Interval], grace: float) -> list[Interval]:
    """The times at which a dependency has been down for at least ``grace``."""
    if grace <= 0:
        return intervals
    return [(a + grace, b) for a, b in intervals if b > a + grace]


def _find(intervals: list[Interval], starts: list[float], t: float) -> Interval | None:
    index = bisect.bisect_right(starts, t) - 1
    if index >= 0 and t < intervals[index][1]:
        return intervals[index]
    return None


#: Per plan (by identity, checked through a weak reference): topological order of
#: the components and, for each component, the components and channels that
#: depend on it.  Building the graph is the costly part of a timeline on a
#: national plan, and a plan never changes once loaded.
_GRAPHS: dict[int, tuple[weakref.ref[Plan], list[str], dict[str, list[str]]]] = {}


def _plan_graph(plan: Plan) -> tuple[list[str], dict[str, list[str]]]:
    cached = _GRAPHS.get(id(plan))
    if cached is not None and cached[0]() is plan:
        return cached[1], cached[2]
    graph = nx.DiGraph()
    graph.add_nodes_from(plan.components)
    dependants: dict[str, list[str]] = {}
    for comp in plan.components.values():
        for dep in comp.depends_on:
            graph.add_edge(dep.id, comp.id)
            dependants.setdefault(dep.id, []).append(comp.id)
    for channel in plan.channels.values():
        for dep in channel.depends_on:
            dependants.setdefault(dep.id, []).append(channel.id)
    order: list[str] = list(nx.lexicographical_topological_sort(graph))
    for key in [k for k, v in _GRAPHS.items() if v[0]() is None]:
        del _GRAPHS[key]
    _GRAPHS[id(plan)] = (weakref.ref(plan), order, dependants)
    return order, dependants


Cause = DownChain
"""Why something is down at a moment: the root that failed and the chain to it."""


class FailureTimeline:
    """Down intervals of every component and channel, and absences of parties."""

    def __init__(self, plan: Plan, injects: Iterable[Inject] = ()):
        self.plan = plan
        self.injects: list[Inject] = []
        self.order, self._dependants = _plan_graph(plan)
        self.add(injects)

    # -- building ---------------------------------------------------------
    def add(self, injects: Iterable[Inject]) -> None:
        """Add injects and recompute (live injects only ever add the future)."""
        self.injects.extend(injects)
        self._own_and_away(self.injects)
        self.down: dict[str, list[Interval]] = {}
        for cid in self.order:
            parts = list(self.own.get(cid, []))
            for dep in self.plan.components[cid].depends_on:
                parts.extend(_shift(self.down[dep.id], dep.grace))
            self.down[cid] = _merge(parts)
        for chid, channel in self.plan.channels.items():
            parts = list(self.own.get(chid, []))
            for dep in channel.depends_on:
                parts.extend(_shift(self.down[dep.id], dep.grace))
            self.down[chid] = _merge(parts)
        self._index()

    def _own_and_away(self, injects: list[Inject]) -> None:
        """The intervals injects themselves fail components and channels, and make parties absent."""
        ordered = sorted(enumerate(injects), key=lambda pair: (pair[1].at, pair[0]))
        own: dict[str, list[Interval]] = {}
        away: dict[str, list[Interval]] = {}
        open_fail: dict[str, float] = {}
        open_away: dict[str, float] = {}
        for _, inject in ordered:
            for ident in inject.fail:
                open_fail.setdefault(ident, inject.at)
            for ident in inject.restore:
                if ident in open_fail:
                    own.setdefault(ident, []).append((open_fail.pop(ident), inject.at))
            for ident in inject.absent:
                open_away.setdefault(ident, inject.at)
            for ident in inject.back:
                if ident in open_away:
                    away.setdefault(ident, []).append((open_away.pop(ident), inject.at))
        for ident, start in open_fail.items():
            own.setdefault(ident, []).append((start, INF))
        for ident, start in open_away.items():
            away.setdefault(ident, []).append((start, INF))
        self.own = {k: _merge(v) for k, v in own.items()}
        self.away = {k: _merge(v) for k, v in away.items()}

    def _index(self, starts: dict[str, list[float]] | None = None, changed: set[str] | None = None) -> None:
        if starts is None or changed is None:
            self._starts = {k: [a for a, _ in v] for k, v in self.down.items()}
        else:  # only ``changed`` differs from the timeline ``starts`` came from
            self._starts = dict(starts)
            for k in changed:
                self._starts[k] = [a for a, _ in self.down[k]]
        self._own_starts = {k: [a for a, _ in v] for k, v in self.own.items()}
        self._away_starts = {k: [a for a, _ in v] for k, v in self.away.items()}
        # Components then channels, in plan order, that are down at some time, or were
        # before live injects changed the timeline (the rest are never down).
        before = set(getattr(self, "ever_down", ()))
        self.ever_down: list[str] = [i for i in self.plan.components if self.down[i] or i in before] + \
            [i for i in self.plan.channels if self.down[i] or i in before]

    def extended(self, injects: Iterable[Inject]) -> FailureTimeline:
        """A new timeline with ``injects`` added, equal to building it from scratch.

        Only the components and channels the new injects fail or restore, and
        everything that depends on them, are recomputed; a national sweep builds
        thousands of timelines that each differ from the baseline in one place.
        """
        extra = list(injects)
        touched: set[str] = set()
        for inject in extra:
            touched.update(inject.fail)
            touched.update(inject.restore)
        reach = set(touched)
        stack = list(touched)
        while stack:
            for dependant in self._dependants.get(stack.pop(), ()):
                if dependant not in reach:
                    reach.add(dependant)
                    stack.append(dependant)
        new = FailureTimeline.__new__(FailureTimeline)
        new.plan, new.order, new._dependants = self.plan, self.order, self._dependants
        new.injects = self.injects + extra
        new.ever_down = self.ever_down
        new._own_and_away(new.injects)
        new.down = dict(self.down)
        for cid in self.order:
            if cid in reach:
                parts = list(new.own.get(cid, []))
                for dep in self.plan.components[cid].depends_on:
                    parts.extend(_shift(new.down[dep.id], dep.grace))
                new.down[cid] = _merge(parts)
        for chid, channel in self.plan.channels.items():
            if chid in reach:
                parts = list(new.own.get(chid, []))
                for dep in channel.depends_on:
                    parts.extend(_shift(new.down[dep.id], dep.grace))
                new.down[chid] = _merge(parts)
        new._index(self._starts, reach)
        return new

    # -- queries ------------------------------------------------------------
    def is_down(self, ident: str, t: float) -> bool:
        intervals = self.down.get(ident) or []
        return bool(intervals) and _find(intervals, self._starts[ident], t) is not None

    def dependency_down(self, dep: Dependency, t: float) -> bool:
        """A dependency counts once it has been down for at least its grace."""
        return self.is_down(dep.id, t - dep.grace) and self._down_through(dep.id, t - dep.grace, t)

    def _down_through(self, ident: str, a: float, b: float) -> bool:
        interval = _find(self.down[ident], self._starts[ident], a)
        return interval is not None and interval[1] > b

    def is_absent(self, party: str, t: float) -> bool:
        intervals = self.away.get(party) or []
        return bool(intervals) and _find(intervals, self._away_starts[party], t) is not None

    def absent_since(self, party: str, t: float) -> float:
        interval = _find(self.away.get(party, []), self._away_starts.get(party, []), t)
        assert interval is not None
        return interval[0]

    def down_since(self, ident: str, t: float) -> float:
        interval = _find(self.down[ident], self._starts[ident], t)
        assert interval is not None
        return interval[0]

    def cause(self, ident: str, t: float) -> Cause:
        """The root failure that makes ``ident`` down at ``t``."""
        chain: list[tuple[str, float]] = []
        current = ident
        while True:
            own = self.own.get(current, [])
            if own:
                interval = _find(own, self._own_starts[current], t)
                if interval is not None:
                    return Cause(current, interval[0], tuple(reversed(chain)))
            deps = (self.plan.components[current].depends_on if current in self.plan.components
                    else self.plan.channels[current].depends_on)
            for dep in deps:
                if self.dependency_down(dep, t):
                    chain.append((current, self.down_since(current, t)))
                    current = dep.id
                    break
            else:  # pragma: no cover - is_down and cause disagree
                return Cause(current, self.down_since(current, t), tuple(reversed(chain)))

    def transition_times(self, after: float = -INF) -> list[float]:
        """Every moment after ``after`` at which something goes down or comes back."""
        times: set[float] = set()
        for intervals in self.down.values():
            for a, b in intervals:
                if a > after:
                    times.add(a)
                if b > after and b != INF:
                    times.add(b)
        return sorted(times)

    def down_at(self, t: float) -> list[str]:
        """Components then channels that are down at ``t``, in plan order."""
        return [i for i in list(self.plan.components) + list(self.plan.channels) if self.is_down(i, t)]
