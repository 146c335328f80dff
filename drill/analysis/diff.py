"""``drill analyze NEW --baseline OLD``: what a change to a plan adds and removes.

Cut sets are compared by what they are about (task or party entry) and their
ids; findings by rule, severity and message (messages carry no line numbers,
so moving a block in the file does not make a finding "new").
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.analysis.results import Analysis, Finding, PartyResult, TaskResult
from drill.analysis.rules import severity_at_least

CutKey = tuple[str, tuple[str, ...], tuple[str, ...]]
"""("task" | "party", identifying fields, cut set)."""


@dataclass(frozen=True)
class PlanDiff:
    new: Analysis
    old: Analysis
    added_cut_sets: tuple[CutKey, ...]
    removed_cut_sets: tuple[CutKey, ...]
    added_findings: tuple[Finding, ...]
    removed_findings: tuple[Finding, ...]
    unchanged_findings: tuple[Finding, ...]

    def adds_at_least(self, threshold: str) -> bool:
        return any(severity_at_least(f.severity, threshold) for f in self.added_findings)


def _task_id(task: TaskResult) -> tuple[str, ...]:
    return (task.procedure, task.step, task.sender, task.recipient)


def _party_id(party: PartyResult) -> tuple[str, ...]:
    return (party.procedure, party.origin, party.party)


def _entries(analysis: Analysis) -> list[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    return ([("task", _task_id(t), t.cut_sets) for t in analysis.tasks]
            + [("party", _party_id(p), p.cut_sets) for p in analysis.parties])


def _cut_keys_missing(ours: Analysis, theirs: Analysis) -> tuple[CutKey, ...]:
    """The cut keys of ``ours`` that ``theirs`` lacks, in ``ours``' order.

    Entry by entry rather than as one set of every key: a national plan has
    millions of cut sets, and most entries are the same on both sides.
    """
    index = {(kind, ident): cuts for kind, ident, cuts in _entries(theirs)}
    out: list[CutKey] = []
    for kind, ident, cuts in _entries(ours):
        other = index.get((kind, ident), ())
        if cuts == other:
            continue
        known = set(other)
        out.extend((kind, ident, cut) for cut in cuts if cut not in known)
    return tuple(out)


def diff_analyses(new: Analysis, old: Analysis) -> PlanDiff:
    old_findings = {f.key for f in old.findings}
    new_findings = {f.key for f in new.findings}
    return PlanDiff(
        new=new, old=old,
        added_cut_sets=_cut_keys_missing(new, old),
        removed_cut_sets=_cut_keys_missing(old, new),
        added_findings=tuple(f for f in new.findings if f.key not in old_findings),
        removed_findings=tuple(f for f in old.findings if f.key not in new_findings),
        unchanged_findings=tuple(f for f in new.findings if f.key in old_findings),
    )
