"""Fuzzing the loader: whatever bytes a user feeds drill, only drill's own error escapes.

Three sources of input: random YAML-like text, random documents built from
the format's own vocabulary (so they reach deep into the plan and scenario
rules), and random mutations of the worked examples (a typo, a deleted or
duplicated line, a truncated file).  The property is the same for all: the
loader either returns a model object or raises :class:`DrillError`; the CLI
exits 0 or 2 and never prints a traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.cli import cli
from drill.loading import load_document, load_plan_text
from drill.loading.plans import (
    CALENDAR_KEYS,
    CHANNEL_KEYS,
    COMPONENT_KEYS,
    CONTACT_KEYS,
    PARTY_KEYS,
    PLAN_KEYS,
    PROCEDURE_KEYS,
    STEP_KEYS,
)
from drill.loading.scenarios import INJECT_KEYS, SCENARIO_KEYS
from drill.model.errors import DrillError

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
PLAN_TEXT = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8")
SCENARIO_TEXTS = [(EXAMPLES / name).read_text(encoding="utf-8")
                  for name in ("cable-cut.yaml", "saturday-night.yaml")]

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

VOCABULARY = sorted(set(PLAN_KEYS + CALENDAR_KEYS + COMPONENT_KEYS + CHANNEL_KEYS + PARTY_KEYS
                        + CONTACT_KEYS + PROCEDURE_KEYS + STEP_KEYS + SCENARIO_KEYS + INJECT_KEYS
                        + ("id", "grace", "type", "origin", "every", "until", "step", "informed",
                           "delivered", "by", "say", "ask", "act", "choices", "text", "correct"))
                    ) + ["pref", "town-x", "town-y", "jlis", "pref-duty", "landline", "fax",
                         "lgwan-mail", "juki-net", "pref-cable", "pref-power", "office", "always",
                         "virus-suspected", "report", "alert", "$origin", "@towns", "all"]

SCALARS = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(["15m", "1h30m", "-5m", "90s", "0", "1e400", ".inf", "nan", "400d", "08:30",
                     "25:00", "2025-08-20T10:00", "2025-02-30", "Asia/Tokyo", "Asia", "", "~",
                     "plan.yaml", ".", "/", "\x00", "\u202e", "日本語"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
)


def _documents() -> st.SearchStrategy:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=8)), children,
                            max_size=6),
        ),
        max_leaves=40,
    )


def _must_be_drill_error(func, *args) -> None:
    try:
        func(*args)
    except DrillError:
        pass


@FUZZ
@given(st.lists(st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`?,\n \t.0123456789~")
                                + ["plan: ", "parties:", "\n  ", "!!python/object "]),
                max_size=120).map("".join))
def test_random_yaml_like_text_raises_only_drill_errors(text: str) -> None:
    _must_be_drill_error(load_plan_text, text, "fuzz.yaml")


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_drill_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "fuzz.yaml")
        with open(path, "wb") as handle:
            handle.write(data)
        _must_be_drill_error(load_document, path)


@FUZZ
@given(_documents())
def test_random_documents_raise_only_drill_errors(document: object) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    _must_be_drill_error(load_plan_text, text, "fuzz.yaml")


@FUZZ
@given(st.fixed_dictionaries({}, optional={key: _documents() for key in PLAN_KEYS}))
def test_random_plans_with_real_keys_raise_only_drill_errors(document: dict) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    _must_be_drill_error(load_plan_text, text, "fuzz.yaml")


@st.composite
def _mutations(draw: st.DrawFn, source: str) -> str:
    lines = source.splitlines(keepends=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            break
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "token", "insert", "truncate",
                                       "indent", "dedent"]))
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "token":
            words = [w for w in line.replace(",", " ").replace(":", " ").replace("[", " ")
                     .replace("]", " ").replace("{", " ").replace("}", " ").split() if w]
            if words:
                old = draw(st.sampled_from(words))
                new = draw(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)))
                lines[index] = line.replace(old, new, 1)
        elif action == "insert":
            column = draw(st.integers(min_value=0, max_value=len(line)))
            junk = draw(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#@ \n\t")), min_size=1,
                                max_size=3))
            lines[index] = line[:column] + junk + line[column:]
        elif action == "truncate":
            column = draw(st.integers(min_value=0, max_value=len(line)))
            lines = lines[:index] + [line[:column]]
        elif action == "indent":
            lines[index] = "  " + line
        else:
            lines[index] = line.lstrip(" ")
    return "".join(lines)


@FUZZ
@given(_mutations(PLAN_TEXT))
def test_mutated_plans_raise_only_drill_errors(text: str) -> None:
    _must_be_drill_error(load_plan_text, text, "plan.yaml")


@FUZZ
@given(st.sampled_from(SCENARIO_TEXTS).flatmap(_mutations),
       st.one_of(st.just(PLAN_TEXT), _mutations(PLAN_TEXT)))
def test_mutated_scenarios_raise_only_drill_errors(scenario: str, plan: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "plan.yaml").write_text(plan, encoding="utf-8")
        path = os.path.join(folder, "scenario.yaml")
        Path(path).write_text(scenario, encoding="utf-8")
        _must_be_drill_error(load_document, path)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SCENARIO_TEXTS).flatmap(_mutations))
def test_cli_on_mutated_scenarios_exits_0_1_or_2_without_traceback(scenario: str) -> None:
    """``drill run`` either runs the drill (0 or 1) or refuses it (2); never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(EXAMPLES / "plan.yaml", Path(folder, "plan.yaml"))
        path = os.path.join(folder, "scenario.yaml")
        Path(path).write_text(scenario, encoding="utf-8")
        result = CliRunner().invoke(cli, ["run", path, "--format", "json"])
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert result.stdout == ""


ROOT = EXAMPLES.parent.parent.parent
SAMPLE_PLAN = ROOT / "contact_plans" / "yamaguchi.yaml"
SAMPLE_SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SAMPLES = settings(max_examples=40, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.skipif(not SAMPLE_PLAN.exists(), reason="the bundled sample plan is missing")
@SAMPLES
@given(st.data())
def test_mutated_sample_plan_raises_only_drill_errors(data: st.DataObject) -> None:
    text = data.draw(_mutations(SAMPLE_PLAN.read_text(encoding="utf-8")))
    _must_be_drill_error(load_plan_text, text, "yamaguchi.yaml")


@pytest.mark.skipif(not SAMPLE_SCENARIOS, reason="the bundled sample scenarios are missing")
@SAMPLES
@given(st.data())
def test_mutated_sample_scenarios_raise_only_drill_errors(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(SAMPLE_SCENARIOS))
    text = source.read_text(encoding="utf-8").replace("../contact_plans/yamaguchi.yaml", str(SAMPLE_PLAN))
    mutated = data.draw(_mutations(text))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, source.name)
        Path(path).write_text(mutated, encoding="utf-8")
        _must_be_drill_error(load_document, path)
