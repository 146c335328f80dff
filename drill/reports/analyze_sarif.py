"""``drill analyze --format sarif``: SARIF 2.1.0 for code scanning.

Every result carries its rule id and a physical location (file, line and
column of the YAML node), so GitHub-style code scanning annotates the plan on
the right line.  The rule table (:mod:`drill.analysis.rules`) becomes the
driver's rule metadata, with the "why" and "how to fix" as help.  A stable
``partialFingerprints`` value (rule, severity and the canonical English,
ids-only message, whatever the language; no line numbers)
lets code scanning follow a finding when lines move.  With ``--baseline``,
results say whether they are ``new`` or ``unchanged``.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any
from urllib.parse import quote

from drill import __version__
from drill.analysis.diff import PlanDiff
from drill.analysis.results import Analysis, Finding
from drill.analysis.rules import RULES, RULES_BY_ID
from drill.i18n import _
from drill.model.errors import Location

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A relative URI for a path under the current folder, else an absolute file URI."""
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if relative.startswith(".."):
            return "file://" + quote(path.replace(os.sep, "/"), safe="/")
        path = relative
    return quote(path.replace(os.sep, "/"), safe="/")


#: The base of every relative URI: the folder ``drill analyze`` ran in (the
#: repository's root in CI).  Its absolute path is not written, so the file is
#: the same on every machine; code scanning resolves it to the checkout.
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT% when the file is under it, else an absolute URI."""
    uri = artifact_uri(path)
    return {"uri": uri} if uri.startswith("file://") else {"uri": uri, "uriBaseId": SRCROOT}


def _rule(rule_id: str) -> dict[str, Any]:
    rule = RULES_BY_ID[rule_id]
    why, fix = _(rule.why), _(rule.fix)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _(rule.summary)},
        "fullDescription": {"text": why},
        "help": {"text": _("{why}\n\nHow to fix: {fix}").format(why=why, fix=fix),
                 "markdown": _("{why}\n\n**How to fix:** {fix}").format(why=why, fix=fix)},
        "defaultConfiguration": {"level": rule.level},
    }


def _result(finding: Finding, plan_location: Location, baseline_state: str | None) -> dict[str, Any]:
    location = finding.location or plan_location
    region = {"startLine": max(location.line, 1)}
    if location.column > 0:
        region["startColumn"] = location.column
    fingerprint = hashlib.sha256("\0".join(finding.key).encode("utf-8")).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": [r.id for r in RULES].index(finding.rule),
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(location.path),
            "region": region,
        }}],
        "partialFingerprints": {"drillFinding/v1": fingerprint},
    }
    if baseline_state is not None:
        result["baselineState"] = baseline_state
    return result


def analysis_to_sarif(analysis: Analysis, diff: PlanDiff | None = None) -> dict[str, Any]:
    plan = analysis.plan
    plan_location = plan.location or Location(plan.path, 1, 1)
    unchanged = {f.key for f in diff.unchanged_findings} if diff is not None else set()
    results = []
    for finding in analysis.findings:
        state = None if diff is None else ("unchanged" if finding.key in unchanged else "new")
        results.append(_result(finding, plan_location, state))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "drill",
                "version": __version__,
                "fullName": _("drill analyze (see docs/analysis.md for every rule)"),
                "rules": [_rule(rule.id) for rule in RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": _("The folder drill analyze ran in; plans outside it have absolute file URIs.")}}},
            "artifacts": [{"location": artifact_location(plan.path or plan_location.path),
                           "roles": ["analysisTarget"]}],
            "properties": {"plan": plan.id, "order": analysis.order},
            "results": results,
        }],
    }


def render_analysis_sarif(analysis: Analysis, diff: PlanDiff | None = None, **_unused: Any) -> str:
    return json.dumps(analysis_to_sarif(analysis, diff), ensure_ascii=False, indent=2) + "\n"
