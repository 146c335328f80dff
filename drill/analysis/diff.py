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


def cut_keys(analysis: Analysis) -> list[CutKey]:
    keys: list[CutKey] = []
    for task in analysis.tasks:
        keys.extend(("task", _task_id(task), cut) for cut in task.cut_sets)
    for party in analysis.parties:
        keys.extend(("party", _party_id(party), cut) for cut in party.cut_sets)
    return keys


def diff_analyses(new: Analysis, old: Analysis) -> PlanDiff:
    new_cuts, old_cuts = cut_keys(new), cut_keys(old)
    old_set, new_set = set(old_cuts), set(new_cuts)
    old_findings = {f.key for f in old.findings}
    new_findings = {f.key for f in new.findings}
    return PlanDiff(
        new=new, old=old,
        added_cut_sets=tuple(k for k in new_cuts if k not in old_set),
        removed_cut_sets=tuple(k for k in old_cuts if k not in new_set),
        added_findings=tuple(f for f in new.findings if f.key not in old_findings),
        removed_findings=tuple(f for f in old.findings if f.key not in new_findings),
        unchanged_findings=tuple(f for f in new.findings if f.key in old_findings),
    )
