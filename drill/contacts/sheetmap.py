"""The map of a contact sheet: which column holds the party id, label, deputies, dates, contacts.

Read through the project's safe YAML loader, so every problem of the map
names ``map.yaml:line:column``.  Channels and calendars are checked against
the plan the sheet goes into (or comes from).
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.i18n import _
from drill.loading.reader import Reader, suggest
from drill.loading.yamlnodes import Node, cap_problems, load_yaml
from drill.model.errors import Location, PlanError
from drill.model.plan import Plan

MAP_KEYS = ("sheet", "header_row", "party", "deputies", "verified", "contacts")
PARTY_KEYS = ("id", "label")
CONTACT_KEYS = ("column", "channel", "hours")


@dataclass(frozen=True)
class ContactColumn:
    """One column of addresses: the channel it gives and, optionally, the calendar."""

    column: str
    channel: str
    hours: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class SheetMap:
    """What the columns of a contact sheet mean (FORMAT.md 7.5)."""

    path: str
    sheet: str | None
    """xlsx: the sheet's name (None: the first sheet)."""
    header_row: int | None
    """1-based row of column names (None: the first row holding every named column)."""
    party_id: str
    label: tuple[str, ...]
    deputies: str | None
    verified: str | None
    contacts: tuple[ContactColumn, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the map names, in sheet order for export, without repeats."""
        names = [self.party_id, *self.label]
        names += [c.column for c in self.contacts]
        names += [n for n in (self.deputies, self.verified) if n]
        return tuple(dict.fromkeys(names))

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.channel for c in self.contacts))


def load_map(path: str, plan: Plan) -> SheetMap:
    """Read and check a map; raise :class:`PlanError` naming every problem's place."""
    root = load_yaml(path)
    reader = _MapReader()
    found = reader.read(root, path, plan)
    if reader.problems or found is None:
        raise PlanError(cap_problems(reader.problems))
    return found


class _MapReader(Reader):
    def read(self, root: Node, path: str, plan: Plan) -> SheetMap | None:
        top = self.document(root, _("the map"), MAP_KEYS, ("party", "contacts"))
        if root.kind != "map":
            return None
        party = self.mapping(top["party"], "party", PARTY_KEYS, ("id",)) if "party" in top else {}
        party_id = self.column(party.get("id"), "party id")
        label = tuple(n for n in (self.column(node, "label") for _t, node in
                                  self.string_list(party.get("label"), "label")) if n)
        header_row = None
        if "header_row" in top:
            header_row = self.integer(top["header_row"], "header_row", 1, minimum=1, maximum=1_000_000)
        contacts = self.contact_columns(top.get("contacts"), plan)
        column_names = [party_id, *label, *(c.column for c in contacts)]
        extras = [self.column(top.get(key), key) if key in top else None for key in ("deputies", "verified")]
        self.check_repeats(top, column_names, extras)
        if party_id is None:
            return None
        return SheetMap(path=path, sheet=self.string(top.get("sheet"), "sheet"), header_row=header_row,
                        party_id=party_id, label=label, deputies=extras[0], verified=extras[1],
                        contacts=contacts)

    def column(self, node: Node | None, what: str) -> str | None:
        return self.identifier(node, what)

    def contact_columns(self, node: Node | None, plan: Plan) -> tuple[ContactColumn, ...]:
        if node is None or node.kind != "seq" or not node.children:
            self.error(node, _("contacts must be a list of {column, channel, hours} entries")) \
                if node is not None else None
            return ()
        calendars = set(plan.calendars) | {"always"}
        out = []
        for item in node.children:
            fields = self.mapping(item, _("a contacts entry"), CONTACT_KEYS, ("column", "channel"))
            column = self.column(fields.get("column"), "column")
            channel = self.identifier(fields.get("channel"), "channel")
            hours = self.identifier(fields.get("hours"), "hours") if "hours" in fields else None
            if channel is not None and channel not in plan.channels:
                self.error(fields["channel"], _("unknown channel '{channel}'{hint}").format(
                    channel=channel, hint=suggest(channel, plan.channels)))
                channel = None
            if hours is not None and hours not in calendars:
                self.error(fields["hours"], _("unknown calendar '{calendar}'{hint}").format(
                    calendar=hours, hint=suggest(hours, calendars)))
                hours = None
            if column is not None and channel is not None:
                out.append(ContactColumn(column, channel, hours, item.location))
        return tuple(out)

    def check_repeats(self, top: dict[str, Node], names: list[str | None],
                      extras: list[str | None]) -> None:
        seen: set[str] = set()
        for name in [*names, *extras]:
            if name is None:
                continue
            if column_key(name) in seen:
                self.error(top.get("contacts") or top["party"],
                           _("column '{column}' is named twice in the map").format(column=name))
            seen.add(column_key(name))


def column_key(name: str) -> str:
    """How a column name is compared: NFKC (full-width brackets = half-width), no spaces or line breaks."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", str(name)).split())
