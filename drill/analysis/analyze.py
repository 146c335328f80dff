"""``analyze_plan``: cut sets, lint findings and the riskiest components of a plan.

This is the whole of ``drill analyze`` minus the rendering: pure functions of
the model, deterministic (plan order, then sorted ids), no I/O.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from datetime import date

from drill.analysis.closure import Closure
from drill.analysis.cutsets import (
    MAX_ORDER,
    CutSet,
    CutTable,
    TaskRef,
    procedure_origins,
    procedure_tasks,
    task_cut_sets,
)
from drill.analysis.lint import LintInput, lint
from drill.analysis.parties import ShapeMemo, StepGraph, party_cut_sets
from drill.analysis.results import Analysis, Finding, PartyResult, RiskPair, RiskRow, TaskResult
from drill.analysis.stale import DEFAULT_STALE_AFTER_DAYS, stale_contacts
from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.plan import Plan


def analyze_plan(plan: Plan, order: int = 2, closure: Closure | None = None, *, as_of: date | None = None,
                 stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> Analysis:
    """Everything ``drill analyze`` reports about ``plan``, cut sets up to ``order``.

    ``closure`` (optional) replaces the plan's own, e.g. one that only offers
    candidates staffed at one moment of the week (:mod:`drill.analysis.moments`).
    ``as_of`` (default today) and ``stale_after_days`` drive ``stale-contact``.
    """
    if not 1 <= order <= MAX_ORDER:
        raise DrillError(_("--order must be between 1 and {max}, got {order}").format(max=MAX_ORDER, order=order))
    closure = Closure(plan) if closure is None else closure
    # Lint rules look at single points of failure and more: at least order 1.
    tasks: list[tuple[TaskRef, TaskResult]] = []
    parties: list[PartyResult] = []
    graphs: dict[tuple[str, str], StepGraph] = {}
    party_cuts: dict[tuple[str, str], dict[str, list[tuple[str, ...]]]] = {}
    # Equal cut sets (the same upstream cable for a thousand parties) share one tuple.
    table = CutTable.of(closure)
    # Parties reached along the same pattern (any origin) are solved once (parties.Shape).
    shapes = ShapeMemo()
    for procedure in plan.procedures.values():
        for ref in procedure_tasks(plan, procedure):
            found = task_cut_sets(plan, closure, ref, order, table=table)
            tasks.append((ref, TaskResult(procedure.id, ref.step.id, ref.sender, ref.recipient,
                                          found.candidates, found.supports, found.cut_sets,
                                          ref.step.location)))
        for origin in procedure_origins(plan, procedure):
            graph, cuts = party_cut_sets(plan, closure, procedure, origin, order, table=table,
                                         shapes=shapes)
            graphs[(procedure.id, origin)] = graph
            party_cuts[(procedure.id, origin)] = cuts
            for party in sorted(cuts):
                parties.append(PartyResult(procedure.id, origin, party, tuple(cuts[party])))
    findings = lint(LintInput(plan, closure, tasks, graphs, party_cuts))
    stale = stale_contacts(plan, as_of or date.today(), stale_after_days)
    if stale:
        findings = sorted(set(findings) | set(stale), key=Finding.sort_key)
    task_results = tuple(result for _, result in tasks)
    task_counts, party_counts = _cut_counts(task_results), _cut_counts(parties)
    return Analysis(plan=plan, order=order, tasks=task_results, parties=tuple(parties),
                    findings=tuple(findings), ranking=tuple(_rank_events(plan, task_counts, party_counts)),
                    pairs=tuple(_rank_pairs(task_counts, party_counts)), graphs=graphs)


def rank_events(plan: Plan, tasks: tuple[TaskResult, ...] | list[TaskResult],
                parties: list[PartyResult]) -> list[RiskRow]:
    """The riskiest events: how many tasks and party entries each silences alone or in a pair."""
    return _rank_events(plan, _cut_counts(tasks), _cut_counts(parties))


def rank_pairs(tasks: tuple[TaskResult, ...] | list[TaskResult],
               parties: list[PartyResult]) -> list[RiskPair]:
    """Order-2 cut sets by the number of tasks and party entries they silence."""
    return _rank_pairs(_cut_counts(tasks), _cut_counts(parties))


def _cut_counts(entries: Iterable[TaskResult | PartyResult]) -> Counter[CutSet]:
    """How many entries have each cut set of order 1 or 2 (an entry lists a cut set once).

    Millions of party cut sets on a national plan, but few distinct ones:
    counting them first makes the rankings a walk over the distinct sets.
    """
    counts = Counter(itertools.chain.from_iterable(entry.cut_sets for entry in entries))
    return Counter({cut: n for cut, n in counts.items() if len(cut) <= 2})


def _rank_events(plan: Plan, task_counts: Counter[CutSet], party_counts: Counter[CutSet]) -> list[RiskRow]:
    counts: dict[str, list[int]] = {}
    for slot, cut_counts in ((0, task_counts), (1, party_counts)):
        for cut, n in cut_counts.items():
            for event in cut:
                counts.setdefault(event, [0, 0, 0, 0])[slot + (2 if len(cut) == 2 else 0)] += n
    rows = [RiskRow(event, "channel" if event in plan.channels else "component", *values)
            for event, values in counts.items()]
    return sorted(rows, key=lambda row: row.score)


def _rank_pairs(task_counts: Counter[CutSet], party_counts: Counter[CutSet]) -> list[RiskPair]:
    counts: dict[tuple[str, str], list[int]] = {}
    for slot, cut_counts in ((0, task_counts), (1, party_counts)):
        for cut, n in cut_counts.items():
            if len(cut) == 2:
                counts.setdefault((cut[0], cut[1]), [0, 0])[slot] += n
    rows = [RiskPair(pair, t, p) for pair, (t, p) in counts.items()]
    return sorted(rows, key=lambda r: (-(r.tasks + r.parties), r.events))
