"""Issue 18: small files that hang drill, markup that reaches the terminal, files that leak, writers that corrupt.

Each test builds the smallest hostile input of one class and checks the
promise of docs/security.md it used to break: exit 0, 1 or 2 within seconds,
``path:line:column``, no traceback, no markup or control code from a file on
screen, no file content or address quoted, no half-written file.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import random
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.loading import load_plan_text
from drill.loading.reader import near_match
from drill.model.csv_cells import csv_cell
from drill.model.errors import DrillError
from drill.reports.junit import suite_xml
from drill.reports.xml_chars import xml_chars
from tests.reliability.hostile_text import MARKUP_IDS, write_markup_drill

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
BASE_PLAN = (BAD / "base-plan.yaml").read_text(encoding="utf-8")
BASE_SCENARIO = (BAD / "base-scenario.yaml").read_text(encoding="utf-8")


def drill(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        f"traceback: {result.exception!r}"
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def scenario_on(folder: Path, plan_text: str, scenario_text: str = BASE_SCENARIO) -> Path:
    (folder / "plan.yaml").write_text(plan_text, encoding="utf-8")
    path = folder / "drill.yaml"
    path.write_text(scenario_text.replace("base-plan.yaml", "plan.yaml"), encoding="utf-8")
    return path


# -- 1. bounded work ----------------------------------------------------------------


def doubling_groups_plan(levels: int = 40) -> str:
    groups = "groups:\n  towns: [town]\n  everyone: [\"@towns\", pref]\n  g0: [town, pref]\n" + "".join(
        f"  g{i}: [\"@g{i - 1}\", \"@g{i - 1}\"]\n" for i in range(1, levels + 1))
    text = BASE_PLAN.replace('groups:\n  towns: [town]\n  everyone: ["@towns", pref]\n', groups)
    return text.replace('to: "@towns"', f'to: "@g{levels}"').replace("origins: [town]", f'origins: ["@g{levels}"]')


def test_groups_that_name_the_previous_twice_expand_in_linear_time(tmp_path: Path) -> None:
    path = scenario_on(tmp_path, doubling_groups_plan(40))
    started = time.monotonic()
    assert drill("validate", str(path))[0] == 0
    assert drill("run", str(path), "--format", "json")[0] in (0, 1)
    assert drill("analyze", str(tmp_path / "plan.yaml"), "--format", "json")[0] in (0, 1)
    assert time.monotonic() - started < 30


def test_expansion_keeps_first_places_and_skips_cycles() -> None:
    plan = load_plan_text(doubling_groups_plan(5))
    assert plan.expand(["@g5", "duty"]) == ["town", "pref", "duty"]


def _retry_forever(folder: Path) -> Path:
    plan = BASE_PLAN.replace("fail_after: 1m}", "fail_after: 0m}").replace(
        "        via: [landline, fax]\n        within: 30m\n",
        "        via: [landline]\n        within: 30m\n        retry: {every: 1s, until: 366d}\n")
    scenario = BASE_SCENARIO.replace("horizon: 24h", "horizon: 366d").replace("at: 8m", "at: 0m").replace(
        "    restore: [cable]\n", "")
    return scenario_on(folder, plan, scenario)


def test_a_retry_every_second_for_a_year_stops_at_the_attempt_cap(tmp_path: Path) -> None:
    path = _retry_forever(tmp_path)
    started = time.monotonic()
    code, output = drill("run", str(path), env={"DRILL_MAX_ATTEMPTS": "2000"})
    assert code == 2
    assert "step 'report'" in output and "2,000 attempts" in output and "DRILL_MAX_ATTEMPTS" in output
    assert time.monotonic() - started < 20


def test_the_attempt_cap_is_overridable(tmp_path: Path) -> None:
    path = scenario_on(tmp_path, BASE_PLAN)
    assert drill("run", str(path), env={"DRILL_MAX_ATTEMPTS": "1"})[0] == 2
    assert drill("run", str(path), env={"DRILL_MAX_ATTEMPTS": "1000"})[0] in (0, 1)


def test_the_event_cap_stops_a_run_with_exit_2_and_names_its_variable(tmp_path: Path) -> None:
    path = _retry_forever(tmp_path)
    code, output = drill("run", str(path), env={"DRILL_MAX_EVENTS": "500", "DRILL_MAX_ATTEMPTS": "100000"})
    assert code == 2 and "DRILL_MAX_EVENTS" in output and "500" in output


def test_everyone_warns_everyone_is_refused_with_advice(tmp_path: Path) -> None:
    n = 60
    lines = ["plan: eww", "title: t", "timezone: Asia/Tokyo", "channels:", "  phone: {latency: 1m}", "parties:"]
    lines += [f"  p{i}: {{contacts: {{phone: {{}}}}}}" for i in range(n)]
    lines += ["groups:", "  all: [" + ", ".join(f"p{i}" for i in range(n)) + "]", "procedures:", "  warn:",
              "    steps:", '      - {id: w, from: $origin, to: "@all", via: [phone], within: 1h}']
    (tmp_path / "eww.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = drill("analyze", str(tmp_path / "eww.yaml"), env={"DRILL_MAX_TASKS": "1000"})
    assert code == 2
    assert "procedure 'warn'" in output and "1,000 tasks" in output and "origins:" in output


def test_millions_of_order_two_cut_sets_are_refused_with_advice(tmp_path: Path) -> None:
    m = 40
    lines = ["plan: cs", "title: t", "timezone: Asia/Tokyo", "components:"]
    for i in range(m):
        lines += [f"  a{i}: {{kind: power}}", f"  b{i}: {{kind: power}}"]
    lines += ["channels:", "  ca: {depends_on: [" + ", ".join(f"a{i}" for i in range(m)) + "]}",
              "  cb: {depends_on: [" + ", ".join(f"b{i}" for i in range(m)) + "]}",
              "parties:", "  x: {contacts: {ca: {}, cb: {}}}", "  y: {contacts: {ca: {}, cb: {}}}",
              "procedures:", "  go:", "    origins: [x]", "    steps:",
              "      - {id: s, from: x, to: y, via: [ca, cb], within: 1h}"]
    (tmp_path / "cs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = drill("analyze", str(tmp_path / "cs.yaml"), env={"DRILL_MAX_CUT_SETS": "1000"})
    assert code == 2 and "1,000 cut sets" in output and "--order 1" in output
    assert drill("analyze", str(tmp_path / "cs.yaml"), "--order", "1",
                 env={"DRILL_MAX_CUT_SETS": "1000"})[0] in (0, 1)


def test_did_you_mean_over_thousands_of_long_similar_names_answers_quickly() -> None:
    rng = random.Random(1)
    base = "municipality-emergency-management-office-duty-desk-"
    known = [base + "".join(rng.choice("abcdefgh") for _ in range(40)) for _ in range(4900)]
    started = time.monotonic()
    match = near_match(known[7][:-2] + "zz", known)
    assert time.monotonic() - started < 1.0
    assert match is not None and match.startswith(base)


@pytest.mark.parametrize("name", ["prf", "twn", "landlne", "fx", "xyz", "cabel", "every", ""])
def test_near_match_agrees_with_difflib_within_its_budget(name: str) -> None:
    words = ["pref", "town", "duty", "landline", "fax", "office", "power", "cable", "towns", "everyone"]
    expected = difflib.get_close_matches(name, words, n=1, cutoff=0.6)
    assert near_match(name, words) == (expected[0] if expected else None)


# -- 2. text from files is text -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit"])
def test_markup_ids_are_printed_as_written_by_every_run_format(tmp_path: Path, fmt: str) -> None:
    _, scenario = write_markup_drill(tmp_path)
    code, output = drill("run", str(scenario), "--format", fmt, "--color")
    if code == 2 and "invalid value for '--format'" in output.lower():
        pytest.skip(f"drill run has no --format {fmt}")
    assert code in (0, 1), output
    if fmt in ("text", "markdown"):
        assert MARKUP_IDS["pref"] in output and MARKUP_IDS["fax"] in output
    assert "\x1b]8;" not in output  # no terminal hyperlink


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "open-psa"])
def test_markup_ids_are_printed_as_written_by_every_analyze_format(tmp_path: Path, fmt: str) -> None:
    plan, _ = write_markup_drill(tmp_path)
    details = ["--details"] if fmt == "text" else []  # the summary names only what is wrong
    code, output = drill("analyze", str(plan), "--format", fmt, "--color", *details)
    assert code in (0, 1), output
    if fmt in ("text", "markdown"):
        assert MARKUP_IDS["pref"] in output
    assert "\x1b]8;" not in output


def test_markup_ids_in_validate_msel_graph_and_report(tmp_path: Path) -> None:
    plan, scenario = write_markup_drill(tmp_path)
    assert drill("validate", str(scenario))[0] == 0
    for args in (["msel", str(scenario)], ["graph", str(plan)], ["graph", str(plan), "--format", "dot"]):
        code, output = drill(*args)
        assert code in (0, 1), (args, output)
    code, output = drill("run", str(scenario), "--format", "json")
    (tmp_path / "run.json").write_text(output, encoding="utf-8")
    for fmt in ("markdown", "html"):
        assert drill("report", str(tmp_path / "run.json"), "--format", fmt)[0] in (0, 1)


# -- 3. one character policy ---------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("title: A small plan with one thing wrong", 'title: "a\\rb"', "U+000D"),
    ("title: A small plan with one thing wrong", 'title: "a\\u2028b"', "U+2028"),
    ("title: A small plan with one thing wrong", 'title: "a\\uFFFEb"', "U+FFFE"),
    ("title: A small plan with one thing wrong", 'title: "a\\uFFFFb"', "U+FFFF"),
    ("title: A small plan with one thing wrong", 'title: "a\\u200Fb"', "U+200F"),
    ("  duty:", '  "duty\\u200b":', "invisible character U+200B"),
    ("  duty:", '  "":', "an id cannot be empty"),
    ("  duty:", '  "' + "d" * 300 + '":', "300 characters long"),
    ("fail_after: 1m", 'fail_after: "\u0661\u0665m"', "fail_after"),
    ("fail_after: 1m", 'fail_after: "\uff13m"', "fail_after"),
    ('from: "08:30"', 'from: "\uff10\uff18:30"', "from"),
])
def test_the_character_policy_refuses_what_must_not_reach_a_terminal(old: str, new: str, expected: str) -> None:
    assert old in BASE_PLAN
    with pytest.raises(DrillError) as caught:
        load_plan_text(BASE_PLAN.replace(old, new, 1), "p.yaml")
    assert expected in str(caught.value)
    assert "d" * 100 not in str(caught.value)


def test_zero_width_joiners_are_fine_in_free_text() -> None:
    plan = load_plan_text(BASE_PLAN.replace("title: A small plan with one thing wrong",
                                            'title: "family \U0001F468\u200d\U0001F469"'))
    assert "\u200d" in plan.title


@pytest.mark.parametrize("start", ["2025-08-20", "2025-W34-3T10:00", "20250820T1000", "2025-08-20T10",
                                   "0001-01-01T00:00", "9999-12-31T23:59", "2025-08-20T10:00+09:00",
                                   "\uff12025-08-20T10:00"])
def test_start_is_exactly_a_local_date_and_time(tmp_path: Path, start: str) -> None:
    path = scenario_on(tmp_path, BASE_PLAN, BASE_SCENARIO.replace("start: 2025-08-20T10:00", f'start: "{start}"'))
    code, output = drill("validate", str(path))
    assert code == 2 and "drill.yaml:5:8" in output and "not a date and time" in output


def test_start_may_have_seconds(tmp_path: Path) -> None:
    path = scenario_on(tmp_path, BASE_PLAN, BASE_SCENARIO.replace("2025-08-20T10:00", "2025-08-20T10:00:30"))
    assert drill("validate", str(path))[0] == 0


def _run_record(tmp_path: Path) -> dict:
    path = scenario_on(tmp_path, BASE_PLAN)
    return json.loads(drill("run", str(path), "--format", "json")[1])


HOSTILE_RECORDS = {
    "escape in the title": lambda r: r.__setitem__("title", "\x1b]0;pwned\x07\x1b[2J"),
    "escape in an inject note": lambda r: r["injects"][0].__setitem__("note", "\x1b[31mred"),
    "bidi override in a reason": lambda r: r["tasks"][0].__setitem__("reason", "a\u202eb"),
    "tasks not a list": lambda r: r.__setitem__("tasks", {"a": 1}),
    "a bogus status": lambda r: r["tasks"][0].__setitem__("status", "exploded"),
    "at: soon": lambda r: r["tasks"][0].__setitem__("at", "soon"),
    "start not text": lambda r: r.__setitem__("start", 5),
    "start in year 1": lambda r: r.__setitem__("start", "0001-01-01T00:00"),
    "an attempt not a mapping": lambda r: r["tasks"][0].__setitem__("attempts", ["x"]),
    "informed a list": lambda r: r.__setitem__("informed", [1]),
    "files not a mapping": lambda r: r.__setitem__("files", "x"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_RECORDS))
def test_hostile_run_json_is_exit_2_without_escapes(tmp_path: Path, case: str) -> None:
    record = copy.deepcopy(_run_record(tmp_path))
    HOSTILE_RECORDS[case](record)
    (tmp_path / "run.json").write_text(json.dumps(record), encoding="utf-8")
    code, output = drill("report", str(tmp_path / "run.json"))
    assert code == 2, output
    assert "\x1b" not in output and "\u202e" not in output and str(tmp_path / "run.json") in output


def test_a_journal_line_with_an_escape_is_refused_at_its_line(tmp_path: Path) -> None:
    from drill.engine.journal import LiveDrill
    from drill.loading import load_scenario

    scenario = load_scenario(str(scenario_on(tmp_path, BASE_PLAN)))
    journal = tmp_path / "j.jsonl"
    live = LiveDrill.start(scenario, journal_path=journal)
    live.next()
    live.journal.close()  # type: ignore[union-attr]
    lines = journal.read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps({"action": "live", "t": 0.0, "inject": {"at": 0.0, "note": "\x1b[2J"}}))
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in ("replay", "report"):
        code, output = drill(command, str(journal))
        assert code == 2 and f"j.jsonl:{len(lines)}:1" in output and "\x1b" not in output


# -- 4. nothing leaks ------------------------------------------------------------------


def test_a_plan_that_is_not_yaml_is_not_quoted(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret-token-abc123 is here\n", encoding="utf-8")
    (tmp_path / "drill.yaml").write_text(BASE_SCENARIO.replace("base-plan.yaml", "secret.txt"), encoding="utf-8")
    code, output = drill("validate", str(tmp_path / "drill.yaml"))
    assert code == 2 and "secret-token" not in output and "must be a mapping" in output


@pytest.mark.parametrize("secret", ["api_token: sk-live-abc123\n", "sk-live-abc123: 1\nother: 2\n"])
def test_a_plan_that_is_some_other_yaml_mapping_is_not_quoted(tmp_path: Path, secret: str) -> None:
    (tmp_path / "config.yaml").write_text(secret, encoding="utf-8")
    (tmp_path / "drill.yaml").write_text(BASE_SCENARIO.replace("base-plan.yaml", "config.yaml"), encoding="utf-8")
    code, output = drill("validate", str(tmp_path / "drill.yaml"))
    assert code == 2 and "sk-live" not in output and "api_token" not in output
    assert "config.yaml:1:1: this is not a drill file" in output


def test_a_run_json_whose_plan_is_another_file_quotes_none_of_it(tmp_path: Path) -> None:
    (tmp_path / "drill.yaml").write_text(BASE_SCENARIO.replace("base-plan.yaml", str(BAD / "base-plan.yaml")),
                                         encoding="utf-8")
    code, output = drill("run", str(tmp_path / "drill.yaml"), "--format", "json")
    record = json.loads(output)
    (tmp_path / "netrc.yaml").write_text("machine-example-com-password-hunter2: x\n", encoding="utf-8")
    record["files"]["plan"] = str(tmp_path / "netrc.yaml")
    (tmp_path / "run.json").write_text(json.dumps(record), encoding="utf-8")
    code, output = drill("report", str(tmp_path / "run.json"), "--format", "markdown")
    assert code == 2 and "hunter2" not in output and "not a drill file" in output


def test_a_contact_written_as_its_address_is_not_quoted(tmp_path: Path) -> None:
    plan = BASE_PLAN.replace('landline: {address: "083-000-0000"}', 'landline: "083-555-0199"')
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    code, output = drill("validate", str(tmp_path / "plan.yaml"))
    assert code == 2 and "083-555-0199" not in output and "plan.yaml:20:17" in output


def test_a_huge_id_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    plan = BASE_PLAN.replace("to: pref\n", "to: " + "q" * 100_000 + "\n")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    code, output = drill("validate", str(tmp_path / "plan.yaml"))
    assert code == 2 and len(output) < 2_000


# -- 5. writers ---------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["", "newdir/"])
def test_an_empty_or_folder_out_is_a_usage_error(tmp_path: Path, out: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = scenario_on(tmp_path, BASE_PLAN)
    code, output = drill("run", str(path), "--out", out)
    assert code == 2 and "--out" in output
    assert not (tmp_path / "newdir").exists()


def test_generate_leaves_no_temporary_file(tmp_path: Path) -> None:
    code, _ = drill("generate", "national", "--prefectures", "1", "--municipalities", "3",
                    "--out", str(tmp_path / "n"))
    assert code == 0
    assert not [p for p in (tmp_path / "n").rglob("*") if p.name.endswith(".tmp")]


def test_a_full_disk_leaves_no_journal_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drill.engine.journal import JournalError, LiveDrill
    from drill.loading import load_scenario

    scenario = load_scenario(str(scenario_on(tmp_path, BASE_PLAN)))

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(JournalError, match="No space left"):
        LiveDrill.start(scenario, journal_path=tmp_path / "j.jsonl")
    assert not (tmp_path / "j.jsonl").exists()


def test_a_journal_write_that_fails_keeps_only_whole_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drill.engine.journal import JournalError, JournalWriter

    writer = JournalWriter(tmp_path / "j.jsonl")
    writer.write({"journal": "drill"})
    real = os.write

    def half(fd: int, data: bytes) -> int:
        real(fd, bytes(data[:3]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half)
    with pytest.raises(JournalError):
        writer.write({"t": 1.0, "event": "x"})
    assert (tmp_path / "j.jsonl").read_text(encoding="utf-8") == '{"journal": "drill"}\n'


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_resuming_a_read_only_journal_is_exit_2(tmp_path: Path) -> None:
    from drill.engine.journal import LiveDrill
    from drill.loading import load_scenario

    scenario = load_scenario(str(scenario_on(tmp_path, BASE_PLAN)))
    journal = tmp_path / "j.jsonl"
    LiveDrill.start(scenario, journal_path=journal).next()
    journal.chmod(0o444)
    with pytest.raises(DrillError):
        LiveDrill.resume(journal)


# -- 7. consumers ------------------------------------------------------------------------


def test_junit_drops_what_xml_cannot_carry() -> None:
    record = {"scenario": "s\ufffe", "title": "t\x01", "tasks": [
        {"step": "a\uffff", "from": "x", "to": "y", "status": "failed", "reason": "r\x0b\ud800", "attempts": []}],
        "expectations": [{"expect": {"delivered": "all"}, "ok": False, "detail": "d\x1b"}]}
    from drill.reports.record import RunRecord

    ElementTree.fromstring(suite_xml(RunRecord.from_dict(record)))  # parses


@pytest.mark.parametrize("text", ["a -- b", "ends with -", "]]> <&> \"'", "\ufffe\uffff\x01\x1b\ud800 x",
                                  "\U0001F600 \u2028"])
def test_open_psa_comments_and_labels_are_well_formed_whatever_they_hold(text: str) -> None:
    """Without SCRAM too (test_consumers runs SCRAM itself on odd ids)."""
    from drill.reports.analyze_openpsa import _comment, _label

    root = ElementTree.fromstring(f"<r>{_comment(text)}{_label(text, '')}</r>")  # parses
    assert root.find("label") is not None


def test_xml_chars_keeps_what_xml_allows() -> None:
    assert xml_chars("a\tb\nc\u00e9\U0001F600") == "a\tb\nc\u00e9\U0001F600"
    assert xml_chars("a\x00\x1b\ufffe\uffffb") == "ab"


@pytest.mark.parametrize(("cell", "shown"), [("@municipalities", "'@municipalities"), ("=1+1", "'=1+1"),
                                             ("+81", "'+81"), ("-5", "'-5"), ("pref", "pref"), ("", "")])
def test_csv_cells_are_never_formulas(cell: str, shown: str) -> None:
    assert csv_cell(cell) == shown


def test_sarif_locations_are_relative_to_srcroot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(BASE_PLAN, encoding="utf-8")
    code, output = drill("analyze", "plan.yaml", "--format", "sarif", "--fail-on", "never")
    run = json.loads(output)["runs"][0]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert run["artifacts"][0]["location"] == {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"}
    for result in run["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
