"""Words for machine values, for people (FORMAT.md 7.3).

JSON, SARIF levels, exit codes and ids keep the machine values
(``delivered``, ``late``, ``failed``, ``blocked``, ``error``...).  Text,
Markdown, HTML and the screens show the word of the current language from
these tables.  The Japanese choices and why are in docs/language.md:

=========  ===========  ==========================================================
status     Japanese     meaning
=========  ===========  ==========================================================
delivered  伝達済み     got through within its deadline (or it had none)
late       遅延         got through, after its deadline
failed     不達         every attempt failed: the party was never reached
blocked    未着手       never attempted: the sender itself was never informed
=========  ===========  ==========================================================
"""

from __future__ import annotations

from drill.i18n import N_, _, ngettext

#: Task statuses (engine ``STATUSES``) -> the word people read.
STATUS_WORDS = {
    "delivered": N_("delivered"),
    "late": N_("late"),
    "failed": N_("failed"),
    "blocked": N_("blocked"),
}

#: An objective (a scenario ``expect``) met or not.
OBJECTIVE_WORDS = {True: N_("met"), False: N_("not met")}

#: Severity of an analysis finding (SARIF level, ``--fail-on``).
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info"),
                  "note": N_("note")}


def status_word(status: str) -> str:
    """``delivered`` → ``伝達済み`` under ja; an unknown status is shown as it is."""
    word = STATUS_WORDS.get(status)
    return _(word) if word else status


def objective_word(met: bool) -> str:
    return _(OBJECTIVE_WORDS[bool(met)])


def severity_word(severity: str) -> str:
    word = SEVERITY_WORDS.get(severity)
    return _(word) if word else severity


def status_counts(counts: dict[str, int]) -> str:
    """``26 delivered, 0 late, 0 failed, 0 blocked`` / ``伝達済み 26、遅延 0、不達 0、未着手 0``."""
    return _(", ").join(_("{count} {status}").format(count=counts.get(status, 0), status=status_word(status))
                        for status in STATUS_WORDS)


def tasks_summary(counts: dict[str, int]) -> str:
    """``26 tasks: 26 delivered, 0 late, …`` from a run summary (``tasks`` and a count per status)."""
    return ngettext("{n} task: {counts}", "{n} tasks: {counts}", counts["tasks"]).format(
        n=counts["tasks"], counts=status_counts(counts))


__all__ = ["OBJECTIVE_WORDS", "SEVERITY_WORDS", "STATUS_WORDS", "objective_word", "severity_word",
           "status_counts", "status_word", "tasks_summary"]
