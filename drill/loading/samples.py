"""Where the bundled sample plans and scenarios are.

In an installed wheel they live in ``drill/_samples``; in a source checkout
(or an editable install) they are the repository's ``contact_plans/`` and
``scenarios/`` folders.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = "jlis-virus-drill.yaml"


def sample_dirs() -> tuple[Path, Path]:
    """Return (contact_plans dir, scenarios dir)."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_samples"
    if (bundled / "scenarios").is_dir():
        return bundled / "contact_plans", bundled / "scenarios"
    root = package.parent
    return root / "contact_plans", root / "scenarios"


def default_scenario_path() -> Path:
    return sample_dirs()[1] / DEFAULT_SCENARIO
