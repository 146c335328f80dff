"""The ``--probability``, ``--importance``, ``--at`` and ``--windows`` parts of analyze reports.

JSON: every task gains ``p_silenced`` (and ``importance``), every party entry
``p_uninformed``, after its ``cut_sets``; the report gains ``moment``,
``importance_table`` and ``windows`` when they were asked for.  Text and
Markdown: the least reliable notifications first, the components that
matter most, and the cut sets found in some windows of the week only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from drill.analysis.moments import moment_words, window_name, window_spans
from drill.analysis.results import Analysis
from drill.analysis.wording import kind_word
from drill.i18n import _

if TYPE_CHECKING:
    from drill.analysis.weekly import WindowReport

LEAST_RELIABLE_ROWS = 15
IMPORTANCE_ROWS = 10


def task_extra(analysis: Analysis, index: int) -> dict[str, Any]:
    risk = analysis.risk
    if risk is None or not risk.p_silenced:
        return {}
    out: dict[str, Any] = {"p_silenced": risk.p_silenced[index]}
    if risk.importance is not None:
        out["importance"] = [
            {"event": f.event, "birnbaum": f.birnbaum, "fussell_vesely": f.fussell_vesely,
             "raw": f.raw, "rrw": f.rrw}
            for f in risk.importance[index]]
    return out


def party_extra(analysis: Analysis, index: int) -> dict[str, Any]:
    risk = analysis.risk
    if risk is None or not risk.p_uninformed:
        return {}
    return {"p_uninformed": risk.p_uninformed[index]}


def tail_extra(analysis: Analysis, *, lazy: bool = False) -> dict[str, Any]:
    """The report's keys after ``pairs``; with ``lazy``, ``windows`` stays the analysis' own tuple
    (:func:`windows_json` writes it as a stream)."""
    risk = analysis.risk
    if risk is None:
        return {}
    out: dict[str, Any] = {}
    if risk.moment is not None:
        out["moment"] = risk.moment
    if risk.components:
        out["importance_table"] = [
            {"event": r.event, "kind": r.kind, "p_fail": r.p_fail, "tasks": r.tasks,
             "birnbaum_sum": r.birnbaum_sum, "raw_max": r.raw_max} for r in risk.components]
    if risk.windows:
        out["windows"] = risk.windows if lazy else [w.to_dict() for w in risk.windows]
    return out


def with_extra(piece: str, extra: dict[str, Any]) -> str:
    """Insert keys before the closing brace of an entry rendered at 4 spaces."""
    if not extra:
        return piece

    added = "".join(",\n      " + json.dumps(k) + ": "
                    + json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n      ")
                    for k, v in extra.items())
    assert piece.endswith("\n    }")
    return piece[:-6] + added + "\n    }"


def _least_reliable(analysis: Analysis) -> list[tuple[float, str]]:
    risk = analysis.risk
    rows = [(p, t.label) for p, t in zip(risk.p_silenced, analysis.tasks, strict=True)]
    rows += [(p, _party_text(e.procedure, e.origin, e.party))
             for p, e in zip(risk.p_uninformed, analysis.parties, strict=True)]
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def _party_text(procedure: str, origin: str, party: str) -> str:
    return _("{party} informed in {procedure} from {origin}").format(party=party, procedure=procedure,
                                                                     origin=origin)


def _entry_text(cut: dict[str, Any]) -> str:
    """A task or party entry of ``--windows`` (its JSON ``entry``), for people."""
    entry = cut["entry"]
    if cut["kind"] == "task":
        procedure, step, sender, recipient = entry
        return f"{procedure}/{step} {sender} → {recipient}"
    return _party_text(*entry)


def risk_text_lines(analysis: Analysis, markdown: bool = False) -> list[str]:
    """The risk sections, as plain lines (Markdown tables with ``markdown``)."""
    risk = analysis.risk
    if risk is None:
        return []
    out: list[str] = []
    head = "## " if markdown else ""
    if risk.moment is not None:
        out += [head + _("At {moment} (local time): contacts not staffed then are unusable").format(
            moment=moment_words(risk.moment)), ""]
    if risk.p_silenced or risk.p_uninformed:
        out += [head + _("Least reliable notifications (exact probability of being impossible)"), ""]
        out += _table(markdown, [_("probability"), _("notification")],
                      [[f"{p:.6g}", label] for p, label in _least_reliable(analysis)[:LEAST_RELIABLE_ROWS]])
    if risk.components:
        out += [head + _("Components and channels that matter most (sum of Birnbaum importance "
                         "over tasks)"), ""]
        out += _table(markdown, [_("event"), _("kind"), "p_fail", _("tasks"), "Σ birnbaum", "max RAW"],
                      [[r.event, kind_word(r.kind), f"{r.p_fail:.6g}", str(r.tasks), f"{r.birnbaum_sum:.6g}",
                        f"{r.raw_max:.6g}"] for r in risk.components[:IMPORTANCE_ROWS]])
    if risk.windows:
        out += windows_lines(risk.windows, markdown)
    return out


def windows_lines(windows: tuple, markdown: bool) -> list[str]:
    """Each window, then the single points of failure that only some windows have."""
    head = "## " if markdown else ""
    out = [head + _("Staffing windows of the week"), ""]
    out += _table(markdown, [_("window"), _("moment analysed"), _("single points of failure")],
                  [[_window(w), moment_words(w.moment), str(w.spofs)] for w in windows])
    out += [head + _("Single points of failure found in some windows only"), ""]
    rows = []
    for w in windows:
        by_event: dict[str, list[str]] = {}
        for c in w.only_here(max_order=1):
            by_event.setdefault(c["cut_set"][0], []).append(_entry_text(c))
        for event, whats in sorted(by_event.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            example = whats[0] + (_(" and {n} more").format(n=len(whats) - 1) if len(whats) > 1 else "")
            rows.append([_window(w), event, str(len(whats)), example])
    if not rows:
        return out + [_("  none: every window has the same single points of failure"), ""]
    return out + _table(markdown, [_("window"), _("event"), _("silences"), _("for example")], rows)


def _window(window: WindowReport) -> str:
    """A window's name in the current language (its JSON ``name`` is the machine form)."""
    return window_name(window_spans(window.spans), human=True)


def _table(markdown: bool, header: list[str], rows: list[list[str]]) -> list[str]:
    if markdown:
        esc = [[cell.replace("|", "\\|") for cell in row] for row in rows]
        return (["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
                + ["| " + " | ".join(row) + " |" for row in esc] + [""])
    from rich.cells import cell_len  # wide (Japanese) characters take two columns

    widths = [max(cell_len(x) for x in col) for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  " + "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header)] + [line(row) for row in rows] + [""]
