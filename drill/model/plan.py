"""Frozen domain types of a contact plan (FORMAT.md section 1).

A :class:`Plan` is what the loader builds from a plan file: calendars,
components (everything that can fail), channels (media a message travels on),
parties with their contacts, groups and procedures.  Every object remembers the
:class:`~drill.model.errors.Location` of the YAML node it came from so that
findings and errors can point at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from drill.i18n import _, pick_label
from drill.model.errors import Location

ORIGIN = "$origin"
"""The placeholder for the party where the incident starts."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Dependency:
    """A dependency on a component; it takes effect after ``grace`` minutes down."""

    id: str
    grace: float = 0.0
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Calendar:
    """When a contact is staffed: [from, to) local time on each listed weekday.

    When ``to`` is not after ``start`` the span runs past midnight.  On a date
    listed in the plan's ``holidays`` a calendar that is not ``always`` covers
    nothing (unless ``on_holidays`` is true).
    """

    id: str
    days: frozenset[int]
    start: int
    """Minutes after midnight when the span opens."""
    end: int
    """Minutes after midnight when the span closes (may be <= start: overnight)."""
    on_holidays: bool = False
    always: bool = False
    location: Location | None = field(default=None, compare=False)
    label: str | None = None
    label_en: str | None = None


ALWAYS = Calendar(id="always", days=frozenset(range(7)), start=0, end=0, on_holidays=True, always=True)


@dataclass(frozen=True)
class Component:
    """Something physical or organisational that can fail: a cable, power, a PBX."""

    id: str
    label: str
    kind: str
    depends_on: tuple[Dependency, ...] = ()
    p_fail: float | None = None
    location: Location | None = field(default=None, compare=False)
    label_en: str | None = None


@dataclass(frozen=True)
class Channel:
    """A medium a message can travel on (LGWAN mail, landline, fax...)."""

    id: str
    label: str
    depends_on: tuple[Dependency, ...] = ()
    latency: float = 0.0
    fail_after: float | None = None
    """When an attempt fails, the sender learns it after this long (default latency)."""
    busy: float | None = None
    """How long an attempt holds a line (default latency)."""
    p_fail: float | None = None
    location: Location | None = field(default=None, compare=False)
    label_en: str | None = None

    @property
    def failure_delay(self) -> float:
        return self.latency if self.fail_after is None else self.fail_after

    @property
    def line_hold(self) -> float:
        return self.latency if self.busy is None else self.busy


@dataclass(frozen=True)
class Contact:
    """How one party is reached on one channel."""

    party: str
    channel: str
    address: str | None = None
    """Personal data: left out of reports unless the user asks for it."""
    depends_on: tuple[Dependency, ...] = ()
    hours: str | None = None
    """Calendar id; None means the party's own ``hours``."""
    location: Location | None = field(default=None, compare=False)
    verified: date | None = None
    """When the contact was last confirmed (FORMAT.md 7.5); None when unknown."""


@dataclass(frozen=True)
class Party:
    """A person or an office."""

    id: str
    label: str
    org: str | None = None
    lines: int = 1
    hours: str = "always"
    deputies: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    location: Location | None = field(default=None, compare=False)
    label_en: str | None = None

    def contact(self, channel: str) -> Contact | None:
        for contact in self.contacts:
            if contact.channel == channel:
                return contact
        return None


@dataclass(frozen=True)
class Retry:
    every: float
    until: float
    """Absolute time since t = 0: no new round starts after it."""


@dataclass(frozen=True)
class Step:
    """One line of a procedure: who notifies whom, over what, by when."""

    id: str
    senders: tuple[str, ...]
    """``from`` as written: party ids, ``@group`` references or ``$origin``."""
    to: tuple[str, ...]
    """Party ids, ``@group`` references or ``$origin``, as written."""
    via: tuple[str, ...]
    within: float | None = None
    delay: float = 0.0
    retry: Retry | None = None
    label: str | None = None
    location: Location | None = field(default=None, compare=False)
    label_en: str | None = None

    @property
    def one_sender(self) -> bool:
        """Does ``from`` name exactly one fixed party (no ``$origin``, no group, no list)?"""
        return len(self.senders) == 1 and self.senders[0] != ORIGIN and not self.senders[0].startswith("@")


@dataclass(frozen=True)
class Procedure:
    """The contact plan for one incident type."""

    id: str
    steps: tuple[Step, ...]
    assumes_down: tuple[str, ...] = ()
    origins: tuple[str, ...] | None = None
    label: str | None = None
    location: Location | None = field(default=None, compare=False)
    label_en: str | None = None


@dataclass(frozen=True)
class Plan:
    """A whole contact plan."""

    id: str
    title: str
    timezone: str
    calendars: dict[str, Calendar]
    components: dict[str, Component]
    channels: dict[str, Channel]
    parties: dict[str, Party]
    groups: dict[str, tuple[str, ...]]
    procedures: dict[str, Procedure]
    holidays: frozenset[date] = frozenset()
    path: str = ""
    location: Location | None = field(default=None, compare=False)
    group_locations: dict[str, Location] = field(default_factory=dict, compare=False)

    def calendar(self, calendar_id: str | None) -> Calendar:
        if calendar_id is None or calendar_id == "always":
            return ALWAYS
        return self.calendars[calendar_id]

    def contact_hours(self, contact: Contact) -> Calendar:
        party = self.parties[contact.party]
        return self.calendar(contact.hours or party.hours)

    def expand(self, refs: tuple[str, ...] | list[str], origin: str | None = None) -> list[str]:
        """Resolve party ids, ``@group`` references and ``$origin`` to party ids.

        Order is as written, groups expanded in order; a party named twice is
        kept at its first place.
        """
        out: list[str] = []
        seen: set[str] = set()
        # A group is expanded at most once per call: once every member of a
        # group has been placed, naming it again adds nothing, so forty
        # groups that each name the previous twice cost forty visits, not
        # 2**40.  A group being expanded (a cycle) is skipped the same way.
        # A stack, not a recursive inner function: that would be a reference
        # cycle per call, garbage that drill analyze (which pauses the cyclic
        # collector) kept by the hundred megabytes on a national plan.
        visited: set[str] = set()
        stack = list(reversed(refs))
        while stack:
            ref = stack.pop()
            if ref == ORIGIN:
                if origin is None:
                    continue
                ref = origin
            if ref.startswith("@"):
                name = ref[1:]
                if name not in visited:
                    visited.add(name)
                    stack.extend(reversed(self.groups.get(name, ())))
            elif ref not in seen:
                seen.add(ref)
                out.append(ref)
        return out

    def senders_for(self, step: Step, origin: str | None) -> list[str]:
        """The step's senders resolved, in order of resolution, each once (FORMAT.md 7.1)."""
        return self.expand(step.senders, origin)


def display_label(thing: Calendar | Component | Channel | Party | Step | Procedure) -> str:
    """The label people read in the current language (FORMAT.md 7.3).

    ``label`` (usually Japanese) or ``label_en``, whichever the language asks
    for, else the other one, else the id.  Human formats show the id beside it
    where an id is needed to act (see :func:`label_with_id`).
    """
    label = thing.label
    # a component, channel or party without a label got its id as label
    own = label if label and label != thing.id else None
    return pick_label(own, thing.label_en, thing.id)


def label_with_id(thing: Calendar | Component | Channel | Party | Step | Procedure) -> str:
    """``label (id)``, or the id alone when there is no label to show."""
    shown = display_label(thing)
    if shown == thing.id:
        return thing.id
    return _("{label} ({id})").format(label=shown, id=thing.id)
