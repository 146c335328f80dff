"""The command line in Japanese and English (FORMAT.md 7.3): messages, problems, --help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill import i18n
from drill.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
CLEAN = {"DRILL_LANG": "", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    i18n.set_language("en")


def drill(*args: str, **env: str):
    result = CliRunner().invoke(cli, list(args), env={**CLEAN, **env}, prog_name="drill")
    return result.exit_code, result.stdout, result.stderr


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(str(BAD))]


@pytest.mark.parametrize("name", ["duplicate-party.yaml", "calendar-bad-day.yaml",
                                  "component-cycle.yaml", "duration-words.yaml",
                                  "duplicate-key.yaml", "file-empty.yaml"])
def test_a_bad_file_under_ja_names_the_same_places_in_japanese(name):
    path = str(BAD / name)
    code_en, _out, err_en = drill("validate", path)
    code_ja, _out, err_ja = drill("--lang", "ja", "validate", path)
    assert code_en == code_ja == 2
    en, ja = _lines(err_en), _lines(err_ja)
    assert en and len(en) == len(ja)
    places = re.compile(r"^(.*?:\d+:\d+|[^:]*\.yaml):")
    assert sorted(places.match(line).group(1) for line in en) == sorted(
        places.match(line).group(1) for line in ja)
    assert all(JAPANESE.search(line) for line in ja), ja
    assert not any(JAPANESE.search(line) for line in en), en


def test_problem_counts_read_right_in_both_languages(tmp_path):
    bad = tmp_path / "one.yaml"
    bad.write_text("plan: p\nparties:\n  a: {labl: x}\n", encoding="utf-8")
    code, _out, err = drill("run", str(bad), "--incident", "x@a")
    assert code == 2
    assert "drill: 1 problem found; fix it and run again" in err
    assert "problems" not in err
    code, _out, err = drill("run", str(bad), "--incident", "x@a", DRILL_LANG="ja")
    assert "drill: 問題が 1 件あります。直してからもう一度実行してください" in err
    assert "関係者 'a' に不明なキー 'labl' があります" in err


def test_validate_counts_files_with_plurals(tmp_path):
    code, _out, err = drill("validate", str(BAD / "duplicate-party.yaml"))
    assert "drill: 1 of 1 file invalid" in err
    code, _out, err = drill("validate", str(BAD / "duplicate-party.yaml"),
                            str(ROOT / "contact_plans" / "yamaguchi.yaml"))
    assert "drill: 1 of 2 files invalid" in err
    code, out, err = drill("--lang", "ja", "validate", str(ROOT / "contact_plans" / "yamaguchi.yaml"))
    assert code == 0 and "ok（計画 yamaguchi-juki）" in out


def test_run_help_is_japanese_only_when_asked():
    code, out_ja, _err = drill("--lang", "ja", "run", "--help")
    assert code == 0
    assert "使い方: drill run" in out_ja and "オプション:" in out_ja
    assert "訓練をシミュレーションし" in out_ja and "報告を標準出力ではなく FILE に書きます。" in out_ja
    assert "Simulate a drill" not in out_ja
    # the --format choices are untouched
    assert "[text|json|markdown|html|junit]" in out_ja
    code, out_en, _err = drill("run", "--help")
    assert "Usage: drill run" in out_en and "Simulate a drill and report every notification." in out_en
    assert not JAPANESE.search(out_en)


def test_group_help_follows_the_environment_and_lang_overrides_it():
    _code, out, _err = drill("--help", DRILL_LANG="ja")
    assert "コマンド:" in out and "統制者のコントロールルーム" in out
    _code, out, _err = drill("--help", LANG="ja_JP.UTF-8")
    assert "コマンド:" in out
    _code, out, _err = drill("--help", "--lang", "en", DRILL_LANG="ja")
    assert "Commands:" in out and "organiser's control room" in out
    # the English help of `contacts` names the office's 緊急連絡網 on purpose
    assert not JAPANESE.search(out.replace("緊急連絡網", ""))


def test_wrote_file_message_is_translated(tmp_path):
    out_file = tmp_path / "plan.schema.json"
    code, _out, err = drill("--lang", "ja", "schema", "plan", "--out", str(out_file))
    assert code == 0 and f"drill: {out_file} に書き出しました" in err
    code, _out, err = drill("schema", "plan", "--out", str(out_file))
    assert f"drill: wrote {out_file}" in err
