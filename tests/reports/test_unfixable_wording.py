"""Every reason ``--suggest`` can give for an unfixable single point of failure has its own sentence."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator

import pytest

from drill import i18n
from drill.analysis.suggest import UNFIXABLE_REASONS, Suggestions, Unfixable
from drill.analysis.suggest_bundles import unfixable_reason
from drill.reports.analyze_summary import (
    render_suggestions_markdown,
    suggestion_lines,
    unfixable_text,
)

ENTRY = ("party", "virus-suspected", "hagi", "hagi-kikaku")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _sentences(lang: str) -> dict[str, str]:
    i18n.set_language(lang)
    return {reason: unfixable_text(Unfixable(ENTRY, "pref-building", reason, "hagi-kikaku"))
            for reason in UNFIXABLE_REASONS}


def test_the_listed_reasons_are_every_reason_the_suggester_gives() -> None:
    given = set(re.findall(r'return "([a-z-]+)"', inspect.getsource(unfixable_reason)))
    assert given | {"not-found"} == set(UNFIXABLE_REASONS)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_reason_has_its_own_sentence(lang: str) -> None:
    sentences = _sentences(lang)
    assert all(s.strip() for s in sentences.values())
    assert len(set(sentences.values())) == len(UNFIXABLE_REASONS), sentences
    for reason in ("every-channel", "sender-contacts", "party-contacts"):
        assert "pref-building" in sentences[reason]
    for reason in ("sender-contacts", "party-contacts"):
        assert "hagi-kikaku" in sentences[reason]


def test_the_japanese_sentences_are_translated() -> None:
    english, japanese = _sentences("en"), _sentences("ja")
    for reason in UNFIXABLE_REASONS:
        assert japanese[reason] != english[reason]
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", japanese[reason]), japanese[reason]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_text_and_markdown_give_the_sentence_of_every_reason(lang: str) -> None:
    found = Suggestions((), tuple(Unfixable(ENTRY, "pref-building", r, "hagi-kikaku") for r in UNFIXABLE_REASONS),
                        before=4, after=4)
    sentences = _sentences(lang)
    text = "\n".join(suggestion_lines(found, limit=10))
    markdown = render_suggestions_markdown(found)
    for reason, sentence in sentences.items():
        assert sentence in text, (reason, text)
        assert sentence in markdown, (reason, markdown)
