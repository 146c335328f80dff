"""Frozen domain types of a scenario (FORMAT.md sections 2 and 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from drill.i18n import _
from drill.model.durations import format_duration
from drill.model.errors import Location, Problem
from drill.model.plan import Plan


@dataclass(frozen=True)
class Inject:
    """Something the organiser makes happen at ``at`` minutes."""

    at: float
    fail: tuple[str, ...] = ()
    restore: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    back: tuple[str, ...] = ()
    note: str | None = None
    location: Location | None = field(default=None, compare=False)

    def describe(self) -> str:
        parts = []
        for verb, ids in (("fail", self.fail), ("restore", self.restore),
                          ("absent", self.absent), ("back", self.back)):
            if ids:
                parts.append(f"{verb} {', '.join(ids)}")
        text = "; ".join(parts) or "note"
        if self.note:
            text += f" — {self.note}"
        return text


@dataclass(frozen=True)
class Expectation:
    """A drill objective; it passes or fails.

    ``kind`` is ``step`` (every task of a step delivered by ``by``, or within its
    own deadline when ``by`` is absent), ``informed`` (every party of a target
    informed by ``by``, or at all) or ``delivered`` (every task delivered within
    its own ``within``).  ``raw`` is the objective as the file wrote it and is
    echoed in reports.
    """

    kind: str
    target: str
    by: float | None
    raw: dict[str, Any]
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    why: str | None = None
    next: str | None = None
    """The ``id`` of the step to continue at (``goto:``, or its older spelling ``next:``)."""


@dataclass(frozen=True)
class WalkthroughStep:
    """One step of a trainee walkthrough: ``say``, ``ask`` or ``act``."""

    kind: str
    at: float | None = None
    text: str | None = None
    choices: tuple[Choice, ...] = ()
    step: str | None = None
    hint: str | None = None
    id: str | None = None
    goto: str | None = None
    """The ``id`` of the step that follows (a choice's own ``goto`` comes first)."""
    on_fail: str | None = None
    """Act: where to continue when some recipient was not reached (given up)."""
    on_late: str | None = None
    """Act: where to continue when everyone was reached but after the step's ``within``."""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Scenario:
    """A drill: a plan, an incident at a local start time, injects and objectives."""

    id: str
    title: str
    plan: Plan
    start: datetime
    """Naive local time in the plan's timezone."""
    incident: str
    origin: str
    injects: tuple[Inject, ...] = ()
    expect: tuple[Expectation, ...] = ()
    horizon: float | None = None
    walkthrough: tuple[WalkthroughStep, ...] = ()
    path: str = ""
    plan_path: str = ""
    location: Location | None = field(default=None, compare=False)

    def warnings(self) -> tuple[Problem, ...]:
        """What is valid but surely not meant: an inject after the horizon never happens."""
        if self.horizon is None:
            return ()
        return tuple(Problem(inject.location or Location(self.path),
                             _("warning: this inject at {at} is after the horizon {horizon}; it never happens").format(
                                 at=format_duration(inject.at), horizon=format_duration(self.horizon)))
                     for inject in self.injects if inject.at > self.horizon)
