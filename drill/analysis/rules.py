"""The lint rules of ``drill analyze``: ids, default severities and help.

One table shared by the linter, the SARIF renderer (rule metadata) and the
docs, so that a rule's name and advice are written once.  Rules are listed in
the order findings are reported: the council's two warnings first.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.i18n import N_

SEVERITIES = ("error", "warning", "note")
"""Most severe first.  ``--fail-on`` compares against this order."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    summary: str
    """One line: what the rule finds (summary, why and fix are message ids: translate where shown)."""
    why: str
    fix: str
    level: str
    """The most severe level the rule reports (SARIF defaultConfiguration)."""


RULES: tuple[Rule, ...] = (
    Rule("self-dependent", "SelfDependentProcedure",
         N_("A procedure reports an outage over what the outage takes down."),
         N_("A procedure with assumes_down describes an incident that takes those components or "
            "channels down. A step that prefers a channel depending on them reports the failure "
            "over the failed network: every such attempt fails, and a silent channel such as mail "
            "costs its whole fail_after before the next one is tried."),
         N_("Put a channel that does not depend on the assumed-down items first in via (telephone, "
            "fax, radio), or remove the dependent channel from the step."), "error"),
    Rule("shared-risk", "SharedRisk",
         N_("One component or channel failure silences a task or a party."),
         N_("Channels that look redundant on paper can share one cable, power supply or exchange. "
            "When a single failure takes down every candidate of a task, the plan has no fallback "
            "for it, whatever the number of channels listed."),
         N_("Add a candidate that does not depend on the named item (another channel, a deputy on "
            "different equipment), or make the item itself redundant and model the redundancy."), "error"),
    Rule("shared-fate-deputy", "SharedFateDeputy",
         N_("A deputy can only be reached through something its principal also depends on."),
         N_("A deputy is tried when the principal cannot be reached. If the failure that cuts off "
            "the principal also cuts off every contact of the deputy, the deputy never helps "
            "when it is needed."),
         N_("Give the deputy a contact that does not depend on the named item (a mobile phone on "
            "another carrier, a satellite phone), or choose a deputy elsewhere."), "error"),
    Rule("off-hours-gap", "OffHoursGap",
         N_("No candidate of a step can reach a party at night or on weekends."),
         N_("Incidents do not keep office hours. When every contact the step can use for a party "
            "is on a calendar that is closed at night or on weekends, the notification fails "
            "then, even with nothing broken."),
         N_("Add a deputy or a contact on an always-staffed calendar (a duty officer, a night "
            "number) and list its channel in the step's via."), "warning"),
    Rule("deadline-infeasible", "DeadlineInfeasible",
         N_("Even with nothing failed and everyone staffed, a task cannot meet its deadline."),
         N_("within is measured from t = 0. The earliest the task can be delivered is when its "
            "sender is first informed plus the step's delay plus the latency of its first "
            "candidate; if that is already late, the drill fails every time."),
         N_("Shorten the chain before the step, reduce delay, prefer a faster channel, or set a "
            "deadline the plan can meet."), "error"),
    Rule("no-common-channel", "NoCommonChannel",
         N_("A task has no candidate: sender and recipient (and its deputies) share no channel of via."),
         N_("The task fails as soon as it starts, with no attempt at all."),
         N_("Add a channel both parties have a contact for to the step's via, or add the missing "
            "contact to one of the parties."), "error"),
    Rule("unreachable", "UnreachableParty",
         N_("A party of a procedure is not informed even with nothing failed."),
         N_("Everything that party was meant to do (and everyone it was meant to notify) is "
            "blocked in every drill of the procedure."),
         N_("Add a step that notifies the party, or a channel on which it can be reached from a "
            "party that is informed."), "error"),
    Rule("stale-contact", "StaleContact",
         N_("A contact was last confirmed long ago, or never, in a plan whose other contacts are dated."),
         N_("Staff move every April. A number nobody has confirmed for a year may ring an empty desk "
            "or a person who left; the drill assumes it works."),
         N_("Confirm the contact and update its verified date (drill contacts export, check in "
            "Excel, drill contacts import)."), "warning"),
    Rule("unused", "UnusedDefinition",
         N_("A component, channel, party, group or calendar is never referenced."),
         N_("Dead definitions are usually typos or leftovers: a component nothing depends on is "
            "never failed by anything, and a channel no step lists is never tried."),
         N_("Reference it where it was meant to be used, or delete it."), "note"),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
RULE_ORDER: dict[str, int] = {rule.id: i for i, rule in enumerate(RULES)}


def severity_at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is as severe as ``threshold`` (``never`` matches nothing)."""
    if threshold == "never":
        return False
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)
