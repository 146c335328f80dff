"""Fixtures for the static-analysis tests: run from the repository root so that
``where`` fields and golden files carry stable relative paths."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
