"""``drill analyze`` with ``--at``, ``--windows``, ``--probability`` and ``--importance``.

``--at`` analyses the plan with a :class:`~drill.analysis.moments.MomentClosure`;
``--windows`` analyses it once per staffing pattern of the week
(:func:`drill.analysis.moments.windows`, at the first minute of each) and
lists, per window, the cut sets that some other window does not have.

A national plan has millions of cut sets per window, so the windows are
analysed one at a time and only what the report needs is kept
(:class:`_Week`): the running intersection of every entry's cut sets over the
windows seen so far, each window's cut sets that were not in it (its extras),
and for every cut set that left it the first window without it.  A window's
cut sets found in some windows only are then its extras plus those that left
the intersection after it; memory is about one window plus the differences.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from drill.analysis.analyze import analyze_plan
from drill.analysis.closure import Closure
from drill.analysis.cutsets import CutSet, party_cut_sets, procedure_origins, procedure_tasks, task_cut_sets
from drill.analysis.moments import MomentClosure, Window, minute_text, parse_at, windows
from drill.analysis.results import Analysis
from drill.analysis.risk import Risk, compute_risk
from drill.model.plan import Plan

EntryKey = tuple[str, ...]
"""``("task", procedure, step, sender, recipient)`` or ``("party", procedure, origin, party)``."""


def analyze_with_risk(plan: Plan, order: int, *, probability: bool = False, importance: bool = False,
                      at: str | None = None, weekly: bool = False, stale: dict | None = None) -> Analysis:
    minute = parse_at(at) if at is not None else None
    closure = MomentClosure(plan, minute) if minute is not None else None
    analysis = analyze_plan(plan, order, closure, **(stale or {}))
    moment = minute_text(minute) if minute is not None else None
    if not (probability or importance or moment or weekly):
        return analysis
    if probability or importance:
        risk = compute_risk(analysis, importance=importance, moment=moment)
    else:
        risk = Risk((), (), moment=moment)
    if weekly:
        risk = dataclasses.replace(risk, windows=tuple(window_report(plan, order)))
    return dataclasses.replace(analysis, risk=risk)


@dataclass(frozen=True, eq=False)
class WindowReport:
    """One staffing window of ``--windows``: its JSON fields, the cut sets found in it only kept compactly.

    ``entries`` holds, in the window's entry order, each entry with such cut
    sets (an index into ``keys``, shared by every window) and those cut sets,
    sorted by order then ids.
    """

    name: str
    moment: str
    spans: list[list[str]]
    spofs: int
    keys: list[tuple[EntryKey, str]]
    entries: tuple[tuple[int, tuple[CutSet, ...]], ...]

    def only_here(self, max_order: int | None = None) -> Iterator[dict[str, Any]]:
        """The JSON ``only_here`` items (those of at most ``max_order`` events if given), one at a time."""
        for kid, cuts in self.entries:
            key, label = self.keys[kid]
            for cut in cuts:
                if max_order is None or len(cut) <= max_order:
                    yield {"kind": key[0], "entry": list(key[1:]), "what": label, "cut_set": list(cut)}

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "moment": self.moment, "spans": self.spans, "spofs": self.spofs,
                "only_here": list(self.only_here())}


def window_entries(plan: Plan, order: int, closure: Closure,
                   interned: dict[CutSet, CutSet]) -> Iterator[tuple[EntryKey, str, tuple[CutSet, ...]]]:
    """Every task and party entry of the analysis with ``closure``, with its label and cut sets.

    The cut sets of :func:`~drill.analysis.analyze.analyze_plan`, in its
    order, without the findings and rankings ``--windows`` does not report.
    """
    rank = {event: i for i, event in enumerate(closure.events)}
    shapes: dict = {}
    parties: list[tuple[EntryKey, str, tuple[CutSet, ...]]] = []
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, order, rank, interned=interned)
            yield (("task", procedure.id, ref.step.id, ref.sender, ref.recipient),
                   f"{procedure.id}/{ref.step.id} {ref.sender} → {ref.recipient}", found.cut_sets)
        for origin in procedure_origins(plan, procedure):
            _, cuts = party_cut_sets(plan, closure, procedure, origin, order, rank,
                                     interned=interned, shapes=shapes)
            for party in sorted(cuts):
                parties.append((("party", procedure.id, origin, party),
                                f"{party} ({procedure.id} from {origin})", tuple(cuts[party])))
    yield from parties


class _Week:
    """The windows seen so far: the running intersection, each window's extras, when cut sets left it."""

    def __init__(self) -> None:
        self.ids: dict[EntryKey, int] = {}
        self.keys: list[tuple[EntryKey, str]] = []
        self.common: dict[int, set[CutSet]] = {}  # cut sets of the entry in every window so far
        self.left: dict[int, dict[CutSet, int]] = {}  # cut set -> the first window without it
        self.seen: list[tuple[Window, array, dict[int, tuple[CutSet, ...]], int]] = []

    def add(self, window: Window, entries: Iterator[tuple[EntryKey, str, tuple[CutSet, ...]]]) -> None:
        index = len(self.seen)
        current: dict[int, tuple[CutSet, ...]] = {}
        for key, label, cuts in entries:
            kid = self.ids.get(key)
            if kid is None:
                kid = self.ids[key] = len(self.keys)
                self.keys.append((key, label))
            current[kid] = cuts
        extras: dict[int, tuple[CutSet, ...]] = {}
        for kid, cuts in current.items():
            if index == 0:
                self.common[kid] = set(cuts)
                continue
            common = self.common.get(kid)
            extra = cuts if common is None else tuple(c for c in cuts if c not in common)
            if extra:
                extras[kid] = extra
            if common is not None and len(common) + len(extra) != len(cuts):
                self._leave(kid, common - set(cuts), index)
        for kid in [kid for kid in self.common if kid not in current]:
            self._leave(kid, set(self.common[kid]), index)
        spofs = sum(1 for cuts in current.values() for c in cuts if len(c) == 1)
        self.seen.append((window, array("i", current), extras, spofs))

    def _leave(self, kid: int, gone: set[CutSet], index: int) -> None:
        common = self.common[kid]
        common -= gone
        if not common:
            del self.common[kid]
        left = self.left.setdefault(kid, {})
        for cut in gone:
            left[cut] = index

    def reports(self) -> list[WindowReport]:
        out = []
        for index, (window, order, extras, spofs) in enumerate(self.seen):
            entries = []
            for kid in order:
                cuts = list(extras.get(kid, ()))
                cuts += [cut for cut, first in self.left.get(kid, {}).items() if first > index]
                if cuts:
                    entries.append((kid, tuple(sorted(cuts, key=lambda c: (len(c), c)))))
            out.append(WindowReport(window.name, minute_text(window.moment),
                                    [[minute_text(a), minute_text(b)] for a, b in window.spans],
                                    spofs, self.keys, tuple(entries)))
        return out


def window_report(plan: Plan, order: int) -> list[WindowReport]:
    """One entry per staffing window: its name, moment, spans, SPOF count and own cut sets."""
    week = _Week()
    interned: dict[CutSet, CutSet] = {}
    for window in windows(plan):
        week.add(window, window_entries(plan, order, MomentClosure(plan, window.moment), interned))
    return week.reports()
