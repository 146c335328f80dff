"""Drill time to local wall time, and calendars (FORMAT.md 3.2).

Drill time is minutes since t = 0; the scenario's start is a local time in
the plan's timezone.  Elapsed time is real time, so across a daylight-saving
change the wall clock jumps as it would on the office wall.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from drill.model.plan import Calendar, Plan


class DrillClock:
    """Converts drill minutes to local wall time for one scenario."""

    def __init__(self, plan: Plan, start: datetime):
        self.plan = plan
        self.zone = ZoneInfo(plan.timezone)
        self.start_utc = start.replace(tzinfo=self.zone).astimezone(timezone.utc)
        self._cache: dict[float, datetime] = {}

    def local(self, t: float) -> datetime:
        value = self._cache.get(t)
        if value is None:
            value = (self.start_utc + timedelta(minutes=t)).astimezone(self.zone)
            if len(self._cache) < 100_000:
                self._cache[t] = value
        return value

    def staffed(self, calendar: Calendar, t: float) -> bool:
        """Whether ``calendar`` covers drill time ``t``."""
        if calendar.always:
            return True
        now = self.local(t)
        minute = now.hour * 60 + now.minute + now.second / 60
        if calendar.start < calendar.end:
            return self._open_day(calendar, now) and calendar.start <= minute < calendar.end
        # the span runs past midnight into the next day
        if minute >= calendar.start and self._open_day(calendar, now):
            return True
        if minute < calendar.end:
            return self._open_day(calendar, now - timedelta(days=1))
        return False

    def _open_day(self, calendar: Calendar, moment: datetime) -> bool:
        if moment.weekday() not in calendar.days:
            return False
        return calendar.on_holidays or moment.date() not in self.plan.holidays

    def describe(self, t: float) -> str:
        return self.local(t).strftime("%a %H:%M")
