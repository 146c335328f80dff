"""``--worst K``: the set of at most K failures that silences the most tasks (FORMAT.md 7.4).

A task of the procedure, under the given origin, is silenced end to end by F
when F makes the task itself impossible (it contains one of the task's
minimal cut sets) or makes its sender uninformed from the origin (it contains
one of the sender's end-to-end cut sets).  With cut sets up to order K this
is exact for every |F| <= K: F cuts a target exactly when it contains one of
its minimal cut sets, and all those of order <= |F| are known.

The best F can be taken to be a union of cut sets (drop from F every event
that is in no cut set inside F: the count stays, F shrinks), so the search
enumerates unions of cut sets of size <= K — for K = 2: every event of an
order-1 cut set, every order-2 cut set and every pair of order-1 events —
and counts, for each, the tasks its cut sets silence.  A pair can silence
tasks that neither of its events silences alone (an order-2 cut set), and
this is counted.  Ties: fewer events, then the lexicographically smallest
sorted list of ids.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

from drill.analysis.cutsets import procedure_tasks
from drill.analysis.results import Analysis
from drill.i18n import _
from drill.model.errors import DrillError


@dataclass(frozen=True)
class Worst:
    procedure: str
    origin: str
    events: tuple[str, ...]
    silenced: tuple[int, ...]
    """Indexes into ``analysis.tasks`` of the tasks F silences end to end."""
    total: int
    """Tasks of the procedure under this origin."""


def worst_case(analysis: Analysis, procedure_id: str, origin: str, k: int) -> Worst:
    plan = analysis.plan
    procedure = plan.procedures.get(procedure_id)
    if procedure is None:
        raise DrillError(_("--incident: no procedure {procedure!r} in plan {plan}").format(
            procedure=procedure_id, plan=plan.id))
    if origin not in plan.parties:
        raise DrillError(_("--incident: no party {origin!r} in plan {plan}").format(origin=origin, plan=plan.id))
    keys = {(ref.step.id, ref.sender, ref.recipient) for ref in procedure_tasks(plan, procedure)
            if origin in ref.origins}
    tasks = [i for i, t in enumerate(analysis.tasks)
             if t.procedure == procedure_id and (t.step, t.sender, t.recipient) in keys]
    entries = {e.party: e for e in analysis.parties if e.procedure == procedure_id and e.origin == origin}
    silences: dict[tuple[str, ...], set[int]] = {}
    always: set[int] = set()
    for i in tasks:
        task = analysis.tasks[i]
        cuts = list(task.cut_sets)
        if task.sender != origin:
            if task.sender in entries:
                cuts += entries[task.sender].cut_sets
            else:
                always.add(i)
        if not task.candidates:
            always.add(i)
        for cut in cuts:
            if len(cut) <= k:
                silences.setdefault(tuple(sorted(cut)), set()).add(i)
    best = _search(silences, always, k)
    return Worst(procedure_id, origin, best[1], tuple(sorted(best[0])), len(tasks))


def _search(silences: dict[tuple[str, ...], set[int]], always: set[int], k: int
            ) -> tuple[set[int], tuple[str, ...]]:
    cuts = sorted(silences)
    seen: set[frozenset[str]] = {frozenset()} | {frozenset(c) for c in cuts}
    if k <= 2:
        # every union of cut sets of size <= 2: the cut sets and pairs of order-1 events
        singles = sorted(c[0] for c in cuts if len(c) == 1)
        seen |= {frozenset(pair) for pair in itertools.combinations(singles, 2)} if k == 2 else set()
        return _best(silences, always, seen)
    frontier: set[frozenset[str]] = set(seen)
    for _round in range(k - 1):
        grown = set()
        for chosen in frontier:
            for cut in cuts:
                union = chosen | set(cut)
                if len(union) <= k and union not in seen:
                    seen.add(union)
                    grown.add(union)
        frontier = grown
    return _best(silences, always, seen)


def _best(silences: dict[tuple[str, ...], set[int]], always: set[int], seen: set[frozenset[str]]
          ) -> tuple[set[int], tuple[str, ...]]:
    best: tuple[tuple[int, int, tuple[str, ...]], set[int]] | None = None
    for candidate in seen:
        hit = set(always)
        ids = tuple(sorted(candidate))
        for size in range(1, len(ids) + 1):
            for sub in itertools.combinations(ids, size):
                hit |= silences.get(sub, set())
        key = (-len(hit), len(ids), ids)
        if best is None or key < best[0]:
            best = (key, hit)
    assert best is not None
    return best[1], best[0][2]


def scenario_yaml(worst: Worst, analysis: Analysis, plan_ref: str, start: str, title: str) -> str:
    """The scenario file (JSON-quoted scalars, which YAML reads as they are)."""
    q = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    lines = [f"scenario: {q('worst-' + worst.procedure + '-' + worst.origin)}",
             f"title: {q(title)}",
             f"plan: {q(plan_ref)}",
             f"start: {q(start)}",
             f"incident: {{type: {q(worst.procedure)}, origin: {q(worst.origin)}}}"]
    if worst.events:
        lines += ["injects:", "  - at: 0m", "    fail: [" + ", ".join(q(e) for e in worst.events) + "]"]
    else:
        lines.append("injects: []")
    lines += ["expect:", "  - delivered: all", ""]
    return "\n".join(lines)
