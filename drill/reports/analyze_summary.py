"""The one-screen ``drill analyze`` summary (text) and the suggested fixes (text, Markdown, JSON).

FORMAT.md 7.4: counts; the council's two warnings first; order-1 cut sets
grouped by root cause, one line each; the suggested fixes.  Every line is cut
to the width (never wrapped), so the summary's height does not depend on the
terminal.  ``--details`` prints the full report of ``analyze_text`` instead.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, set_cell_size

from drill.analysis.results import Analysis
from drill.analysis.suggest import Suggestions, Unfixable, change_dict
from drill.analysis.summary import council_warnings, root_causes, with_order1
from drill.analysis.wording import kind_word
from drill.i18n import _, ngettext
from drill.i18n.formats import listing
from drill.i18n.words import severity_word

COUNCIL_LINES = 12
CAUSE_LINES = 12
FIX_LINES = 14


def _cut(line: str, width: int) -> str:
    """The line in at most ``width`` terminal columns (a Japanese character takes two)."""
    if cell_len(line) <= width:
        return line
    return set_cell_size(line, width - 1).rstrip() + "…"


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - cell_len(text))


def _severity_count(severity: str, n: int) -> str:
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} note", "{n} notes", n).format(n=n)


def _counts(analysis: Analysis) -> str:
    return " · ".join(_severity_count(s, analysis.count(s)) for s in ("error", "warning", "note"))


def render_summary_text(analysis: Analysis, suggestions: Suggestions | None = None, *,
                        width: int = 120, **_unused: Any) -> str:
    plan = analysis.plan
    tasks, parties = with_order1(analysis)
    out = [plan.title,
           _("plan {plan} · {tasks} tasks · {parties} party entries · minimal cut sets up to order {order}").format(
               plan=plan.id, tasks=len(analysis.tasks), parties=len(analysis.parties), order=analysis.order),
           _counts(analysis),
           _("single points of failure: {tasks} of {all_tasks} tasks, {parties} of {all_parties} party entries")
           .format(tasks=tasks, all_tasks=len(analysis.tasks), parties=parties, all_parties=len(analysis.parties)),
           ""]
    out += _council(analysis)
    out += _causes(analysis)
    out += _others(analysis)
    if analysis.risk is not None:  # --probability, --importance, --at, --windows (FORMAT.md 7.4)
        from drill.reports.analyze_risk import risk_text_lines

        out += ["", *risk_text_lines(analysis)]
    if suggestions is not None:
        out += suggestion_lines(suggestions, FIX_LINES)
    else:
        out += ["", _("Fixes: drill analyze PLAN --suggest proposes the fewest plan changes it finds "
                      "(--fix-out FILE writes them).")]
    out += [_("Everything: --details · filters: --procedure ID, --rule ID, --party ID")]
    return "\n".join(_cut(line, width) for line in out) + "\n"


def _council(analysis: Analysis) -> list[str]:
    found = council_warnings(analysis)
    if not found:
        return [_("The council's warnings: none (self-dependent, shared-risk)"), ""]
    out = [_("The council's warnings (self-dependent, then shared-risk for channels separate on paper)")]
    for finding in found[:COUNCIL_LINES]:
        out.append(f"  {pad(severity_word(finding.severity), 8)} {pad(finding.rule, 15)} {finding.where}  "
                   f"{finding.brief}")
    if len(found) > COUNCIL_LINES:
        out.append("  " + _("and {n} more: --rule shared-risk --details").format(n=len(found) - COUNCIL_LINES))
    return out + [""]


def _causes(analysis: Analysis) -> list[str]:
    causes = root_causes(analysis)
    if not causes:
        return [_("Single points of failure: none"), ""]
    out = [ngettext("Single points of failure by root cause ({n} cause)",
                    "Single points of failure by root cause ({n} causes)", len(causes)).format(n=len(causes))]
    name_width = min(40, max(len(" = ".join(c.events)) for c in causes[:CAUSE_LINES]))
    for cause in causes[:CAUSE_LINES]:
        name = " = ".join(cause.events)
        what = [ngettext("{n} task in {steps}", "{n} tasks in {steps}", cause.tasks).format(
                    n=cause.tasks, steps=ngettext("{n} step", "{n} steps", len(cause.steps)).format(
                        n=len(cause.steps))) if cause.tasks else "",
                ngettext("{n} party entry", "{n} party entries", cause.party_entries).format(
                    n=cause.party_entries) if cause.party_entries else ""]
        line = _("  {name}  {kind}  silences {what} · {procedures} · from {origins}").format(
            name=pad(name, name_width), kind=kind_word(cause.kind), what=_(" and ").join(w for w in what if w),
            procedures=ngettext("{n} procedure", "{n} procedures", len(cause.procedures)).format(
                n=len(cause.procedures)),
            origins=ngettext("{n} origin", "{n} origins", cause.origins).format(n=cause.origins))
        if cause.folded:
            line += _(" (also covers {events}: each depends on it)").format(events=listing(list(cause.folded)))
        out.append(line)
    if len(causes) > CAUSE_LINES:
        out.append("  " + _("and {n} more: --details").format(n=len(causes) - CAUSE_LINES))
    return out + [""]


def _others(analysis: Analysis) -> list[str]:
    council = {id(f) for f in council_warnings(analysis)}
    counts: dict[tuple[str, str], int] = {}
    for finding in analysis.findings:
        if id(finding) not in council:
            key = (finding.rule, finding.severity)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return []
    parts = [_("{rule}: {count}").format(rule=rule, count=_severity_count(severity, n))
             for (rule, severity), n in counts.items()]
    return [_("Other findings (by rule): {parts}").format(parts=listing(parts, len(parts)))]


def change_text(change: tuple[str, ...]) -> str:
    if change[0] == "add-contact":
        return _("add a contact of {party} on {channel} (fill in its address)").format(
            party=change[1], channel=change[2])
    if change[0] == "add-via":
        return _("append {channel} to the via of step {step} in {procedure}").format(
            channel=change[3], step=change[2], procedure=change[1])
    return _("add {deputy} to the deputies of {party}").format(deputy=change[2], party=change[1])


def unfixable_text(item: Unfixable) -> str:
    """Why no suggested change removes this single point of failure, one sentence per reason id."""
    if item.reason == "every-channel":
        return _("every channel depends on {event}").format(event=item.event)
    if item.reason == "sender-contacts":
        return _("every contact {party} could send on depends on {event} (its only building or power?)").format(
            party=item.party, event=item.event)
    if item.reason == "party-contacts":
        return _("every contact {party} could be reached on depends on {event} (its only building or power?)"
                 ).format(party=item.party, event=item.event)
    return _("drill's search found no change that removes it")


def suggestion_lines(found: Suggestions, limit: int) -> list[str]:
    out = ["", ngettext("Suggested fixes: {n} change removes {before} order-1 cut sets ({after} left)",
                        "Suggested fixes: {n} changes remove {before} order-1 cut sets ({after} left)",
                        len(found.changes)).format(n=len(found.changes), before=found.before - found.after,
                                                   after=found.after)]
    for change in found.changes[:limit]:
        out.append("  " + change_text(change))
    if len(found.changes) > limit:
        out.append("  " + _("and {n} more: --format json --suggest, or --fix-out FILE").format(
            n=len(found.changes) - limit))
    seen: dict[tuple[str, str, str], int] = {}
    for item in found.unfixable:
        key = (item.reason, item.event, item.party)
        seen[key] = seen.get(key, 0) + 1
    if seen:
        out.append(ngettext("Unfixable: {n} single point of failure", "Unfixable: {n} single points of failure",
                            len(found.unfixable)).format(n=len(found.unfixable)))
        for (reason, event, party), n in list(seen.items())[:limit]:
            out.append("  " + _("{event} ({n}): {why}").format(
                event=event, n=n, why=unfixable_text(Unfixable((), event, reason, party))))
    return out


def render_suggestions_markdown(found: Suggestions) -> str:
    out = ["", "## " + _("Suggested fixes"), "",
           ngettext("{n} change removes {before} order-1 cut sets; {after} are left (unfixable).",
                    "{n} changes remove {before} order-1 cut sets; {after} are left (unfixable).",
                    len(found.changes)).format(n=len(found.changes), before=found.before - found.after,
                                               after=found.after), ""]
    out += [f"- `{change_dict(c)['change']}` " + change_text(c) for c in found.changes]
    if found.unfixable:
        out += ["", "### " + _("Unfixable"), ""]
        out += [f"- `{u.event}` ({'/'.join(u.entry)}): " + unfixable_text(u) for u in found.unfixable]
    return "\n".join(out) + "\n"


def suggestions_json(found: Suggestions) -> dict[str, Any]:
    """The JSON keys ``--suggest`` adds (FORMAT.md 7.4)."""
    return {"suggestions": [change_dict(c) for c in found.changes],
            "unfixable": [_unfixable_json(u) for u in found.unfixable]}


def _unfixable_json(item: Unfixable) -> dict[str, Any]:
    entry = item.entry
    where: dict[str, str] = ({"procedure": entry[1], "step": entry[2], "from": entry[3], "to": entry[4]}
                             if entry[0] == "task" else
                             {"procedure": entry[1], "origin": entry[2], "party": entry[3]})
    return {"kind": entry[0], **where, "event": item.event, "reason": item.reason,
            "reason_text": unfixable_text(item)}
