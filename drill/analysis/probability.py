"""Exact probabilities of section 3's static events, by binary decision diagram.

Every component and channel fails independently with its ``p_fail``
(:data:`DEFAULT_P_FAIL` when it has none).  The event "task silenced" is the
structure function the cut sets come from, not the truncated cut sets: the
task is impossible exactly when every candidate's support (the events any one
of which kills it, :mod:`drill.analysis.closure`) is hit, so

    silenced = AND over candidates (OR over the support's events).

A party is uninformed from an origin when no path of alive edges leads from
the origin to any of its nodes in the step graph (:class:`StepGraph`); the
reachability of every node is computed as the least fixpoint of

    R(origin) = true,  R(n) = OR over edges e into n (R(source(e)) AND alive(e))

with BDDs, which are canonical, so the fixpoint is detected by equality.  The
probability of a BDD is one bottom-up pass (Shannon expansion: P(f) =
p_x P(f|x) + (1 - p_x) P(f|not x)), exact up to floating point: no
rare-event or min-cut-upper-bound approximation.  Each node's probability is
computed once and shared by every function of the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dd.autoref import BDD

from drill.model.plan import Plan

DEFAULT_P_FAIL = 0.001
"""Probability of failure of a component or channel whose plan gives no ``p_fail``."""


def p_fail_of(plan: Plan, event: str) -> float:
    """The event's own ``p_fail``, else :data:`DEFAULT_P_FAIL`."""
    item = plan.components.get(event) or plan.channels.get(event)
    own = getattr(item, "p_fail", None)
    return DEFAULT_P_FAIL if own is None else float(own)


class Structure:
    """One BDD manager for a plan: a variable per event (plan order), true = failed."""

    def __init__(self, plan: Plan, events: Sequence[str]):
        self.bdd = BDD()
        self.events = list(events)
        self.var = {event: f"v{i}" for i, event in enumerate(self.events)}
        self.bdd.declare(*self.var.values())
        self.p = {event: p_fail_of(plan, event) for event in self.events}
        self._level_p = {self.bdd.var_levels[self.var[event]]: p for event, p in self.p.items()}
        self._any: dict[frozenset[str], Any] = {}
        self._memo: dict[int, float] = {}
        self.keep: list[Any] = []

    def any_failed(self, support: Iterable[str]) -> Any:
        """OR of the events of ``support`` (an empty support: false, nothing kills it)."""
        key = frozenset(support)
        found = self._any.get(key)
        if found is None:
            found = self.bdd.false
            for event in sorted(key, key=self.var.__getitem__):
                found = found | self.bdd.var(self.var[event])
            self._any[key] = found
        return found

    def all_dead(self, supports: Sequence[frozenset[str]]) -> Any:
        """A task silenced: every candidate killed (no candidate: true)."""
        result = self.bdd.true
        for support in supports:
            result = result & self.any_failed(support)
        return result

    def probability(self, function: Any, override: dict[str, float] | None = None) -> float:
        """P(function) with independent events; ``override`` replaces some events' p_fail."""
        if not override:
            return _probability(self.bdd, int(function), self._level_p, self._memo)
        levels = dict(self._level_p)
        for event, value in override.items():
            levels[self.bdd.var_levels[self.var[event]]] = value
        return _probability(self.bdd, int(function), levels, {})


def _probability(bdd: BDD, root: int, level_p: dict[int, float], memo: dict[int, float]) -> float:
    """Bottom-up Shannon expansion over the raw diagram (negative ints: complemented)."""
    raw = bdd._bdd
    stack = [abs(root)]
    while stack:
        node = stack[-1]
        if node in memo:
            stack.pop()
            continue
        if node == 1:
            memo[1] = 1.0
            stack.pop()
            continue
        level, low_or_none, high_or_none = raw.succ(node)
        low, high = int(low_or_none or 0), int(high_or_none or 0)  # only the terminal has None
        pending = [abs(child) for child in (low, high) if abs(child) not in memo]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        p = level_p[level]
        memo[node] = p * _signed(memo, high) + (1.0 - p) * _signed(memo, low)
    return _signed(memo, root)


def _signed(memo: dict[int, float], node: int) -> float:
    value = memo[abs(node)]
    return value if node > 0 else 1.0 - value
