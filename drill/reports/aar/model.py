"""The after-action report's data: what Markdown and HTML render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from drill.i18n import current_language
from drill.i18n.formats import datetime_text, duration_text
from drill.model.durations import format_duration
from drill.model.plan import Plan, label_with_id
from drill.reports.record import RunRecord, TaskRecord


def fmt_t(minutes: float | None) -> str:
    """Drill time: ``1時間30分`` in Japanese, as a planner writes it in English (``1h30m``), or ``—``."""
    if minutes is None:
        return "—"
    return duration_text(minutes) if current_language() == "ja" else format_duration(minutes)


def joined(items: list[str]) -> str:
    """Every item, with the list separator of the language (``、`` or ``, ``)."""
    return ("、" if current_language() == "ja" else ", ").join(items)


@dataclass
class DrillClockText:
    """Drill minutes to local wall-clock text, daylight saving included."""

    start: datetime | None
    zone: ZoneInfo | None

    @classmethod
    def of(cls, record: RunRecord) -> DrillClockText:
        try:
            start = datetime.fromisoformat(str(record.start))
            zone = ZoneInfo(str(record.timezone or "Asia/Tokyo"))
        except (KeyError, ValueError, TypeError):
            return cls(None, None)
        return cls(start, zone)

    def local(self, minutes: float) -> datetime | None:
        if self.start is None or self.zone is None:
            return None
        start_utc = self.start.replace(tzinfo=self.zone).astimezone(timezone.utc)
        return (start_utc + timedelta(minutes=minutes)).astimezone(self.zone)

    def text(self, minutes: float | None, with_day: bool = False) -> str:
        """``10:36``, or with the weekday (``Sat 22:31``, ``（土）22:31``) when asked or on another day."""
        if minutes is None:
            return "—"
        moment = self.local(minutes)
        if moment is None:
            return "—"
        same_day = self.start is not None and moment.date() == self.start.date()
        if with_day or not same_day:
            return datetime_text(moment, with_date=False)
        return moment.strftime("%H:%M")

    def date_text(self, minutes: float) -> str:
        """The full local date and time (``2025年8月20日（水）10:00``, ``2025-08-20 Wed 10:00``), or ``—``."""
        moment = self.local(minutes)
        if moment is None:
            return "—"
        if current_language() == "ja":
            return datetime_text(moment)
        return moment.strftime("%Y-%m-%d %a %H:%M")


@dataclass(frozen=True)
class Names:
    """Parties as people read them: the plan's label in the language, with the id (FORMAT.md 7.3)."""

    plan: Plan | None

    def party(self, ident: str | None) -> str:
        if ident is None:
            return "—"
        if self.plan is not None and ident in self.plan.parties:
            return label_with_id(self.plan.parties[ident])
        return ident

    def parties(self, idents: list[str]) -> str:
        return joined([self.party(p) for p in idents])


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
    """``inject``, ``informed``, ``late``, ``failed``, ``deadline`` or ``observation``."""
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
    """``via to party`` of the attempts it broke (ids)."""
    silenced: list[str] = field(default_factory=list)
    """Channels (``lgwan-mail``) and contacts (``lgwan-mail at pref``) that depend on it, in words."""
    reason: str = ""
    vias: list[str] = field(default_factory=list)
    """The channel of each of :attr:`attempts` (ids)."""
    silenced_channels: list[str] = field(default_factory=list)
    """The channels of :attr:`silenced` (ids, sorted)."""


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
    tasks: list[TaskRecord]
    injects: list[dict[str, Any]]
    informed: dict[str, float | None]
    clock: DrillClockText
    ok: bool
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    """(party, channel, address) for participants, only with ``show_contacts``."""
    analysis: list[str] = field(default_factory=list)
    """Static-analysis findings about the plan, when drill.analysis is present."""
    names: Names = field(default_factory=lambda: Names(None))
    """How people read the parties (the plan's labels with ids)."""
