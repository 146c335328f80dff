"""What an import changes: per party, contacts added, removed and changed (FORMAT.md 7.5).

Compared on the plans themselves (the old one and the new one as loaded), so
the report says what drill will do differently, whatever the text edit.
Addresses are personal data: they appear only when the caller asks
(``--show-contacts``).

A *night/holiday contact* is one whose calendar (its own ``hours``, else its
party's) covers some moment outside office hours — Monday to Friday
08:30–17:15, the standard hours of Japanese local government — or is staffed
on the plan's holidays.  A party that had one before the import and has none
after is listed: by-laws ask for one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from drill.analysis.calendars import week_mask
from drill.i18n import _, ngettext
from drill.model.plan import ALWAYS, Calendar, Contact, Party, Plan

OFFICE_HOURS = Calendar("office-hours", frozenset(range(5)), 8 * 60 + 30, 17 * 60 + 15)
"""Office hours: Monday to Friday, 08:30–17:15."""


@dataclass(frozen=True)
class ContactChange:
    channel: str
    kind: str
    """``added``, ``removed`` or ``changed``."""
    fields: tuple[str, ...] = ()
    """For ``changed``: which of address, hours, verified, depends_on."""
    old: str | None = None
    new: str | None = None
    """Addresses (shown only with --show-contacts)."""


@dataclass(frozen=True)
class PartyChange:
    party: str
    added: bool
    label: tuple[str, str] | None
    deputies: tuple[tuple[str, ...], tuple[str, ...]] | None
    contacts: tuple[ContactChange, ...]

    @property
    def changed(self) -> bool:
        return self.added or bool(self.label or self.deputies or self.contacts)


@dataclass
class ChangeReport:
    sheet: str
    encoding: str | None
    plan: str
    out: str | None
    dry_run: bool
    parties: list[PartyChange] = field(default_factory=list)
    not_in_sheet: list[str] = field(default_factory=list)
    lost_night_holiday: list[str] = field(default_factory=list)


def night_holiday(plan: Plan, party: Party, contact: Contact) -> bool:
    """Does this contact reach the party outside office hours?"""
    calendar = ALWAYS if (contact.hours or party.hours) == "always" else plan.calendars.get(
        contact.hours or party.hours)
    if calendar is None:
        return False
    return calendar.always or calendar.on_holidays or bool(week_mask(calendar) & ~week_mask(OFFICE_HOURS))


def compare(old: Plan, new: Plan, sheet_parties: list[str], report: ChangeReport) -> ChangeReport:
    """Fill ``report`` with what changed from ``old`` to ``new`` for the sheet's parties."""
    for pid in sheet_parties:
        before, after = old.parties.get(pid), new.parties[pid]
        report.parties.append(_party_change(before, after))
    named = set(sheet_parties)
    report.not_in_sheet = [pid for pid in old.parties if pid not in named]
    for pid, before in old.parties.items():
        now = new.parties.get(pid)
        if now is None:
            continue
        had = any(night_holiday(old, before, c) for c in before.contacts)
        has = any(night_holiday(new, now, c) for c in now.contacts)
        if had and not has:
            report.lost_night_holiday.append(pid)
    return report


def _party_change(before: Party | None, after: Party) -> PartyChange:
    if before is None:
        return PartyChange(after.id, True, None, None,
                           tuple(ContactChange(c.channel, "added", new=c.address) for c in after.contacts))
    changes = []
    for contact in before.contacts:
        now = after.contact(contact.channel)
        if now is None:
            changes.append(ContactChange(contact.channel, "removed", old=contact.address))
            continue
        fields = tuple(name for name in ("address", "hours", "verified", "depends_on")
                       if getattr(contact, name) != getattr(now, name))
        if fields:
            changes.append(ContactChange(contact.channel, "changed", fields, contact.address, now.address))
    for contact in after.contacts:
        if before.contact(contact.channel) is None:
            changes.append(ContactChange(contact.channel, "added", new=contact.address))
    label = (before.label, after.label) if before.label != after.label else None
    deputies = (before.deputies, after.deputies) if before.deputies != after.deputies else None
    return PartyChange(after.id, False, label, deputies, tuple(changes))


# -- rendering -----------------------------------------------------------------

def render_json(report: ChangeReport, show_contacts: bool) -> str:
    def contact(change: ContactChange) -> dict:
        out: dict = {"channel": change.channel, "change": change.kind}
        if change.kind == "changed":
            out["fields"] = list(change.fields)
        if show_contacts:
            if change.kind != "added":
                out["old_address"] = change.old
            if change.kind != "removed":
                out["new_address"] = change.new
        return out

    document = {
        "sheet": report.sheet, "encoding": report.encoding, "plan": report.plan, "out": report.out,
        "dry_run": report.dry_run,
        "parties": [{"party": p.party, "status": "added" if p.added else "changed" if p.changed else "unchanged",
                     "label": list(p.label) if p.label else None,
                     "deputies": [list(d) for d in p.deputies] if p.deputies else None,
                     "contacts": [contact(c) for c in p.contacts]} for p in report.parties],
        "not_in_sheet": report.not_in_sheet,
        "lost_night_holiday": report.lost_night_holiday,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_text(report: ChangeReport, show_contacts: bool) -> str:
    lines = []
    changed = [p for p in report.parties if p.changed]
    lines.append(_("{sheet}: {count} parties, {changed} with changes").format(
        sheet=report.sheet, count=len(report.parties), changed=len(changed)))
    for party in changed:
        head = _("{party} (new party)") if party.added else _("{party}")
        lines.append("  " + head.format(party=party.party))
        if party.label:
            lines.append("    " + _("label: {old} → {new}").format(old=party.label[0], new=party.label[1]))
        if party.deputies:
            lines.append("    " + _("deputies: {old} → {new}").format(
                old=", ".join(party.deputies[0]) or "—", new=", ".join(party.deputies[1]) or "—"))
        for change in party.contacts:
            lines.append("    " + _contact_line(change, show_contacts))
    if report.not_in_sheet:
        lines.append(ngettext("warning: {count} party of the plan is not in the sheet (kept as it was): "
                              "{parties}",
                              "warning: {count} parties of the plan are not in the sheet (kept as they were): "
                              "{parties}", len(report.not_in_sheet)).format(
            count=len(report.not_in_sheet), parties=", ".join(report.not_in_sheet)))
    if report.lost_night_holiday:
        lines.append(ngettext("warning: {count} party lost its night/holiday contact: {parties}",
                              "warning: {count} parties lost their night/holiday contact: {parties}",
                              len(report.lost_night_holiday)).format(
            count=len(report.lost_night_holiday), parties=", ".join(report.lost_night_holiday)))
    return "\n".join(lines) + "\n"


def _contact_line(change: ContactChange, show: bool) -> str:
    def addr(value: str | None) -> str:
        return value if value is not None else _("(no address)")

    if change.kind == "added":
        text = _("+ {channel}").format(channel=change.channel)
        return text + (f": {addr(change.new)}" if show else "")
    if change.kind == "removed":
        text = _("- {channel}").format(channel=change.channel)
        return text + (f": {addr(change.old)}" if show else "")
    text = _("~ {channel} ({fields})").format(channel=change.channel, fields=", ".join(change.fields))
    if show and "address" in change.fields:
        text += f": {addr(change.old)} → {addr(change.new)}"
    return text
