"""The after-action report's data: what Markdown and HTML render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from drill.model.durations import format_duration


def fmt_t(minutes: float | None) -> str:
    """Drill time as a planner writes it (``15m``, ``1h30m``), or ``—``."""
    return "—" if minutes is None else format_duration(minutes)


@dataclass
class DrillClockText:
    """Drill minutes to local wall-clock text, daylight saving included."""

    start: datetime | None
    zone: ZoneInfo | None

    @classmethod
    def of(cls, record: dict[str, Any]) -> DrillClockText:
        try:
            start = datetime.fromisoformat(str(record["start"]))
            zone = ZoneInfo(str(record.get("timezone") or "Asia/Tokyo"))
        except (KeyError, ValueError, TypeError):
            return cls(None, None)
        return cls(start, zone)

    def local(self, minutes: float) -> datetime | None:
        if self.start is None or self.zone is None:
            return None
        start_utc = self.start.replace(tzinfo=self.zone).astimezone(timezone.utc)
        return (start_utc + timedelta(minutes=minutes)).astimezone(self.zone)

    def text(self, minutes: float | None, with_day: bool = False) -> str:
        if minutes is None:
            return "—"
        moment = self.local(minutes)
        if moment is None:
            return "—"
        same_day = self.start is not None and moment.date() == self.start.date()
        return moment.strftime("%a %H:%M" if with_day or not same_day else "%H:%M")


@dataclass
class Objective:
    """One drill objective (an expectation) and whether it was met."""

    text: str
    ok: bool
    by: float | None
    detail: str


@dataclass
class Moment:
    """One line of the drill's timeline: an inject or a key event."""

    t: float
    kind: str
    """``inject``, ``informed``, ``delivered``, ``late``, ``failed``, ``deadline``."""
    text: str


@dataclass
class RootCause:
    """What made attempts of a task fail, and what else it silenced."""

    cause: str
    kind: str
    """``component``, ``channel``, ``unstaffed``, ``absent``, ``horizon`` or ``unknown``."""
    first: float
    lost: float
    """Minutes the sender spent on attempts that failed for this cause."""
    attempts: list[str]
    """``via at party`` of the attempts it broke."""
    silenced: list[str] = field(default_factory=list)
    """Channels (``lgwan-mail``) and contacts (``lgwan-mail at pref``) that depend on it."""
    reason: str = ""


@dataclass
class Finding:
    """One thing the drill showed that needs fixing."""

    number: int
    kind: str
    """``late``, ``failed``, ``blocked`` or ``objective``."""
    title: str
    step: str | None
    sender: str | None
    recipient: str | None
    detail: str
    causes: list[RootCause]
    recommendations: list[str]
    tasks: list[int] = field(default_factory=list)
    """Indexes into the record's tasks that this finding is about."""


@dataclass
class AttemptRow:
    number: int
    start: float
    end: float
    step: str
    sender: str
    to: str
    via: str
    ok: bool
    reason: str | None
    address: str | None = None


@dataclass
class AfterAction:
    """Everything an after-action report shows."""

    scenario: str
    title: str
    plan: str
    plan_title: str | None
    incident: str | None
    origin: str | None
    start_text: str
    timezone: str | None
    end: float
    summary: dict[str, int]
    participants: list[str]
    not_informed: list[str]
    objectives: list[Objective]
    moments: list[Moment]
    findings: list[Finding]
    attempts: list[AttemptRow]
    tasks: list[dict[str, Any]]
    injects: list[dict[str, Any]]
    informed: dict[str, float | None]
    clock: DrillClockText
    ok: bool
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    """(party, channel, address) for participants, only with ``show_contacts``."""
    analysis: list[str] = field(default_factory=list)
    """Static-analysis findings about the plan, when drill.analysis is present."""


