"""Typed events the engine yields while it simulates a drill.

Reports, the journal and the TUI all consume these; the engine never prints.
Every event has a time ``t`` (drill minutes) and turns into a plain dict for
the JSON-lines journal with :func:`event_to_dict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any

from drill.model.scenario import Inject


@dataclass(frozen=True)
class Event:
    t: float

    @property
    def kind(self) -> str:
        return type(self).__name__


@dataclass(frozen=True)
class InjectApplied(Event):
    inject: Inject
    live: bool = False
    """True when the organiser made it happen during the drill."""


@dataclass(frozen=True)
class StateChanged(Event):
    """A component or channel went down or came back."""

    item: str
    down: bool
    cause: str | None = None


@dataclass(frozen=True)
class PartyInformed(Event):
    party: str
    acting_for: str | None = None


@dataclass(frozen=True)
class TaskStarted(Event):
    task: int
    sender: str


@dataclass(frozen=True)
class AttemptStarted(Event):
    task: int
    to: str
    via: str
    sender: str


@dataclass(frozen=True)
class Delivered(Event):
    task: int
    to: str
    via: str
    start: float
    status: str
    """``delivered`` or ``late``."""


@dataclass(frozen=True)
class AttemptFailed(Event):
    task: int
    to: str
    via: str
    start: float
    reason: str


@dataclass(frozen=True)
class RetryScheduled(Event):
    task: int
    at: float


@dataclass(frozen=True)
class TaskFailed(Event):
    task: int
    reason: str


@dataclass(frozen=True)
class SimulationEnded(Event):
    pass


def event_to_dict(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"event": event.kind}
    for f in fields(event):
        value = getattr(event, f.name)
        if is_dataclass(value) and not isinstance(value, type):
            value = {k: v for k, v in asdict(value).items() if k != "location" and v not in ((), None)}
        out[f.name] = value
    return out
