"""Trainee results as ``drill scores`` reads them back (FORMAT.md 7.6), and time lost.

A result file is what ``drill train --trainee NAME --out RESULT.json`` wrote;
the loader (:mod:`drill.loading.results`) turns it into these frozen types so
that the class view never reads JSON-shaped dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def time_lost(deliveries: Iterable[tuple[float | None, float | None]]) -> float:
    """Minutes the trainee's deliveries came later than the plan's.

    ``deliveries`` are ``(trainee_at, plan_at)`` per recipient of every act
    step shown.  Only a delivery both made counts, and only when the
    trainee's was later; being faster elsewhere does not pay it back, and an
    undelivered recipient is counted by the score (``delivered``), not here.
    """
    return float(sum(max(0.0, you - plan) for you, plan in deliveries if you is not None and plan is not None))


@dataclass(frozen=True)
class ResultAttempt:
    to: str
    via: str
    start: float
    end: float
    ok: bool
    reason: str | None


@dataclass(frozen=True)
class ResultDelivery:
    to: str
    at: float | None
    plan_at: float | None


@dataclass(frozen=True)
class ResultAct:
    step: str
    clock: float
    at: float | None
    plan_at: float | None
    within: float | None
    gave_up: bool
    attempts: tuple[ResultAttempt, ...]
    tasks: tuple[ResultDelivery, ...]


@dataclass(frozen=True)
class ResultQuestion:
    text: str
    correct: bool | None
    """None for an opinion question (not scored)."""
    answer: int | None
    why: str | None


@dataclass(frozen=True)
class TraineeResult:
    """One trainee's saved walkthrough."""

    path: str
    trainee: str
    scenario: str
    plan: str
    start: str
    score: dict[str, int]
    """The result's own ``score`` object, as written."""
    questions: tuple[ResultQuestion, ...]
    acts: tuple[ResultAct, ...]
    end: float

    @property
    def time_lost(self) -> float:
        return time_lost((t.at, t.plan_at) for act in self.acts for t in act.tasks)


__all__ = ["ResultAct", "ResultAttempt", "ResultDelivery", "ResultQuestion", "TraineeResult", "time_lost"]
