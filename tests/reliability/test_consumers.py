"""Real consumers read drill's XML for plans with odd characters (issue 18, "from real consumers").

Ids may hold any printable text: ``&``, ``<``, quotes, CJK, emoji, combining
marks.  junitparser reads ``drill run --format junit`` and SCRAM validates
and analyses ``drill analyze --format open-psa``, and the ids come back as
written.  (U+FFFE/U+FFFF and the other characters XML 1.0 cannot hold are
refused by validation: ``test_hardening.py``.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.reports.analyze_openpsa import mef_unname, parse_task_gate

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

#: base-plan.yaml's ids and what they become
ODD_IDS = {
    "pref": "a&b<c>\"d'e",
    "duty": "県庁 当直",
    "town": "町🏯",
    "fax": "fax\u0301\u0323",
    "landline": "電話 ☎ ]]>",
    "report": "rep<&>ort",
    "virus": "ウイルス&amp;",
}


def _odd(text: str) -> str:
    for old, new in ODD_IDS.items():
        quoted = '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
        text = re.sub(rf"(?<![\w@-]){old}(?![\w-])", lambda _m, q=quoted: q, text)
    return text


@pytest.fixture
def odd_drill(tmp_path: Path) -> tuple[Path, Path]:
    plan = tmp_path / "odd-plan.yaml"
    plan.write_text(_odd((BAD / "base-plan.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    scenario = tmp_path / "odd-drill.yaml"
    text = (BAD / "base-scenario.yaml").read_text(encoding="utf-8").replace("base-plan.yaml", plan.name)
    scenario.write_text(_odd(text), encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", str(plan), str(scenario)]).exit_code == 0
    return plan, scenario


def test_junitparser_reads_the_junit_of_a_plan_with_odd_ids(odd_drill: tuple[Path, Path], tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser", reason="junitparser is in the dev extras")
    out = tmp_path / "junit.xml"
    result = CliRunner().invoke(cli, ["run", str(odd_drill[1]), "--format", "junit", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = [case for suite in suites for case in suite]
    assert cases
    text = " ".join(f"{case.name} {case.classname} " + " ".join(str(r.message) for r in case.result)
                    for case in cases)
    for ident in ("a&b<c>\"d'e", "町🏯", "rep<&>ort"):
        assert ident in text, (ident, text[:500])


SCRAM = shutil.which("scram")


@pytest.mark.skipif(SCRAM is None, reason="scram is not installed (apt-get install scram)")
def test_scram_reads_the_open_psa_of_a_plan_with_odd_ids(odd_drill: tuple[Path, Path], tmp_path: Path) -> None:
    model = tmp_path / "model.xml"
    result = CliRunner().invoke(cli, ["analyze", str(odd_drill[0]), "--format", "open-psa", "--out", str(model)])
    assert result.exit_code in (0, 1), result.output
    assert SCRAM is not None
    for options in (["--validate"], ["--probability", "true", "-o", str(tmp_path / "report.xml")]):
        done = subprocess.run([SCRAM, *options, str(model)], capture_output=True, text=True, cwd=tmp_path,
                              timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
    names = {mef_unname(e.get("name", "")) for e in ET.parse(model).getroot().iter("define-basic-event")}
    assert {"電話 ☎ ]]>", "fax\u0301\u0323"} <= names, names
    results = ET.parse(tmp_path / "report.xml").getroot().find("results")
    assert results is not None
    tasks = {parse_task_gate(e.get("name", "")) for e in results.iter("sum-of-products")}
    assert ("ウイルス&amp;", "rep<&>ort", "町🏯", "a&b<c>\"d'e") in tasks, tasks
