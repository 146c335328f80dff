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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from drill.analysis.closure import Closure
from drill.analysis.cutsets import procedure_tasks, task_cut_sets
from drill.analysis.parties import party_cut_sets
from drill.analysis.results import Analysis
from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.plan import Plan, Procedure


@dataclass(frozen=True)
class Worst:
    procedure: str
    origin: str
    events: tuple[str, ...]
    silenced: tuple[int, ...]
    """The tasks F silences end to end: indexes among this procedure's tasks from this origin."""
    total: int
    """Tasks of the procedure under this origin."""


def worst_case(analysis: Analysis, procedure_id: str, origin: str, k: int) -> Worst:
    """The worst set from a whole-plan analysis (cut sets up to order >= ``k``)."""
    procedure = _procedure(analysis.plan, procedure_id, origin)
    keys = {(ref.step.id, ref.sender, ref.recipient) for ref in procedure_tasks(analysis.plan, procedure)
            if origin in ref.origins}
    tasks = [(t.sender, bool(t.candidates), t.cut_sets) for t in analysis.tasks
             if t.procedure == procedure_id and (t.step, t.sender, t.recipient) in keys]
    entries = {e.party: e.cut_sets for e in analysis.parties
               if e.procedure == procedure_id and e.origin == origin}
    return _worst(procedure_id, origin, tasks, entries, k)


def worst_in_plan(plan: Plan, procedure_id: str, origin: str, k: int) -> Worst:
    """The same as :func:`worst_case`, computing only this procedure's cut sets from this origin.

    ``drill analyze --worst`` uses it: the national plan's other 47 procedures
    and thousands of origins play no part in the answer.
    """
    procedure = _procedure(plan, procedure_id, origin)
    closure = Closure(plan)
    tasks = []
    for ref in procedure_tasks(plan, procedure):
        if origin in ref.origins:
            found = task_cut_sets(plan, closure, ref, k)
            tasks.append((ref.sender, bool(found.candidates), found.cut_sets))
    _, entries = party_cut_sets(plan, closure, procedure, origin, k)
    return _worst(procedure_id, origin, tasks, entries, k)


def _procedure(plan: Plan, procedure_id: str, origin: str) -> Procedure:
    procedure = plan.procedures.get(procedure_id)
    if procedure is None:
        raise DrillError(_("--incident: no procedure {procedure!r} in plan {plan}").format(
            procedure=procedure_id, plan=plan.id))
    if origin not in plan.parties:
        raise DrillError(_("--incident: no party {origin!r} in plan {plan}").format(origin=origin, plan=plan.id))
    return procedure


Target = tuple[str, bool, Sequence[tuple[str, ...]]]
"""A task: its sender, whether it has any candidate, its own cut sets."""


def _worst(procedure_id: str, origin: str, tasks: Sequence[Target],
           entries: Mapping[str, Sequence[tuple[str, ...]]], k: int) -> Worst:
    silences: dict[tuple[str, ...], int] = {}
    """Each cut set (sorted ids) -> the tasks it silences, as a bit mask over ``tasks``."""
    always = 0
    for i, (sender, has_candidates, own) in enumerate(tasks):
        bit = 1 << i
        cuts = list(own)
        if sender != origin:
            if sender in entries:
                cuts += entries[sender]
            else:
                always |= bit
        if not has_candidates:
            always |= bit
        for cut in cuts:
            if len(cut) <= k:
                key = tuple(sorted(cut))
                silences[key] = silences.get(key, 0) | bit
    hit, events = _search(silences, always, k)
    return Worst(procedure_id, origin, events, tuple(i for i in range(len(tasks)) if hit >> i & 1),
                 len(tasks))


class _Best:
    """The best set seen so far: most tasks silenced, then fewest events, then smallest ids."""

    def __init__(self, always: int) -> None:
        self.count, self.size, self.hit = always.bit_count(), 0, always
        self.events: tuple[str, ...] = ()

    def offer(self, events: tuple[str, ...], hit: int) -> None:
        count = hit.bit_count()
        if count < self.count:
            return
        if (-count, len(events), events) < (-self.count, self.size, self.events):
            self.count, self.size, self.events, self.hit = count, len(events), events, hit


def _search(silences: dict[tuple[str, ...], int], always: int, k: int) -> tuple[int, tuple[str, ...]]:
    best = _Best(always)
    cuts = sorted(silences)
    for cut in cuts:
        best.offer(cut, _hit(cut, silences, always))
    if k == 2:
        # the unions of two order-1 cut sets; an order-2 cut set of another task may add to them
        singles = [c[0] for c in cuts if len(c) == 1]
        for i, a in enumerate(singles):
            base = always | silences[(a,)]
            for b in singles[i + 1:]:
                best.offer((a, b), base | silences[(b,)] | silences.get((a, b), 0))
    elif k > 2:
        seen: set[frozenset[str]] = {frozenset(c) for c in cuts}
        frontier = set(seen)
        for _round in range(k - 1):
            grown = {chosen | set(cut) for chosen in frontier for cut in cuts}
            frontier = {union for union in grown if len(union) <= k and union not in seen}
            seen |= frontier
            for union in frontier:
                events = tuple(sorted(union))
                best.offer(events, _hit(events, silences, always))
    return best.hit, best.events


def _hit(events: tuple[str, ...], silences: dict[tuple[str, ...], int], always: int) -> int:
    """The tasks silenced by failing ``events``: those of every cut set inside it."""
    hit = always
    for size in range(1, len(events) + 1):
        for sub in itertools.combinations(events, size):
            hit |= silences.get(sub, 0)
    return hit


def scenario_yaml(worst: Worst, plan_ref: str, start: str, title: str) -> str:
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
