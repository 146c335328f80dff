"""The discrete-event simulation of a drill (FORMAT.md section 3).

A :class:`Simulation` holds the whole state of one drill: which parties are
informed, which tasks are waiting for a line, which attempts are in flight.
Time advances from event to event through a heap ordered by time, then by the
same-time order of rule 8 (injects, deliveries, failure notices, attempt
starts), then by the order things were scheduled.  Every change is reported as
a typed event (:mod:`drill.engine.events`) that front ends consume; the engine
never prints.

The simulation can be stepped (``step``), run to the end (``run``) or be given
new injects while it runs (``apply_live``), which is what the organiser's TUI
does when a participant says "the fax is dead here".
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from drill.engine import causes, rules
from drill.engine.causes import AttemptCause, TaskCause
from drill.engine.clock import DrillClock
from drill.engine.events import (
    AttemptFailed,
    AttemptStarted,
    Delivered,
    Event,
    InjectApplied,
    PartyInformed,
    RetryScheduled,
    SimulationEnded,
    StateChanged,
    TaskFailed,
    TaskStarted,
)
from drill.engine.tasks import Attempt, Task
from drill.engine.timeline import INF, FailureTimeline
from drill.i18n import _
from drill.model.limits import cap, over_cap
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario
from drill.model.status import STATUSES

__all__ = ["STATUSES", "Attempt", "Simulation", "Task"]

EventHandler = Callable[[Event], None]
"""A function that follows a run event by event (chaostoolkit's handler idea)."""

# same-time order (rule 8); ticks re-evaluate component state after injects
_INJECT, _TICK, _DELIVERY, _FAILURE, _RELEASE, _READY = range(6)


class Simulation:
    """One drill being simulated."""

    def __init__(self, scenario: Scenario, extra_injects: Iterable[Inject] = (),
                 timeline: FailureTimeline | None = None, on_event: EventHandler | None = None):
        self.scenario = scenario
        self.handlers: list[EventHandler] = [on_event] if on_event is not None else []
        """Called with every event as it happens (the journal, a front end)."""
        self.plan: Plan = scenario.plan
        self.procedure = self.plan.procedures[scenario.incident]
        self.origin = scenario.origin
        self.injects: list[Inject] = list(scenario.injects) + list(extra_injects)
        # a caller that simulates many variants of one scenario (drill sweep) passes a
        # timeline it derived cheaply; it must be the timeline of exactly these injects
        self.timeline = timeline if timeline is not None else FailureTimeline(self.plan, self.injects)
        self.clock = DrillClock(self.plan, scenario.start)
        self.horizon = scenario.horizon if scenario.horizon is not None else INF
        self.now = 0.0
        self.finished = False
        self.events: list[Event] = []
        self.informed: dict[str, float | None] = {p: None for p in self.plan.parties}
        self.acting_for: dict[str, str] = {}
        self._party_order = {p: i for i, p in enumerate(self.plan.parties)}
        self._started: set[str] = set()
        self._lines: dict[str, int] = {p: 0 for p in self.plan.parties}
        self._waiting: list[Task] = []
        """Tasks that became ready since the last dispatch."""
        self._held: dict[str, list[tuple[float, tuple[float, int, int, int], Task]]] = {}
        """Per sender, a heap by (ready_at, key): announced tasks with candidates that found every line busy."""
        self._released: set[str] = set()
        """Senders that freed a line since the last dispatch."""
        self._heap: list[tuple[float, int, int, str, Any]] = []
        self._seq = 0
        self._state: dict[str, bool] = {}
        self._max_events, self._max_attempts, self._attempts = cap("events"), cap("attempts"), 0
        self.tasks: list[Task] = self._build_tasks()
        self._by_principal: dict[str, list[Task]] = {}
        for task in self.tasks:
            self._by_principal.setdefault(task.sender_plan, []).append(task)
        for inject in self.injects:
            self._push(inject.at, _INJECT, "inject", inject)
        for moment in self.timeline.transition_times():
            self._push(moment, _TICK, "tick", None)
        self._push(0.0, _DELIVERY, "origin", self.origin)

    # -- set-up -----------------------------------------------------------
    def _build_tasks(self) -> list[Task]:
        tasks: list[Task] = []
        for step_index, step in enumerate(self.procedure.steps):
            recipients = self.plan.expand(step.to, self.origin)
            # FORMAT.md 7.1: every resolved sender has its own tasks; "sender order" is resolution order
            for sender_index, sender in enumerate(self.plan.senders_for(step, self.origin)):
                for recipient_index, recipient in enumerate(recipients):
                    if recipient == sender:
                        continue
                    tasks.append(Task(index=len(tasks), step=step, step_index=step_index,
                                      sender_plan=sender, recipient=recipient,
                                      recipient_index=recipient_index, sender_index=sender_index))
            if len(tasks) > cap("tasks"):
                raise over_cap(f"step '{step.id}'", cap("tasks"), "tasks")
        return tasks

    def candidates(self, sender: str, recipient: str, via: tuple[str, ...]) -> list[tuple[str, str]]:
        """Rule 4 (:func:`drill.engine.rules.candidates`)."""
        return rules.candidates(self.plan, sender, recipient, via)

    def _push(self, t: float, order: int, kind: str, payload: Any) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (t, order, self._seq, kind, payload))

    def on_event(self, handler: EventHandler) -> None:
        """Follow the run: ``handler`` is called with every event from now on."""
        self.handlers.append(handler)

    def _emit(self, event: Event) -> None:
        self.events.append(event)
        for handler in self.handlers:
            handler(event)
        if len(self.events) > self._max_events:
            raise over_cap(self.scenario.id, self._max_events, "events")

    # -- rule 3: does an attempt work? --------------------------------------
    def attempt_outcome(self, sender: str, recipient: str, channel_id: str, t: float) -> tuple[str | None, str | None]:
        """Return (reason, cause id) if the attempt fails at ``t``, else (None, None)."""
        failure = self.attempt_failure(sender, recipient, channel_id, t)
        if failure is None:
            return None, None
        return causes.attempt_reason(failure), failure.cause

    def attempt_failure(self, sender: str, recipient: str, channel_id: str, t: float) -> AttemptCause | None:
        """Rule 3 (:func:`drill.engine.rules.attempt_failure`): why the attempt fails at ``t``, or None."""
        return rules.attempt_failure(self.plan, self.timeline, self.clock, sender, recipient, channel_id, t)

    # -- running ------------------------------------------------------------
    def pending(self) -> bool:
        return bool(self._heap) and self._heap[0][0] <= self.horizon

    def next_time(self) -> float | None:
        return self._heap[0][0] if self.pending() else None

    def step(self) -> list[Event]:
        """Process the next moment's work until at least one event is produced."""
        before = len(self.events)
        while len(self.events) == before:
            if not self.pending():
                self.finish()
                break
            self._process_one()
        return self.events[before:]

    def advance_to(self, t: float) -> list[Event]:
        """Process everything up to and including time ``t``."""
        before = len(self.events)
        while self.pending() and self._heap[0][0] <= t:
            self._process_one()
        self.now = max(self.now, min(t, self.horizon))
        return self.events[before:]

    def run(self) -> list[Event]:
        while self.pending():
            self._process_one()
        self.finish()
        return self.events

    def apply_live(self, inject: Inject) -> None:
        """Apply an inject now (the organiser failed or restored something)."""
        inject = replace(inject, at=self.now)
        self.injects.append(inject)
        self.timeline.add([inject])
        self._push(self.now, _INJECT, "live", inject)
        for moment in self.timeline.transition_times(self.now - 1e-9):
            self._push(moment, _TICK, "tick", None)

    def fork(self, extra_injects: Iterable[Inject] = (), timeline: FailureTimeline | None = None) -> Simulation:
        """A copy of this simulation as it stands now, that goes on independently.

        The copy shares what never changes (plan, scenario, clock, finished
        tasks, the events so far) and copies everything that can.  With
        ``extra_injects`` (and optionally their ``timeline``, which must be the
        timeline of all the injects) the copy goes on as if they had been in the
        drill from the start; the caller guarantees they would have changed no
        attempt before now (``drill sweep`` uses this to re-simulate a failure
        only from the first attempt it affects).  Past events are not replayed.
        """
        extra = list(extra_injects)
        twin = object.__new__(Simulation)
        twin.__dict__.update(self.__dict__)
        copies: dict[int, Task] = {}

        def own(task: Task) -> Task:
            if task.done:  # a finished task never changes again
                return task
            mine = copies.get(id(task))
            if mine is None:
                mine = object.__new__(Task)
                mine.__dict__.update(task.__dict__)
                mine.attempts = list(task.attempts)
                if task.in_flight and mine.attempts:  # finish() may still rewrite it
                    mine.attempts[-1] = replace(mine.attempts[-1])
                copies[id(task)] = mine
            return mine

        twin.tasks = [own(task) for task in self.tasks]
        twin._by_principal = {p: [own(task) for task in tasks] for p, tasks in self._by_principal.items()}
        twin._waiting = [own(task) for task in self._waiting]
        twin._held = {p: [(a, k, own(task)) for a, k, task in held] for p, held in self._held.items()}
        twin._heap = [(t, o, q, kind, own(x) if isinstance(x, Task) else x) for t, o, q, kind, x in self._heap]
        twin.events = list(self.events)
        twin.handlers = []  # the copy is a what-if: whoever follows this run does not follow it
        twin.informed = dict(self.informed)
        twin.acting_for = dict(self.acting_for)
        twin._started = set(self._started)
        twin._lines = dict(self._lines)
        twin._released = set(self._released)
        twin._state = dict(self._state)
        twin.injects = list(self.injects) + extra
        if extra:
            twin.timeline = timeline if timeline is not None else FailureTimeline(self.plan, twin.injects)
            for inject in extra:
                if inject.at >= self.now:
                    twin._push(inject.at, _INJECT, "inject", inject)
            for moment in twin.timeline.transition_times(self.now - 1e-9):
                twin._push(moment, _TICK, "tick", None)
        return twin

    def _process_one(self) -> None:
        t, order, _, kind, payload = heapq.heappop(self._heap)
        self.now = t
        if kind in ("inject", "live"):
            self._emit(InjectApplied(t, payload, live=kind == "live"))
            self._tick(t)
        elif kind == "tick":
            self._tick(t)
        elif kind == "origin":
            self._inform(payload, None, t)
        elif kind == "delivered":
            self._delivered(payload, t)
        elif kind == "failed":
            self._failed(payload, t)
        elif kind == "release":
            self._lines[payload] -= 1
            self._released.add(payload)
            self._push(t, _READY, "dispatch", None)
        elif kind in ("ready", "dispatch"):
            if payload is not None:
                self._waiting.append(payload)
            while self._heap and self._heap[0][0] == t and self._heap[0][1] == _READY:
                _, _, _, _, more = heapq.heappop(self._heap)
                if more is not None:
                    self._waiting.append(more)
            self._dispatch(t)

    def _changing(self, t: float) -> list[str]:
        """The components and channels whose state may change at ``t``, in plan order.

        State only changes where a down interval starts or ends, so a tick looks
        only at those: a drill with thousands of injects would otherwise check
        every component at every one of them.  Right after the timeline was
        replaced (live injects, a fork) every item is checked once, because an
        inject may have changed the past.
        """
        timeline = self.timeline
        if getattr(self, "_boundaries_of", None) is not timeline.down:
            boundaries: dict[float, set[str]] = {}
            for item in timeline.ever_down:
                for start, end in timeline.down.get(item, ()):
                    boundaries.setdefault(start, set()).add(item)
                    if end != INF:
                        boundaries.setdefault(end, set()).add(item)
            self._boundaries: dict[float, set[str]] = boundaries
            self._boundaries_of = timeline.down
            self._boundary_order = {item: i for i, item in enumerate(timeline.ever_down)}
            return list(timeline.ever_down)
        changing = self._boundaries.get(t)
        if not changing:
            return []
        return sorted(changing, key=self._boundary_order.__getitem__)

    def _tick(self, t: float) -> None:
        for item in self._changing(t):  # the others keep their state: nothing to report
            down = self.timeline.is_down(item, t)
            if down != self._state.get(item, False):
                self._state[item] = down
                cause = None
                if down:
                    found = self.timeline.cause(item, t)
                    if found.root != item:
                        cause = causes.down_text(found)
                self._emit(StateChanged(t, item, down, cause))

    def _inform(self, party: str, meant_for: str | None, t: float) -> None:
        if self.informed[party] is None:
            self.informed[party] = t
            acting = meant_for if meant_for not in (None, party) else None
            self._emit(PartyInformed(t, party, acting))
            self._start_principal(party, party, t)
        if meant_for is not None and meant_for != party:
            self.acting_for.setdefault(party, meant_for)
            self._start_principal(meant_for, party, t)

    def _start_principal(self, principal: str, actor: str, t: float) -> None:
        """Rule 6: the principal's steps start once, for the first of it and its deputies informed."""
        if principal in self._started:
            return
        self._started.add(principal)
        for task in self._by_principal.get(principal, []):
            task.sender = actor
            task.start = t + task.step.delay
            task.status = "pending"
            task.key = (task.start, task.step_index, task.sender_index, task.recipient_index)
            task.candidates = self.candidates(actor, task.recipient, task.step.via)
            task.ready_at = task.start
            self._push(task.start, _READY, "ready", task)

    def _dispatch(self, t: float) -> None:
        # A held task (announced, with candidates, every line of its sender busy)
        # can neither start nor emit anything until its sender frees a line: lines
        # only fill up during a dispatch and free up on a release.  So only new
        # tasks and, for each released sender, its first held tasks (as many as it
        # has free lines: no later one can start now) need the sorted pass; keys
        # are unique, so this gives the same order as sorting everything waiting.
        active = self._waiting
        for sender in sorted(self._released):
            held = self._held.get(sender)
            if held:
                free = self.plan.parties[sender].lines - self._lines[sender]
                for _ in range(min(free, len(held))):
                    active.append(heapq.heappop(held)[2])
        self._released.clear()
        active.sort(key=lambda task: (task.ready_at, task.key))
        self._waiting = []
        for task in active:
            if not task.announced:
                task.announced = True
                self._emit(TaskStarted(t, task.index, task.sender or "?"))
            if not task.candidates:
                self._fail_task(task, t, TaskCause("no-candidate", task.sender or task.sender_plan,
                                                   task.recipient, task.step.via))
                continue
            sender = task.sender or task.sender_plan
            if self._lines[sender] < self.plan.parties[sender].lines:
                self._start_attempt(task, t)
            else:
                heapq.heappush(self._held.setdefault(sender, []), (task.ready_at, task.key, task))

    def _start_attempt(self, task: Task, t: float) -> None:
        sender = task.sender or task.sender_plan
        party, channel_id = task.candidates[task.next_candidate]
        channel = self.plan.channels[channel_id]
        failure = self.attempt_failure(sender, party, channel_id, t)
        ok = failure is None
        end = t + (channel.latency if ok else channel.failure_delay)
        attempt = Attempt(to=party, via=channel_id, start=t, end=end, ok=ok)
        if failure is not None:
            attempt.record(failure)
        task.attempts.append(attempt)
        self._attempts += 1
        if self._attempts > self._max_attempts:
            raise over_cap(f"step '{task.step.id}'", self._max_attempts, "attempts",
                           _("retry less often, or give up sooner (retry: until)"))
        task.in_flight = True
        self._lines[sender] += 1
        self._emit(AttemptStarted(t, task.index, party, channel_id, sender))
        self._push(end, _DELIVERY if ok else _FAILURE, "delivered" if ok else "failed", task)
        self._push(min(t + channel.line_hold, end), _RELEASE, "release", sender)

    def _delivered(self, task: Task, t: float) -> None:
        attempt = task.attempts[-1]
        task.in_flight = False
        task.done = True
        task.at, task.by, task.via = t, attempt.to, attempt.via
        task.status = "late" if task.within is not None and t > task.within else "delivered"
        self._emit(Delivered(t, task.index, attempt.to, attempt.via, attempt.start, task.status))
        self._inform(attempt.to, task.recipient, t)

    def _failed(self, task: Task, t: float) -> None:
        attempt = task.attempts[-1]
        task.in_flight = False
        self._emit(AttemptFailed(t, task.index, attempt.to, attempt.via, attempt.start, attempt.reason or ""))
        task.next_candidate += 1
        if task.next_candidate < len(task.candidates):
            task.ready_at = t
            self._push(t, _READY, "ready", task)
            return
        retry = task.step.retry
        if retry is not None and t + retry.every <= retry.until:
            task.next_candidate = 0
            task.ready_at = t + retry.every
            self._emit(RetryScheduled(t, task.index, task.ready_at))
            self._push(task.ready_at, _READY, "ready", task)
            return
        self._fail_task(task, t, TaskCause("exhausted", retries=retry is not None))

    def _fail_task(self, task: Task, t: float, cause: TaskCause) -> None:
        task.done = True
        task.status = "failed"
        task.record(cause)
        self._emit(TaskFailed(t, task.index, task.reason or ""))

    def finish(self) -> None:
        """Close the drill: whatever has not happened by the horizon fails or is blocked."""
        if self.finished:
            return
        self.finished = True
        end = self.horizon if self.horizon != INF else self.now
        for task in self.tasks:
            if task.done:
                continue
            if task.sender is None:
                task.status = "blocked"
                task.record(TaskCause("blocked", task.sender_plan))
                continue
            if task.attempts and task.in_flight:
                last = task.attempts[-1]
                last.ok = False
                last.end = end  # the outcome was never learned: the attempt ends with the drill
                last.record(AttemptCause("horizon", None, last.via, horizon=self.horizon))
            task.status = "failed"
            task.record(TaskCause("horizon" if not task.attempts else "unfinished", horizon=self.horizon))
            task.done = True
            self._emit(TaskFailed(end, task.index, task.reason or ""))
        self.now = end if math.isfinite(end) else self.now
        self._emit(SimulationEnded(self.now))

    # -- results --------------------------------------------------------------
    def ordered_tasks(self) -> list[Task]:
        """Tasks in creation order (rule 6); tasks never started come last, in plan order."""
        return sorted(self.tasks, key=lambda task: (task.key, task.index))
