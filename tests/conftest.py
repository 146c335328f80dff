"""Shared fixtures: where the samples and the worked examples are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "examples"
PLANS = ROOT / "contact_plans"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


def drill_cmd() -> list[str]:
    """The CLI as a subprocess, independent of PATH."""
    return [sys.executable, "-m", "drill"]


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    # English unless a test asks for Japanese (FORMAT.md 7.3), whatever the developer's locale
    for name in ("DRILL_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from drill import i18n

    i18n.set_language("en")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    os.environ.setdefault("COLUMNS", "120")
