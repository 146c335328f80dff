"""``drill sweep --order 1|2``: the scenario once per failure set, on the clock.

Static analysis says which failures break a notification on paper; a sweep
says what each one does to the drill as simulated — late, failed or blocked,
with the scenario's own injects, calendars, lines and latencies.  Every set is
failed at t = 0 on top of the scenario's injects, exactly as
``drill run SCENARIO --fail ID...`` would do, and gives the same summary.

Which sets:

- order 1: every component and channel of the plan (with ``--only KIND``, those
  of that component kind, or ``channel``);
- order 2: those, and every pair of them that can matter.  A pair is skipped
  when one of its members is outside the scenario's *static reach* (see
  :mod:`drill.scale.context`): no attempt of any task, whoever acts, could ever
  look at it, so the pair gives exactly the other member's single result,
  which is already in the list.

Most sets are answered without simulating: a set with no member in the
baseline's *dynamic reach* cannot change any attempt, so its result is the
baseline's.  The others are simulated from the last checkpoint before the
first attempt they can affect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.scenario import Scenario
from drill.scale.checkpoint import Checkpoint
from drill.scale.context import FailureSet, Outcome, SweepContext
from drill.scale.executors import Executor, LocalExecutor

#: The most pairs one order-2 sweep takes on (the national plan has tens of millions).
MAX_PAIRS = 2_000_000


class SweepError(DrillError):
    """A sweep was asked for something it cannot do."""


def kind_of(context: SweepContext, ident: str) -> str:
    plan = context.scenario.plan
    component = plan.components.get(ident)
    return component.kind if component is not None else "channel"


def failure_sets(context: SweepContext, order: int, only: str | None = None) -> tuple[list[FailureSet], int]:
    """The sets to sweep, in plan order, and how many pairs were skipped as unable to matter."""
    if order not in (1, 2):
        raise SweepError(_("--order {order}: a sweep fails one (1) or two (2) things at a time").format(order=order))
    context.prepare()
    items = list(context.items)
    if only is not None:
        kinds = sorted({kind_of(context, i) for i in items})
        if only not in kinds:
            raise SweepError(_("--only {only}: no component or channel of that kind (kinds: {kinds})").format(
                only=only, kinds=", ".join(kinds)))
        items = [i for i in items if kind_of(context, i) == only]
    sets: list[FailureSet] = [(i,) for i in items]
    skipped = 0
    if order == 2:
        reach = context.static_reach
        relevant = [i for i in items if i in reach]
        pairs = len(relevant) * (len(relevant) - 1) // 2
        if pairs > MAX_PAIRS:
            raise SweepError(_("--order 2 would run {pairs} pairs (more than {most}): narrow it with --only KIND, "
                               "or sweep a smaller plan (drill generate national --prefectures 1)").format(
                pairs=f"{pairs:,}", most=f"{MAX_PAIRS:,}"))
        skipped = len(items) * (len(items) - 1) // 2 - pairs
        sets.extend(combinations(relevant, 2))
    return sets, skipped


def run_sets(context: SweepContext, sets: Sequence[FailureSet]) -> list[Outcome]:
    """One chunk of a sweep (runs in a worker)."""
    return [context.outcome(fail) for fail in sets]


@dataclass
class SweepRow:
    fail: FailureSet
    outcome: Outcome
    simulated: bool


@dataclass
class SweepResult:
    context: SweepContext
    order: int
    rows: list[SweepRow]
    skipped_pairs: int

    @property
    def baseline(self) -> Outcome:
        return self.context.baseline

    def worse(self, outcome: Outcome) -> list[int]:
        """Indexes of the tasks whose status is worse than in the baseline."""
        base = self.baseline.statuses
        return [i for i, (now, was) in enumerate(zip(outcome.statuses, base, strict=True)) if now > was]

    @property
    def ok(self) -> bool:
        """No failure set makes anything worse, and the baseline itself holds."""
        base = self.baseline
        if base.unmet or any(code for code in base.statuses):
            return False
        return not any(self.worse(row.outcome) or row.outcome.unmet for row in self.rows)


def chunked(items: Sequence[Any], workers: int, per_worker: int = 8, largest: int = 64) -> list[list[Any]]:
    """Cut work into chunks: several per worker (for balance), none too large (for progress)."""
    if not items:
        return []
    size = max(1, min(largest, -(-len(items) // (workers * per_worker))))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def sweep(scenario: Scenario | SweepContext, order: int = 1, only: str | None = None,
          executor: Executor | None = None, progress: Callable[[int], None] | None = None,
          on_total: Callable[[int], None] | None = None, checkpoint: Checkpoint | None = None) -> SweepResult:
    """Run the sweep; ``on_total`` is told how many sets will be simulated before they are.

    With a ``checkpoint``, the sets it already holds are not simulated again,
    and every chunk is added to it as soon as it is done.
    """
    context = scenario if isinstance(scenario, SweepContext) else SweepContext(scenario)
    context.prepare()
    sets, skipped = failure_sets(context, order, only)
    done = checkpoint.done if checkpoint is not None else {}
    todo = [s for s in sets if context.affects(s) and s not in done]
    executor = executor or LocalExecutor()
    if on_total:
        on_total(len(todo))
    chunks = chunked(todo, executor.workers)
    keep = (lambda index, outcomes: checkpoint.record(chunks[index], outcomes)) if checkpoint is not None else None
    answers = executor.map(run_sets, context, chunks, [len(c) for c in chunks], progress, keep)
    outcome_of: dict[FailureSet, Outcome] = dict(done)
    for chunk, outcomes in zip(chunks, answers, strict=True):
        outcome_of.update(zip(chunk, outcomes, strict=True))
    rows = [SweepRow(s, outcome_of.get(s, context.baseline), s in outcome_of) for s in sets]
    return SweepResult(context, order, rows, skipped)
