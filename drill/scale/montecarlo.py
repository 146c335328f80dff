"""``drill sweep --random N``: how likely each drill objective is to hold.

Every component and channel fails at t = 0, independently, with its own
``p_fail`` (``--p P`` gives the probability of those that have none); the
scenario runs with whatever failed, N times.  The answer is, for each
objective, the probability that it holds, and for each task the distribution
of its status, each with a 95% Wilson score interval.

Reproducible: the runs are cut into chunks of a fixed size (whatever the
number of workers), and chunk *i* draws from the *i*-th child of
``numpy.random.SeedSequence(seed)``.  So the result depends only on the
seed, N and the inputs — never on ``--workers`` or on a Dask cluster.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from drill.i18n import _
from drill.model.errors import DrillError
from drill.model.scenario import Scenario
from drill.scale.context import STATUSES, SweepContext
from drill.scale.executors import Executor, LocalExecutor

#: Runs per chunk: fixed, so that the seed alone fixes every run.
RUNS_PER_CHUNK = 50
Z95 = 1.959963984540054


class MonteCarloError(DrillError):
    """A Monte Carlo study was asked for something it cannot do."""


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion."""
    if trials == 0:
        return (0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return (low, high)


def probabilities(context: SweepContext, default: float | None) -> np.ndarray:
    """Each failable item's probability of failing: its own ``p_fail``, else ``default``, else 0."""
    plan = context.scenario.plan
    out = np.zeros(len(context.items))
    for index, ident in enumerate(context.items):
        item = plan.components.get(ident) or plan.channels[ident]
        own = item.p_fail
        out[index] = own if own is not None else (default or 0.0)
    return out


@dataclass(frozen=True)
class Batch:
    """One chunk of runs: how many, and the seed they draw from."""

    index: int
    runs: int
    seed: np.random.SeedSequence
    default_p: float | None


@dataclass
class Tally:
    """Counts over some runs; tallies of chunks add up."""

    runs: int
    statuses: np.ndarray
    """(task, status) -> runs in which the task ended with that status."""
    holds: np.ndarray
    """expectation -> runs in which it held."""
    all_met: int
    simulated: int

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.runs + other.runs, self.statuses + other.statuses, self.holds + other.holds,
                     self.all_met + other.all_met, self.simulated + other.simulated)


def run_batch(context: SweepContext, batch: Batch) -> Tally:
    """One chunk of a Monte Carlo study (runs in a worker)."""
    p = probabilities(context, batch.default_p)
    rng = np.random.default_rng(batch.seed)
    items = context.items
    tasks = len(context.tasks)
    expectations = len(context.scenario.expect)
    statuses = np.zeros((tasks, len(STATUSES)), dtype=np.int64)
    holds = np.zeros(expectations, dtype=np.int64)
    all_met = simulated = 0
    rows = np.arange(tasks)
    for _run in range(batch.runs):
        failed = np.flatnonzero(rng.random(len(items)) < p)
        fail = tuple(items[i] for i in failed)
        if context.affects(fail):
            simulated += 1
        outcome = context.outcome(fail)
        statuses[rows, np.frombuffer(outcome.statuses, dtype=np.uint8)] += 1
        met = np.ones(expectations, dtype=bool)
        met[list(outcome.unmet)] = False
        holds += met
        all_met += not outcome.unmet
    return Tally(batch.runs, statuses, holds, all_met, simulated)


@dataclass
class MonteCarloResult:
    context: SweepContext
    runs: int
    seed: int
    default_p: float | None
    tally: Tally


def monte_carlo(scenario: Scenario | SweepContext, runs: int, seed: int, default_p: float | None = None,
                executor: Executor | None = None, progress: Callable[[int], None] | None = None
                ) -> MonteCarloResult:
    if runs < 1:
        raise MonteCarloError(_("--random N: N must be at least 1"))
    if default_p is not None and not 0.0 <= default_p <= 1.0:
        raise MonteCarloError(_("--p {p}: a probability is between 0 and 1").format(p=default_p))
    context = scenario if isinstance(scenario, SweepContext) else SweepContext(scenario)
    context.prepare()
    if not probabilities(context, default_p).any():
        raise MonteCarloError(_("no component or channel of the plan has a p_fail: give one with --p P"))
    count = -(-runs // RUNS_PER_CHUNK)
    seeds = np.random.SeedSequence(seed).spawn(count)
    batches = [Batch(i, min(RUNS_PER_CHUNK, runs - i * RUNS_PER_CHUNK), seeds[i], default_p)
               for i in range(count)]
    executor = executor or LocalExecutor()
    tallies = executor.map(run_batch, context, batches, [b.runs for b in batches], progress)
    total = tallies[0]
    for tally in tallies[1:]:
        total = total + tally
    return MonteCarloResult(context, runs, seed, default_p, total)
