"""The class view of ``drill scores``: many trainees' results side by side (FORMAT.md 7.6).

Pure functions over :class:`~drill.model.classroom.TraineeResult`: one row per
result (its own score, the minutes its deliveries came later than the plan's,
the calls that failed and why), one row per scored question (how many
answered it, how many right) and one row per act step (the spread of the
trainees' delivery times beside the plan's).  Everything is sorted, so the
same files give the same class in any order on the command line.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from drill.model.classroom import ResultAttempt, TraineeResult


@dataclass(frozen=True)
class FailedCall:
    step: str
    attempt: ResultAttempt


@dataclass(frozen=True)
class TraineeRow:
    trainee: str
    scenario: str
    score: dict[str, int]
    time_lost: float
    undelivered: int
    """Recipients the trainee never reached (in every act step shown)."""
    failed: tuple[FailedCall, ...]
    path: str


@dataclass(frozen=True)
class QuestionRow:
    scenario: str
    text: str
    right: int
    answered: int


@dataclass(frozen=True)
class StepSpread:
    """Delivery times of one act step across the class (the last recipient of each showing)."""

    scenario: str
    step: str
    plan_at: float | None
    times: tuple[float, ...]
    """Sorted; showings that did not reach everyone are counted in ``undelivered``."""
    undelivered: int

    @property
    def fastest(self) -> float | None:
        return self.times[0] if self.times else None

    @property
    def median(self) -> float | None:
        return float(statistics.median(self.times)) if self.times else None

    @property
    def slowest(self) -> float | None:
        return self.times[-1] if self.times else None


@dataclass(frozen=True)
class ClassView:
    trainees: tuple[TraineeRow, ...]
    questions: tuple[QuestionRow, ...]
    steps: tuple[StepSpread, ...]


def class_view(results: list[TraineeResult]) -> ClassView:
    ordered = sorted(results, key=lambda r: (r.trainee, r.scenario, r.path))
    rows = tuple(TraineeRow(
        trainee=r.trainee, scenario=r.scenario, score=dict(r.score), time_lost=r.time_lost,
        undelivered=sum(1 for act in r.acts for t in act.tasks if t.at is None),
        failed=tuple(FailedCall(act.step, a) for act in r.acts for a in act.attempts if not a.ok),
        path=r.path) for r in ordered)
    return ClassView(trainees=rows, questions=_questions(ordered), steps=_steps(ordered))


def _questions(results: list[TraineeResult]) -> tuple[QuestionRow, ...]:
    counts: dict[tuple[str, str], list[int]] = {}
    order: dict[str, list[str]] = {}
    for result in results:
        for question in result.questions:
            if question.correct is None:  # an opinion: nothing to score
                continue
            key = (result.scenario, question.text)
            if key not in counts:
                counts[key] = [0, 0]
                order.setdefault(result.scenario, []).append(question.text)
            counts[key][0] += 1 if question.correct else 0
            counts[key][1] += 1
    return tuple(QuestionRow(scenario, text, *counts[(scenario, text)])
                 for scenario in sorted(order) for text in order[scenario])


def _steps(results: list[TraineeResult]) -> tuple[StepSpread, ...]:
    times: dict[tuple[str, str], list[float]] = {}
    missing: dict[tuple[str, str], int] = {}
    plan: dict[tuple[str, str], float | None] = {}
    order: dict[str, list[str]] = {}
    for result in results:
        for act in result.acts:
            if not act.tasks:
                continue
            key = (result.scenario, act.step)
            if key not in times:
                times[key], missing[key], plan[key] = [], 0, act.plan_at
                order.setdefault(result.scenario, []).append(act.step)
            if act.at is None:
                missing[key] += 1
            else:
                times[key].append(act.at)
    return tuple(StepSpread(scenario, step, plan[(scenario, step)], tuple(sorted(times[(scenario, step)])),
                            missing[(scenario, step)])
                 for scenario in sorted(order) for step in order[scenario])


__all__ = ["ClassView", "FailedCall", "QuestionRow", "StepSpread", "TraineeRow", "class_view"]
