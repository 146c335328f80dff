"""Durations and clock times as plans write them.

Durations are written ``90s``, ``15m``, ``2h``, ``1h30m`` or as a bare number of
minutes; internally every duration and every time is a float number of minutes
since the incident started (t = 0).
"""

from __future__ import annotations

import math
import re

from drill.i18n import _

_DURATION = re.compile(
    r"^\s*(?:(?P<d>[0-9]+(?:\.[0-9]+)?)d)?\s*(?:(?P<h>[0-9]+(?:\.[0-9]+)?)h)?\s*"
    r"(?:(?P<m>[0-9]+(?:\.[0-9]+)?)m(?:in)?)?\s*(?:(?P<s>[0-9]+(?:\.[0-9]+)?)s)?\s*$"
)
# ASCII digits only: "١٥m" and "３m" are not durations (\d would take them)
_CLOCK = re.compile(r"^(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})$")
#: The clock times parse_clock takes (00:00 to 24:00), as one regular
#: expression: the JSON Schema uses it, so editors and the loader agree.
CLOCK_PATTERN = r"^\s*(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)\s*$"
#: The text durations parse_duration takes, for the JSON Schema.
DURATION_PATTERN = (r"^\s*([0-9]+(\.[0-9]+)?\s*)$|^\s*([0-9]+(\.[0-9]+)?d)?\s*([0-9]+(\.[0-9]+)?h)?\s*"
                    r"([0-9]+(\.[0-9]+)?m(in)?)?\s*([0-9]+(\.[0-9]+)?s)?\s*$")

#: The longest duration a file may give: a year and a day.
MAX_DURATION_MINUTES = 366 * 24 * 60


def parse_duration(value: object) -> float:
    """Return minutes for a duration; raise ``ValueError`` with a helpful message."""
    if isinstance(value, bool):
        raise ValueError(_("expected a duration such as 90s, 15m, 2h or 1h30m, got a boolean"))
    if isinstance(value, (int, float)):
        minutes = float(value)
    elif isinstance(value, str):
        text = value.strip()
        try:
            minutes = float(text)
        except ValueError:
            match = _DURATION.match(text)
            if not text or not match or not any(match.groupdict().values()):
                raise ValueError(
                    _("'{value}' is not a duration: write 90s, 15m, 2h, 1h30m or a number of minutes").format(value=value)
                ) from None
            parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
            minutes = parts["d"] * 1440 + parts["h"] * 60 + parts["m"] + parts["s"] / 60
    else:
        raise ValueError(_("expected a duration such as 90s, 15m, 2h or 1h30m"))
    if not math.isfinite(minutes):
        raise ValueError(_("a duration must be a finite number of minutes"))
    if minutes < 0:
        raise ValueError(_("a duration cannot be negative (got {value})").format(value=value))
    if minutes > MAX_DURATION_MINUTES:
        raise ValueError(_("a duration longer than 366 days is not supported (got {value})").format(value=value))
    return minutes


def format_duration(minutes: float) -> str:
    """Format minutes compactly: ``0m``, ``15m``, ``2h``, ``1h30m``, ``2m30s``."""
    if minutes is None or not math.isfinite(minutes):
        return "∞"
    sign = "-" if minutes < 0 else ""
    total_seconds = round(abs(minutes) * 60)
    hours, rest = divmod(total_seconds, 3600)
    mins, secs = divmod(rest, 60)
    out = ""
    if hours:
        out += f"{hours}h"
    if mins or (not hours and not secs):
        out += f"{mins}m"
    if secs:
        out += f"{secs}s"
    return sign + out


def format_clock(minutes: float) -> str:
    """Format a drill time as ``T+hh:mm``."""
    total = round(minutes)
    hours, mins = divmod(total, 60)
    return f"T+{hours:02d}:{mins:02d}"


def parse_clock(value: str) -> int:
    """Return minutes after midnight for ``HH:MM`` (``24:00`` allowed)."""
    match = _CLOCK.match(value.strip())
    if not match:
        raise ValueError(_("'{value}' is not a clock time: write HH:MM, for example \"08:30\"").format(value=value))
    hours, mins = int(match["h"]), int(match["m"])
    if mins >= 60 or hours > 24 or (hours == 24 and mins):
        raise ValueError(_("'{value}' is not a valid clock time (00:00 to 24:00)").format(value=value))
    return hours * 60 + mins
