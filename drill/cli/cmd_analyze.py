"""``drill analyze``: static analysis of a contact plan, no scenario needed.

Minimal cut sets up to ``--order`` for every task and every party, lint
findings and the riskiest components, in text, JSON, Markdown, SARIF or
Open-PSA.  Exit 1 when a finding reaches ``--fail-on`` (with ``--baseline``:
when the change *adds* one), 2 when the input is invalid.
"""

from __future__ import annotations

import gc
import shutil
import sys
from typing import Any

import click

from drill.cli import EXIT_OK, EXIT_SHORT, cli, emit, format_option, guarded
from drill.cli.analyze_decide import Decisions, decision_options
from drill.cli.analyze_risk import analyze_with_options, risk_options, write_worst
from drill.i18n import _


@cli.command()
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--order", "-k", type=click.IntRange(1, 4), default=2, show_default=True,
              help="Largest cut set to look for (1 = single points of failure, up to 4).")
@format_option("analyze", "text", "text (tables), json (FORMAT.md section 4), markdown, sarif (code scanning) "
                                 "or open-psa (MEF fault trees for SCRAM).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True,
              help="Exit 1 when a finding is at least this severe (with --baseline: when the "
                   "change adds one).")
@click.option("--baseline", metavar="OLD_PLAN", type=click.Path(dir_okay=False),
              help="Compare with an older version of the plan: show the cut sets and findings "
                   "the change adds and removes.")
@click.option("--out", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: when stdout is a terminal).")
@click.option("--stale-after", default="365d", show_default=True, metavar="DURATION",
              help="stale-contact: a contact confirmed longer than this before --as-of (e.g. 365d).")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD",
              help="stale-contact: the day to measure from (default: today).")
@risk_options
@decision_options
@guarded
def analyze(plan: str, order: int, fmt: str, fail_on: str, baseline: str | None, out: str | None,
            color: bool | None, stale_after: str, as_of: str | None, **options: Any) -> None:
    """Find single points of failure, shared risks and risky habits in a contact plan.

    For every task and every party of every procedure, list the minimal sets of
    components and channels whose failure silences it, and lint the plan
    (self-dependent procedures, shared risks, deputies that share fate with
    their principal, off-hours gaps, impossible deadlines, missing channels,
    unreachable parties, unused definitions).  See docs/analysis.md.

    \b
    Examples:
      drill analyze contact_plans/yamaguchi.yaml
      drill analyze contact_plans/yamaguchi.yaml --order 3 --format json
      drill analyze PLAN --format sarif --out drill.sarif --fail-on warning
      drill analyze PLAN --baseline old-plan.yaml --format markdown
      drill analyze PLAN --suggest --fix-out fixed-plan.yaml
      drill analyze PLAN --details --procedure virus-suspected --party hagi
    """
    # The plan and the analysis are millions of small objects without reference
    # cycles (a national plan: 4 million cut sets); the cyclic collector would
    # rescan them again and again for nothing (about half the run time), so it
    # is paused while the command runs (and restored for callers in-process).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from drill.cli.staleness import staleness

        decide = Decisions(**{k: options.pop(k) for k in list(options) if k in Decisions.__dataclass_fields__})
        code = _analyze(plan, order, fmt, fail_on, baseline, out, color, options, staleness(stale_after, as_of),
                        decide)
    finally:
        if collecting:
            gc.enable()
    sys.exit(code)


def _analyze(plan: str, order: int, fmt: str, fail_on: str, baseline: str | None, out: str | None,
             color: bool | None, risk: dict[str, Any], stale: dict | None = None,
             decide: Decisions | None = None) -> int:
    from drill.analysis import diff_analyses, severity_at_least
    from drill.loading import load_document
    from drill.loading.adhoc import UsageError
    from drill.model.plan import Plan

    document = load_document(plan)
    if not isinstance(document, Plan):
        raise UsageError(_("{path} is a scenario; drill analyze takes a plan (this scenario's plan is {plan})")
                         .format(path=plan, plan=document.plan_path or document.plan.path))
    stale = stale or {}
    if risk.get("worst") is not None:
        return write_worst(document, plan, risk)
    decide = decide or Decisions()
    whole = analyze_with_options(document, order, risk, stale)
    analysis = decide.filtered(whole)
    # the suggestions reuse the static cut sets, unless --at analysed one moment of the week
    suggestions = decide.suggestions(document, plan, whole if risk.get("at") is None else None)
    diff = None
    inputs = [plan]
    if baseline:
        if fmt == "open-psa":
            raise UsageError(_("--baseline does not apply to --format open-psa (it exports one plan)"))
        old = load_document(baseline)
        if not isinstance(old, Plan):
            raise UsageError(_("--baseline {path} is a scenario; give the older plan file").format(path=baseline))
        diff = diff_analyses(analysis, decide.filtered(analyze_with_options(old, order, {"at": risk.get("at")},
                                                                            stale)))
        inputs.append(baseline)
    use_color = color if color is not None else (out is None and sys.stdout.isatty())
    width = shutil.get_terminal_size((120, 40)).columns if out is None and sys.stdout.isatty() else 120
    from drill.reports.registry import AnalyzeSubject, RenderOptions, get

    options = RenderOptions(color=bool(use_color), width=max(width, 100))
    subject = AnalyzeSubject(analysis, diff, suggestions=suggestions, details=decide.details)
    emit(get("analyze", fmt).render(subject, options), out, inputs)
    if diff is not None:
        short = diff.adds_at_least(fail_on)
    else:
        short = any(severity_at_least(f.severity, fail_on) for f in analysis.findings)
    return EXIT_SHORT if short else EXIT_OK
