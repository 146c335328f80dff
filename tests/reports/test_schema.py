"""The editor JSON Schema accepts every sample and example, and rejects broken files."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from drill.loading import plans, scenarios
from drill.reports.schema import plan_schema, render_schema, scenario_schema
from tests.reports.helpers import DATA, EXAMPLES, ROOT, drill

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (a dev dependency) is not installed")

PLANS = sorted((ROOT / "contact_plans").glob("*.yaml")) + [EXAMPLES / "plan.yaml", DATA / "plan-contacts.yaml"]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(EXAMPLES.glob("*-*.yaml"))


def _plain(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _errors(schema: dict, path: Path | str, text: str | None = None) -> list[str]:
    data = _plain(yaml.safe_load(text if text is not None else Path(path).read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(schema)
    out: list[str] = []

    def walk(errors: Any) -> None:  # anyOf/oneOf keep the real reasons in .context
        for error in errors:
            out.append(error.message)
            walk(error.context or [])

    walk(validator.iter_errors(data))
    return out


def test_schemas_are_valid_json_schema() -> None:
    for schema in (plan_schema(), scenario_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_plan_validates(path: Path) -> None:
    assert _errors(plan_schema(), path) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_scenario_validates(path: Path) -> None:
    assert _errors(scenario_schema(), path) == []


BROKEN_PLAN = """
plan: broken
channels:
  fax: {latncy: 5m}
parties:
  a: {lines: 0, contacts: {fax: {}}}
procedures:
  p:
    steps:
      - {id: s, from: a, to: a, via: [fax], within: soon}
"""


def test_broken_plan_is_rejected() -> None:
    errors = _errors(plan_schema(), "<broken>", BROKEN_PLAN)
    joined = "\n".join(errors)
    assert "latncy" in joined  # a typo is an error, as in drill validate
    assert any("0 is less than the minimum" in e for e in errors)
    assert any("soon" in e for e in errors)


def test_broken_scenario_is_rejected() -> None:
    text = "scenario: x\nplan: p.yaml\nstart: 2025-08-20T10:00\nincident: {type: t}\n" \
           "injects: [{fail: [a]}]\nexpect: [{step: s, informed: a}]\n"
    errors = _errors(scenario_schema(), "<broken>", text)
    assert any("'origin' is a required property" in e for e in errors)
    assert any("'at' is a required property" in e for e in errors)
    assert len(errors) >= 3


def test_schema_knows_every_loader_key() -> None:
    """The schema is built from the loader's own key lists, so they cannot drift apart."""
    schema = plan_schema()
    assert set(schema["properties"]) == set(plans.PLAN_KEYS)
    step = schema["properties"]["procedures"]["additionalProperties"]["properties"]["steps"]["items"]
    assert set(step["properties"]) == set(plans.STEP_KEYS)
    assert set(scenario_schema()["properties"]) == set(scenarios.SCENARIO_KEYS)


def test_cli_prints_json() -> None:
    code, out, _ = drill("schema", "scenario")
    assert code == 0 and json.loads(out)["title"] == "drill scenario"


#: Bad files whose fault only the loader can see: references between ids,
#: cycles, duplicate keys (YAML-level), files named by ``plan:``, which
#: timezones exist, calendar dates, the 366-day cap on text durations, NaN.
LOADER_ONLY = {
    "channel-in-component-depends.yaml", "component-cycle.yaml", "component-self-cycle.yaml",
    "duplicate-key.yaml", "duplicate-party.yaml", "duration-too-long.yaml", "group-cycle.yaml",
    "duration-nan.yaml",  # JSON has no NaN, and NaN compares with no maximum
    "id-channel-reuses-component.yaml", "id-party-reuses-channel.yaml", "merge-key.yaml", "own-deputy.yaml",
    "scenario-expect-unknown-group.yaml", "scenario-expect-unknown-step.yaml",
    "scenario-inject-restore-unknown.yaml", "scenario-inject-unknown-component.yaml",
    "scenario-inject-unknown-party.yaml", "scenario-origin-not-allowed.yaml", "scenario-plan-device.yaml",
    "scenario-plan-directory.yaml", "scenario-plan-invalid.yaml", "scenario-plan-missing.yaml",
    "scenario-plan-self.yaml", "scenario-start-bad-date.yaml", "scenario-unknown-origin.yaml",
    "scenario-unknown-type.yaml", "step-id-twice.yaml", "timezone-folder.yaml", "timezone-unknown.yaml",
    "unknown-calendar-contact.yaml", "unknown-calendar-party.yaml", "unknown-channel-in-contact.yaml",
    "unknown-channel-in-via.yaml", "unknown-component-assumes-down.yaml", "unknown-component-in-channel.yaml",
    "unknown-component-in-component.yaml", "unknown-component-in-contact.yaml", "unknown-deputy.yaml",
    "unknown-group-in-to.yaml", "unknown-nested-group.yaml", "unknown-origin-in-procedure.yaml",
    "unknown-party-in-from.yaml", "unknown-party-in-group.yaml", "unknown-party-in-to.yaml",
}
#: Not YAML documents a schema can look at (binary, empty, alias bombs, thousands deep).
NOT_DOCUMENTS = ("yaml-", "file-", "chains-", "base-")


def test_the_schema_refuses_every_bad_file_the_loader_refuses_but_for_references() -> None:
    """Schema and loader share their constants; on the bad-file corpus they agree.

    Every file of tests/data/bad/ is refused by the loader (test_loader_rules.py);
    the schema must refuse each too, unless its fault is one a schema cannot see
    (LOADER_ONLY).  A loose pattern (clock 25:00, 20,000 lines, a control
    character, a start without a time) fails here.
    """
    plan, scenario = json.loads(render_schema("plan")), json.loads(render_schema("scenario"))
    accepted = set()
    for path in sorted((ROOT / "tests" / "data" / "bad").glob("*.yaml")):
        if path.name.startswith(NOT_DOCUMENTS):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError):  # UnicodeDecodeError is a ValueError
            continue
        if not isinstance(data, dict):
            continue
        if not _errors(scenario if "scenario" in data else plan, path):
            accepted.add(path.name)
    assert accepted == LOADER_ONLY


@pytest.mark.parametrize(("old", "new"), [
    ('from: "08:30"', 'from: "25:00"'), ("lines: 2", "lines: 20000"), ("plan: bad-example", 'plan: "a\\u001bb"'),
    ("  duty:", '  "duty\\u200b":'), ("fail_after: 1m", 'fail_after: "\\uff13m"'),
])
def test_the_schema_refuses_what_the_loader_refuses(old: str, new: str) -> None:
    from drill.loading import load_plan_text
    from drill.model.errors import DrillError

    text = (ROOT / "tests" / "data" / "bad" / "base-plan.yaml").read_text(encoding="utf-8").replace(old, new, 1)
    with pytest.raises(DrillError):
        load_plan_text(text)
    assert _errors(json.loads(render_schema("plan")), "plan.yaml", text)
