"""One registry of output formats: a row per (command, format).

Every command's ``--format`` choices come from :func:`names`, and every output
is produced by the row's ``render(subject, options)`` and written by
``drill.cli.emit`` (through :func:`drill.loading.writing.write_atomic` when
``--out`` is given).  A row says what the format can do: take several runs at
once, be streamed in chunks, be binary, show contact addresses.

The subject of each command:

=========== ==================================================================
run         a :class:`~drill.engine.outcome.RunResult` (``several``: a list)
replay      a RunResult (the journal's run)
report      a :class:`~drill.reports.record.LoadedRun`
analyze     an :class:`AnalyzeSubject` (the analysis and the baseline diff)
sweep       a :class:`~drill.scale.sweep.SweepResult`
montecarlo  a :class:`~drill.scale.montecarlo.MonteCarloResult`
coverage    a list of :class:`~drill.reports.coverage.PlanCoverage`
train       a :class:`~drill.training.Walkthrough`
graph       a :class:`~drill.reports.graph.Graph`
msel        a RunResult
=========== ==================================================================

Adding a format is adding a row (see docs/architecture.md): write
``render(subject, options) -> str | bytes | Iterator[str]`` and call
:func:`register`.  Renderers are imported when called, so listing the
formats stays cheap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Output = str | bytes | Iterator[str]


@dataclass(frozen=True)
class RenderOptions:
    """Everything a front end may pass to a renderer; each renderer reads what it needs."""

    color: bool = False
    width: int = 120
    show_contacts: bool = False
    layout: str = "auto"
    """Graph layout of SVG and HTML: ``auto``, ``dot`` or ``builtin``."""
    bom: bool = False
    """CSV for Excel: a byte-order mark and CRLF."""
    trainee: str | None = None
    """``drill train --trainee``: the name a result carries for ``drill scores``."""


@dataclass(frozen=True)
class Format:
    """One output format of one command."""

    command: str
    name: str
    render: Callable[[Any, RenderOptions], Output]
    help: str = ""
    several: bool = False
    """Renders several runs at once (the subject is a list)."""
    streamed: bool = False
    """Returns an iterator of text chunks (too large to hold as one string)."""
    binary: bool = False
    """Returns bytes: needs ``--out`` or a redirected stdout."""
    contacts: bool = False
    """Shows contact addresses with ``--show-contacts``."""


_ROWS: dict[tuple[str, str], Format] = {}


def register(*rows: Format) -> None:
    """Add formats (a later row for the same command and name replaces the earlier one)."""
    for row in rows:
        _ROWS[(row.command, row.name)] = row


def names(command: str) -> list[str]:
    """The ``--format`` choices of a command, in registration order."""
    return [name for (cmd, name) in _ROWS if cmd == command]


def get(command: str, name: str) -> Format:
    return _ROWS[(command, name)]


def rows() -> list[Format]:
    return list(_ROWS.values())


def commands() -> list[str]:
    return list(dict.fromkeys(cmd for cmd, _ in _ROWS))


def render(command: str, name: str, subject: Any, options: RenderOptions | None = None) -> Output:
    return get(command, name).render(subject, options or RenderOptions())


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- drill run / replay / report ----------------------------------------------------
def _run_text(result: Any, o: RenderOptions) -> str:
    from drill.reports.run_text import render_run_text

    return render_run_text(result, color=o.color, width=o.width)


def _run_json(result: Any, o: RenderOptions) -> str:
    from drill.reports.run_json import render_run_json

    return render_run_json(result)


def _run_markdown(result: Any, o: RenderOptions) -> str:
    from drill.reports.aar_markdown import render_record_markdown
    from drill.reports.run_json import run_to_dict

    return render_record_markdown(run_to_dict(result), result.scenario.plan, show_contacts=o.show_contacts)


def _run_html(result: Any, o: RenderOptions) -> str:
    from drill.reports.aar_html import render_record_html
    from drill.reports.run_json import run_to_dict

    return render_record_html(run_to_dict(result), result.scenario.plan, show_contacts=o.show_contacts)


def _run_junit(results: Any, o: RenderOptions) -> str:
    from drill.reports.junit import render_junit

    return render_junit(results if isinstance(results, list) else [results], show_contacts=o.show_contacts)


def _report_markdown(loaded: Any, o: RenderOptions) -> str:
    from drill.reports.aar_markdown import render_record_markdown

    return render_record_markdown(loaded.record.to_dict(), loaded.plan, show_contacts=o.show_contacts)


def _report_html(loaded: Any, o: RenderOptions) -> str:
    from drill.reports.aar_html import render_record_html

    return render_record_html(loaded.record.to_dict(), loaded.plan, show_contacts=o.show_contacts, layout=o.layout)


for _command in ("run", "replay"):
    register(
        Format(_command, "text", _run_text, "a table of tasks, objectives and reasons"),
        Format(_command, "json", _run_json, "FORMAT.md section 4"),
        Format(_command, "markdown", _run_markdown, "the after-action report", contacts=True),
        Format(_command, "html", _run_html, "the after-action report, one HTML file", contacts=True),
        Format(_command, "junit", _run_junit, "one test suite per scenario", several=True, contacts=True),
    )
register(
    Format("report", "markdown", _report_markdown, "Mermaid pictures, renders on GitHub/GitLab", contacts=True),
    Format("report", "html", _report_html, "one self-contained HTML file", contacts=True),
)


# -- drill analyze ----------------------------------------------------------------------
@dataclass(frozen=True)
class AnalyzeSubject:
    analysis: Any
    diff: Any = None
    suggestions: Any = None
    """``--suggest``: a :class:`~drill.analysis.suggest.Suggestions`, or None."""
    details: bool = False
    """``--details``: the full text report instead of the summary."""

    def extra(self) -> dict[str, Any] | None:
        """The JSON keys ``--suggest`` adds (``suggestions``, ``unfixable``)."""
        if self.suggestions is None:
            return None
        from drill.reports.analyze_summary import suggestions_json

        return suggestions_json(self.suggestions)


def _analyze(name: str) -> Callable[[Any, RenderOptions], Output]:
    def render(subject: Any, o: RenderOptions) -> Output:
        from drill.reports.analyze_formats import ANALYZE_FORMATS

        return ANALYZE_FORMATS[name](subject.analysis, subject.diff, color=o.color, width=o.width,
                                     extra=subject.extra())
    return render


def _analyze_text(subject: Any, o: RenderOptions) -> Output:
    """The one-screen summary (FORMAT.md 7.4), or with ``--details``/``--baseline`` the full report."""
    from drill.reports import analyze_summary

    found = subject.suggestions
    if not subject.details and subject.diff is None:
        return analyze_summary.render_summary_text(subject.analysis, found, color=o.color, width=o.width)
    text = str(_analyze("text")(subject, o))
    if found is not None:
        text += "\n".join(analyze_summary.suggestion_lines(found, len(found.changes))) + "\n"
    return text


def _analyze_markdown(subject: Any, o: RenderOptions) -> Output:
    from drill.reports.analyze_summary import render_suggestions_markdown

    text = str(_analyze("markdown")(subject, o))
    return text + render_suggestions_markdown(subject.suggestions) if subject.suggestions is not None else text


def _analyze_json(subject: Any, o: RenderOptions) -> Output:
    from drill.reports.analyze_formats import ANALYZE_STREAMS

    return ANALYZE_STREAMS["json"](subject.analysis, subject.diff, extra=subject.extra())


register(
    Format("analyze", "text", _analyze_text, "a one-screen summary (--details: everything)"),
    Format("analyze", "json", _analyze_json, "every task's cut sets", streamed=True),
    Format("analyze", "markdown", _analyze_markdown, "for a review"),
    Format("analyze", "sarif", _analyze("sarif"), "for code scanning"),
    Format("analyze", "open-psa", _analyze("open-psa"), "fault trees for SCRAM"),
)


# -- drill sweep (and its Monte Carlo mode) ---------------------------------------------
def _sweep_text(result: Any, o: RenderOptions) -> str:
    from drill.reports.sweep import render_sweep_text

    return render_sweep_text(result)


def _sweep_json(result: Any, o: RenderOptions) -> str:
    from drill.reports.sweep import sweep_to_dict

    return _json(sweep_to_dict(result))


def _mc_text(result: Any, o: RenderOptions) -> str:
    from drill.reports.montecarlo import render_monte_carlo_text

    return render_monte_carlo_text(result)


def _mc_json(result: Any, o: RenderOptions) -> str:
    from drill.reports.montecarlo import monte_carlo_to_dict

    return _json(monte_carlo_to_dict(result))


register(
    Format("sweep", "text", _sweep_text, "the failures that hurt most"),
    Format("sweep", "json", _sweep_json, "every failure and what it changed"),
    Format("montecarlo", "text", _mc_text, "status frequencies per task"),
    Format("montecarlo", "json", _mc_json, "status counts and intervals per task"),
)


# -- drill coverage, train, graph, msel -------------------------------------------------
def _coverage(name: str) -> Callable[[Any, RenderOptions], Output]:
    def render(items: Any, o: RenderOptions) -> Output:
        from drill.reports.coverage import COVERAGE_FORMATS

        return COVERAGE_FORMATS[name](items)
    return render


def _train_text(walk: Any, o: RenderOptions) -> str:
    from drill.reports.train_text import render_walkthrough_text

    return render_walkthrough_text(walk, color=o.color, width=o.width)


def _train_json(walk: Any, o: RenderOptions) -> str:
    from drill.training.output import render_walkthrough_json

    return render_walkthrough_json(walk, o.trainee)


def _graph_dot(graph: Any, o: RenderOptions) -> str:
    from drill.reports.graph import to_dot

    return to_dot(graph)


def _graph_mermaid(graph: Any, o: RenderOptions) -> str:
    from drill.reports.graph import to_mermaid

    return to_mermaid(graph)


def _graph_svg(graph: Any, o: RenderOptions) -> str:
    from drill.reports.graph import to_svg

    return to_svg(graph, layout=o.layout)


def _graph_png(graph: Any, o: RenderOptions) -> bytes:
    from drill.reports.graph import run_dot, to_dot

    return run_dot(to_dot(graph), "png")


def _msel_csv(result: Any, o: RenderOptions) -> str:
    from drill.reports.msel import render_msel_csv

    return render_msel_csv(result, show_contacts=o.show_contacts, bom=o.bom)


def _msel_markdown(result: Any, o: RenderOptions) -> str:
    from drill.reports.msel import render_msel_markdown

    return render_msel_markdown(result, show_contacts=o.show_contacts)


register(
    Format("coverage", "text", _coverage("text"), "per plan: what was tried, what failed, what never"),
    Format("coverage", "json", _coverage("json"), "the same, for tools"),
    Format("coverage", "markdown", _coverage("markdown"), "the same, as tables"),
    Format("train", "text", _train_text, "the debrief"),
    Format("train", "json", _train_json, "answers, timelines and the score"),
    Format("graph", "dot", _graph_dot, "Graphviz DOT", contacts=True),
    Format("graph", "mermaid", _graph_mermaid, "Mermaid", contacts=True),
    Format("graph", "svg", _graph_svg, "SVG (built-in layout without Graphviz)", contacts=True),
    Format("graph", "png", _graph_png, "PNG (needs Graphviz)", binary=True, contacts=True),
    Format("msel", "csv", _msel_csv, "for spreadsheets", contacts=True),
    Format("msel", "markdown", _msel_markdown, "a Markdown table", contacts=True),
)
