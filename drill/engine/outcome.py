"""The outcome of a simulated drill: tasks, informed times, objectives.

:func:`simulate` runs a scenario to the end and returns a :class:`RunResult`,
the one object every report format is rendered from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drill.engine.events import Event
from drill.engine.simulation import Simulation, Task
from drill.i18n import _, ngettext
from drill.i18n.formats import duration_text, listing
from drill.i18n.words import status_word
from drill.model.scenario import Expectation, Inject, Scenario
from drill.model.status import OK_STATUSES, STATUSES


def run_ok(expectations: Iterable[bool], statuses: Iterable[str]) -> bool:
    """The one answer to "is the run OK?": every objective met and every task delivered in time."""
    return all(expectations) and all(status in OK_STATUSES for status in statuses)


@dataclass(frozen=True)
class ExpectationResult:
    expectation: Expectation
    ok: bool
    detail: str


@dataclass
class RunResult:
    scenario: Scenario
    tasks: list[Task]
    informed: dict[str, float | None]
    expectations: list[ExpectationResult]
    events: list[Event]
    injects: list[Inject]
    end: float

    @property
    def summary(self) -> dict[str, int]:
        """Tasks per final status; mid-drill, unfinished tasks are counted under ``pending``."""
        counts: dict[str, int] = {"tasks": len(self.tasks)}
        counts.update((status, 0) for status in STATUSES)
        for task in self.tasks:
            counts[task.status] = counts.get(task.status, 0) + 1
        return counts

    @property
    def ok(self) -> bool:
        return run_ok([e.ok for e in self.expectations], [t.status for t in self.tasks])

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def simulate(scenario: Scenario, extra_injects: Iterable[Inject] = ()) -> RunResult:
    sim = Simulation(scenario, extra_injects)
    sim.run()
    return result_of(sim)


def result_of(sim: Simulation) -> RunResult:
    tasks = sim.ordered_tasks()
    return RunResult(
        scenario=sim.scenario, tasks=tasks, informed=dict(sim.informed),
        expectations=[evaluate(e, sim) for e in sim.scenario.expect],
        events=list(sim.events), injects=list(sim.injects), end=sim.now,
    )


def _when(value: float | None) -> str:
    return _("never") if value is None else duration_text(value)


def evaluate(expectation: Expectation, sim: Simulation) -> ExpectationResult:
    """Does one objective hold in a finished simulation?  ``detail`` is in the current language."""
    by = expectation.by
    if expectation.kind == "informed":
        targets = sim.plan.expand(expectation.target.split(","), sim.origin)
        missing = [p for p in targets if not _informed_by(sim.informed[p], by)]
        if not missing:
            latest = max((sim.informed[p] or 0.0 for p in targets), default=0.0)
            return ExpectationResult(expectation, True, ngettext(
                "informed at {at}", "all {n} informed, last at {at}", len(targets)).format(
                    n=len(targets), at=duration_text(latest)))
        shown = listing([_("{party} ({when})").format(party=p, when=_when(sim.informed[p])) for p in missing], 5)
        if by is None:
            return ExpectationResult(expectation, False, _("not informed: {parties}").format(parties=shown))
        return ExpectationResult(expectation, False, _("not informed by {by}: {parties}").format(
            by=duration_text(by), parties=shown))
    if expectation.kind == "step":
        tasks = [t for t in sim.tasks if t.step.id == expectation.target]
        late = [t for t in tasks if not _delivered_by(t, by)]
    else:
        tasks = list(sim.tasks)
        late = [t for t in tasks if t.status != "delivered"]
    if not late:
        return ExpectationResult(expectation, True, ngettext(
            "the {n} task delivered in time", "all {n} tasks delivered in time", len(tasks)).format(n=len(tasks)))
    listed = listing([_late_task(t) for t in late], 5)
    return ExpectationResult(expectation, False, ngettext(
        "{late} of {n} task not in time: {tasks}", "{late} of {n} tasks not in time: {tasks}",
        len(tasks)).format(late=len(late), n=len(tasks), tasks=listed))


def _late_task(task: Task) -> str:
    """``alert pref→town-x (failed)`` / ``… (late at 33 min)``, the status in words."""
    route = f"{task.step.id} {task.sender_plan}→{task.recipient}"
    if task.at is None:
        return _("{task} ({status})").format(task=route, status=status_word(task.status))
    return _("{task} ({status} at {at})").format(task=route, status=status_word(task.status),
                                                 at=duration_text(task.at))


def _informed_by(when: float | None, by: float | None) -> bool:
    return when is not None and (by is None or when <= by)


def _delivered_by(task: Task, by: float | None) -> bool:
    if by is None:
        return task.status == "delivered"
    return task.at is not None and task.at <= by
