"""Caps on the work one input file can ask of drill (docs/security.md).

A small file can describe a huge amount of work: a retry every second for a
year, every party warning every other party, thousands of cut sets.  Each cap
here stops such a run early with a :class:`LimitError` (exit code 2) that
names what grew and how to allow more.  Every cap can be raised through an
environment variable, so a planner with a genuinely large plan is never stuck.
"""

from __future__ import annotations

import os

from drill.i18n import N_, _
from drill.model.errors import DrillError


class LimitError(DrillError):
    """A run or an analysis would do more work than a documented cap allows."""


#: cap name -> (environment variable, default)
CAPS: dict[str, tuple[str, int]] = {
    "attempts": ("DRILL_MAX_ATTEMPTS", 100_000),
    "events": ("DRILL_MAX_EVENTS", 500_000),
    "tasks": ("DRILL_MAX_TASKS", 200_000),
    "cut_sets": ("DRILL_MAX_CUT_SETS", 100_000),
}


#: cap name -> the words for what it counts
_UNITS = {"attempts": N_("attempts"), "events": N_("events"), "tasks": N_("tasks"),
          "cut_sets": N_("cut sets")}


def cap(name: str) -> int:
    """The value of cap ``name``: its environment variable when set to a positive whole number, else the default."""
    variable, default = CAPS[name]
    raw = os.environ.get(variable, "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    return default


def variable(name: str) -> str:
    """The environment variable that raises cap ``name``."""
    return CAPS[name][0]


def over_cap(what: str, limit: int, name: str, advice: str = "") -> LimitError:
    """The error for ``what`` growing past ``limit`` (cap ``name``)."""
    message = _("{what}: more than {limit} {cap_name}; drill stops here. "
                "Set {variable} to allow more").format(
        what=what, limit=f"{limit:,}", cap_name=_(_UNITS[name]), variable=variable(name))
    if advice:
        message += "; " + advice
    return LimitError(message)
