"""Which minutes of a week a calendar is staffed, as one Python int bitset.

Static analysis asks "can anyone on this step's channels be reached at 3 a.m.
on a Sunday?" for every task; a week is 10,080 minutes, so a calendar becomes
one 10,080-bit integer and the union of several calendars is a bitwise OR.
Spans follow FORMAT.md 3.2: [from, to) on each listed day, running past
midnight into the next day when ``to`` is not after ``from``.
"""

from __future__ import annotations

from functools import lru_cache

from drill.model.plan import Calendar

WEEK = 7 * 1440
FULL_WEEK = (1 << WEEK) - 1


def _span(start: int, end: int) -> int:
    return ((1 << (end - start)) - 1) << start


@lru_cache(maxsize=1024)
def week_mask(calendar: Calendar) -> int:
    """Bit m is set when the calendar covers minute m of the week (Monday 00:00 = 0)."""
    if calendar.always:
        return FULL_WEEK
    mask = 0
    for day in calendar.days:
        base = day * 1440
        if calendar.start < calendar.end:
            mask |= _span(base + calendar.start, base + calendar.end)
        else:
            mask |= _span(base + calendar.start, base + 1440)
            following = ((day + 1) % 7) * 1440
            mask |= _span(following, following + calendar.end)
    return mask & FULL_WEEK


def gap_spans(covered: int) -> list[tuple[int, int]]:
    """Maximal uncovered [start, end) minute spans of the week (wrapping spans joined)."""
    spans: list[tuple[int, int]] = []
    minute = 0
    while minute < WEEK:
        if covered >> minute & 1:
            minute += 1
            continue
        start = minute
        while minute < WEEK and not covered >> minute & 1:
            minute += 1
        spans.append((start, minute))
    if len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == WEEK:
        first = spans.pop(0)
        last = spans.pop()
        spans.append((last[0], WEEK + first[1]))
    return spans


def gap_summary(covered: int) -> tuple[tuple[int, int] | None, bool]:
    """When nobody can be reached: an example weekday gap [start, end) (or None) and whether weekends are hit.

    The words are in :mod:`drill.analysis.wording` ("on weekdays at times such as Mon 17:15–Tue 08:30").
    """
    gaps = gap_spans(covered)
    weekend = any(_touches_weekend(a, b) for a, b in gaps)
    example = None
    if any(_touches_weekday(a, b) for a, b in gaps):
        weekday_only = [(a, b) for a, b in gaps if not _touches_weekend(a, b)]
        example = (weekday_only or [g for g in gaps if _touches_weekday(*g)])[0]
    return example, weekend


def _touches_weekend(a: int, b: int) -> bool:
    return any(((m % WEEK) // 1440) >= 5 for m in range(a, b, 15)) or ((b - 1) % WEEK) // 1440 >= 5


def _touches_weekday(a: int, b: int) -> bool:
    return any(((m % WEEK) // 1440) < 5 for m in range(a, b, 15)) or ((b - 1) % WEEK) // 1440 < 5
