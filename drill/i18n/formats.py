"""Dates, weekdays, durations and lists as each language writes them.

Japanese: ``2025年10月22日（水）10:40``, weekdays ``月火水木金土日``, durations
``1時間30分``; English: ``Wed 2025-10-22 10:40``, ``1 h 30 min``.  The compact
clock ``T+01:30`` and ``format_duration``'s ``1h30m`` are the same in both.
"""

from __future__ import annotations

import math
from datetime import datetime

from drill.i18n import N_, _, current_language, ngettext

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday(index: int) -> str:
    """Short weekday name, Monday = 0."""
    return _WEEKDAYS_JA[index] if current_language() == "ja" else _WEEKDAYS_EN[index]


def date_text(moment: datetime) -> str:
    """A local day: ``2025年10月22日（水）`` or ``Wed 2025-10-22``."""
    day = weekday(moment.weekday())
    if current_language() == "ja":
        return f"{moment.year}年{moment.month}月{moment.day}日（{day}）"
    return f"{day} {moment.strftime('%Y-%m-%d')}"


def datetime_text(moment: datetime, *, with_date: bool = True) -> str:
    """A local moment: ``2025年10月22日（水）10:40`` or ``Wed 2025-10-22 10:40``."""
    day = weekday(moment.weekday())
    clock = moment.strftime("%H:%M")
    ja = current_language() == "ja"
    if not with_date:
        return f"（{day}）{clock}" if ja else f"{day} {clock}"
    return f"{date_text(moment)}{clock}" if ja else f"{date_text(moment)} {clock}"


def duration_text(minutes: float | None) -> str:
    """A duration in prose: ``1時間30分`` / ``1 h 30 min``; seconds only under 10 minutes."""
    if minutes is None or not math.isfinite(minutes):
        return "∞"
    sign = "-" if minutes < 0 else ""
    total = round(abs(minutes) * 60)
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    if hours >= 1 or mins >= 10:
        secs = 0
    ja = current_language() == "ja"
    parts = []
    if hours:
        parts.append(f"{hours}時間" if ja else f"{hours} h")
    if mins or (not hours and not secs):
        parts.append(f"{mins}分" if ja else f"{mins} min")
    if secs:
        parts.append(f"{secs}秒" if ja else f"{secs} s")
    return sign + ("" if ja else " ").join(parts)


def count_text(count: int, singular: str, plural: str) -> str:
    """``1 party`` / ``3 parties`` (the forms are message ids with ``{n}``)."""
    return ngettext(singular, plural, count).format(n=count)


_MORE = N_("{listed} and {more} more")


def listing(items: list[str], limit: int = 3) -> str:
    """``a, b, c and 4 more`` / ``a、b、c ほか4件`` — one way to shorten a list."""
    sep = "、" if current_language() == "ja" else ", "
    if len(items) <= limit:
        return sep.join(items)
    return _(_MORE).format(listed=sep.join(items[:limit]), more=len(items) - limit)
