"""``drill contacts import``: a sheet's contacts into a plan's own text (FORMAT.md 7.5).

A party of the plan that the sheet names has its contacts on the map's
channels replaced: a contact on a channel it had keeps its ``depends_on``
(and its ``hours`` when the map's column names no calendar), a new one has
none.  Contacts on other channels are kept.  Labels and deputies change only
where the sheet gives them.  A party new to the plan is added with its label.
Nothing is written here: the caller writes :attr:`ImportResult.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drill.contacts.changes import ChangeReport, compare
from drill.contacts.merge import SheetContact, SheetParty, read_parties
from drill.contacts.sheetmap import SheetMap, load_map
from drill.contacts.sheets import read_sheet
from drill.contacts.yamledit import Edit, Value, apply_edits
from drill.i18n import _
from drill.loading.plans import load_plan_text
from drill.loading.yamlnodes import read_text
from drill.model.errors import Location, PlanError, Problem
from drill.model.plan import Party, Plan


@dataclass
class ImportResult:
    text: str
    """The new plan file."""
    plan: Plan
    report: ChangeReport


def import_sheet(sheet: str, map_path: str, plan_path: str, out: str | None = None,
                 dry_run: bool = False) -> ImportResult:
    """Read everything, check everything; raise :class:`PlanError` (or SheetError) on any problem."""
    text = read_text(plan_path)
    old = load_plan_text(text, plan_path)
    if "*" in text and _has_aliases(text):
        raise PlanError([Problem(Location(plan_path), _("the plan uses YAML aliases (*name); "
                                                        "contacts import edits plans without them"))])
    smap = load_map(map_path, old)
    table = read_sheet(sheet, smap)
    parties = read_parties(table, smap, old)
    new_text = apply_edits(text, {"parties": party_edits(old, parties, smap)}) if parties else text
    try:
        new = load_plan_text(new_text, out or plan_path)
    except PlanError as error:  # a bug or an unforeseen plan shape: say so, write nothing
        raise PlanError([Problem(Location(sheet), _("the imported plan would not load: {problem}").format(
            problem=error.problems[0] if error.problems else error))]) from None
    report = ChangeReport(sheet, table.encoding, plan_path, out, dry_run)
    compare(old, new, [p.id for p in parties], report)
    return ImportResult(new_text, new, report)


def _has_aliases(text: str) -> bool:
    import yaml

    return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader))


def party_edits(plan: Plan, parties: list[SheetParty], smap: SheetMap) -> dict[str, Edit]:
    edits: dict[str, Edit] = {}
    for sheet_party in parties:
        party = plan.parties.get(sheet_party.id)
        if party is None:
            edits[sheet_party.id] = Value(_new_party(sheet_party))
            continue
        changes: dict[str, Edit] = {}
        if sheet_party.label and sheet_party.label != party.label:
            changes["label"] = Value(sheet_party.label)
        if sheet_party.deputies is not None and tuple(sheet_party.deputies) != party.deputies:
            changes["deputies"] = Value(list(sheet_party.deputies)) if sheet_party.deputies else None
        contacts = _contact_edits(party, sheet_party, smap)
        if contacts:
            changes["contacts"] = contacts
        if changes:
            edits[sheet_party.id] = changes
    return edits


def _contact_edits(party: Party, sheet_party: SheetParty, smap: SheetMap) -> dict[str, Edit]:
    edits: dict[str, Edit] = {}
    for channel in smap.channels:
        given, had = sheet_party.contacts.get(channel), party.contact(channel)
        if given is None:
            if had is not None:
                edits[channel] = None
        elif had is None:
            edits[channel] = Value(_contact_fields(given, party.hours))
        else:
            change: dict[str, Edit] = {}
            if given.address != had.address:
                change["address"] = Value(given.address) if given.address is not None else None
            if given.hours is not None and given.hours != (had.hours or party.hours):
                change["hours"] = Value(given.hours)
            if given.verified != had.verified:
                change["verified"] = Value(given.verified) if given.verified else None
            if change:
                edits[channel] = change
    return edits


def _contact_fields(contact: SheetContact, party_hours: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if contact.address is not None:
        out["address"] = contact.address
    if contact.hours is not None and contact.hours != party_hours:
        out["hours"] = contact.hours
    if contact.verified is not None:
        out["verified"] = contact.verified
    return out


def _new_party(sheet_party: SheetParty) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if sheet_party.label:
        out["label"] = sheet_party.label
    if sheet_party.deputies:
        out["deputies"] = list(sheet_party.deputies)
    out["contacts"] = {c.channel: _contact_fields(c, "always") for c in sheet_party.contacts.values()}
    return out
