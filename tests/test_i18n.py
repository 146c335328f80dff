"""The message catalogs and language selection (FORMAT.md 7.3)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from drill import i18n
from drill.i18n import formats

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ja():
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


def test_every_message_has_a_translation_in_both_catalogs_and_mo_is_compiled():
    """Fails on any id without ja or en translation, or a stale .mo."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("option", "env", "expected"), [
    (None, {}, "en"),
    (None, {"LANG": "ja_JP.UTF-8"}, "ja"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "ja_JP", "LANG": "en_US"}, "ja"),
    (None, {"DRILL_LANG": "en", "LC_ALL": "ja_JP.UTF-8"}, "en"),
    (None, {"DRILL_LANG": "ja"}, "ja"),
    ("en", {"DRILL_LANG": "ja", "LANG": "ja_JP.UTF-8"}, "en"),
    ("ja", {}, "ja"),
])
def test_language_is_chosen_as_format_7_3_says(option, env, expected):
    assert i18n.select_language(option, env) == expected


def test_unknown_language_is_refused():
    with pytest.raises(i18n.LanguageError):
        i18n.select_language("fr", {})


def test_japanese_dates_weekdays_and_durations(ja):
    moment = datetime(2025, 10, 22, 10, 40)
    assert formats.datetime_text(moment) == "2025年10月22日（水）10:40"
    assert formats.duration_text(90) == "1時間30分"
    assert formats.duration_text(2.5) == "2分30秒"
    assert formats.listing(["a", "b", "c", "d", "e"]) == "a、b、c ほか2件"


def test_english_dates_and_durations():
    moment = datetime(2025, 10, 22, 10, 40)
    assert formats.datetime_text(moment) == "Wed 2025-10-22 10:40"
    assert formats.duration_text(90) == "1 h 30 min"
    assert formats.listing(["a", "b", "c", "d"]) == "a, b, c and 1 more"


def test_labels_follow_the_language(ja):
    assert i18n.pick_label("市町課", "Municipal Affairs", "pref") == "市町課"
    assert i18n.pick_label(None, "Municipal Affairs", "pref") == "Municipal Affairs"
    i18n.set_language("en")
    assert i18n.pick_label("市町課", "Municipal Affairs", "pref") == "Municipal Affairs"
    assert i18n.pick_label("市町課", None, "pref") == "市町課"
    assert i18n.pick_label(None, None, "pref") == "pref"


def test_status_words_are_japanese_under_ja_and_the_machine_values_in_english(ja):
    from drill.engine import STATUSES
    from drill.i18n.words import STATUS_WORDS, objective_word, status_word

    assert set(STATUS_WORDS) == set(STATUSES)
    assert [status_word(s) for s in ("delivered", "late", "failed", "blocked")] == [
        "伝達済み", "遅延", "不達", "未着手"]
    assert objective_word(False) == "未達成"
    i18n.set_language("en")
    assert [status_word(s) for s in STATUSES] == list(STATUSES)
    assert status_word("unknown-status") == "unknown-status"
