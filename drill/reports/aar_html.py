"""The after-action report as one self-contained HTML file.

The sections are those of :mod:`drill.reports.aar.layout` (HSEEP in English,
the 訓練実施報告書 in Japanese), ``<html lang>`` is the report's language and
the print styles lay it out on A4.  Everything is inline — styles and two SVG pictures, no scripts, no fonts or
images fetched from anywhere — so the file can be mailed to a council, opened
offline and printed.  The timeline draws one row per task over the drill
clock: a bar per attempt, green when it got through and red when it failed,
the deadline as a tick and every inject as a labelled vertical line.  The
contact graph is laid out by Graphviz when it is installed and by the
built-in layout otherwise.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drill.i18n import _, current_language, pgettext
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
from drill.reports.graph import COLORS, run_graph, text_width, to_svg
from drill.reports.record import RunRecord, TaskRecord

STATUS_COLOR = {"delivered": "#2e7d32", "late": "#ef6c00", "failed": "#c62828", "blocked": "#8e24aa"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;
margin:2em auto;max-width:1200px;padding:0 1em;color:#212121;line-height:1.45}
html[lang="ja"] body{font-family:"Yu Gothic",YuGothic,Meiryo,"Hiragino Sans","Hiragino Kaku Gothic ProN",
"Noto Sans CJK JP",sans-serif;line-height:1.6}
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
.picture svg{font-family:inherit}
figure{margin:0}th{white-space:nowrap}td.fill{min-width:5em}
.legend span{display:inline-block;margin-right:1.2em}.legend i{display:inline-block;width:1.2em;height:.8em;
margin-right:.3em;vertical-align:middle}
code{background:#eceff1;padding:0 .25em;border-radius:3px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9.5pt}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
h2{margin-top:1.2em}
table,figure,.picture,.finding,tr{break-inside:avoid;page-break-inside:avoid}
table.long{break-inside:auto;page-break-inside:auto}
thead{display:table-header-group}
.picture{overflow:visible;border:0;padding:0}
.picture svg{max-width:100%;height:auto;max-height:225mm}
.verdict,th,.finding{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def _e(value: object) -> str:
    return html.escape("—" if value is None or value == "" else str(value))


def timeline_svg(aar: AfterAction) -> str:
    """One row per task over the drill clock; attempts as bars coloured by outcome."""
    rows = aar.tasks
    label_width = max([text_width(_row_label(t), 11) for t in rows] + [120.0]) + 16
    # the drill's own horizon may be hours past the last event: draw what happened
    end = max([a.end for t in rows for a in t.attempts] + [t.within or 0.0 for t in rows]
              + [float(i.get("at", 0.0)) for i in aar.injects] + [1.0]) * 1.04
    plot = _Plot(x0=label_width, scale=760.0 / end, top=46.0, row_h=20.0, rows=len(rows))
    height = plot.bottom + 30 + 14 * len(aar.injects)
    width = label_width + 760.0 + 30
    title = _("{title} — timeline").format(title=aar.title)
    out = [f'<svg class="drill-timeline" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" '
           'font-size="11">', f"<title>{_e(title)}</title>"]
    tick = _tick(end)
    t = 0.0
    while t <= end + 1e-9:
        out.append(f'<line x1="{plot.x(t):.1f}" y1="{plot.top - 8:.1f}" x2="{plot.x(t):.1f}" '
                   f'y2="{plot.bottom:.1f}" stroke="#eceff1"/>')
        out.append(f'<text x="{plot.x(t):.1f}" y="{plot.top - 22:.1f}" text-anchor="middle" fill="#546e7a">'
                   f'{_e(fmt_t(t))}</text>')
        local = aar.clock.text(t)
        if local != "—":
            out.append(f'<text x="{plot.x(t):.1f}" y="{plot.top - 10:.1f}" text-anchor="middle" fill="#90a4ae" '
                       f'font-size="9">{_e(local)}</text>')
        t += tick
    for index, task in enumerate(rows):
        out += _task_row(plot, index, task, width)
    for number, inject in enumerate(aar.injects):
        at = float(inject.get("at", 0.0))
        text = inject_text(inject) or str(inject.get("note") or _("note"))
        y = plot.bottom + 14 * (number + 1)
        out.append(f'<line class="inject" x1="{plot.x(at):.1f}" y1="{plot.top - 8:.1f}" x2="{plot.x(at):.1f}" '
                   f'y2="{y:.1f}" stroke="#6a1b9a" stroke-dasharray="3 3"/>')
        out.append(f'<text x="{plot.x(at) + 3:.1f}" y="{y + 8:.1f}" fill="#6a1b9a">'
                   f'{_e(fmt_t(at))} {_e(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class _Plot:
    """Where the timeline draws: the x of a drill minute, the y of a row."""

    x0: float
    scale: float
    top: float
    row_h: float
    rows: int

    def x(self, minutes: float) -> float:
        return self.x0 + minutes * self.scale

    @property
    def bottom(self) -> float:
        return self.top + self.row_h * self.rows


def _task_row(plot: _Plot, index: int, task: TaskRecord, width: float) -> list[str]:
    """One task's row: its span shaded by status, a bar per attempt, its deadline."""
    y, row_h, x = plot.top + index * plot.row_h, plot.row_h, plot.x
    status = task.status
    color = STATUS_COLOR.get(status, "#607d8b")
    out = []
    if index % 2:
        out.append(f'<rect x="0" y="{y:.1f}" width="{width:.0f}" height="{row_h:.1f}" fill="#fafafa"/>')
    out.append(f'<text x="{plot.x0 - 8:.1f}" y="{y + 14:.1f}" text-anchor="end">{_e(_row_label(task))}</text>')
    if task.start is not None:
        start = task.start
        finish = task.at if task.at is not None else max([a.end for a in task.attempts] + [start])
        out.append(f'<rect class="task task-{status}" x="{x(start):.1f}" y="{y + 3:.1f}" '
                   f'width="{max(x(finish) - x(start), 1.5):.1f}" height="{row_h - 6:.1f}" '
                   f'fill="{color}" fill-opacity="0.15" stroke="{color}">'
                   f'<title>{_e(_row_label(task))}: {_e(status_word(status))}</title></rect>')
    for attempt in task.attempts:
        a, b = attempt.start, attempt.end
        tip = _("{via} to {party}").format(via=attempt.via, party=attempt.to) + ": " + (
            status_word("delivered") if attempt.ok else attempt.reason or status_word("failed"))
        out.append(f'<rect class="attempt attempt-{"ok" if attempt.ok else "failed"}" '
                   f'x="{x(a):.1f}" y="{y + 6:.1f}" width="{max(x(b) - x(a), 2.0):.1f}" '
                   f'height="{row_h - 12:.1f}" fill="{COLORS["ok"] if attempt.ok else COLORS["failed"]}">'
                   f'<title>{_e(tip)}</title></rect>')
    if task.within is not None:
        w = task.within
        due = _("due within {within}").format(within=fmt_t(w))
        out.append(f'<line class="deadline" x1="{x(w):.1f}" y1="{y + 1:.1f}" x2="{x(w):.1f}" '
                   f'y2="{y + row_h - 1:.1f}" stroke="#212121" stroke-width="2"><title>{_e(due)}</title></line>')
    if status == "blocked":
        out.append(f'<text x="{plot.x0 + 4:.1f}" y="{y + 14:.1f}" fill="{STATUS_COLOR["blocked"]}">'
                   + _e(_("blocked: {reason}").format(reason=task.reason or "—")) + "</text>")
    return out


