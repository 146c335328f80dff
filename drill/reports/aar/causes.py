"""Causes to findings: what made attempts fail (by ``cause_kind``, never by words) and what else it silenced."""

from __future__ import annotations

from typing import Any

from drill.model.plan import Dependency, Plan
from drill.reports.aar.model import (
    RootCause,
)


# -- dependency closure over the plan ------------------------------------------
def component_closure(plan: Plan, deps: tuple[Dependency, ...] | list[Dependency]) -> set[str]:
    """Every component reached from ``deps`` through component dependencies."""
    seen: set[str] = set()
    stack = [d.id for d in deps]
    while stack:
        ident = stack.pop()
        if ident in seen:
            continue
        seen.add(ident)
        component = plan.components.get(ident)
        if component is not None:
            stack.extend(d.id for d in component.depends_on)
    return seen


def contact_risk(plan: Plan, party: str, channel: str) -> set[str]:
    """Components and the channel that must be up for ``party`` to use ``channel``."""
    out = {channel}
    chan = plan.channels.get(channel)
    if chan is not None:
        out |= component_closure(plan, chan.depends_on)
    owner = plan.parties.get(party)
    contact = owner.contact(channel) if owner else None
    if contact is not None:
        out |= component_closure(plan, contact.depends_on)
    return out


def silenced_by(plan: Plan, cause: str) -> list[str]:
    """Channels and contacts that stop working while ``cause`` is down."""
    channels = []
    for cid, chan in plan.channels.items():
        if cid == cause or cause in component_closure(plan, chan.depends_on):
            channels.append(cid)
    contacts = []
    for pid, party in plan.parties.items():
        for contact in party.contacts:
            if contact.channel in channels:
                continue
            if cause in component_closure(plan, contact.depends_on):
                contacts.append(f"{contact.channel} at {pid}")
    return channels + contacts


# -- building the report ---------------------------------------------------------
#: FORMAT.md 7.2 cause kinds of a party, as the after-action report groups them.
_PARTY_KINDS = {"absent": "absent", "not-staffed": "unstaffed"}


def _cause_of(attempt: dict[str, Any], plan: Plan | None) -> tuple[str, str]:
    """(cause id, report kind) of a failed attempt, from its ``cause`` and ``cause_kind``.

    Never from the words of ``reason``: those are for people and may be in any
    language.  A ``down`` root is a component or a channel, told apart by the
    plan (without a plan every root counts as a component).
    """
    kind = attempt.get("cause_kind")
    cause = attempt.get("cause")
    if kind == "horizon":
        return "horizon", "horizon"
    if kind in _PARTY_KINDS:
        return str(cause), _PARTY_KINDS[kind]
    if kind == "down" and cause:
        if plan is not None and cause in plan.channels:
            return str(cause), "channel"
        return str(cause), "component" if plan is None or cause in plan.components else "unknown"
    return str(cause or "unknown"), "unknown"


def _root_causes(task: dict[str, Any], plan: Plan | None) -> list[RootCause]:
    found: dict[str, RootCause] = {}
    sender = task.get("sender") or task.get("from")
    for attempt in task.get("attempts") or []:
        if attempt.get("ok"):
            continue
        cause, kind = _cause_of(attempt, plan)
        where = f"{attempt.get('via')} to {attempt.get('to')}"
        lost = float(attempt.get("end", 0.0)) - float(attempt.get("start", 0.0))
        entry = found.get(cause)
        if entry is None:
            entry = found[cause] = RootCause(cause, kind, float(attempt.get("start", 0.0)), 0.0, [],
                                             reason=str(attempt.get("reason") or ""))
            if plan is not None and kind in ("component", "channel"):
                entry.silenced = silenced_by(plan, cause)
        entry.lost += lost
        if where not in entry.attempts:
            entry.attempts.append(where)
    del sender
    return list(found.values())



def _merge_causes(causes: list[RootCause]) -> list[RootCause]:
    merged: dict[str, RootCause] = {}
    for cause in causes:
        entry = merged.get(cause.cause)
        if entry is None:
            merged[cause.cause] = RootCause(cause.cause, cause.kind, cause.first, cause.lost,
                                            list(cause.attempts), list(cause.silenced), cause.reason)
        else:
            entry.first = min(entry.first, cause.first)
            entry.lost += cause.lost
            entry.attempts.extend(a for a in cause.attempts if a not in entry.attempts)
    return list(merged.values())


