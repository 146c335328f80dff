"""What the README tells a reader to type is true."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_schema_modeline_of_a_sample_plan_names_the_schema_the_readme_writes(tmp_path: Path) -> None:
    modeline = re.search(r"`# yaml-language-server: \$schema=([^`]+)`", README)
    writes = re.search(r"^drill schema plan > (\S+)", README, re.M)
    assert modeline and writes
    plan = ROOT / "contact_plans" / "yamaguchi.yaml"
    assert (plan.parent / modeline.group(1)).resolve() == (ROOT / writes.group(1)).resolve()
    schema = subprocess.run([sys.executable, "-m", "drill", "schema", "plan"], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout
    jsonschema.validate(yaml.safe_load(plan.read_text(encoding="utf-8")), json.loads(schema))


def test_the_quick_start_has_exactly_two_commands() -> None:
    block = re.search(r"^#+\s*quick ?start.*?$(.*?)```[a-z]*\n(.*?)```", README, re.I | re.S | re.M)
    assert block
    lines = [line for line in block.group(2).splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(lines) == 2 and lines[0].endswith("drill run") and "pytest" in lines[1]
