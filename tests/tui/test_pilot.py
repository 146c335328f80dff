"""Drive the control room with Pilot, one binding at a time, and check the state it leaves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drill.tui.app import make_app
from drill.tui.screens import HelpScreen, PickerScreen, PlanSetupScreen
from drill.tui.screens.dialogs import NoteScreen
from drill.tui.widgets import (
    ClockBar,
    EventLog,
    InfrastructurePanel,
    ObjectivesPanel,
    TasksBoard,
    WhyPanel,
)
from tests.tui.helpers import SIZE, cable_cut, settle, task_of


def _parts(app):  # type: ignore[no-untyped-def]
    room = app.room
    return (room.query_one(ClockBar), room.query_one(TasksBoard), room.query_one(EventLog),
            room.query_one(InfrastructurePanel))


async def test_start_shows_the_drill_at_t0() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE):
        clock, board, log, infra = _parts(app)
        assert "T+00:00  10:00 Wed 2025-08-20 JST" in clock.plain
        assert "next T+00:00" in clock.plain
        assert [board.status_of(i) for i in range(4)] == ["not started"] * 4
        assert log.lines_text == []
        assert infra.states["pref-cable"] == "up"
        assert "T+00:08" in app.room.query_one("#upcoming").render().plain  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["n", "space"])
async def test_next_advances_one_moment(key: str) -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        clock, board, log, _ = _parts(app)
        assert "T+00:00" in clock.plain
        assert log.lines_text[0] == "T+00:00  informed: town-x"
        assert board.status_of(0) == "trying"
        await pilot.press(key)
        assert "T+00:05" in clock.plain and "10:05" in clock.plain
        assert board.status_of(0) == "delivered"
        assert "T+00:05  delivered report → pref via lgwan-mail" in log.lines_text
        await pilot.press(key)  # the scenario's inject at 8m
        assert "T+00:08" in clock.plain
        assert "T+00:08  inject: fail pref-cable" in log.lines_text
        assert _parts(app)[3].states["pref-cable"] == "FAILED since T+00:08"
        assert _parts(app)[3].states["lgwan-mail"] == "up"


async def test_e_runs_to_the_end_in_a_worker() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "y")
        await settle(pilot)
        clock, board, log, infra = _parts(app)
        assert "T+00:36" in clock.plain and "ENDED" in clock.plain
        assert [board.status_of(i) for i in range(4)] == ["delivered"] * 4
        assert log.lines_text[-1] == "T+00:36  drill ended"
        assert any("failed alert → town-y via lgwan-mail: pref-cable down since 8m" in line for line in log.lines_text)
        assert infra.states["pref-cable"] == "FAILED since T+00:08"
        objectives = app.room.query_one(ObjectivesPanel).plain
        assert "not met  town-y informed by 30m" in objectives
        assert "met  every task delivered within its deadline" in objectives
        assert app.room.drill.finished


async def test_p_plays_and_pauses_and_plus_minus_change_speed() -> None:
    app = make_app(cable_cut(), play_tick=None)
    async with app.run_test(size=SIZE) as pilot:
        room = app.room
        assert room.speed == 60 and not room.playing
        assert "paused 60×" in room.query_one(ClockBar).plain
        await pilot.press("p")
        assert room.playing and "▶ 60×" in room.query_one(ClockBar).plain
        await pilot.press("plus")
        assert room.speed == 600
        await pilot.press("plus")
        assert room.speed == 600
        await pilot.press("minus", "minus")
        assert room.speed == 10
        await pilot.press("minus", "minus")
        assert room.speed == 1
        await pilot.press("plus", "plus")
        assert room.speed == 60
        # one real minute at 60x is one drill hour: well past the end of this drill
        room.play_for(6.0)  # six seconds -> six drill minutes
        assert room.drill.now == pytest.approx(6.0)
        assert _parts(app)[1].status_of(0) == "delivered"
        await pilot.press("p")
        assert not room.playing
        room.play_for(60.0)  # paused: nothing moves
        assert room.drill.now == pytest.approx(6.0)
        await pilot.press("p")
        room.play_for(3600.0)
        assert room.drill.finished and not room.playing
        assert "ENDED" in room.query_one(ClockBar).plain


async def test_f_fails_a_channel_through_the_picker(tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    app = make_app(cable_cut(), journal_path=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert "fax" in [p.ident for p in picker.shown]
        fax = next(p for p in picker.picks if p.ident == "fax")
        assert "tasks" in fax.detail  # what depends on it
        await pilot.press("f", "a")
        assert [p.ident for p in picker.shown] == ["fax"]
        await pilot.press("enter")
        assert isinstance(app.screen, NoteScreen)  # an optional note for the record
        await pilot.press("enter")
        assert app.screen is app.room
        clock, board, log, infra = _parts(app)
        assert infra.states["fax"] == "FAILED since T+00:05"
        assert "T+00:05  organiser: fail fax" in log.lines_text
        await pilot.press("e", "y")
        await settle(pilot)
        log = _parts(app)[2]
        assert any("via fax: fax down since 5m" in line for line in log.lines_text)
    records = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert {"action": "live", "t": 5.0, "inject": {"at": 5.0, "fail": ["fax"]}} in records


async def test_escape_cancels_the_picker_without_changing_anything() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "escape")
        assert app.screen is app.room
        assert app.room.drill.sim.injects == list(cable_cut().injects)


async def test_r_restores_what_was_failed() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n", "n")  # T+00:08, pref-cable cut by the scenario
        await pilot.press("r")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert [p.ident for p in picker.picks] == ["pref-cable"]
        await pilot.press("enter", "enter")
        infra = _parts(app)[3]
        assert infra.states["pref-cable"] == "up"
        await pilot.press("e", "y")
        await settle(pilot)
        board = _parts(app)[1]
        sim = app.room.drill.sim
        # with the cable back at 8m, the alerts go by LGWAN mail and town-y is on time
        assert sim.tasks[task_of(sim, "alert", "town-y")].via == "lgwan-mail"
        assert board.status_of(task_of(sim, "alert", "town-y")) == "delivered"
        assert "\nmet  town-y informed" in app.room.query_one(ObjectivesPanel).plain


async def test_r_with_nothing_failed_offers_nothing() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        picker = app.screen
        assert isinstance(picker, PickerScreen) and picker.picks == []
        await pilot.press("enter", "escape")
        assert app.screen is app.room


async def test_a_marks_a_party_absent_and_back() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.press(*"pref", "enter", "enter")
        assert app.room.drill.sim.timeline.is_absent("pref", 0.0)
        assert "ABSENT" in _parts(app)[3].states["pref"]
        await pilot.press("n", "n")
        sim = app.room.drill.sim
        # pref is away: the report went to its deputy instead
        assert any("pref absent since 0m" in line for line in _parts(app)[2].lines_text)
        await pilot.press("a", *"pref", "enter", "enter")
        assert not sim.timeline.is_absent("pref", sim.now)
        assert "ABSENT" not in _parts(app)[3].states["pref"]
        assert [i.absent or i.back for i in sim.injects[-2:]] == [("pref",), ("pref",)]


async def test_x_exports_markdown_and_json(tmp_path: Path) -> None:
    app = make_app(cable_cut(), export_dir=str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "f", *"fax", "enter", "enter", "e", "y")
        await settle(pilot)
        await pilot.press("x")
        markdown, data = app.room.exported[0], app.room.exported[-1]  # type: ignore[index]
    text = Path(markdown).read_text(encoding="utf-8")
    assert text.startswith("# After-action report: Weekday virus report")
    assert "fail fax" in text
    report = json.loads(Path(data).read_text(encoding="utf-8"))
    assert report["finished"] is True and report["summary"]["tasks"] == 4
    assert {"at": 0.0, "fail": ["fax"], "live": True} in report["injects"]
    assert "083-" not in text  # no addresses


async def test_x_mid_drill_exports_the_state_so_far(tmp_path: Path) -> None:
    app = make_app(cable_cut(), export_dir=str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "x")
        data = app.room.exported[-1]  # type: ignore[index]
    report = json.loads(Path(data).read_text(encoding="utf-8"))
    assert report["finished"] is False
    assert [t["status"] for t in report["tasks"]] == ["trying", "not started", "not started", "not started"]


async def test_question_mark_opens_help_and_any_close_key_returns() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.room


async def test_q_quits_with_exit_code_0() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "q", "y")
        await pilot.pause()
    assert app.return_code == 0


async def test_why_panel_shows_the_failure_chain_of_a_task() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "y")
        await settle(pilot)
        sim = app.room.drill.sim
        board = _parts(app)[1]
        board.focus()
        board.move_cursor(row=task_of(sim, "alert", "town-y"))
        await pilot.pause()
        why = app.room.query_one(WhyPanel).plain
        assert "alert: pref → town-y  delivered" in why
        assert "lgwan-mail at pref → pref-cable → failed at T+00:08" in why
        assert "T+00:30 → town-y via fax   delivered T+00:36" in why


async def test_why_panel_shows_the_blast_radius_of_a_component() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        infra = _parts(app)[3]
        infra.focus()
        node = infra._item_nodes[("component", "pref-power")]
        infra.move_cursor(node)
        await pilot.pause()
        why = app.room.query_one(WhyPanel).plain
        assert "pref-power" in why and "components: pref-pbx" in why
        assert "juki-net at pref" in why and "landline at pref-duty" in why
        assert "tasks: report→pref" in why


async def test_ended_drill_refuses_live_actions() -> None:
    app = make_app(cable_cut())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "y")
        await settle(pilot)
        count = len(app.room.drill.sim.injects)
        await pilot.press("f")
        assert app.screen is app.room
        assert len(app.room.drill.sim.injects) == count


async def test_plan_mode_asks_for_the_incident_then_runs_it(tmp_path: Path) -> None:
    from drill.loading import load_plan
    from tests.tui.helpers import EXAMPLE_PLAN

    app = make_app(plan=load_plan(str(EXAMPLE_PLAN)), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlanSetupScreen)
        from textual.widgets import Input, Select

        app.screen.query_one("#setup-origin", Select).value = "town-y"
        start = app.screen.query_one("#setup-start", Input)
        start.value = "2025-08-23T22:00"  # Saturday night: nobody at the offices
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        room = app.room
        assert room.drill.scenario.origin == "town-y"
        assert "22:00 Sat 2025-08-23 JST" in room.query_one(ClockBar).plain
        await pilot.press("e", "y")
        await settle(pilot)
        sim = room.drill.sim
        assert sim.tasks[task_of(sim, "report", "pref")].by == "pref-duty"
    from drill.engine.journal import replay_journal

    assert replay_journal(tmp_path / "j.jsonl").result().informed["pref-duty"] == 26.0


async def test_plan_mode_rejects_a_bad_start_time_on_screen() -> None:
    from drill.loading import load_plan
    from tests.tui.helpers import EXAMPLE_PLAN

    app = make_app(plan=load_plan(str(EXAMPLE_PLAN)))
    async with app.run_test(size=SIZE) as pilot:
        from textual.widgets import Input, Label

        app.screen.query_one("#setup-start", Input).value = "next tuesday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanSetupScreen)
        assert "--start 'next tuesday'" in str(app.screen.query_one("#setup-error", Label).render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_play_mode_moves_the_clock_in_real_time() -> None:
    """With the real timer: playing at 600x for a moment moves the drill clock on its own."""
    app = make_app(cable_cut(), speed=600, play_tick=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        for _ in range(200):
            if app.room.drill.now > 0:
                break
            await pilot.pause(0.02)
        assert app.room.drill.now > 0
        await pilot.press("p")


async def test_the_bundled_default_drill_runs_to_its_end() -> None:
    """Smoke test on the Yamaguchi sample (numbers not pinned: the sample may still change)."""
    from drill.loading import default_scenario_path, load_scenario

    path = default_scenario_path()
    if not path.exists():
        pytest.skip(f"no default drill at {path}")
    app = make_app(load_scenario(str(path)), play_tick=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("n", "e", "y")
        await settle(pilot)
        clock, board, log, infra = _parts(app)
        sim = app.room.drill.sim
        assert "ENDED" in clock.plain
        assert {board.status_of(t.index) for t in sim.tasks} <= {"delivered", "late", "failed", "blocked"}
        assert log.lines_text[-1].endswith("drill ended")
        assert set(infra.states) == set(sim.plan.components) | set(sim.plan.channels) | set(sim.plan.parties)


async def test_labels_and_notes_keep_the_spaces_they_were_written_with(tmp_path: Path) -> None:
    """A YAML block's line breaks become spaces; the author's own spaces stay on screen, as in the JSON."""
    from tests.tui.helpers import ROOT

    data = ROOT / "tests" / "tui" / "data"
    plan = (data / "jp-plan.yaml").read_text(encoding="utf-8").replace("label: 周南市 市民課", "label: 周南市  市民課")
    (tmp_path / "jp-plan.yaml").write_text(plan, encoding="utf-8")
    scenario = (data / "jp-scenario.yaml").read_text(encoding="utf-8").replace(
        "    note: 工事で切断\n", "    note: >\n      工事で  切断\n      （二重  空白）\n")
    (tmp_path / "s.yaml").write_text(scenario, encoding="utf-8")
    from drill.loading import load_scenario

    app = make_app(load_scenario(str(tmp_path / "s.yaml")), play_tick=None)
    async with app.run_test(size=SIZE) as pilot:
        upcoming = app.room.query_one("#upcoming").render().plain  # type: ignore[attr-defined]
        assert "T+00:00  fail 引込ケーブル — 工事で  切断 （二重  空白）\n" in upcoming
        assert "\n\n" not in upcoming  # the block's final line break is not a blank line
        await pilot.press("n")
        log = _parts(app)[2]
        assert "T+00:00  inject: fail 引込ケーブル — 工事で  切断 （二重  空白）" in log.lines_text
        assert any("周南市 周南市  市民課" in line for line in log.lines_text)
