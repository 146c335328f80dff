"""The sections of an after-action report, in the order of the language's custom.

English follows the HSEEP after-action report / improvement plan: overview,
objectives, timeline, findings, improvement plan, appendix.  Japanese follows
the 訓練実施報告書 that prefectures and municipalities file: 目的, 日時, 想定,
参加機関, 結果 (objectives met, timeline, who reached whom), 課題, 改善策, then
the same appendix.  Both show the same content; Markdown and HTML render the
same sections from the same facts, each block in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.i18n import N_, _, current_language, ngettext
from drill.reports.aar.model import AfterAction, fmt_t


@dataclass(frozen=True)
class Section:
    """One heading of the report and the blocks under it (see the renderers for the block names)."""

    level: int
    """2 for a numbered section, 3 for a part of one."""
    title: str
    anchor: str | None
    """The HTML id of the heading, or None."""
    blocks: tuple[str, ...]


def sections(aar: AfterAction) -> list[Section]:
    """The report's sections in the current language's layout."""
    layout = _japanese(aar) if current_language() == "ja" else _hseep(aar)
    return [s for s in layout if s is not None]


def _hseep(aar: AfterAction) -> list[Section | None]:
    return [
        Section(2, _("1. Overview"), "overview", ("overview",)),
        Section(2, _("2. Objectives"), "objectives", ("objectives",)),
        Section(2, _("3. Timeline"), "timeline", ("timeline",)),
        Section(3, _("Who reached whom"), "graph", ("graph",)),
        Section(2, _("4. Findings"), "findings", ("findings",)),
        Section(3, _("What static analysis says about the plan"), None, ("analysis",)) if aar.analysis else None,
        Section(2, _("5. Improvement plan"), "improvement-plan", ("improvements",)),
        *_appendix(aar),
    ]


def _japanese(aar: AfterAction) -> list[Section | None]:
    return [
        Section(2, _("1 Purpose"), "purpose", ("purpose",)),
        Section(2, _("2 Date and time"), "when", ("when",)),
        Section(2, _("3 Scenario"), "scenario", ("scenario",)),
        Section(2, _("4 Participants"), "participants", ("participants",)),
        Section(2, _("5 Results"), "results", ("summary",)),
        Section(3, _("5.1 Objectives"), "objectives", ("objectives",)),
        Section(3, _("5.2 Timeline"), "timeline", ("timeline",)),
        Section(3, _("5.3 Who reached whom"), "graph", ("graph",)),
        Section(2, _("6 Issues"), "findings", ("findings",)),
        Section(3, _("What static analysis says about the plan"), "analysis", ("analysis",))
        if aar.analysis else None,
        Section(2, _("7 Improvements"), "improvement-plan", ("improvements",)),
        *_appendix(aar),
    ]


def _appendix(aar: AfterAction) -> list[Section | None]:
    return [Section(2, _("Appendix: attempt log"), "attempts", ("attempts",)),
            Section(3, _("Contacts of the participants"), None, ("contacts",)) if aar.contacts else None]


#: The rows of the fact tables (overview, date and time, scenario, participants).
FACTS = {
    "scenario": N_("Scenario"), "plan": N_("Plan"), "incident": N_("Incident"), "start": N_("Start"),
    "end": N_("Ended"), "duration": N_("Duration"), "notifications": N_("Notifications"),
    "took-part": N_("Took part"), "never-informed": N_("Never informed"),
}
OVERVIEW = ("scenario", "plan", "incident", "start", "duration", "notifications", "took-part", "never-informed")
WHEN = ("start", "end", "duration")
SCENARIO = ("scenario", "plan", "incident")
PARTICIPANTS = ("took-part", "never-informed")


def facts(aar: AfterAction, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) of each fact of ``keys`` the report has, as text (not escaped)."""
    values = {
        "scenario": f"{aar.scenario} — {aar.title}",
        "plan": aar.plan + (f" — {aar.plan_title}" if aar.plan_title else ""),
        "incident": _("{incident} raised by {origin}").format(incident=aar.incident or "—",
                                                              origin=aar.names.party(aar.origin)),
        "start": _("{start} ({timezone})").format(start=aar.start_text, timezone=aar.timezone or "—"),
        "end": aar.clock.date_text(aar.end),
        "duration": _("{duration} of drill time").format(duration=fmt_t(aar.end)),
        "notifications": notifications(aar.summary),
        "took-part": aar.names.parties(aar.participants),
        "never-informed": aar.names.parties(aar.not_informed),
    }
    return [(_(FACTS[key]), values[key]) for key in keys if key != "never-informed" or aar.not_informed]


def notifications(summary: dict[str, int]) -> str:
    """``4 tasks: 4 delivered, 0 late, 0 failed, 0 blocked``."""
    count = int(summary.get("tasks", 0))
    return ngettext("{n} task: {delivered} delivered, {late} late, {failed} failed, {blocked} blocked",
                    "{n} tasks: {delivered} delivered, {late} late, {failed} failed, {blocked} blocked",
                    count).format(n=count, delivered=summary.get("delivered", 0), late=summary.get("late", 0),
                                  failed=summary.get("failed", 0), blocked=summary.get("blocked", 0))


def verdict(aar: AfterAction) -> str:
    """One sentence: did the drill meet everything?"""
    if aar.ok:
        return _("every notification in time and every objective met")
    return _("the drill fell short")


#: Words of the root-cause kinds of :class:`~drill.reports.aar.model.RootCause`.
CAUSE_KINDS = {"component": N_("component"), "channel": N_("channel"), "unstaffed": N_("not staffed"),
               "absent": N_("absent"), "horizon": N_("drill ended first"), "unknown": N_("cause")}


def cause_kind(kind: str) -> str:
    word = CAUSE_KINDS.get(kind)
    return _(word) if word else kind
