"""The after-action report as Markdown that renders on GitHub and GitLab.

Sections follow the HSEEP after-action report / improvement plan: overview,
objectives, timeline, findings with their root causes, improvement plan and
an appendix with every attempt.  The two pictures are Mermaid blocks (a gantt
chart of the drill clock and a flowchart of who reached whom, failed links
dashed and red), because both hosts draw Mermaid in place and a council
member can read the report in the browser without any tool.
"""

from __future__ import annotations

from typing import Any

from drill.model.durations import format_duration
from drill.model.plan import Plan
from drill.reports.aar import AfterAction, build_after_action, fmt_t
from drill.reports.graph import run_graph, to_mermaid
from drill.reports.markdown import md_cell

MARK = {True: "✅ met", False: "❌ not met"}
STATUS_MARK = {"delivered": "✅ delivered", "late": "⚠️ late", "failed": "❌ failed", "blocked": "⛔ blocked"}


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
        lines.append("  section injects")
        for inject in aar.injects:
            parts = [f"{verb} {', '.join(inject[verb])}" for verb in ("fail", "restore", "absent", "back")
                     if inject.get(verb)]
            name = _gantt_name("; ".join(parts) or str(inject.get("note") or "note"))
            lines.append(f"  {name} :milestone, {at(float(inject['at']))}, 0min")
    current = None
    tag = {"delivered": "done", "late": "active", "failed": "crit", "blocked": "crit"}
    for task in aar.tasks:
        if task.get("status") == "blocked" or task.get("start") is None:
            continue
        if task.get("step") != current:
            current = task.get("step")
            lines.append(f"  section {_gantt_name(str(current))}")
        start = float(task["start"])
        ends = [float(a.get("end", start)) for a in task.get("attempts") or []]
        end = float(task["at"]) if task.get("at") is not None else max(ends or [start])
        if end <= start:
            end = start + 1.0
        name = _gantt_name(f"{task.get('sender') or task.get('from')} → {task.get('to')} "
                           f"({task.get('status')})")
        lines.append(f"  {name} :{tag[str(task.get('status'))]}, {at(start)}, {at(end)}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def render_after_action_markdown(aar: AfterAction, *, record: dict[str, Any]) -> str:
    out: list[str] = []
    add = out.append
    verdict = "✅ every notification in time and every objective met" if aar.ok else \
        "❌ the drill fell short"
    add(f"# After-action report: {aar.title}\n")
    add(f"{verdict}.\n")
    add("## 1. Overview\n")
    add("| | |\n|---|---|")
    add(f"| Scenario | {md_cell(aar.scenario)} — {md_cell(aar.title)} |")
    add(f"| Plan | {md_cell(aar.plan)}{' — ' + md_cell(aar.plan_title) if aar.plan_title else ''} |")
    add(f"| Incident | {md_cell(aar.incident)} raised by {md_cell(aar.origin)} |")
    add(f"| Start | {md_cell(aar.start_text)} ({md_cell(aar.timezone)}) |")
    add(f"| Duration | {format_duration(aar.end)} of drill time |")
    s = aar.summary
    add(f"| Notifications | {s.get('tasks', 0)} tasks: {s.get('delivered', 0)} delivered, {s.get('late', 0)} "
        f"late, {s.get('failed', 0)} failed, {s.get('blocked', 0)} blocked |")
    add(f"| Took part | {md_cell(', '.join(aar.participants))} |")
    if aar.not_informed:
        add(f"| Never informed | {md_cell(', '.join(aar.not_informed))} |")
    add("")
    add("## 2. Objectives\n")
    if aar.objectives:
        add("| # | Objective | Result | Detail |\n|---:|---|---|---|")
        for number, objective in enumerate(aar.objectives, 1):
            add(f"| {number} | {md_cell(objective.text)} | {MARK[objective.ok]} | {md_cell(objective.detail)} |")
    else:
        add("The scenario states no objectives.")
    add("")
    add("## 3. Timeline\n")
    add(mermaid_gantt(aar))
    add("| Drill time | Local time | Event |\n|---:|---|---|")
    for moment in aar.moments:
        add(f"| {fmt_t(moment.t)} | {aar.clock.text(moment.t)} | {md_cell(moment.text)} |")
    add("")
    add("### Who reached whom\n")
    add("Solid arrows delivered; dashed red arrows failed, labelled with the channel and what broke it.\n")
    add(to_mermaid(run_graph(record), fenced=True))
    add("## 4. Findings\n")
    if not aar.findings:
        add("No findings: every notification was delivered in time and every objective was met.\n")
    for finding in aar.findings:
        add(f"### Finding {finding.number}: {finding.title}\n")
        add(f"- **What happened:** {finding.detail}")
        for cause in finding.causes:
            add(f"- **Root cause:** {_cause_text(cause)}")
            if cause.silenced:
                add(f"  - it also silenced: {', '.join(cause.silenced)}")
        if not finding.causes and finding.kind != "objective":
            add("- **Root cause:** no attempt failed; see the detail above")
        add("")
    if aar.analysis:
        add("### What static analysis says about the plan\n")
        for line in aar.analysis:
            add(f"- {line}")
        add("")
    add("## 5. Improvement plan\n")
    if aar.findings:
        add("| Finding | Recommendation | Owner | Due |\n|---:|---|---|---|")
        for finding in aar.findings:
            for recommendation in finding.recommendations:
                add(f"| {finding.number} | {md_cell(recommendation)} | | |")
    else:
        add("Nothing to improve from this drill; try a harder scenario.")
    add("")
    add("## Appendix: attempt log\n")
    has_address = any(a.address for a in aar.attempts)
    header = "| # | Start | End | Step | From → to | Via | Outcome | Reason |"
    rule = "|---:|---:|---:|---|---|---|---|---|"
    if has_address:
        header += " Address |"
        rule += "---|"
    add(header + "\n" + rule)
    for row in aar.attempts:
        line = (f"| {row.number} | {fmt_t(row.start)} | {fmt_t(row.end)} | {md_cell(row.step)} | "
                f"{md_cell(row.sender)} → {md_cell(row.to)} | {md_cell(row.via)} | "
                f"{'ok' if row.ok else 'failed'} | {md_cell(row.reason)} |")
        if has_address:
            line += f" {md_cell(row.address)} |"
        add(line)
    if aar.contacts:
        add("\n### Contacts of the participants\n")
        add("| Party | Channel | Address |\n|---|---|---|")
        for party, channel, address in aar.contacts:
            add(f"| {md_cell(party)} | {md_cell(channel)} | {md_cell(address)} |")
    add("")
    return "\n".join(out)


def _cause_text(cause: Any) -> str:
    kinds = {"component": "component", "channel": "channel", "unstaffed": "not staffed",
             "absent": "absent", "horizon": "drill ended first", "unknown": "cause"}
    broke = ", ".join(cause.attempts)
    return (f"`{cause.cause}` ({kinds.get(cause.kind, cause.kind)}) — {cause.reason}; broke {broke}; "
            f"cost {fmt_t(cause.lost)}")


def render_record_markdown(record: dict[str, Any], plan: Plan | None = None, *,
                           show_contacts: bool = False, analysis: list[str] | None = None) -> str:
    aar = build_after_action(record, plan, show_contacts=show_contacts, analysis=analysis)
    return render_after_action_markdown(aar, record=record)
