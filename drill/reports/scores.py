"""``drill scores``: the class view as text, JSON, CSV or Markdown (FORMAT.md 7.6).

JSON is the machine interface::

    {"trainees": [{"trainee", "scenario", "score", "time_lost", "undelivered", "failed_calls"}],
     "questions": [{"scenario", "text", "right", "answered"}],
     "steps": [{"scenario", "step", "plan_at", "delivered", "undelivered", "fastest", "median", "slowest"}]}

CSV is one row per trainee for a spreadsheet: UTF-8 with a byte-order mark and
CRLF line ends (what Excel expects), headers that are the JSON keys, and a
``'`` before any cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return so that a name can never run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.cells import cell_len

from drill.i18n import _, ngettext
from drill.i18n.formats import duration_text
from drill.model.csv_cells import csv_cell
from drill.model.durations import format_clock
from drill.training.classroom import ClassView, StepSpread, TraineeRow

CSV_COLUMNS = ("trainee", "scenario", "questions", "correct", "acts", "delivered", "on_time",
               "time_lost", "undelivered")


def _minutes(value: float | None) -> float | None:
    return None if value is None else float(value)


def _trainee_dict(row: TraineeRow) -> dict[str, Any]:
    return {
        "trainee": row.trainee, "scenario": row.scenario, "score": row.score, "time_lost": row.time_lost,
        "undelivered": row.undelivered,
        "failed_calls": [{"step": f.step, "to": f.attempt.to, "via": f.attempt.via, "start": f.attempt.start,
                          "end": f.attempt.end, "reason": f.attempt.reason} for f in row.failed],
    }


def _step_dict(spread: StepSpread) -> dict[str, Any]:
    return {"scenario": spread.scenario, "step": spread.step, "plan_at": _minutes(spread.plan_at),
            "delivered": len(spread.times), "undelivered": spread.undelivered,
            "fastest": _minutes(spread.fastest), "median": _minutes(spread.median),
            "slowest": _minutes(spread.slowest)}


def scores_to_dict(view: ClassView) -> dict[str, Any]:
    return {
        "trainees": [_trainee_dict(r) for r in view.trainees],
        "questions": [{"scenario": q.scenario, "text": q.text, "right": q.right, "answered": q.answered}
                      for q in view.questions],
        "steps": [_step_dict(s) for s in view.steps],
    }


def render_scores_json(view: ClassView) -> str:
    return json.dumps(scores_to_dict(view), ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    if isinstance(value, float):
        text = f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")
    else:
        text = "" if value is None else str(value)
    return csv_cell(text)


def render_scores_csv(view: ClassView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in view.trainees:
        values = [row.trainee, row.scenario, *(row.score[k] for k in ("questions", "correct", "acts",
                                                                      "delivered", "on_time")),
                  row.time_lost, row.undelivered]
        writer.writerow([_cell(v) for v in values])
    return "\ufeff" + buffer.getvalue()


# -- for people ------------------------------------------------------------------------------
def _clock(value: float | None) -> str:
    return format_clock(value) if value is not None else "—"


def _headers() -> list[str]:
    return [_("Trainee"), _("Scenario"), _("Questions right"), _("Contacts delivered"), _("On time"),
            _("Time lost"), _("Not reached")]


def _row(row: TraineeRow) -> list[str]:
    s = row.score
    return [row.trainee, row.scenario, f"{s['correct']}/{s['questions']}", f"{s['delivered']}/{s['acts']}",
            f"{s['on_time']}/{s['acts']}", duration_text(row.time_lost), str(row.undelivered)]


def _failed_lines(row: TraineeRow) -> list[str]:
    return [_("{clock} '{step}': {via} → {to}: {reason}").format(
        clock=format_clock(f.attempt.start), step=f.step, via=f.attempt.via, to=f.attempt.to,
        reason=f.attempt.reason or "—") for f in row.failed]


def _spread_line(spread: StepSpread) -> str:
    parts = [_("plan {clock}").format(clock=_clock(spread.plan_at))]
    if spread.times:
        parts.append(_("fastest {fast} · median {median} · slowest {slow}").format(
            fast=_clock(spread.fastest), median=_clock(spread.median), slow=_clock(spread.slowest)))
    if spread.undelivered:
        parts.append(ngettext("{n} not delivered", "{n} not delivered", spread.undelivered).format(
            n=spread.undelivered))
    return " · ".join(parts)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def render_scores_text(view: ClassView) -> str:
    lines = [ngettext("Class: {n} result", "Class: {n} results", len(view.trainees)).format(n=len(view.trainees)),
             ""]
    table = [_headers(), *(_row(r) for r in view.trainees)]
    widths = [max(cell_len(r[i]) for r in table) for i in range(len(table[0]))]
    for cells in table:
        lines.append("  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    failing = [r for r in view.trainees if r.failed]
    if failing:
        lines += ["", _("Calls that failed, and why")]
        for row in failing:
            lines.append(f"  {row.trainee} ({row.scenario})")
            lines += [f"    {line}" for line in _failed_lines(row)]
    if view.questions:
        lines += ["", _("Questions")]
        for q in view.questions:
            lines.append("  " + _("{right}/{answered} right: {text}").format(
                right=q.right, answered=q.answered, text=q.text))
    if view.steps:
        lines += ["", _("Delivery times per act step")]
        for spread in view.steps:
            lines.append(f"  {spread.scenario} / {spread.step}: {_spread_line(spread)}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_scores_markdown(view: ClassView) -> str:
    out = ["# " + _("Class scores"), ""]
    headers = _headers()
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join("---" for _h in headers) + "|")
    for row in view.trainees:
        out.append("| " + " | ".join(_md(c) for c in _row(row)) + " |")
    failing = [r for r in view.trainees if r.failed]
    if failing:
        out += ["", "## " + _("Calls that failed, and why"), ""]
        for row in failing:
            out.append(f"- **{_md(row.trainee)}** ({_md(row.scenario)})")
            out += [f"  - {_md(line)}" for line in _failed_lines(row)]
    if view.questions:
        out += ["", "## " + _("Questions"), "", "| " + _("Right") + " | " + _("Question") + " |", "|---|---|"]
        out += [f"| {q.right}/{q.answered} | {_md(q.text)} |" for q in view.questions]
    if view.steps:
        out += ["", "## " + _("Delivery times per act step"), ""]
        out += [f"- `{_md(s.scenario)}` / `{_md(s.step)}`: {_md(_spread_line(s))}" for s in view.steps]
    return "\n".join(out) + "\n"


#: ``drill scores --format`` choices.
SCORES_FORMATS = {"text": render_scores_text, "json": render_scores_json, "csv": render_scores_csv,
                  "markdown": render_scores_markdown}

__all__ = ["CSV_COLUMNS", "SCORES_FORMATS", "render_scores_csv", "render_scores_json",
           "render_scores_markdown", "render_scores_text", "scores_to_dict"]
