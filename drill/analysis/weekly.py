"""``drill analyze`` with ``--at``, ``--windows``, ``--probability`` and ``--importance``.

``--at`` analyses the plan with a :class:`~drill.analysis.moments.MomentClosure`;
``--windows`` analyses it once per staffing pattern of the week
(:func:`drill.analysis.moments.windows`, at the first minute of each) and
lists, per window, the cut sets that some other window does not have.

A national plan has millions of cut sets per window, so the windows are
analysed one at a time and only what the report needs is kept
(:class:`_Week`): the running intersection of every entry's cut sets over the
windows seen so far, each window's cut sets that were not in it (its extras),
and the cut sets that left it at each window.  A window's
cut sets found in some windows only are then its extras plus those that left
the intersection after it; memory is about one window plus the differences.
"""

from __future__ import annotations

import dataclasses
import itertools
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from drill.analysis.analyze import analyze_plan
from drill.analysis.closure import Closure
from drill.analysis.cutsets import (
    CutSet,
    CutTable,
    procedure_origins,
    procedure_tasks,
    task_cut_sets,
)
from drill.analysis.moments import MomentClosure, Window, minute_text, parse_at, windows
from drill.analysis.parties import ShapeMemo, party_cut_sets
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
    order (every task, then every party entry), one entry at a time and
    without the findings and rankings ``--windows`` does not report.
    """
    table = CutTable.of(closure)
    table.interned = interned  # equal cut sets of every window share one tuple
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, order, table=table)
            yield (("task", procedure.id, ref.step.id, ref.sender, ref.recipient),
                   f"{procedure.id}/{ref.step.id} {ref.sender} → {ref.recipient}", found.cut_sets)
    shapes = ShapeMemo()
    for procedure in plan.procedures.values():
        for origin in procedure_origins(plan, procedure):
            _, cuts = party_cut_sets(plan, closure, procedure, origin, order, table=table, shapes=shapes)
            for party in sorted(cuts):
                yield (("party", procedure.id, origin, party),
                       f"{party} ({procedure.id} from {origin})", tuple(cuts[party]))


class _Week:
    """The windows seen so far: the running intersection, each window's extras, what left it when.

    Cut sets are kept in tuples in the analysis' order (by order, then ids), so
    every part of a window's report is already sorted.
    """

    def __init__(self) -> None:
        self.ids: dict[EntryKey, int] = {}
        self.keys: list[tuple[EntryKey, str]] = []
        self.common: dict[int, tuple[CutSet, ...]] = {}  # cut sets of the entry in every window so far
        self.left: dict[int, list[tuple[int, tuple[CutSet, ...]]]] = {}  # (first window without them, cut sets)
        self.seen: list[tuple[Window, array, dict[int, tuple[CutSet, ...]], int]] = []

    def add(self, window: Window, entries: Iterator[tuple[EntryKey, str, tuple[CutSet, ...]]]) -> None:
        index = len(self.seen)
        order = array("i")
        extras: dict[int, tuple[CutSet, ...]] = {}
        spofs = 0
        for key, label, cuts in entries:
            kid = self.ids.get(key)
            if kid is None:
                kid = self.ids[key] = len(self.keys)
                self.keys.append((key, label))
            order.append(kid)
            spofs += sum(1 for c in cuts if len(c) == 1)
            if index == 0:
                self.common[kid] = cuts
                continue
            common = self.common.get(kid, ())
            inside = set(common)
            extra = tuple(c for c in cuts if c not in inside)
            if extra:
                extras[kid] = extra
            if len(cuts) - len(extra) != len(common):
                here = set(cuts)
                self._leave(kid, tuple(c for c in common if c not in here), index)
        present = set(order)
        for kid in [kid for kid in self.common if kid not in present]:
            self._leave(kid, self.common[kid], index)
        self.seen.append((window, order, extras, spofs))

    def _leave(self, kid: int, gone: tuple[CutSet, ...], index: int) -> None:
        """``gone`` left the intersection of entry ``kid`` at window ``index``."""
        if gone:
            self.left.setdefault(kid, []).append((index, gone))
        lost = set(gone)
        kept = tuple(c for c in self.common[kid] if c not in lost)
        if kept:
            self.common[kid] = kept
        else:
            del self.common[kid]

    def reports(self) -> list[WindowReport]:
        out = []
        for index, (window, order, extras, spofs) in enumerate(self.seen):
            entries = []
            for kid in order:
                parts = [cuts for cuts in (extras.get(kid, ()),) if cuts]
                parts += [cuts for first, cuts in self.left.get(kid, ()) if first > index]
                if len(parts) == 1:
                    entries.append((kid, parts[0]))
                elif parts:
                    entries.append((kid, tuple(sorted(itertools.chain(*parts), key=lambda c: (len(c), c)))))
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
