"""Fixtures for the national-scale tests: a small generated national plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.scale.generator import generate_national


@pytest.fixture(scope="session")
def small_national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two prefectures, nine municipalities: every feature of the national plan, quick to run."""
    root = tmp_path_factory.mktemp("national")
    generate_national(root, prefectures=2, municipalities=9, seed=1)
    return root
