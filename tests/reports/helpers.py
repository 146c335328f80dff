"""Shared helpers of the report tests: the CLI in-process and golden files."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from drill.cli import cli

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "tests" / "data" / "examples"
SAMPLES = ROOT / "scenarios"
ADDRESSES = ("0833-11-1111", "0833-11-1112", "shicho@pref.example.lg.jp", "083-922-0001", "083-922-0002",
             "090-9999-0001")


def drill(*args: str) -> tuple[int, str, str]:
    """Run ``drill ARGS`` in-process; return (exit code, stdout, stderr)."""
    runner = CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/reports/golden/NAME; DRILL_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("DRILL_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with DRILL_UPDATE_GOLDEN=1 and review the new file"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (DRILL_UPDATE_GOLDEN=1 to accept)"
