"""The engine's staffing check and the analysis' week mask say the same thing (FORMAT.md 3.2).

Calendar coverage is written twice for speed: :meth:`DrillClock.staffed`
answers for one moment of a drill, :func:`drill.analysis.calendars.week_mask`
for every minute of a week at once.  On random calendars they must agree.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from drill.analysis.calendars import WEEK, week_mask
from drill.engine.clock import DrillClock
from drill.model.plan import Calendar

MONDAY = datetime(2025, 1, 13, 0, 0)  # a Monday without holidays or daylight saving (UTC)

calendars = st.builds(
    Calendar,
    id=st.just("c"),
    days=st.frozensets(st.integers(0, 6)),
    start=st.integers(0, 1439),
    end=st.integers(0, 1439),
)


def _clock() -> DrillClock:
    plan: Any = SimpleNamespace(timezone="UTC", holidays=frozenset())
    return DrillClock(plan, MONDAY)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, minutes=st.lists(st.integers(0, WEEK - 1), min_size=1, max_size=40),
       second=st.sampled_from([0.0, 0.5]))
def test_engine_staffing_matches_the_week_mask(calendar: Calendar, minutes: list[int], second: float) -> None:
    clock = _clock()
    mask = week_mask(calendar)
    boundaries = [d * 1440 + m for d in calendar.days for m in (calendar.start, calendar.end)]
    for minute in minutes + [b % WEEK for b in boundaries] + [(b - 1) % WEEK for b in boundaries]:
        assert clock.staffed(calendar, minute + second) == bool(mask >> minute & 1), (calendar, minute)
