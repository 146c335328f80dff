"""The after-action report as Markdown that renders on GitHub and GitLab.

The sections are those of :mod:`drill.reports.aar.layout`: the HSEEP after-
action report / improvement plan in English, the 訓練実施報告書 in Japanese.
The two pictures are Mermaid blocks (a gantt chart of the drill clock and a
flowchart of who reached whom, failed links dashed and red), because both
hosts draw Mermaid in place and a council member can read the report in the
browser without any tool.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drill.i18n import _, pgettext
from drill.i18n.words import objective_word, status_word
from drill.model.plan import Plan
from drill.reports.aar import AfterAction, build_after_action, fmt_t, inject_text, joined
from drill.reports.aar.layout import (
    OVERVIEW,
    PARTICIPANTS,
    SCENARIO,
    WHEN,
    cause_kind,
    facts,
    sections,
    verdict,
)
from drill.reports.graph import run_graph, to_mermaid
from drill.reports.markdown import md_cell
from drill.reports.record import RunRecord

MARK = {True: "✅", False: "❌"}


def _gantt_name(text: str) -> str:
    # ':' separates a gantt task's name from its data; '#' and ';' end lines
    return text.replace(":", "꞉").replace("#", "＃").replace(";", ",")


def mermaid_gantt(aar: AfterAction) -> str:
    """The drill clock as a Mermaid gantt chart: one bar per task, injects as milestones."""
    clock = aar.clock

    def at(minutes: float) -> str:
        moment = clock.local(minutes)
        if moment is None:  # no start time known: count from an arbitrary midnight
            total = round(minutes)
            return f"2000-01-01 {total // 60 % 24:02d}:{total % 60:02d}"
        return moment.strftime("%Y-%m-%d %H:%M")

    lines = ["```mermaid", "gantt", f"  title {_gantt_name(aar.title)}", "  dateFormat YYYY-MM-DD HH:mm",
             "  axisFormat %H:%M"]
    if aar.injects:
        lines.append("  section " + _gantt_name(_("injects")))
        for inject in aar.injects:
            name = _gantt_name(inject_text(inject) or str(inject.get("note") or _("note")))
            lines.append(f"  {name} :milestone, {at(float(inject['at']))}, 0min")
    current = None
    tag = {"delivered": "done", "late": "active", "failed": "crit", "blocked": "crit"}
    for task in aar.tasks:
        if task.status == "blocked" or task.start is None:
            continue
        if task.step != current:
            current = task.step
            lines.append(f"  section {_gantt_name(current)}")
        start = task.start
        end = task.at if task.at is not None else max([a.end for a in task.attempts] or [start])
        if end <= start:
            end = start + 1.0
        name = _gantt_name(f"{task.actor} → {task.to} ({status_word(task.status)})")
        lines.append(f"  {name} :{tag.get(task.status, 'crit')}, {at(start)}, {at(end)}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def _table(header: list[str], rule: str) -> str:
    return "| " + " | ".join(header) + " |\n" + rule


def _facts(aar: AfterAction, keys: tuple[str, ...]) -> list[str]:
    rows = [f"| {md_cell(label)} | {md_cell(value)} |" for label, value in facts(aar, keys)]
    return ["| | |\n|---|---|", *rows, ""]


def _objectives(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.objectives:
        return [_("The scenario states no objectives."), ""]
    out = [_table(["#", _("Objective"), _("Result"), _("Detail")], "|---:|---|---|---|")]
    for number, objective in enumerate(aar.objectives, 1):
        result = f"{MARK[objective.ok]} {objective_word(objective.ok)}"
        out.append(f"| {number} | {md_cell(objective.text)} | {result} | {md_cell(objective.detail)} |")
    return [*out, ""]


def _purpose(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.objectives:
        return [_("The scenario states no objectives."), ""]
    items = [f"{n}. {o.text}" for n, o in enumerate(aar.objectives, 1)]
    return [_("The drill set out to show:"), "", *items, ""]


def _scenario(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    out = _facts(aar, SCENARIO)
    if aar.injects:
        out.append(_table([_("Drill time"), _("Local time"), _("Inject")], "|---:|---|---|"))
        for inject in aar.injects:
            at = float(inject.get("at", 0.0))
            text = inject_text(inject) or _("note")
            if inject.get("note"):
                text += f" — {inject['note']}"
            out.append(f"| {fmt_t(at)} | {aar.clock.text(at)} | {md_cell(text)} |")
        out.append("")
    return out


def _timeline(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    out = [mermaid_gantt(aar), _table([_("Drill time"), _("Local time"), _("Event")], "|---:|---|---|")]
    for moment in aar.moments:
        out.append(f"| {fmt_t(moment.t)} | {aar.clock.text(moment.t)} | {md_cell(moment.text)} |")
    return [*out, ""]


def _graph(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    return [_("Solid arrows delivered; dashed red arrows failed, labelled with the channel and what broke it.")
            + "\n", to_mermaid(run_graph(record), fenced=True)]


def _findings(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.findings:
        return [_("No findings: every notification was delivered in time and every objective was met.") + "\n"]
    out = []
    for finding in aar.findings:
        out.append("### " + _("Finding {number}: {title}").format(number=finding.number, title=finding.title)
                   + "\n")
        out.append(_item(_("What happened:"), finding.detail))
        for cause in finding.causes:
            out.append(_item(_("Root cause:"), f"`{cause.cause}` {_cause_text(cause)}"))
            if cause.silenced:
                out.append("  - " + _("it also silenced: {items}").format(items=joined(cause.silenced)))
        if not finding.causes and finding.kind != "objective":
            out.append(_item(_("Root cause:"), _("no attempt failed; see the detail above")))
        out.append("")
    return out


def _item(label: str, text: str) -> str:
    return f"- **{label}** {text}"


def _cause_text(cause: Any) -> str:
    return _("({kind}) — {reason}; broke {attempts}; cost {lost}").format(
        kind=cause_kind(cause.kind), reason=cause.reason, attempts=joined(cause.attempts), lost=fmt_t(cause.lost))


def _analysis(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    return [*(f"- {line}" for line in aar.analysis), ""]


def _improvements(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.findings:
        return [_("Nothing to improve from this drill; try a harder scenario."), ""]
    out = [_table([_("Finding"), _("Recommendation"), _("Owner"), _("Due")], "|---:|---|---|---|")]
    for finding in aar.findings:
        out += [f"| {finding.number} | {md_cell(r)} | | |" for r in finding.recommendations]
    return [*out, ""]


def _attempts(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    has_address = any(a.address for a in aar.attempts)
    header = ["#", pgettext("attempt", "Start"), pgettext("attempt", "End"), _("Step"), _("From → to"), _("Via"),
              _("Outcome"), _("Reason")]
    rule = "|---:|---:|---:|---|---|---|---|---|"
    if has_address:
        header.append(_("Address"))
        rule += "---|"
    out = [_table(header, rule)]
    for row in aar.attempts:
        outcome = _("ok") if row.ok else status_word("failed")
        line = (f"| {row.number} | {fmt_t(row.start)} | {fmt_t(row.end)} | {md_cell(row.step)} | "
                f"{md_cell(row.sender)} → {md_cell(row.to)} | {md_cell(row.via)} | {outcome} | "
                f"{md_cell(row.reason)} |")
        if has_address:
            line += f" {md_cell(row.address)} |"
        out.append(line)
    return [*out, ""]


def _contacts(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    out = [_table([_("Party"), _("Channel"), _("Address")], "|---|---|---|")]
    out += [f"| {md_cell(p)} | {md_cell(c)} | {md_cell(a)} |" for p, c, a in aar.contacts]
    return [*out, ""]


BLOCKS: dict[str, Callable[[AfterAction, dict[str, Any]], list[str]]] = {
    "overview": lambda aar, record: _facts(aar, OVERVIEW), "purpose": _purpose,
    "when": lambda aar, record: _facts(aar, WHEN), "scenario": _scenario,
    "participants": lambda aar, record: _facts(aar, PARTICIPANTS),
    "summary": lambda aar, record: _facts(aar, ("notifications",)), "objectives": _objectives,
    "timeline": _timeline, "graph": _graph, "findings": _findings, "analysis": _analysis,
    "improvements": _improvements, "attempts": _attempts, "contacts": _contacts,
}


def render_after_action_markdown(aar: AfterAction, *, record: RunRecord | dict[str, Any]) -> str:
    data = record.to_dict() if isinstance(record, RunRecord) else record
    out = ["# " + _("After-action report: {title}").format(title=aar.title) + "\n",
           _("{mark} {verdict}.").format(mark=MARK[aar.ok], verdict=verdict(aar)) + "\n"]
    for section in sections(aar):
        out.append("#" * section.level + " " + section.title + "\n")
        for block in section.blocks:
            out += BLOCKS[block](aar, data)
    return "\n".join(out)


def render_record_markdown(record: RunRecord | dict[str, Any], plan: Plan | None = None, *,
                           show_contacts: bool = False, analysis: list[str] | None = None) -> str:
    """The after-action report of a run record (typed, or the JSON of ``drill run --format json``)."""
    typed = RunRecord.from_dict(record) if isinstance(record, dict) else record
    aar = build_after_action(typed, plan, show_contacts=show_contacts, analysis=analysis)
    return render_after_action_markdown(aar, record=typed)
