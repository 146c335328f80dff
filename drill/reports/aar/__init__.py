"""The after-action report (AAR/IP) as data, before it becomes Markdown or HTML.

A small package: :mod:`~drill.reports.aar.model` (the dataclasses the
renderers read), :mod:`~drill.reports.aar.reading` (what a run record says),
:mod:`~drill.reports.aar.causes` (failed attempts to root causes, by
``cause_kind``), :mod:`~drill.reports.aar.recommendations` (what to change)
and :mod:`~drill.reports.aar.assembly` (:func:`build_after_action`).
"""

from drill.reports.aar.assembly import build_after_action, inject_text
from drill.reports.aar.causes import contact_risk, silenced_by
from drill.reports.aar.model import (
    AfterAction,
    AttemptRow,
    DrillClockText,
    Finding,
    Moment,
    Names,
    Objective,
    RootCause,
    fmt_t,
    joined,
)
from drill.reports.aar.reading import describe_expectation
from drill.reports.aar.recommendations import analysis_notes

__all__ = [
    "AfterAction", "AttemptRow", "DrillClockText", "Finding", "Moment", "Names", "Objective", "RootCause",
    "analysis_notes", "build_after_action", "contact_risk", "describe_expectation",
    "fmt_t", "inject_text", "joined", "silenced_by",
]
