"""``drill analyze --format json``: the shape of FORMAT.md section 4.

``plan``, ``order``, ``tasks``, ``parties`` and ``findings`` are the contract;
``summary``, ``ranking``, ``pairs``, each task's ``candidates`` and, with ``--baseline``,
``baseline`` are additions.  Contact addresses never appear.
"""

from __future__ import annotations

import json
from typing import Any

from drill.analysis.diff import CutKey, PlanDiff
from drill.analysis.results import Analysis, Finding


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "where": finding.where}


def _cut_key_to_dict(key: CutKey) -> dict[str, Any]:
    kind, ident, cut = key
    if kind == "task":
        procedure, step, sender, recipient = ident
        return {"kind": "task", "procedure": procedure, "step": step, "from": sender,
                "to": recipient, "cut_set": list(cut)}
    procedure, origin, party = ident
    return {"kind": "party", "procedure": procedure, "origin": origin, "party": party,
            "cut_set": list(cut)}


def analysis_to_dict(analysis: Analysis, diff: PlanDiff | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "plan": analysis.plan.id,
        "order": analysis.order,
        "summary": {
            "tasks": len(analysis.tasks),
            "parties": len(analysis.parties),
            "errors": analysis.count("error"),
            "warnings": analysis.count("warning"),
            "notes": analysis.count("note"),
        },
        "tasks": [
            {"procedure": t.procedure, "step": t.step, "from": t.sender, "to": t.recipient,
             "candidates": [{"to": party, "via": channel} for party, channel in t.candidates],
             "cut_sets": [list(c) for c in t.cut_sets]}
            for t in analysis.tasks
        ],
        "parties": [
            {"procedure": p.procedure, "origin": p.origin, "party": p.party,
             "cut_sets": [list(c) for c in p.cut_sets]}
            for p in analysis.parties
        ],
        "findings": [finding_to_dict(f) for f in analysis.findings],
        "ranking": [
            {"event": r.event, "kind": r.kind, "tasks_alone": r.tasks_alone,
             "parties_alone": r.parties_alone, "tasks_in_pairs": r.tasks_in_pairs,
             "parties_in_pairs": r.parties_in_pairs}
            for r in analysis.ranking
        ],
        "pairs": [
            {"events": list(r.events), "tasks": r.tasks, "parties": r.parties}
            for r in analysis.pairs
        ],
    }
    if diff is not None:
        data["baseline"] = {
            "plan": diff.old.plan.id,
            "path": diff.old.plan.path,
            "added": {"cut_sets": [_cut_key_to_dict(k) for k in diff.added_cut_sets],
                      "findings": [finding_to_dict(f) for f in diff.added_findings]},
            "removed": {"cut_sets": [_cut_key_to_dict(k) for k in diff.removed_cut_sets],
                        "findings": [finding_to_dict(f) for f in diff.removed_findings]},
        }
    return data


def render_analysis_json(analysis: Analysis, diff: PlanDiff | None = None, **_: Any) -> str:
    return json.dumps(analysis_to_dict(analysis, diff), ensure_ascii=False, indent=2) + "\n"
