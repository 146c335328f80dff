"""Rows of a contact sheet to parties and contacts, checked against the plan (FORMAT.md 7.5).

Rows without a party id are skipped; several rows may carry one party; two
cells giving one party the same channel are an error naming both cells; a
cell holding only ``-`` is a contact without an address.  Deputies must be
parties of the plan or of the sheet.  Every problem is collected, in sheet
order, before anything is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from drill.contacts.sheetmap import SheetMap, column_key
from drill.contacts.sheets import Cell, SheetError, Table
from drill.i18n import _
from drill.loading.reader import suggest
from drill.model.errors import Problem
from drill.model.plan import Plan

NO_ADDRESS = "-"
"""A cell holding only this is a contact without an address."""
_DEPUTY_SEPARATORS = re.compile(r"[,、，]")


@dataclass(frozen=True)
class SheetContact:
    channel: str
    address: str | None
    hours: str | None
    """The map entry's calendar, None when the entry names none."""
    verified: date | None
    ref: str


@dataclass
class SheetParty:
    id: str
    ref: str
    label: str | None = None
    deputies: list[str] | None = None
    """None when the map has no deputies column."""
    contacts: dict[str, SheetContact] = field(default_factory=dict)


def read_parties(table: Table, smap: SheetMap, plan: Plan) -> list[SheetParty]:
    """The parties the sheet gives, in sheet order; raise :class:`SheetError` on any problem."""
    problems: list[tuple[tuple[int, int], Problem]] = []

    def error(cell: Cell, message: str) -> None:
        problems.append((cell.order, Problem(cell.location, message)))

    parties: dict[str, SheetParty] = {}
    id_key = column_key(smap.party_id)
    for row in table.rows:
        id_cell = row.cells.get(id_key)
        if id_cell is None or not id_cell.text:
            continue
        pid = id_cell.text
        if not _party_id_ok(pid, plan, id_cell, error):
            continue
        party = parties.setdefault(pid, SheetParty(pid, id_cell.ref,
                                                    deputies=[] if smap.deputies else None))
        verified = _verified(row.cells.get(column_key(smap.verified)) if smap.verified else None, error)
        _label(party, smap, row.cells)
        _contacts(party, smap, row.cells, verified, error)
        if smap.deputies:
            _deputies(party, row.cells.get(column_key(smap.deputies)))
    known = set(plan.parties) | set(parties)
    deputy_key = column_key(smap.deputies) if smap.deputies else ""
    for row in table.rows:
        cell = row.cells.get(deputy_key)
        id_cell = row.cells.get(id_key)
        if cell is None or id_cell is None or id_cell.text not in parties:
            continue
        for deputy in split_deputies(cell.text):
            if deputy == id_cell.text:
                error(cell, _("party '{party}' cannot be its own deputy").format(party=deputy))
            elif deputy not in known:
                error(cell, _("unknown deputy '{party}'{hint}").format(party=deputy, hint=suggest(deputy, known)))
    if problems:
        raise SheetError([p for _o, p in sorted(problems, key=lambda item: item[0])])
    return list(parties.values())


def split_deputies(text: str) -> list[str]:
    return [d.strip() for d in _DEPUTY_SEPARATORS.split(text) if d.strip()]


def _party_id_ok(pid: str, plan: Plan, cell: Cell, error) -> bool:
    if pid.startswith(("@", "$")):
        error(cell, _("party id '{party}' cannot start with '{char}'").format(party=pid, char=pid[0]))
        return False
    for kind, known in ((_("a component"), plan.components), (_("a channel"), plan.channels)):
        if pid in known:
            error(cell, _("'{party}' is {kind} of the plan, not a party").format(party=pid, kind=kind))
            return False
    return True


def _label(party: SheetParty, smap: SheetMap, cells: dict[str, Cell]) -> None:
    texts = [cells[column_key(name)].text for name in smap.label if column_key(name) in cells]
    label = " ".join(t for t in texts if t)
    if label and party.label is None:
        party.label = label


def _contacts(party: SheetParty, smap: SheetMap, cells: dict[str, Cell], verified: date | None,
              error) -> None:
    for entry in smap.contacts:
        cell = cells.get(column_key(entry.column))
        if cell is None or not cell.text:
            continue
        earlier = party.contacts.get(entry.channel)
        if earlier is not None:
            if earlier.ref != cell.origin:
                error(cell, _("party '{party}' is given channel {channel} twice: {first} and {second}")
                      .format(party=party.id, channel=entry.channel, first=earlier.ref, second=cell.ref))
            continue
        address = None if cell.text == NO_ADDRESS else cell.text
        party.contacts[entry.channel] = SheetContact(entry.channel, address, entry.hours, verified,
                                                     cell.origin)


def _deputies(party: SheetParty, cell: Cell | None) -> None:
    if cell is None or party.deputies is None:
        return
    for deputy in split_deputies(cell.text):
        if deputy not in party.deputies and deputy != party.id:
            party.deputies.append(deputy)


def _verified(cell: Cell | None, error) -> date | None:
    if cell is None or not cell.text:
        return None
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return date(1899, 12, 30) + timedelta(days=int(value))  # an Excel serial date
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cell.text)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    error(cell, _("'{text}' is not a date; write YYYY-MM-DD or use an Excel date").format(text=cell.text))
    return None
