"""``drill analyze --format markdown``: findings and risks for a pull-request comment.

GitHub-flavoured Markdown tables; ids in code spans.  Like the text format it
lists single points of failure and counts larger cut sets; JSON has them all.
"""

from __future__ import annotations

from typing import Any

from drill.analysis.diff import PlanDiff
from drill.analysis.results import Analysis, Finding
from drill.analysis.wording import kind_word
from drill.i18n import _
from drill.i18n.words import severity_word
from drill.reports.analyze_risk import risk_text_lines
from drill.reports.analyze_text import RANKING_ROWS, change_title, cut_key_text, summary_counts
from drill.reports.markdown import md_cell


def _cell(text: str) -> str:
    return md_cell(text, empty="")


def _findings(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    lines = [_row(_("severity"), _("rule"), _("where"), _("message")), "| --- | --- | --- | --- |"]
    for f in findings:
        word = severity_word(f.severity)
        lines.append(f"| {f'**{word}**' if f.severity == 'error' else word} | `{f.rule}` | `{_cell(f.where)}` | "
                     f"{_cell(f.message)} |")
    return lines


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def render_analysis_markdown(analysis: Analysis, diff: PlanDiff | None = None, **_unused: Any) -> str:
    plan = analysis.plan
    out = [_("# drill analyze: {title}").format(title=_cell(plan.title)), "",
           _("Plan {plan} · {tasks} tasks · {parties} party entries · minimal cut sets up to order {order} · "
             "{counts}").format(plan=f"`{plan.id}`", tasks=len(analysis.tasks), parties=len(analysis.parties),
                                order=analysis.order, counts=summary_counts(analysis)), ""]
    out += ["## " + _("Findings"), ""]
    out += _findings(analysis.findings) if analysis.findings else [_("None.")]
    out += ["", "## " + _("Riskiest components and channels"), ""]
    if analysis.ranking:
        out += [_row(_("event"), _("kind"), _("tasks alone"), _("parties alone"), _("tasks in pairs"),
                     _("parties in pairs")),
                "| --- | --- | ---: | ---: | ---: | ---: |"]
        for r in analysis.ranking[:RANKING_ROWS]:
            out.append(f"| `{r.event}` | {kind_word(r.kind)} | {r.tasks_alone} | {r.parties_alone} | "
                       f"{r.tasks_in_pairs} | {r.parties_in_pairs} |")
    else:
        out.append(_("Nothing can be silenced by one or two failures."))
    if analysis.pairs:
        out += ["", "## " + _("Riskiest pairs"), "", _row(_("pair"), _("tasks"), _("parties")),
                "| --- | ---: | ---: |"]
        out += [f"| `{p.events[0]}` + `{p.events[1]}` | {p.tasks} | {p.parties} |"
                for p in analysis.pairs[:RANKING_ROWS]]
    out += ["", "## " + _("Tasks"), ""]
    header = _row(_("procedure/step"), _("from → to"),
                  *(_("order {k}").format(k=k) for k in range(1, analysis.order + 1)))
    out += [header, "| --- | --- | --- |" + " ---: |" * (analysis.order - 1)]
    for t in analysis.tasks:
        singles = ", ".join(f"`{c[0]}`" for c in t.cut_sets if len(c) == 1) or "—"
        if not t.candidates:
            singles = _("no candidate")
        counts = "".join(f" {sum(1 for c in t.cut_sets if len(c) == k) or '—'} |"
                         for k in range(2, analysis.order + 1))
        out.append(f"| `{t.procedure}/{t.step}` | `{t.sender}` → `{t.recipient}` | {singles} |{counts}")
    if diff is not None:
        out += ["", "## " + _("Compared with baseline {plan}").format(
            plan=f"`{_cell(diff.old.plan.path or diff.old.plan.id)}`"), ""]
        for added, findings, keys in ((True, diff.added_findings, diff.added_cut_sets),
                                      (False, diff.removed_findings, diff.removed_cut_sets)):
            out += ["### " + change_title(added, len(findings), len(keys)), ""]
            if findings:
                out += _findings(findings) + [""]
            out += [f"- {cut_key_text(k, '`')}" for k in keys]
            if keys:
                out.append("")
    out += ["", *risk_text_lines(analysis, markdown=True)]
    return "\n".join(out).rstrip("\n") + "\n"
