"""``drill analyze --format markdown``: findings and risks for a pull-request comment.

GitHub-flavoured Markdown tables; ids in code spans.  Like the text format it
lists single points of failure and counts larger cut sets; JSON has them all.
"""

from __future__ import annotations

from typing import Any

from drill.analysis.diff import CutKey, PlanDiff
from drill.analysis.results import Analysis, Finding
from drill.reports.analyze_text import RANKING_ROWS, summary_counts
from drill.reports.markdown import md_cell

ICON = {"error": "**error**", "warning": "warning", "note": "note"}


def _cell(text: str) -> str:
    return md_cell(text, empty="")


def _findings(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    lines = ["| severity | rule | where | message |", "| --- | --- | --- | --- |"]
    for f in findings:
        lines.append(f"| {ICON[f.severity]} | `{f.rule}` | `{_cell(f.where)}` | {_cell(f.message)} |")
    return lines


def _cut_key(key: CutKey) -> str:
    kind, ident, cut = key
    ids = ", ".join(f"`{e}`" for e in cut)
    if kind == "task":
        procedure, step, sender, recipient = ident
        return f"task `{procedure}/{step}` `{sender}` → `{recipient}`: {{{ids}}}"
    procedure, origin, party = ident
    return f"party `{party}` in `{procedure}` from `{origin}`: {{{ids}}}"


def render_analysis_markdown(analysis: Analysis, diff: PlanDiff | None = None, **_: Any) -> str:
    plan = analysis.plan
    out = [f"# drill analyze: {_cell(plan.title)}", "",
           f"Plan `{plan.id}` · {len(analysis.tasks)} tasks · {len(analysis.parties)} party entries · "
           f"minimal cut sets up to order {analysis.order} · {summary_counts(analysis)}", ""]
    out += ["## Findings", ""]
    out += _findings(analysis.findings) if analysis.findings else ["None."]
    out += ["", "## Riskiest components and channels", ""]
    if analysis.ranking:
        out += ["| event | kind | tasks alone | parties alone | tasks in pairs | parties in pairs |",
                "| --- | --- | ---: | ---: | ---: | ---: |"]
        for r in analysis.ranking[:RANKING_ROWS]:
            out.append(f"| `{r.event}` | {r.kind} | {r.tasks_alone} | {r.parties_alone} | "
                       f"{r.tasks_in_pairs} | {r.parties_in_pairs} |")
    else:
        out.append("Nothing can be silenced by one or two failures.")
    if analysis.pairs:
        out += ["", "## Riskiest pairs", "", "| pair | tasks | parties |", "| --- | ---: | ---: |"]
        out += [f"| `{p.events[0]}` + `{p.events[1]}` | {p.tasks} | {p.parties} |"
                for p in analysis.pairs[:RANKING_ROWS]]
    out += ["", "## Tasks", ""]
    header = "| procedure/step | from → to | order 1 |" + "".join(
        f" order {k} |" for k in range(2, analysis.order + 1))
    out += [header, "| --- | --- | --- |" + " ---: |" * (analysis.order - 1)]
    for t in analysis.tasks:
        singles = ", ".join(f"`{c[0]}`" for c in t.cut_sets if len(c) == 1) or "—"
        if not t.candidates:
            singles = "no candidate"
        counts = "".join(f" {sum(1 for c in t.cut_sets if len(c) == k) or '—'} |"
                         for k in range(2, analysis.order + 1))
        out.append(f"| `{t.procedure}/{t.step}` | `{t.sender}` → `{t.recipient}` | {singles} |{counts}")
    if diff is not None:
        out += ["", f"## Compared with baseline `{_cell(diff.old.plan.path or diff.old.plan.id)}`", ""]
        for title, findings, keys in (("Added", diff.added_findings, diff.added_cut_sets),
                                      ("Removed", diff.removed_findings, diff.removed_cut_sets)):
            out += [f"### {title}: {len(findings)} findings, {len(keys)} cut sets", ""]
            if findings:
                out += _findings(findings) + [""]
            out += [f"- {_cut_key(k)}" for k in keys]
            if keys:
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
