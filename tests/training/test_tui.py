"""The trainee TUI driven by keys (Pilot), and snapshots of its key screens.

Same fixture and hand-computed times as test_headless: cable-cut (Wednesday
10:00, pref-cable cut at 8m).  In an act step the recipient list is focused:
Enter picks the highlighted recipient, then Enter on the channel list makes
the attempt (channels are listed in the step's ``via`` order first).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from drill.loading import load_scenario  # noqa: E402
from drill.tui.train.app import DebriefScreen, TrainApp, make_train_app  # noqa: E402
from drill.tui.train.widgets import Narrative  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SIZE = (120, 36)

#: say → ask (wrong: 2) → feedback → report: pref, lgwan-mail (0→5) → done → say (5m)
TO_ESCALATE = ["enter", "2", "enter", "enter", "enter", "enter", "enter"]
#: escalate: jlis, juki-net (5→10) → done → say (10m) → alert: town-x, lgwan-mail fails (10→30)
TO_FAILED_MAIL = [*TO_ESCALATE, "enter", "enter", "enter", "enter", "enter", "enter"]
#: focus stays on the channel list after the failed mail: town-x by fax (down, 30→36);
#: town-y (now highlighted first) by fax (enter, down, 36→42) → done → last say
TO_DEBRIEF = [*TO_FAILED_MAIL, "down", "enter", "enter", "down", "enter", "enter", "enter"]


def sync(test: Callable[[], Awaitable[None]]) -> Callable[[], None]:
    """Run an async Pilot test without an async pytest plugin."""

    def run() -> None:
        asyncio.run(test())

    run.__name__ = test.__name__
    run.__doc__ = test.__doc__
    return run


def app() -> TrainApp:
    return make_train_app(load_scenario(str(DATA / "cable-cut.yaml")))


@sync
async def test_whole_walkthrough_by_keys_reaches_the_debrief() -> None:
    train = app()
    async with train.run_test(size=SIZE) as pilot:
        for key in TO_DEBRIEF:
            await pilot.press(key)
            await pilot.pause()
        assert train.walk.finished
        assert isinstance(train.screen, DebriefScreen)
        walk = train.walk
        ask = [r for r in walk.records if r.kind == "ask"][0]
        assert (ask.answer, ask.correct) == (2, False)
        alert = [r for r in walk.records if r.kind == "act"][-1]
        assert [(a.to, a.via, a.start, a.end, a.ok) for a in alert.attempts] == [
            ("town-x", "lgwan-mail", 10.0, 30.0, False), ("town-x", "fax", 30.0, 36.0, True),
            ("town-y", "fax", 36.0, 42.0, True)]
        assert walk.clock == 42.0


@sync
async def test_failed_contact_is_explained_in_the_narrative() -> None:
    train = app()
    async with train.run_test(size=SIZE) as pilot:
        for key in TO_FAILED_MAIL:
            await pilot.press(key)
            await pilot.pause()
        lines = train.screen.query_one(Narrative).lines_text
        failure = [line for line in lines if "did NOT get through" in line]
        assert failure and "pref-cable" in failure[0] and "20 min lost" in failure[0]
        assert train.screen.focused is not None and train.screen.focused.id == "channels"
        assert train.walk.clock == 30.0


@sync
async def test_number_keys_hint_and_give_up() -> None:
    """'1' answers right; 'h' shows the act step's hint; 'g' gives up report at 0.

    The next step is the say at 2m, so the clock then moves to 2.
    """
    train = app()
    async with train.run_test(size=SIZE) as pilot:
        for key in ["enter", "1", "enter", "h", "g"]:
            await pilot.press(key)
            await pilot.pause()
        walk = train.walk
        ask = [r for r in walk.records if r.kind == "ask"][0]
        assert ask.correct is True
        report = [r for r in walk.records if r.kind == "act"][0]
        assert report.gave_up and report.at is None and report.end == 0.0
        assert walk.clock == 2.0
        lines = train.screen.query_one(Narrative).lines_text
        assert any("hint: LGWAN mail reaches" in line for line in lines)
        assert any("You gave up 'report'" in line for line in lines)


@sync
async def test_deputy_appears_in_the_recipient_list() -> None:
    """Saturday night: pref is closed; pref-duty is offered as its deputy and the call works (1 → 4)."""
    train = make_train_app(load_scenario(str(DATA / "saturday-night.yaml")))
    async with train.run_test(size=SIZE) as pilot:
        # say; report: pref by landline (2nd channel for pref: lgwan-mail, landline, fax) fails 0 → 1
        for key in ["enter", "enter", "down", "enter"]:
            await pilot.press(key)
            await pilot.pause()
        # focus stayed on the channel list; back to the recipients: the deputy is the second,
        # its first channel in via order is landline
        for key in ["shift+tab", "down", "enter", "enter"]:
            await pilot.press(key)
            await pilot.pause()
        report = [r for r in train.walk.records if r.kind == "act"][0]
        assert [(a.to, a.via, a.start, a.end, a.ok) for a in report.attempts] == [
            ("pref", "landline", 0.0, 1.0, False), ("pref-duty", "landline", 1.0, 4.0, True)]


def test_snapshot_question(snap_compare) -> None:
    assert snap_compare(app(), press=["enter"], terminal_size=SIZE)


def test_snapshot_failed_contact(snap_compare) -> None:
    assert snap_compare(app(), press=TO_FAILED_MAIL, terminal_size=SIZE)


def test_snapshot_debrief(snap_compare) -> None:
    assert snap_compare(app(), press=TO_DEBRIEF, terminal_size=SIZE)


@pytest.mark.parametrize("show", [False, True])
def test_addresses_only_with_show_contacts(show: bool) -> None:
    """town-x's landline has an address (personal data): in the contact panel only when asked."""

    async def scenario() -> None:
        train = make_train_app(load_scenario(str(DATA / "cable-cut.yaml")), show_contacts=show)
        async with train.run_test(size=SIZE) as pilot:
            for key in ["enter", "1", "enter"]:  # to act step 'report', sent by town-x
                await pilot.press(key)
                await pilot.pause()
            shown = str(train.screen.query_one("#sender-has").content)
            assert "landline" in shown
            assert ("0833-00-0000" in shown) is show

    asyncio.run(scenario())


