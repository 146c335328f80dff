"""``label_en`` beside ``label`` (FORMAT.md 7.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill import i18n
from drill.loading.plans import load_plan, load_plan_text
from drill.model.errors import PlanError
from drill.model.plan import display_label, label_with_id

ROOT = Path(__file__).resolve().parents[2]

PLAN = """\
plan: p
calendars:
  office: {label: 開庁時間, label_en: Office hours, from: "08:30", to: "17:15"}
components:
  power: {label: 電源, label_en: Mains power}
  cable: {label_en: Lead-in cable}
channels:
  phone: {label: 固定電話, label_en: Landline, depends_on: [power]}
parties:
  a: {label: 市町課, label_en: Municipal Affairs, hours: office, contacts: {phone: {}}}
  b: {contacts: {phone: {}}}
procedures:
  p:
    label: 第一報
    label_en: First report
    steps:
      - {id: s1, label: 県へ報告, label_en: Report to the prefecture, from: a, to: b, via: phone}
"""


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_label_en_is_read_on_every_kind_of_thing():
    plan = load_plan_text(PLAN)
    assert plan.calendars["office"].label_en == "Office hours"
    assert plan.components["power"].label_en == "Mains power"
    assert plan.channels["phone"].label_en == "Landline"
    assert plan.parties["a"].label_en == "Municipal Affairs"
    assert plan.procedures["p"].label_en == "First report"
    assert plan.procedures["p"].steps[0].label_en == "Report to the prefecture"


def test_display_label_follows_the_language_and_falls_back():
    plan = load_plan_text(PLAN)
    party, bare, cable = plan.parties["a"], plan.parties["b"], plan.components["cable"]
    assert display_label(party) == "Municipal Affairs"
    assert label_with_id(party) == "Municipal Affairs (a)"
    assert label_with_id(bare) == "b"
    i18n.set_language("ja")
    assert display_label(party) == "市町課"
    assert display_label(plan.calendars["office"]) == "開庁時間"
    assert display_label(cable) == "Lead-in cable"  # no Japanese label: the English one
    assert display_label(bare) == "b"
    assert label_with_id(party) == "市町課（a）"


def test_label_en_must_be_text_and_unknown_label_keys_are_refused():
    bad = PLAN.replace("label_en: Mains power", "label_en: [x]").replace(
        "label_en: Landline", "label_jp: x")
    with pytest.raises(PlanError) as info:
        load_plan_text(bad, "bad.yaml")
    text = str(info.value)
    assert "bad.yaml:5:" in text and "label_en must be text" in text
    assert "unknown key 'label_jp' in channel 'phone'" in text


def test_the_bundled_plan_has_an_english_label_for_everything_labelled():
    plan = load_plan(str(ROOT / "contact_plans" / "yamaguchi.yaml"))
    things = [*plan.calendars.values(), *plan.components.values(), *plan.channels.values(),
              *plan.parties.values()]
    assert things
    for thing in things:
        assert thing.label and thing.label_en, thing.id
