"""Every bundled sample scenario can be walked through (smoke tests; no exact numbers).

A scripted trainee answers every question right and, in act steps, tries the
offered (party, channel) pairs in order, at most eight times, before giving
up.  The walkthrough must finish, the output must have the documented shape,
and the samples must carry walkthroughs (Japanese, and at least one English).
"""

from __future__ import annotations

import json

import pytest

from drill.loading import load_scenario
from drill.reports.train_text import render_walkthrough_text
from drill.training import Walkthrough, render_walkthrough_json
from tests.conftest import SCENARIOS

SAMPLES = sorted(SCENARIOS.glob("*.yaml")) if SCENARIOS.is_dir() else []


def play(walk: Walkthrough) -> None:
    tried: set[tuple[int, str, str]] = set()
    while not walk.finished:
        record = walk.current
        assert record is not None
        if record.kind == "say":
            walk.proceed()
        elif record.kind == "ask":
            right = [i for i, c in enumerate(record.step.choices, start=1) if c.correct]
            walk.choose(right[0] if right else 1)
        else:
            fresh = [o for o in walk.options() if (len(walk.records), o.party, o.channel) not in tried]
            if not fresh or len(record.attempts) >= 8:
                walk.give_up()
                continue
            tried.add((len(walk.records), fresh[0].party, fresh[0].channel))
            walk.attempt(fresh[0].party, fresh[0].channel)


@pytest.mark.skipif(not SAMPLES, reason="no sample scenarios in this checkout")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_walkthrough_runs_to_the_end(path) -> None:
    scenario = load_scenario(str(path))
    assert scenario.walkthrough, f"{path.name} has no walkthrough"
    walk = Walkthrough(scenario)
    play(walk)
    data = json.loads(render_walkthrough_json(walk))
    assert data["scenario"] == scenario.id
    assert set(data["score"]) >= {"questions", "correct", "acts", "on_time"}
    assert data["score"]["correct"] == data["score"]["questions"]
    for step in data["steps"]:
        assert step["kind"] in ("say", "ask", "act")
        if step["kind"] == "act":
            assert {"step", "attempts", "at", "plan_at"} <= set(step)
            for attempt in step["attempts"]:
                assert {"to", "via", "start", "end", "ok", "reason"} <= set(attempt)
                assert attempt["end"] >= attempt["start"]
    assert "Lessons" in render_walkthrough_text(walk)


@pytest.mark.skipif(not SAMPLES, reason="no sample scenarios in this checkout")
def test_samples_have_japanese_and_english_walkthroughs() -> None:
    def japanese(text: str) -> bool:
        """Mostly kana and kanji (an English text may quote a Japanese office name)."""
        cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
        return cjk > len(text.replace(" ", "")) / 3

    languages = []
    for path in SAMPLES:
        scenario = load_scenario(str(path))
        texts = " ".join((s.text or "") for s in scenario.walkthrough)
        languages.append(japanese(texts))
    assert any(languages), "no Japanese walkthrough"
    assert not all(languages), "no English walkthrough"


WORTH_TRAINING = ["jlis-virus-drill", "shared-cable-cut", "holiday-night", "power-cut-pbx-battery"]


@pytest.mark.parametrize("name", [f"{n}{suffix}" for n in WORTH_TRAINING for suffix in (".yaml", ".en.yaml")])
def test_walkthroughs_worth_training_on(name: str) -> None:
    """At least four act steps, each with a hint; questions with a right answer; the English is English."""
    scenario = load_scenario(str(SCENARIOS / name))
    acts = [s for s in scenario.walkthrough if s.kind == "act"]
    assert len(acts) >= 4
    assert all(s.hint for s in acts), [s.step for s in acts if not s.hint]
    asks = [s for s in scenario.walkthrough if s.kind == "ask"]
    assert len(asks) >= 3 and all(any(c.correct for c in s.choices) for s in asks)
    cjk = sum(1 for s in scenario.walkthrough for ch in (s.text or "") + (s.hint or "") if "\u3040" <= ch <= "\u9fff")
    assert (cjk == 0) == name.endswith(".en.yaml")


def test_the_japanese_and_english_walkthroughs_have_the_same_shape() -> None:
    for name in WORTH_TRAINING:
        ja = load_scenario(str(SCENARIOS / f"{name}.yaml")).walkthrough
        en = load_scenario(str(SCENARIOS / f"{name}.en.yaml")).walkthrough
        shape = [(s.kind, s.step, s.id, s.goto, s.on_fail, s.on_late, s.at, len(s.choices),
                  [c.correct for c in s.choices]) for s in ja]
        assert shape == [(s.kind, s.step, s.id, s.goto, s.on_fail, s.on_late, s.at, len(s.choices),
                          [c.correct for c in s.choices]) for s in en], name
