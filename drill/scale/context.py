"""One scenario prepared for thousands of variants: the baseline and what it used.

A sweep or a Monte Carlo study simulates the same scenario again and again,
each time with a few more components or channels failed at t = 0.  A
:class:`SweepContext` is loaded once (and shipped once to every worker); it
keeps the baseline run, the baseline failure timeline (from which each variant's
timeline is derived by recomputing only what the new failures touch) and two
sets that let most variants be answered without simulating at all:

``used``
    Every component and channel an attempt of the baseline *worked* through:
    the channel, and the ``depends_on`` of the sender's and the recipient's
    contacts on it (an attempt still in flight at the horizon counts too).
``dynamic_reach``
    Everything that ``used`` depends on, transitively.  A failure set that has
    no member in it cannot change the outcome of any attempt that worked, and
    an attempt that failed fails again with more things down (rule 3 only
    looks at what is down), so every attempt, delivery and informed time is
    the baseline's: the variant's result *is* the baseline's, exactly.
``static_reach``
    Everything that some candidate of some task could depend on, whoever
    acts: the step's sender or any of its deputies, towards the recipient or
    any of its deputies, on any channel of ``via`` both have a contact for.
    A component or channel outside it is never looked at by any attempt of
    this scenario, so failing it together with another failure gives exactly
    that other failure's result: ``drill sweep --order 2`` skips such pairs.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drill.analysis.closure import closure_of
from drill.engine.outcome import evaluate
from drill.engine.simulation import Simulation
from drill.engine.timeline import INF, FailureTimeline
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario
from drill.model.status import STATUSES

# drill.model.status.STATUSES: task statuses from best to worst; a variant's
# statuses are stored as these indexes
__all__ = ["STATUSES", "STATUS_CODE", "Outcome", "SweepContext"]

STATUS_CODE: dict[str, int] = {name: code for code, name in enumerate(STATUSES)}
#: How many copies of the baseline a context keeps to resume variants from.
CHECKPOINTS = 40


FailureSet = tuple[str, ...]
"""What one variant of a sweep fails at t = 0: one id, or two."""


@dataclass(frozen=True)
class Outcome:
    """What one variant gave: each task's status (by task index) and the unmet objectives."""

    statuses: bytes
    unmet: tuple[int, ...]

    def summary(self) -> dict[str, int]:
        """The same counts as ``drill run``'s summary."""
        counts = {"tasks": len(self.statuses), "delivered": 0, "late": 0, "failed": 0, "blocked": 0}
        for code in self.statuses:
            counts[STATUSES[code]] += 1
        return counts


def failable(plan: Plan) -> list[str]:
    """Every component then every channel, in plan order: what a sweep can fail."""
    return list(plan.components) + list(plan.channels)


class SweepContext:
    """A scenario, its baseline and what the baseline used; picklable (caches are rebuilt)."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._prepared = False

    def __getstate__(self) -> dict[str, object]:
        return {"scenario": self.scenario}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.scenario = state["scenario"]  # type: ignore[assignment]
        self._prepared = False

    def prepare(self) -> SweepContext:
        """Simulate the baseline and build the indexes (once per process)."""
        if self._prepared:
            return self
        scenario, plan = self.scenario, self.scenario.plan
        self.timeline = FailureTimeline(plan, scenario.injects)
        sim = Simulation(scenario, (), timeline=self.timeline)
        sim.run()
        self.baseline = self._outcome(sim)
        self.tasks = [(t.step.id, t.sender_plan, t.recipient) for t in sim.tasks]
        closure = closure_of(plan)
        used: set[str] = set()
        first_use: dict[str, float] = {}
        reach_of: dict[tuple[str, ...], set[str]] = {}
        for task in sim.tasks:
            sender = task.sender or task.sender_plan
            for number, attempt in enumerate(task.attempts):
                in_flight = task.in_flight and number == len(task.attempts) - 1
                if attempt.ok or in_flight or attempt.reason is None:
                    items = tuple(_attempt_items(plan, sender, attempt.to, attempt.via))
                    used.update(items)
                    reach = reach_of.get(items)
                    if reach is None:
                        reach = reach_of[items] = closure.requires(items)
                    for ident in reach:
                        if attempt.start < first_use.get(ident, INF):
                            first_use[ident] = attempt.start
        self.used = used
        self.first_use = first_use
        """For each component or channel, the start of the first attempt that worked and could
        be affected by its failure: before it, a variant runs exactly as the baseline."""
        self.dynamic_reach = set(first_use)
        self.static_reach = closure.requires(_static_items(scenario, sim))
        self.items = failable(plan)
        self._checkpoints(CHECKPOINTS)
        self._prepared = True
        # the plan and the baseline live as long as the process: keep them out of
        # the collector's way, or every full collection walks the national plan
        gc.collect()
        gc.freeze()
        return self

    # -- one variant ----------------------------------------------------------
    def affects(self, fail: Iterable[str]) -> bool:
        """Whether failing ``fail`` at t = 0 can change the run at all (see the module docstring)."""
        reach = self.dynamic_reach
        return any(ident in reach for ident in fail)

    def outcome(self, fail: Sequence[str]) -> Outcome:
        """The result of the scenario with ``fail`` failed at t = 0 on top of its own injects."""
        self.prepare()
        first = min((self.first_use.get(ident, INF) for ident in fail), default=INF)
        if first == INF:
            return self.baseline
        inject = Inject(at=0.0, fail=tuple(fail), note="drill sweep")
        timeline = self.timeline.extended([inject])
        # every attempt before ``first`` goes exactly as in the baseline, so go on
        # from the last checkpoint at or before it instead of from t = 0
        index = bisect.bisect_right(self._times, first) - 1
        if index >= 0:
            sim = self._saved[index].fork([inject], timeline=timeline)
        else:
            sim = Simulation(self.scenario, [inject], timeline=timeline)
        sim.run()
        return self._outcome(sim)

    def _checkpoints(self, count: int) -> None:
        """Copies of the baseline simulation at moments spread over the first uses."""
        moments = sorted(set(self.first_use.values()))
        if len(moments) > count:
            moments = [moments[(len(moments) - 1) * i // (count - 1)] for i in range(count)]
        self._times: list[float] = []
        self._saved: list[Simulation] = []
        sim = Simulation(self.scenario, (), timeline=self.timeline)
        for moment in moments:
            if moment <= 0:
                continue
            while sim.pending() and sim._heap[0][0] < moment:
                sim.advance_to(sim._heap[0][0])
            self._times.append(moment)
            self._saved.append(sim.fork())

    def _outcome(self, sim: Simulation) -> Outcome:
        statuses = bytes(STATUS_CODE[task.status] for task in sim.tasks)
        unmet = tuple(i for i, expectation in enumerate(self.scenario.expect)
                      if not evaluate(expectation, sim).ok)
        return Outcome(statuses, unmet)


def _attempt_items(plan: Plan, sender: str, recipient: str, channel: str) -> list[str]:
    items = [channel]
    for party in (sender, recipient):
        contact = plan.parties[party].contact(channel)
        if contact is not None:
            items.extend(dep.id for dep in contact.depends_on)
    return items


def _static_items(scenario: Scenario, sim: Simulation) -> set[str]:
    plan = scenario.plan
    items: set[str] = set()
    for task in sim.tasks:
        for actor in (task.sender_plan, *plan.parties[task.sender_plan].deputies):
            for party, channel in sim.candidates(actor, task.recipient, task.step.via):
                items.update(_attempt_items(plan, actor, party, channel))
    return items
