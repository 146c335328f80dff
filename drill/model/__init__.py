"""Frozen, typed domain objects.  No I/O, no Textual."""

from drill.model.durations import format_clock, format_duration, parse_clock, parse_duration
from drill.model.errors import DrillError, Location, PlanError, Problem
from drill.model.plan import (
    ALWAYS,
    ORIGIN,
    WEEKDAYS,
    Calendar,
    Channel,
    Component,
    Contact,
    Dependency,
    Party,
    Plan,
    Procedure,
    Retry,
    Step,
)
from drill.model.scenario import Choice, Expectation, Inject, Scenario, WalkthroughStep
from drill.model.status import STATUSES, FinalStatus, Status

__all__ = [
    "ALWAYS", "ORIGIN", "STATUSES", "FinalStatus", "Status", "WEEKDAYS", "Calendar", "Channel", "Choice", "Component", "Contact",
    "Dependency", "DrillError", "Expectation", "Inject", "Location", "Party", "Plan",
    "PlanError", "Problem", "Procedure", "Retry", "Scenario", "Step", "WalkthroughStep",
    "format_clock", "format_duration", "parse_clock", "parse_duration",
]
