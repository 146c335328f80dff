"""The after-action report as one self-contained HTML file.

Everything is inline — styles and two SVG pictures, no scripts, no fonts or
images fetched from anywhere — so the file can be mailed to a council, opened
offline and printed.  The timeline draws one row per task over the drill
clock: a bar per attempt, green when it got through and red when it failed,
the deadline as a tick and every inject as a labelled vertical line.  The
contact graph is laid out by Graphviz when it is installed and by the
built-in layout otherwise.
"""

from __future__ import annotations

import html
from typing import Any

from drill.model.durations import format_duration
from drill.model.plan import Plan
from drill.reports.aar import AfterAction, build_after_action, fmt_t
from drill.reports.graph import COLORS, run_graph, text_width, to_svg

STATUS_COLOR = {"delivered": "#2e7d32", "late": "#ef6c00", "failed": "#c62828", "blocked": "#8e24aa"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;
margin:2em auto;max-width:1200px;padding:0 1em;color:#212121;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #cfd8dc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #cfd8dc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eceff1}td.num{text-align:right;white-space:nowrap}
.verdict{font-weight:bold;padding:.4em .8em;border-radius:4px;display:inline-block}
.ok{background:#e8f5e9;color:#1b5e20}.short{background:#ffebee;color:#b71c1c}
.met{color:#2e7d32;font-weight:bold}.unmet{color:#c62828;font-weight:bold}
.finding{border-left:4px solid #c62828;padding:.2em 1em;margin:1em 0;background:#fafafa}
.finding.objective{border-color:#ef6c00}
.picture{overflow-x:auto;border:1px solid #eceff1;padding:.5em;background:#fff}
.legend span{display:inline-block;margin-right:1.2em}.legend i{display:inline-block;width:1.2em;height:.8em;
margin-right:.3em;vertical-align:middle}
code{background:#eceff1;padding:0 .25em;border-radius:3px}
@media print{.picture{overflow:visible}}
"""


def _e(value: object) -> str:
    return html.escape("—" if value is None or value == "" else str(value))


def timeline_svg(aar: AfterAction) -> str:
    """One row per task over the drill clock; attempts as bars coloured by outcome."""
    rows = [t for t in aar.tasks]
    label_width = max([text_width(_row_label(t), 11) for t in rows] + [120.0]) + 16
    # the drill's own horizon may be hours past the last event: draw what happened
    end = max([float(a.get("end", 0.0)) for t in rows for a in t.get("attempts") or []]
              + [float(t.get("within") or 0) for t in rows]
              + [float(i.get("at", 0.0)) for i in aar.injects] + [1.0])
    end *= 1.04
    plot_width = 760.0
    scale = plot_width / end
    row_h, top = 20.0, 46.0
    inject_rows = len(aar.injects)
    height = top + row_h * len(rows) + 30 + 14 * inject_rows
    width = label_width + plot_width + 30
    out = [f'<svg class="drill-timeline" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" '
           'font-size="11">', f"<title>{_e(aar.title)} — timeline</title>"]
    x0 = label_width

    def x(minutes: float) -> float:
        return x0 + minutes * scale

    tick = _tick(end)
    t = 0.0
    while t <= end + 1e-9:
        out.append(f'<line x1="{x(t):.1f}" y1="{top - 8:.1f}" x2="{x(t):.1f}" '
                   f'y2="{top + row_h * len(rows):.1f}" stroke="#eceff1"/>')
        local = aar.clock.text(t)
        out.append(f'<text x="{x(t):.1f}" y="{top - 22:.1f}" text-anchor="middle" fill="#546e7a">'
                   f'{_e(format_duration(t))}</text>')
        if local != "—":
            out.append(f'<text x="{x(t):.1f}" y="{top - 10:.1f}" text-anchor="middle" fill="#90a4ae" '
                       f'font-size="9">{_e(local)}</text>')
        t += tick
    for index, task in enumerate(rows):
        y = top + index * row_h
        status = str(task.get("status"))
        if index % 2:
            out.append(f'<rect x="0" y="{y:.1f}" width="{width:.0f}" height="{row_h:.1f}" fill="#fafafa"/>')
        out.append(f'<text x="{x0 - 8:.1f}" y="{y + 14:.1f}" text-anchor="end">{_e(_row_label(task))}</text>')
        if task.get("start") is not None:
            start = float(task["start"])
            finish = float(task["at"]) if task.get("at") is not None else max(
                [float(a.get("end", start)) for a in task.get("attempts") or []] + [start])
            out.append(f'<rect class="task task-{status}" x="{x(start):.1f}" y="{y + 3:.1f}" '
                       f'width="{max(x(finish) - x(start), 1.5):.1f}" height="{row_h - 6:.1f}" '
                       f'fill="{STATUS_COLOR[status]}" fill-opacity="0.15" stroke="{STATUS_COLOR[status]}">'
                       f'<title>{_e(_row_label(task))}: {_e(status)}</title></rect>')
        for attempt in task.get("attempts") or []:
            a, b = float(attempt.get("start", 0.0)), float(attempt.get("end", 0.0))
            color = COLORS["ok"] if attempt.get("ok") else COLORS["failed"]
            tip = f"{attempt.get('via')} to {attempt.get('to')}: " + (
                "delivered" if attempt.get("ok") else str(attempt.get("reason") or "failed"))
            out.append(f'<rect class="attempt attempt-{"ok" if attempt.get("ok") else "failed"}" '
                       f'x="{x(a):.1f}" y="{y + 6:.1f}" width="{max(x(b) - x(a), 2.0):.1f}" '
                       f'height="{row_h - 12:.1f}" fill="{color}"><title>{_e(tip)}</title></rect>')
        if task.get("within") is not None:
            w = float(task["within"])
            out.append(f'<line class="deadline" x1="{x(w):.1f}" y1="{y + 1:.1f}" x2="{x(w):.1f}" '
                       f'y2="{y + row_h - 1:.1f}" stroke="#212121" stroke-width="2">'
                       f'<title>due within {_e(format_duration(w))}</title></line>')
        if status == "blocked":
            out.append(f'<text x="{x0 + 4:.1f}" y="{y + 14:.1f}" fill="{STATUS_COLOR["blocked"]}">'
                       f'blocked: {_e(task.get("reason"))}</text>')
    bottom = top + row_h * len(rows)
    for number, inject in enumerate(aar.injects):
        at = float(inject.get("at", 0.0))
        parts = [f"{verb} {', '.join(inject[verb])}" for verb in ("fail", "restore", "absent", "back")
                 if inject.get(verb)]
        text = "; ".join(parts) or str(inject.get("note") or "note")
        out.append(f'<line class="inject" x1="{x(at):.1f}" y1="{top - 8:.1f}" x2="{x(at):.1f}" '
                   f'y2="{bottom + 14 * (number + 1):.1f}" stroke="#6a1b9a" stroke-dasharray="3 3"/>')
        out.append(f'<text x="{x(at) + 3:.1f}" y="{bottom + 14 * (number + 1) + 8:.1f}" fill="#6a1b9a">'
                   f'{_e(format_duration(at))} {_e(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _tick(end: float) -> float:
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440):
        if end / step <= 12:
            return float(step)
    return 2880.0


def _row_label(task: dict[str, Any]) -> str:
    return f"{task.get('step')}: {task.get('from')} → {task.get('to')}"


def render_after_action_html(aar: AfterAction, *, record: dict[str, Any], layout: str = "auto") -> str:
    parts: list[str] = []
    add = parts.append
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>After-action report: {_e(aar.title)}</title><style>{CSS}</style></head><body>")
    add(f"<h1>After-action report: {_e(aar.title)}</h1>")
    verdict = ("every notification in time and every objective met" if aar.ok else "the drill fell short")
    add(f'<p class="verdict {"ok" if aar.ok else "short"}">{_e(verdict)}</p>')
    add('<h2 id="overview">1. Overview</h2><table>')
    s = aar.summary
    rows = [("Scenario", f"{aar.scenario} — {aar.title}"),
            ("Plan", aar.plan + (f" — {aar.plan_title}" if aar.plan_title else "")),
            ("Incident", f"{aar.incident} raised by {aar.origin}"),
            ("Start", f"{aar.start_text} ({aar.timezone})"),
            ("Duration", f"{format_duration(aar.end)} of drill time"),
            ("Notifications", f"{s.get('tasks', 0)} tasks: {s.get('delivered', 0)} delivered, "
                              f"{s.get('late', 0)} late, {s.get('failed', 0)} failed, {s.get('blocked', 0)} blocked"),
            ("Took part", ", ".join(aar.participants))]
    if aar.not_informed:
        rows.append(("Never informed", ", ".join(aar.not_informed)))
    for key, value in rows:
        add(f"<tr><th>{_e(key)}</th><td>{_e(value)}</td></tr>")
    add("</table>")
    add('<h2 id="objectives">2. Objectives</h2>')
    if aar.objectives:
        add("<table><tr><th>#</th><th>Objective</th><th>Result</th><th>Detail</th></tr>")
        for number, objective in enumerate(aar.objectives, 1):
            cls, word = ("met", "met") if objective.ok else ("unmet", "not met")
            add(f'<tr><td class="num">{number}</td><td>{_e(objective.text)}</td>'
                f'<td class="{cls}">{word}</td><td>{_e(objective.detail)}</td></tr>')
        add("</table>")
    else:
        add("<p>The scenario states no objectives.</p>")
    add('<h2 id="timeline">3. Timeline</h2>')
    add('<p class="legend"><span><i style="background:#2e7d32"></i>attempt got through</span>'
        '<span><i style="background:#c62828"></i>attempt failed</span>'
        '<span><i style="background:#000;width:.2em"></i>deadline</span>'
        '<span><i style="border-left:2px dashed #6a1b9a;width:.1em"></i>inject</span>'
        '<span>task background: green delivered, orange late, red failed</span></p>')
    add(f'<div class="picture">{timeline_svg(aar)}</div>')
    add("<table><tr><th>Drill time</th><th>Local time</th><th>Event</th></tr>")
    for moment in aar.moments:
        add(f'<tr><td class="num">{_e(fmt_t(moment.t))}</td><td>{_e(aar.clock.text(moment.t))}</td>'
            f"<td>{_e(moment.text)}</td></tr>")
    add("</table>")
    add('<h3 id="graph">Who reached whom</h3>')
    add("<p>Green arrows delivered, orange delivered late, dashed red failed (labelled with the channel "
        "and what broke it), dashed purple blocked.</p>")
    add(f'<div class="picture">{to_svg(run_graph(record), layout=layout)}</div>')
    add('<h2 id="findings">4. Findings</h2>')
    if not aar.findings:
        add("<p>No findings: every notification was delivered in time and every objective was met.</p>")
    for finding in aar.findings:
        add(f'<div class="finding {finding.kind}"><h3>Finding {finding.number}: {_e(finding.title)}</h3><ul>')
        add(f"<li><b>What happened:</b> {_e(finding.detail)}</li>")
        for cause in finding.causes:
            add(f"<li><b>Root cause:</b> <code>{_e(cause.cause)}</code> ({_e(cause.kind)}) — "
                f"{_e(cause.reason)}; broke {_e(', '.join(cause.attempts))}; cost {_e(fmt_t(cause.lost))}")
            if cause.silenced:
                add(f"<br>it also silenced: {_e(', '.join(cause.silenced))}")
            add("</li>")
        add("</ul></div>")
    if aar.analysis:
        add("<h3>What static analysis says about the plan</h3><ul>")
        for line in aar.analysis:
            add(f"<li>{_e(line)}</li>")
        add("</ul>")
    add('<h2 id="improvement-plan">5. Improvement plan</h2>')
    if aar.findings:
        add("<table><tr><th>Finding</th><th>Recommendation</th><th>Owner</th><th>Due</th></tr>")
        for finding in aar.findings:
            for recommendation in finding.recommendations:
                add(f'<tr><td class="num">{finding.number}</td><td>{_e(recommendation)}</td>'
                    "<td></td><td></td></tr>")
        add("</table>")
    else:
        add("<p>Nothing to improve from this drill; try a harder scenario.</p>")
    add('<h2 id="attempts">Appendix: attempt log</h2>')
    has_address = any(a.address for a in aar.attempts)
    add("<table><tr><th>#</th><th>Start</th><th>End</th><th>Step</th><th>From → to</th><th>Via</th>"
        f"<th>Outcome</th><th>Reason</th>{'<th>Address</th>' if has_address else ''}</tr>")
    for row in aar.attempts:
        cell = f"<td>{_e(row.address)}</td>" if has_address else ""
        add(f'<tr><td class="num">{row.number}</td><td class="num">{_e(fmt_t(row.start))}</td>'
            f'<td class="num">{_e(fmt_t(row.end))}</td><td>{_e(row.step)}</td>'
            f"<td>{_e(row.sender)} → {_e(row.to)}</td><td>{_e(row.via)}</td>"
            f'<td class="{"met" if row.ok else "unmet"}">{"ok" if row.ok else "failed"}</td>'
            f"<td>{_e(row.reason)}</td>{cell}</tr>")
    add("</table>")
    if aar.contacts:
        add("<h3>Contacts of the participants</h3><table><tr><th>Party</th><th>Channel</th>"
            "<th>Address</th></tr>")
        for party, channel, address in aar.contacts:
            add(f"<tr><td>{_e(party)}</td><td>{_e(channel)}</td><td>{_e(address)}</td></tr>")
        add("</table>")
    add("<footer><p><small>Written by drill from the run record; drill times are minutes since the "
        "incident started.</small></p></footer>")
    add("</body></html>")
    return "\n".join(parts) + "\n"


def render_record_html(record: dict[str, Any], plan: Plan | None = None, *, show_contacts: bool = False,
                       analysis: list[str] | None = None, layout: str = "auto") -> str:
    aar = build_after_action(record, plan, show_contacts=show_contacts, analysis=analysis)
    return render_after_action_html(aar, record=record, layout=layout)
