"""``drill generate national`` and ``drill sweep``: national scale from the command line.

Thin: parse, call :mod:`drill.scale`, render, exit.  Results go to stdout
(or ``--out``), the progress bar and notes to stderr.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from drill.cli import EXIT_OK, EXIT_SHORT, cli, emit, format_option, guarded
from drill.i18n import _, ngettext

if TYPE_CHECKING:
    from drill.model.scenario import Scenario
    from drill.scale.checkpoint import Checkpoint


@cli.group()
def generate() -> None:
    """Write synthetic plans and scenarios (for planning at scale and for benchmarks)."""


@generate.command()
@click.option("--out", "out_dir", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Folder to write plan.yaml and scenarios/*.yaml into (created if missing).")
@click.option("--prefectures", default=47, show_default=True, type=click.IntRange(1, 470),
              help="How many prefectures.")
@click.option("--municipalities", default=1741, show_default=True, type=click.IntRange(1, 20000),
              help="How many municipalities in all (shared out in proportion to Japan's).")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed for the small details (batteries, mobile carriers); same seed, same files.")
@guarded
def national(out_dir: str, prefectures: int, municipalities: int, seed: int) -> None:
    """A synthetic national Juki-net contact plan and scenarios for it.

    J-LIS, every prefecture and municipality with their offices and duty
    officers, cables shared by Juki-net and LGWAN, power with PBX batteries,
    regional carriers.  `--prefectures 1 --municipalities 19` gives a
    prefecture-sized plan.

    \b
    Example:
      drill generate national --out national/
      drill sweep national/scenarios/national-alert-weekday.yaml --order 1
    """
    from drill.scale.generator import generate_national

    for path in generate_national(out_dir, prefectures, municipalities, seed):
        click.echo(str(path))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--incident", metavar="TYPE@ORIGIN", help="With a plan: the incident type and the party where it starts.")
@click.option("--start", metavar="ISO", help="With a plan: local start time, YYYY-MM-DDTHH:MM.")
@click.option("--order", default=1, show_default=True, type=click.IntRange(1, 2),
              help="Fail every single component and channel (1), and also every pair that can matter (2).")
@click.option("--only", metavar="KIND", help="Only components of this kind (cable, power...), or 'channel'.")
@click.option("--random", "runs", type=click.IntRange(1), metavar="N",
              help="Monte Carlo instead: N runs, each item failing with its p_fail.")
@click.option("--seed", default=0, show_default=True, type=int, help="Monte Carlo seed (the result depends only on it).")
@click.option("--p", "default_p", type=click.FloatRange(0.0, 1.0), metavar="P",
              help="Monte Carlo: failure probability of items that have no p_fail of their own.")
@click.option("--workers", type=click.IntRange(1), metavar="N", help="Local worker processes (default: every core).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run the chunks on this Dask cluster instead.")
@format_option("sweep", "text", "Output format (the same for --random, Monte Carlo).")
@click.option("--out", metavar="FILE", help="Write the result to FILE instead of stdout.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr for sweeps over a second (default: when stderr is a terminal).")
@click.option("--checkpoint", metavar="FILE", type=click.Path(dir_okay=False),
              help="Keep each finished failure set in FILE; run the same command again to resume an "
                   "interrupted sweep (--order sweeps only).")
@guarded
def sweep(file: str, incident: str | None, start: str | None, order: int, only: str | None, runs: int | None,
          seed: int, default_p: float | None, workers: int | None, scheduler: str | None, fmt: str,
          out: str | None, progress: bool | None, checkpoint: str | None) -> None:
    """Run a scenario once per failure set (or N random ones) and report what breaks.

    Each set is failed at t = 0 on top of the scenario's own injects, exactly
    as `drill run SCENARIO --fail ID...` would, and gets the same summary.
    Order 2 adds every pair whose members some task could both use. With
    --random N, every component and channel fails with its own p_fail (or
    --p) and the result is the probability that each objective holds and
    each task's status, with 95% confidence intervals.

    Exit 0 when no failure set makes a task worse or an objective fail (for
    --random: when the study ran), 1 when some does, 2 on invalid input.

    \b
    Examples:
      drill sweep scenarios/shared-cable-cut.yaml --order 2
      drill sweep scenarios/shared-cable-cut.yaml --random 1000 --seed 7 --p 0.01 --format json
      drill sweep national/scenarios/national-alert-weekday.yaml --order 2 --checkpoint sweep.ckpt
    """
    from drill.loading import load_document
    from drill.loading.adhoc import UsageError, adhoc_scenario
    from drill.model.plan import Plan
    from drill.reports.registry import render
    from drill.scale.context import SweepContext
    from drill.scale.executors import make_executor
    from drill.scale.progress import LazyProgress

    if workers and scheduler:
        raise UsageError(_("--workers is for this machine; a --scheduler cluster has its own workers"))
    if runs is None and default_p is not None:
        raise UsageError(_("--p goes with --random N"))
    if runs is not None and only is not None:
        raise UsageError(_("--only goes with --order sweeps; --random fails every item with its own probability"))
    if runs is not None and checkpoint is not None:
        raise UsageError(_("--checkpoint goes with --order sweeps; a --random study is not resumed"))
    doc = load_document(file)
    if isinstance(doc, Plan):
        if not incident:
            raise UsageError(_("{path} is a plan: add --incident TYPE@ORIGIN (types: {types})").format(
                path=file, types=", ".join(doc.procedures)))
        scenario = adhoc_scenario(doc, incident, start)
    else:
        if incident or start:
            raise UsageError(_("--incident and --start go with a plan; a scenario sets its own"))
        scenario = doc
    context = SweepContext(scenario)
    show = progress if progress is not None else sys.stderr.isatty()
    executor = make_executor(workers, scheduler)
    try:
        if runs is not None:
            from drill.scale.montecarlo import monte_carlo

            with LazyProgress(_("Monte Carlo"), show) as bar:
                bar.set_total(runs)
                mc = monte_carlo(context, runs, seed, default_p, executor=executor, progress=bar)
            text = render("montecarlo", fmt, mc)
            code = EXIT_OK
        else:
            from drill.scale.sweep import sweep as run_sweep

            saved = _checkpoint(checkpoint, file, scenario, incident, start, order, only)
            try:
                with LazyProgress(_("sweep order {order}").format(order=order), show) as bar:
                    result = run_sweep(context, order, only, executor=executor, progress=bar,
                                       on_total=bar.set_total, checkpoint=saved)
            finally:
                if saved is not None:
                    saved.close()
            text = render("sweep", fmt, result)
            code = EXIT_OK if result.ok else EXIT_SHORT
    finally:
        close = getattr(executor, "close", None)
        if close:
            close()
    emit(text, out, [file, scenario.plan_path])
    sys.exit(code)


def _checkpoint(path: str | None, file: str, scenario: Scenario, *options: object) -> Checkpoint | None:
    """The sweep's checkpoint file (None without ``--checkpoint``), told on stderr what it resumes."""
    if path is None:
        return None
    from drill.scale.checkpoint import open_checkpoint, sweep_key

    saved = open_checkpoint(path, sweep_key([file, scenario.plan_path], *options))
    if saved.done:
        click.echo(ngettext("resuming from {path}: {count} failure set already done",
                            "resuming from {path}: {count} failure sets already done",
                            len(saved.done)).format(path=path, count=len(saved.done)), err=True)
    return saved
