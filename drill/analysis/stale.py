"""The ``stale-contact`` lint rule (FORMAT.md 7.5): numbers nobody has confirmed lately.

Contact sheets give every contact a ``verified`` date.  A contact confirmed
more than ``stale_after`` days before ``as_of`` is reported, and so is a
contact with no date at all when some other contact of the plan has one (the
plan is kept up to date, but this one was left out).  A plan without any
``verified`` date gets no finding: nobody has started dating it.
"""

from __future__ import annotations

from datetime import date, timedelta

from drill.analysis.results import Finding
from drill.analysis.wording import Name, name_of
from drill.model.plan import Plan

#: Default of ``--stale-after``: a year, one April renewal to the next.
DEFAULT_STALE_AFTER_DAYS = 365


def stale_contacts(plan: Plan, as_of: date, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
                   ) -> list[Finding]:
    """One warning per contact confirmed too long ago, or undated in a dated plan."""
    contacts = [c for party in plan.parties.values() for c in party.contacts]
    if not any(c.verified is not None for c in contacts):
        return []
    limit = as_of - timedelta(days=stale_after_days)
    out = []
    for contact in contacts:
        if contact.verified is not None and contact.verified >= limit:
            continue
        party = plan.parties[contact.party]
        channel = plan.channels.get(contact.channel)
        facts = (("channel", name_of(channel) if channel is not None else Name(contact.channel)),
                 ("party", name_of(party)),
                 ("verified", contact.verified.isoformat() if contact.verified else None),
                 ("days", (as_of - contact.verified).days if contact.verified else None),
                 ("as_of", as_of.isoformat()))
        out.append(Finding("stale-contact", "warning", "stale-contact", facts, contact.location))
    return out
