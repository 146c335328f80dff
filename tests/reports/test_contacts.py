"""Personal data: contact addresses are absent from every format unless --show-contacts."""

from __future__ import annotations

import pytest

from tests.reports.helpers import ADDRESSES, DATA, drill

SCENARIO = str(DATA / "cable-cut-contacts.yaml")
NIGHT = str(DATA / "saturday-night-contacts.yaml")
PLAN = str(DATA / "plan-contacts.yaml")

FORMATS = [
    ("run", SCENARIO, "--format", "markdown"),
    ("run", SCENARIO, "--format", "html"),
    ("run", SCENARIO, "--format", "junit"),
    ("run", SCENARIO, NIGHT, "--format", "junit"),
    ("graph", PLAN, "--format", "dot"),
    ("graph", PLAN, "--format", "mermaid"),
    ("graph", PLAN, "--format", "svg", "--layout", "builtin"),
    ("msel", SCENARIO, "--format", "csv"),
    ("msel", SCENARIO, "--format", "markdown"),
]


def _found(text: str) -> list[str]:
    return [a for a in ADDRESSES if a in text]


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: "-".join(x for x in a if not x.startswith("/")))
def test_addresses_absent_by_default_present_on_request(args: tuple[str, ...]) -> None:
    _, hidden, _ = drill(*args)
    assert hidden.strip()
    assert _found(hidden) == []
    _, shown, _ = drill(*args, "--show-contacts")
    assert _found(shown), f"--show-contacts showed no address in {args}"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_run_text_and_json_never_show_addresses(fmt: str) -> None:
    _, out, _ = drill("run", SCENARIO, "--format", fmt)
    assert out.strip() and _found(out) == []


def test_report_from_run_json(tmp_path) -> None:  # noqa: ANN001
    run = tmp_path / "run.json"
    drill("run", SCENARIO, "--format", "json", "--out", str(run))
    for fmt in ("markdown", "html"):
        _, hidden, _ = drill("report", str(run), "--format", fmt)
        assert _found(hidden) == []
        _, shown, _ = drill("report", str(run), "--format", fmt, "--show-contacts")
        assert _found(shown)


def test_schema_and_coverage_carry_no_addresses() -> None:
    for args in (("schema", "plan"), ("schema", "scenario"), ("coverage", SCENARIO, "--format", "json")):
        _, out, _ = drill(*args)
        assert out.strip() and _found(out) == []
