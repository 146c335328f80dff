"""``drill analyze`` with ``--at``, ``--windows``, ``--probability`` and ``--importance``.

``--at`` analyses the plan with a :class:`~drill.analysis.moments.MomentClosure`;
``--windows`` analyses it once per staffing pattern of the week
(:func:`drill.analysis.moments.windows`, at the first minute of each) and
lists, per window, the cut sets that some other window does not have.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from drill.analysis.analyze import analyze_plan
from drill.analysis.moments import MomentClosure, minute_text, parse_at, windows
from drill.analysis.results import Analysis
from drill.analysis.risk import Risk, compute_risk
from drill.model.plan import Plan


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


def _keyed(analysis: Analysis) -> dict[tuple, tuple[str, set[tuple[str, ...]]]]:
    out: dict[tuple, tuple[str, set[tuple[str, ...]]]] = {}
    for t in analysis.tasks:
        out[("task", t.procedure, t.step, t.sender, t.recipient)] = (t.label, set(t.cut_sets))
    for p in analysis.parties:
        out[("party", p.procedure, p.origin, p.party)] = (
            f"{p.party} ({p.procedure} from {p.origin})", set(p.cut_sets))
    return out


def window_report(plan: Plan, order: int) -> list[dict[str, Any]]:
    """One entry per staffing window: its name, moment, spans, SPOF count and own cut sets."""
    found = []
    for window in windows(plan):
        analysis = analyze_plan(plan, order, MomentClosure(plan, window.moment))
        found.append((window, _keyed(analysis)))
    everywhere: dict[tuple, set[tuple[str, ...]]] = {}
    for i, (_, keyed) in enumerate(found):
        for key, (_, cuts) in keyed.items():
            everywhere[key] = set(cuts) if i == 0 else everywhere.get(key, set()) & cuts
        for key in set(everywhere) - set(keyed):
            everywhere[key] = set()
    out = []
    for window, keyed in found:
        only = []
        for key, (label, cuts) in keyed.items():
            for cut in sorted(cuts - everywhere.get(key, set()), key=lambda c: (len(c), c)):
                only.append({"kind": key[0], "entry": list(key[1:]), "what": label, "cut_set": list(cut)})
        out.append({"name": window.name, "moment": minute_text(window.moment),
                    "spans": [[minute_text(a), minute_text(b)] for a, b in window.spans],
                    "spofs": sum(1 for _, cuts in keyed.values() for c in cuts if len(c) == 1),
                    "only_here": only})
    return out