@pytest.fixture
def japanese():
    """The trainee app in Japanese, from the real catalog."""
    from drill import i18n

    i18n.set_language("ja")
    yield
    i18n.set_language("en")


def test_snapshot_debrief_japanese(snap_compare, japanese) -> None:
    assert snap_compare(app(), press=TO_DEBRIEF, terminal_size=SIZE)


@sync
async def test_debrief_says_the_right_answer_and_has_no_empty_heading() -> None:
    train = app()
    async with train.run_test(size=SIZE) as pilot:
        for key in TO_DEBRIEF:
            await pilot.press(key)
            await pilot.pause()
        from drill.training import lessons

        found = lessons(train.walk)
        wrong = [line for line in found if line.startswith("Question 'What do you do first?'")]
        assert wrong and "The right answer: Unplug the terminal's LAN cable and leave it on" in wrong[0]
        assert "[" not in str(train.screen.query_one("#debrief").content).split("Lessons")[0].replace("[pref", "")


def test_debrief_writes_the_result_and_retry_starts_again(tmp_path: Path) -> None:
    asyncio.run(_writes_and_retries(tmp_path))


async def _writes_and_retries(tmp_path: Path) -> None:
    import json

    out = tmp_path / "sato.json"
    train = make_train_app(load_scenario(str(DATA / "cable-cut.yaml")), trainee="佐藤", out=str(out))
    async with train.run_test(size=SIZE) as pilot:
        for key in TO_DEBRIEF:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(train.screen, DebriefScreen) and train.screen.saved == str(out)
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["trainee"] == "佐藤" and data["score"]["acts"] == 3 and data["end"] == 42.0
        assert data["answers"][0] == {"choice": 2}
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(train.screen, DebriefScreen)
        assert train.walk.records and len(train.walk.records) == 1 and train.walk.clock == 0.0


def test_save_dialog_asks_for_the_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    asyncio.run(_saves_by_dialog(tmp_path))


async def _saves_by_dialog(tmp_path: Path) -> None:
    train = app()
    async with train.run_test(size=SIZE) as pilot:
        for key in TO_DEBRIEF:
            await pilot.press(key)
            await pilot.pause()
        debrief = train.screen
        await pilot.press("s")
        await pilot.pause()
        for key in ["T", "a", "r", "o", "enter", "enter"]:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(debrief, DebriefScreen) and debrief.saved == "train-cable-cut-trainee.json"
        import json

        assert json.loads((tmp_path / "train-cable-cut-trainee.json").read_text(encoding="utf-8"))["trainee"] == "Taro"
