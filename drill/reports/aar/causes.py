"""Causes to findings: what made attempts fail (by ``cause_kind``, never by words) and what else it silenced."""

from __future__ import annotations

from drill.analysis.closure import closure_of
from drill.i18n import _
from drill.model.plan import Plan
from drill.reports.aar.model import RootCause
from drill.reports.record import AttemptRecord, TaskRecord


# -- what a cause takes down (the analysis' dependency closure) --------------------
def contact_risk(plan: Plan, party: str, channel: str) -> set[str]:
    """Components and the channel that must be up for ``party`` to use ``channel``."""
    closure = closure_of(plan)
    return set(closure.contact_support.get((party, channel)) or closure.requires([channel]))


def silenced_pairs(plan: Plan, cause: str) -> list[tuple[str, str | None]]:
    """(channel, None) for channels and (channel, party) for contacts that stop while ``cause`` is down."""
    closure = closure_of(plan)
    channels = [cid for cid in plan.channels if cause in closure.channel_support[cid]]
    contacts: list[tuple[str, str | None]] = [
        (contact.channel, pid) for pid, party in plan.parties.items() for contact in party.contacts
        if contact.channel not in channels and cause in closure.contact_support[(pid, contact.channel)]]
    return [(c, None) for c in channels] + contacts


def contact_text(channel: str, party: str | None) -> str:
    """``lgwan-mail at pref`` (a contact), or the channel alone."""
    return channel if party is None else _("{channel} at {party}").format(channel=channel, party=party)


def silenced_by(plan: Plan, cause: str) -> list[str]:
    """Channels and contacts that stop working while ``cause`` is down, in words."""
    return [contact_text(channel, party) for channel, party in silenced_pairs(plan, cause)]


# -- building the report ---------------------------------------------------------
#: FORMAT.md 7.2 cause kinds of a party, as the after-action report groups them.
_PARTY_KINDS = {"absent": "absent", "not-staffed": "unstaffed"}


def _cause_of(attempt: AttemptRecord, plan: Plan | None) -> tuple[str, str]:
    """(cause id, report kind) of a failed attempt, from its ``cause`` and ``cause_kind``.

    Never from the words of ``reason``: those are for people and may be in any
    language.  A ``down`` root is a component or a channel, told apart by the
    plan (without a plan every root counts as a component).
    """
    kind = attempt.cause_kind
    cause = attempt.cause
    if kind == "horizon":
        return "horizon", "horizon"
    if kind in _PARTY_KINDS:
        return str(cause), _PARTY_KINDS[kind]
    if kind == "down" and cause:
        if plan is not None and cause in plan.channels:
            return cause, "channel"
        return cause, "component" if plan is None or cause in plan.components else "unknown"
    return str(cause or "unknown"), "unknown"


def _root_causes(task: TaskRecord, plan: Plan | None) -> list[RootCause]:
    found: dict[str, RootCause] = {}
    for attempt in task.attempts:
        if attempt.ok:
            continue
        cause, kind = _cause_of(attempt, plan)
        where = _("{via} to {party}").format(via=attempt.via, party=attempt.to)
        entry = found.get(cause)
        if entry is None:
            entry = found[cause] = RootCause(cause, kind, attempt.start, 0.0, [], reason=attempt.reason or "")
            if plan is not None and kind in ("component", "channel"):
                pairs = silenced_pairs(plan, cause)
                entry.silenced = [contact_text(channel, party) for channel, party in pairs]
                entry.silenced_channels = sorted({channel for channel, _party in pairs})
        entry.lost += attempt.end - attempt.start
        if where not in entry.attempts:
            entry.attempts.append(where)
            entry.vias.append(attempt.via)
    return list(found.values())


def _merge_causes(causes: list[RootCause]) -> list[RootCause]:
    merged: dict[str, RootCause] = {}
    for cause in causes:
        entry = merged.get(cause.cause)
        if entry is None:
            merged[cause.cause] = RootCause(cause.cause, cause.kind, cause.first, cause.lost,
                                            list(cause.attempts), list(cause.silenced), cause.reason,
                                            list(cause.vias), list(cause.silenced_channels))
        else:
            entry.first = min(entry.first, cause.first)
            entry.lost += cause.lost
            for where, via in zip(cause.attempts, cause.vias, strict=True):
                if where not in entry.attempts:
                    entry.attempts.append(where)
                    entry.vias.append(via)
    return list(merged.values())


