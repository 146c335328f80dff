"""Random bytes and random Unicode in every input kind: exit 0, 1 or 2, never a traceback.

The kinds: a plan, a scenario, a run JSON (``drill report``), a journal
(``drill replay``, ``drill report``), a trainee's answers file (``drill
train --answers``) and a trainee's result file (``drill scores``).  Each is either wholly random or a valid file with random
text spliced in, so the checks past the parser are reached too.  Whatever
reaches the output must not carry an escape character from the input.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.cli import cli

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
BASE_PLAN = (BAD / "base-plan.yaml").read_text(encoding="utf-8")
BASE_SCENARIO = (BAD / "base-scenario.yaml").read_text(encoding="utf-8")
WALKTHROUGH = Path(__file__).resolve().parents[2] / "scenarios" / "holiday-night.yaml"

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(list("\x1b\r\n\t\u202e\u2028\ufffe\uffff\u200b[]/{}:\"'-@$#&*!|>")
                             + ["[/x]", "[link=x]", "\x1b[2J", "\ud800"]), max_size=30).map("".join),
)
BYTES = st.binary(max_size=300)
KINDS = st.sampled_from(["plan", "scenario", "run", "journal", "answers", "result"])
RESULT = {"trainee": "Sato", "scenario": "s", "plan": "p", "start": "2025-08-20T10:00", "end": 12.0,
          "steps": [{"kind": "ask", "text": "Who first?", "correct": True, "answer": 1},
                    {"kind": "act", "step": "report", "clock": 5.0, "at": 5.0, "plan_at": 5.0, "within": 10.0,
                     "attempts": [{"to": "pref", "via": "fax", "start": 0.0, "end": 5.0, "ok": True,
                                   "reason": None}],
                     "tasks": [{"to": "pref", "at": 5.0, "plan_at": 5.0}]}],
          "score": {"questions": 1, "correct": 1, "acts": 1, "delivered": 1, "on_time": 1}}


def _splice(valid: str, insert: str, where: float) -> str:
    cut = int(len(valid) * where)
    return valid[:cut] + insert + valid[cut:]


def _write(path: Path, content: str | bytes) -> None:
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)


def _valid_inputs(folder: Path) -> dict[str, str]:
    (folder / "base-plan.yaml").write_text(BASE_PLAN, encoding="utf-8")
    (folder / "base-scenario.yaml").write_text(BASE_SCENARIO, encoding="utf-8")
    run = CliRunner().invoke(cli, ["run", str(folder / "base-scenario.yaml"), "--format", "json"]).output
    from drill.engine.journal import LiveDrill
    from drill.loading import load_scenario

    live = LiveDrill.start(load_scenario(str(folder / "base-scenario.yaml")), journal_path=folder / "valid.jsonl")
    live.next()
    live.next()
    live.journal.close()  # type: ignore[union-attr]
    journal = (folder / "valid.jsonl").read_text(encoding="utf-8")
    return {"plan": BASE_PLAN, "scenario": BASE_SCENARIO, "run": run,
            "journal": journal,
            "answers": "- choice: 1\n- contact: {to: pref, via: fax}\n",
            "result": json.dumps(RESULT, indent=1)}


def _commands(kind: str, path: Path) -> list[list[str]]:
    if kind in ("plan", "scenario"):
        return [["validate", str(path)], ["run", str(path)]]
    if kind == "run":
        return [["report", str(path)]]
    if kind == "journal":
        return [["replay", str(path)], ["report", str(path)]]
    if kind == "result":
        return [["scores", str(path)], ["scores", str(path), "--format", "csv"]]
    return [["train", str(WALKTHROUGH), "--answers", str(path)]]


def _check(kind: str, content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _valid_inputs(folder)
        name = {"plan": "base-plan.yaml", "scenario": "base-scenario.yaml"}.get(kind, f"input.{kind}")
        path = folder / name
        _write(path, content)
        for args in _commands(kind, path):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                (args, repr(result.exception))
            assert "Traceback" not in result.output
            assert "\x1b" not in result.output, (args, result.output)


@FUZZ
@given(kind=KINDS, data=BYTES)
def test_random_bytes_in_every_input_kind(kind: str, data: bytes) -> None:
    _check(kind, data)


@FUZZ
@given(kind=KINDS, text=TEXT, where=st.floats(0, 1))
def test_random_unicode_spliced_into_every_input_kind(kind: str, text: str, where: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        valid = _valid_inputs(Path(tmp))[kind]
    _check(kind, _splice(valid, text, where))


@FUZZ
@given(kind=st.sampled_from(["run", "journal", "result"]), text=TEXT)
def test_random_unicode_as_a_json_string_value(kind: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        valid = _valid_inputs(Path(tmp))[kind]
    if kind == "run":
        record = json.loads(valid)
        record["title"] = text
        record["tasks"][0]["reason"] = text
        content = json.dumps(record)
    elif kind == "result":
        result = json.loads(valid)
        result["trainee"] = text
        result["steps"][0]["text"] = text
        content = json.dumps(result, ensure_ascii=False)
    else:
        lines = valid.splitlines()
        lines.append(json.dumps({"action": "live", "t": 5.0, "inject": {"at": 5.0, "note": text}}))
        content = "\n".join(lines) + "\n"
    _check(kind, content)


def test_the_valid_inputs_are_valid(tmp_path: Path) -> None:
    valid = _valid_inputs(tmp_path)
    for kind in ("run", "journal", "result"):
        path = tmp_path / f"input.{kind}"
        _write(path, valid[kind])
        for args in _commands(kind, path):
            assert CliRunner().invoke(cli, args).exit_code in (0, 1), args
