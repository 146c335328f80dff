"""Static analysis of contact plans: dependency closure, cut sets, lint, ranking, diff.

Pure functions over the model (FORMAT.md section 3, static semantics); the
renderers live in :mod:`drill.reports` and the command in ``drill analyze``.
"""

from drill.analysis.analyze import analyze_plan, rank_events
from drill.analysis.cutsets import MAX_ORDER, sort_cut_sets
from drill.analysis.diff import PlanDiff, diff_analyses
from drill.analysis.results import Analysis, Finding, PartyResult, RiskPair, RiskRow, TaskResult
from drill.analysis.rules import RULES, RULES_BY_ID, SEVERITIES, severity_at_least

__all__ = [
    "MAX_ORDER", "RULES", "RULES_BY_ID", "SEVERITIES", "Analysis", "Finding", "PartyResult",
    "PlanDiff", "RiskPair", "RiskRow", "TaskResult", "analyze_plan", "diff_analyses", "rank_events",
    "severity_at_least", "sort_cut_sets",
]
