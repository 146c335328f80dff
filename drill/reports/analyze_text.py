"""``drill analyze --format text``: Rich tables a planner reads in a terminal.

Findings first (the council's two warnings lead), then the riskiest
components, then every task and party with its single points of failure and
how many higher-order cut sets it has.  The JSON format has every cut set.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from drill.analysis.diff import CutKey, PlanDiff
from drill.analysis.results import Analysis, Finding
from drill.analysis.wording import kind_word
from drill.i18n import _, ngettext
from drill.i18n.words import severity_word
from drill.reports.analyze_risk import risk_text_lines

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}
RANKING_ROWS = 10


def _severity_count(severity: str, n: int) -> str:
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)


def _console(buffer: io.StringIO, color: bool, width: int) -> Console:
    return Console(file=buffer, width=width, force_terminal=color,
                   color_system="standard" if color else None, no_color=not color,
                   highlight=False, emoji=False, markup=False)


def summary_counts(analysis: Analysis) -> str:
    errors, warnings, notes = (_severity_count(s, analysis.count(s)) for s in ("error", "warning", "note"))
    return _("{errors}, {warnings}, {notes}").format(errors=errors, warnings=warnings, notes=notes)


def _findings_table(findings: tuple[Finding, ...] | list[Finding]) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, expand=True)
    table.add_column(_("severity"), no_wrap=True)
    table.add_column(_("rule"), no_wrap=True)
    table.add_column(_("where"), no_wrap=True)
    table.add_column(_("message"), ratio=1, overflow="fold")  # Japanese has no spaces to wrap at
    for finding in findings:
        table.add_row(Text(severity_word(finding.severity), style=SEVERITY_STYLE[finding.severity]), finding.rule,
                      finding.where, finding.message)
    return table


def _orders(cut_sets: tuple[tuple[str, ...], ...], order: int) -> list[str]:
    cells = []
    singles = [c[0] for c in cut_sets if len(c) == 1]
    cells.append(", ".join(singles) if singles else "—")
    for k in range(2, order + 1):
        count = sum(1 for c in cut_sets if len(c) == k)
        cells.append(str(count) if count else "—")
    return cells


def cut_key_text(key: CutKey, code: str = "") -> str:
    """A cut set of a task or party entry; ids in ``code`` quotes (Markdown: a backquote)."""
    kind, ident, cut = key
    ids = ", ".join(f"{code}{e}{code}" for e in cut)
    if kind == "task":
        procedure, step, sender, recipient = ident
        return _("task {task} {sender} → {recipient}: {{{ids}}}").format(
            task=f"{code}{procedure}/{step}{code}", sender=f"{code}{sender}{code}",
            recipient=f"{code}{recipient}{code}", ids=ids)
    procedure, origin, party = ident
    return _("party {party} in {procedure} from {origin}: {{{ids}}}").format(
        party=f"{code}{party}{code}", procedure=f"{code}{procedure}{code}", origin=f"{code}{origin}{code}",
        ids=ids)


def change_title(added: bool, findings: int, cut_sets: int) -> str:
    """``Added: 2 findings, 3 cut sets`` (or Removed) of a baseline comparison."""
    counts = dict(findings=ngettext("{n} finding", "{n} findings", findings).format(n=findings),
                  cut_sets=ngettext("{n} cut set", "{n} cut sets", cut_sets).format(n=cut_sets))
    if added:
        return _("Added: {findings}, {cut_sets}").format(**counts)
    return _("Removed: {findings}, {cut_sets}").format(**counts)


def render_analysis_text(analysis: Analysis, diff: PlanDiff | None = None, *, color: bool = False,
                         width: int = 120, **_unused: Any) -> str:
    plan = analysis.plan
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    console.print(Text(plan.title, style="bold"))
    console.print(_("plan {plan} · {tasks} tasks · {parties} party entries · minimal cut sets up to order "
                    "{order}").format(plan=plan.id, tasks=len(analysis.tasks), parties=len(analysis.parties),
                                      order=analysis.order))
    console.print()
    console.print(Text(_("Findings ({counts})").format(counts=summary_counts(analysis)), style="bold"))
    if analysis.findings:
        console.print(_findings_table(analysis.findings))
    else:
        console.print("  " + _("none"))
    console.print()
    console.print(Text(_("Riskiest components and channels (how many they silence)"), style="bold"))
    ranking = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    for name, justify in ((_("event"), "left"), (_("kind"), "left"), (_("tasks alone"), "right"),
                          (_("parties alone"), "right"), (_("tasks in pairs"), "right"),
                          (_("parties in pairs"), "right")):
        ranking.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in analysis.ranking[:RANKING_ROWS]:
        ranking.add_row(row.event, kind_word(row.kind), str(row.tasks_alone), str(row.parties_alone),
                        str(row.tasks_in_pairs), str(row.parties_in_pairs))
    console.print(ranking if analysis.ranking else "  " + _("nothing can be silenced by one or two failures"))
    if analysis.pairs:
        console.print()
        console.print(Text(_("Riskiest pairs (order-2 cut sets by how much they silence)"), style="bold"))
        pairs = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
        for name, justify in ((_("pair"), "left"), (_("tasks"), "right"), (_("parties"), "right")):
            pairs.add_column(name, justify=justify)  # type: ignore[arg-type]
        for pair in analysis.pairs[:RANKING_ROWS]:
            pairs.add_row(" + ".join(pair.events), str(pair.tasks), str(pair.parties))
        console.print(pairs)
    console.print()
    console.print(Text(_("Tasks: single points of failure and number of larger cut sets"), style="bold"))
    tasks = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    tasks.add_column(_("procedure/step"))
    tasks.add_column(_("from → to"))
    tasks.add_column(_("order {k}").format(k=1), ratio=1)
    for k in range(2, analysis.order + 1):
        tasks.add_column(_("order {k}").format(k=k), justify="right")
    for task in analysis.tasks:
        cells = (_orders(task.cut_sets, analysis.order) if task.candidates
                 else [_("no candidate")] + ["—"] * (analysis.order - 1))
        tasks.add_row(f"{task.procedure}/{task.step}", f"{task.sender} → {task.recipient}", *cells)
    console.print(tasks)
    console.print()
    console.print(Text(_("Parties end to end: single points of failure over all origins"), style="bold"))
    parties = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    parties.add_column(_("procedure"))
    parties.add_column(_("party"))
    parties.add_column(_("origins"), justify="right")
    parties.add_column(_("order 1 (origins affected)"), ratio=1)
    grouped: dict[tuple[str, str], list] = {}
    for entry in analysis.parties:
        grouped.setdefault((entry.procedure, entry.party), []).append(entry)
    order = {proc: i for i, proc in enumerate(analysis.plan.procedures)}
    for (procedure, party), entries in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        singles: dict[str, int] = {}
        for entry in entries:
            for cut in entry.cut_sets:
                if len(cut) == 1:
                    singles[cut[0]] = singles.get(cut[0], 0) + 1
        text = ", ".join(f"{event} ({count})" for event, count in sorted(singles.items())) or "—"
        parties.add_row(procedure, party, str(len(entries)), text)
    console.print(parties)
    if diff is not None:
        console.print()
        console.print(Text(_("Compared with baseline {plan}").format(plan=diff.old.plan.path or diff.old.plan.id),
                           style="bold"))
        for added, findings, keys in ((True, diff.added_findings, diff.added_cut_sets),
                                      (False, diff.removed_findings, diff.removed_cut_sets)):
            console.print(Text(change_title(added, len(findings), len(keys)), style="bold"))
            if findings:
                console.print(_findings_table(findings))
            for key in keys:
                console.print(f"  {'+' if added else '-'} {cut_key_text(key)}")
    for line in risk_text_lines(analysis):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print()
    errors = analysis.count("error")
    verdict = (Text(_("FINDINGS"), style="bold red") if errors else
               Text(_("OK"), style="bold green"))
    console.print(Text.assemble(verdict, f"  {summary_counts(analysis)}"))
    return buffer.getvalue()
