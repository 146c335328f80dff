"""``--stale-after`` and ``--as-of`` of ``drill analyze`` (FORMAT.md 7.5), read once here."""

from __future__ import annotations

import re
from datetime import date

from drill.i18n import _
from drill.loading.adhoc import UsageError
from drill.model.durations import parse_duration


def staleness(stale_after: str, as_of: str | None) -> dict:
    """Keyword arguments of ``analyze_plan``: ``as_of`` (a date) and ``stale_after_days``."""
    days = re.fullmatch(r"\s*(\d{1,5})\s*d\s*", stale_after)  # years of days: beyond parse_duration's cap
    try:
        minutes = int(days.group(1)) * 24 * 60 if days else parse_duration(stale_after)
    except ValueError as exc:
        raise UsageError(_("--stale-after: {problem}").format(problem=exc)) from None
    if minutes < 0:
        raise UsageError(_("--stale-after cannot be negative"))
    day = date.today()
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of.strip())
        except ValueError:
            raise UsageError(_("--as-of: '{value}' is not a date; write YYYY-MM-DD").format(
                value=as_of)) from None
    return {"as_of": day, "stale_after_days": int(minutes // (24 * 60))}