def _tick(end: float) -> float:
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440):
        if end / step <= 12:
            return float(step)
    return 2880.0


def _row_label(task: TaskRecord) -> str:
    return f"{task.step}: {task.sender_plan} → {task.to}"


def _para(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def _item(label: str, html_text: str) -> str:
    """A list item: a bold label, then ``html_text`` (already escaped)."""
    return f"<li><b>{_e(label)}</b> {html_text}</li>"


def _thead(*cells: str) -> str:
    return "<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in cells) + "</tr></thead>"


def _facts(aar: AfterAction, keys: tuple[str, ...]) -> list[str]:
    rows = [f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>" for label, value in facts(aar, keys)]
    return ['<table class="facts">', *rows, "</table>"]


def _objectives(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.objectives:
        return [_para(_("The scenario states no objectives."))]
    out = ["<table>" + _thead("#", _("Objective"), _("Result"), _("Detail"))]
    for number, objective in enumerate(aar.objectives, 1):
        out.append(f'<tr><td class="num">{number}</td><td>{_e(objective.text)}</td>'
                   f'<td class="{"met" if objective.ok else "unmet"}">{_e(objective_word(objective.ok))}</td>'
                   f"<td>{_e(objective.detail)}</td></tr>")
    return [*out, "</table>"]


def _purpose(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.objectives:
        return [_para(_("The scenario states no objectives."))]
    items = "".join(f"<li>{_e(o.text)}</li>" for o in aar.objectives)
    return [_para(_("The drill set out to show:")) + f"<ol>{items}</ol>"]


def _scenario(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    out = _facts(aar, SCENARIO)
    if aar.injects:
        out.append("<table>" + _thead(_("Drill time"), _("Local time"), _("Inject")))
        for inject in aar.injects:
            at = float(inject.get("at", 0.0))
            text = inject_text(inject) or _("note")
            if inject.get("note"):
                text += f" — {inject['note']}"
            out.append(f'<tr><td class="num">{_e(fmt_t(at))}</td><td>{_e(aar.clock.text(at))}</td>'
                       f"<td>{_e(text)}</td></tr>")
        out.append("</table>")
    return out


def _timeline(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    keys = [("background:#2e7d32", _("attempt got through")), ("background:#c62828", _("attempt failed")),
            ("background:#000;width:.2em", _("deadline")),
            ("border-left:2px dashed #6a1b9a;width:.1em", _("inject"))]
    legend = ('<p class="legend">' + "".join(f'<span><i style="{style}"></i>{_e(word)}</span>' for style, word in keys)
              + "<span>" + _e(_("task background: green delivered, orange late, red failed")) + "</span></p>")
    out = [f'<figure>{legend}<div class="picture">{timeline_svg(aar)}</div></figure>',
           '<table class="long">' + _thead(_("Drill time"), _("Local time"), _("Event"))]
    for moment in aar.moments:
        out.append(f'<tr class="{moment.kind}"><td class="num">{_e(fmt_t(moment.t))}</td>'
                   f"<td>{_e(aar.clock.text(moment.t))}</td><td>{_e(moment.text)}</td></tr>")
    return [*out, "</table>"]


def _graph(aar: AfterAction, record: dict[str, Any], layout: str) -> list[str]:
    words = _("Green arrows delivered, orange delivered late, dashed red failed (labelled with the channel and "
              "what broke it), dashed purple blocked.")
    return [f'<figure><p>{_e(words)}</p><div class="picture">{to_svg(run_graph(record), layout=layout)}</div>'
            "</figure>"]


def _findings(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.findings:
        return [_para(_("No findings: every notification was delivered in time and every objective was met."))]
    out = []
    for finding in aar.findings:
        heading = _("Finding {number}: {title}").format(number=finding.number, title=finding.title)
        out.append(f'<div class="finding {finding.kind}"><h3>{_e(heading)}</h3><ul>')
        out.append(_item(_("What happened:"), _e(finding.detail)))
        for cause in finding.causes:
            words = _("({kind}) — {reason}; broke {attempts}; cost {lost}").format(
                kind=cause_kind(cause.kind), reason=cause.reason, attempts=joined(cause.attempts),
                lost=fmt_t(cause.lost))
            line = f"<code>{_e(cause.cause)}</code> {_e(words)}"
            if cause.silenced:
                line += "<br>" + _e(_("it also silenced: {items}").format(items=joined(cause.silenced)))
            out.append(_item(_("Root cause:"), line))
        if not finding.causes and finding.kind != "objective":
            out.append(_item(_("Root cause:"), _e(_("no attempt failed; see the detail above"))))
        out.append("</ul></div>")
    return out


def _analysis(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    return ["<ul>", *(f"<li>{_e(line)}</li>" for line in aar.analysis), "</ul>"]


def _improvements(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    if not aar.findings:
        return [_para(_("Nothing to improve from this drill; try a harder scenario."))]
    out = ['<table class="long">' + _thead(_("Finding"), _("Recommendation"), _("Owner"), _("Due"))]
    for finding in aar.findings:
        out += [f'<tr><td class="num">{finding.number}</td><td>{_e(r)}</td><td class="fill"></td>'
                '<td class="fill"></td></tr>' for r in finding.recommendations]
    return [*out, "</table>"]


def _attempts(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    has_address = any(a.address for a in aar.attempts)
    header = ["#", pgettext("attempt", "Start"), pgettext("attempt", "End"), _("Step"), _("From → to"), _("Via"),
              _("Outcome"), _("Reason")]
    out = ['<table class="long">' + _thead(*header, *([_("Address")] if has_address else []))]
    for row in aar.attempts:
        cell = f"<td>{_e(row.address)}</td>" if has_address else ""
        outcome = _("ok") if row.ok else status_word("failed")
        out.append(f'<tr><td class="num">{row.number}</td><td class="num">{_e(fmt_t(row.start))}</td>'
                   f'<td class="num">{_e(fmt_t(row.end))}</td><td>{_e(row.step)}</td>'
                   f"<td>{_e(row.sender)} → {_e(row.to)}</td><td>{_e(row.via)}</td>"
                   f'<td class="{"met" if row.ok else "unmet"}">{_e(outcome)}</td>'
                   f"<td>{_e(row.reason)}</td>{cell}</tr>")
    return [*out, "</table>"]


def _contacts(aar: AfterAction, record: dict[str, Any]) -> list[str]:
    rows = [f"<tr><td>{_e(p)}</td><td>{_e(c)}</td><td>{_e(a)}</td></tr>" for p, c, a in aar.contacts]
    return ["<table>" + _thead(_("Party"), _("Channel"), _("Address")), *rows, "</table>"]


Block = Callable[[AfterAction, dict[str, Any]], list[str]]
BLOCKS: dict[str, Block] = {
    "overview": lambda aar, record: _facts(aar, OVERVIEW), "purpose": _purpose,
    "when": lambda aar, record: _facts(aar, WHEN), "scenario": _scenario,
    "participants": lambda aar, record: _facts(aar, PARTICIPANTS),
    "summary": lambda aar, record: _facts(aar, ("notifications",)), "objectives": _objectives,
    "timeline": _timeline, "findings": _findings, "analysis": _analysis, "improvements": _improvements,
    "attempts": _attempts, "contacts": _contacts,
}


def render_after_action_html(aar: AfterAction, *, record: RunRecord | dict[str, Any], layout: str = "auto") -> str:
    data = record.to_dict() if isinstance(record, RunRecord) else record
    title = _("After-action report: {title}").format(title=aar.title)
    parts = ["<!DOCTYPE html>", f'<html lang="{current_language()}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(title)}</title><style>{CSS}</style></head><body>", f"<h1>{_e(title)}</h1>",
             f'<p class="verdict {"ok" if aar.ok else "short"}">{_e(verdict(aar))}</p>']
    for section in sections(aar):
        anchor = f' id="{section.anchor}"' if section.anchor else ""
        parts.append(f"<h{section.level}{anchor}>{_e(section.title)}</h{section.level}>")
        for block in section.blocks:
            parts += _graph(aar, data, layout) if block == "graph" else BLOCKS[block](aar, data)
    footer = _("Written by drill from the run record; drill times are minutes since the incident started.")
    parts.append(f"<footer><p><small>{_e(footer)}</small></p></footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render_record_html(record: RunRecord | dict[str, Any], plan: Plan | None = None, *, show_contacts: bool = False,
                       analysis: list[str] | None = None, layout: str = "auto") -> str:
    """The after-action report of a run record (typed, or the JSON of ``drill run --format json``)."""
    typed = RunRecord.from_dict(record) if isinstance(record, dict) else record
    aar = build_after_action(typed, plan, show_contacts=show_contacts, analysis=analysis)
    return render_after_action_html(aar, record=typed, layout=layout)
