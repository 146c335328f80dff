"""Scenarios made on the command line: ``drill run PLAN --incident TYPE@ORIGIN``.

Also parses ``--fail ID[@TIME]`` into injects that are added on top of a
scenario's own.
"""

from __future__ import annotations

from datetime import datetime

from drill.i18n import _
from drill.loading.reader import suggest
from drill.loading.scenarios import parse_start
from drill.model.durations import parse_duration
from drill.model.errors import DrillError
from drill.model.plan import Plan
from drill.model.scenario import Inject, Scenario

#: Default start of an ad hoc drill: a Wednesday morning, so offices are staffed.
DEFAULT_START = datetime(2025, 1, 15, 10, 0)


class UsageError(DrillError):
    """A command-line value is wrong (exit code 2)."""


def adhoc_scenario(plan: Plan, incident: str, start: str | None = None, horizon: float | None = None) -> Scenario:
    if "@" not in incident:
        raise UsageError(_("--incident '{value}': write TYPE@ORIGIN, e.g. virus-suspected@shunan").format(value=incident))
    itype, origin = incident.split("@", 1)
    if itype not in plan.procedures:
        raise UsageError(_("--incident: unknown incident type '{type}'{hint} (the plan has: {known})").format(
            type=itype, hint=suggest(itype, plan.procedures), known=", ".join(plan.procedures)))
    if origin not in plan.parties:
        raise UsageError(_("--incident: unknown origin party '{origin}'{hint}").format(
            origin=origin, hint=suggest(origin, plan.parties)))
    proc = plan.procedures[itype]
    if proc.origins is not None and origin not in plan.expand(proc.origins):
        raise UsageError(_("--incident: '{origin}' cannot raise '{type}' (origins: {origins})").format(
            origin=origin, type=itype, origins=", ".join(proc.origins)))
    when = DEFAULT_START
    if start:
        try:
            when = parse_start(start)
        except ValueError:
            raise UsageError(_("--start '{value}': write YYYY-MM-DDTHH:MM (local time)").format(
                value=start)) from None
        if when.tzinfo is not None:
            from zoneinfo import ZoneInfo
            when = when.astimezone(ZoneInfo(plan.timezone)).replace(tzinfo=None)
    return Scenario(id=f"{itype}@{origin}", title=f"{plan.title}: {itype} at {origin}", plan=plan,
                    start=when, incident=itype, origin=origin, horizon=horizon, path=plan.path,
                    plan_path=plan.path)


def parse_fail_option(plan: Plan, value: str) -> Inject:
    """``ID`` or ``ID@TIME`` (TIME a duration; default 0m)."""
    ident, _at, when = value.partition("@")
    known = list(plan.components) + list(plan.channels)
    if ident not in known:
        raise UsageError(_("--fail '{value}': unknown component or channel '{id}'{hint}").format(
            value=value, id=ident, hint=suggest(ident, known)))
    at = 0.0
    if when:
        try:
            at = parse_duration(when)
        except ValueError as exc:
            raise UsageError(f"--fail '{value}': {exc}") from None
    return Inject(at=at, fail=(ident,), note="--fail on the command line")


def parse_horizon_option(value: str | None) -> float | None:
    """``--horizon DURATION`` in minutes, or None when not given."""
    if not value:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise UsageError(f"--horizon: {exc}") from None
