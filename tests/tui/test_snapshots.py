"""Snapshots of the control room (review the SVGs in tests/tui/__snapshots__ like code).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from drill.tui.app import make_app
from drill.tui.widgets import InfrastructurePanel, TasksBoard
from tests.tui.helpers import SIZE, cable_cut, settle, task_of


def _app():  # type: ignore[no-untyped-def]
    return make_app(cable_cut(), play_tick=None)


def test_control_room_at_start(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), terminal_size=SIZE)


def test_control_room_mid_drill_with_the_cable_down(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), press=["n", "n", "n", "n"], terminal_size=SIZE)


def test_control_room_at_the_end(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("e", "y")
        await settle(pilot)

    assert snap_compare(_app(), run_before=run_before, terminal_size=SIZE)


def test_why_panel_of_a_task_with_failed_attempts(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("e", "y")
        await settle(pilot)
        room = pilot.app.room
        room.query_one(TasksBoard).move_cursor(row=task_of(room.drill.sim, "alert", "town-y"))
        await pilot.pause()

    assert snap_compare(_app(), run_before=run_before, terminal_size=SIZE)


def test_why_panel_of_a_component(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        infra = pilot.app.room.query_one(InfrastructurePanel)
        infra.focus()
        infra.move_cursor(infra._item_nodes[("component", "pref-cable")])
        await pilot.pause()

    assert snap_compare(_app(), run_before=run_before, terminal_size=SIZE)


def test_failure_picker(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), press=["n", "f", "p", "r"], terminal_size=SIZE)


def test_wide_characters_line_up(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Japanese ids and labels (two cells each) in every panel, a PBX on battery."""
    from drill.loading import load_scenario
    from tests.tui.helpers import ROOT

    app = make_app(load_scenario(str(ROOT / "tests" / "tui" / "data" / "jp-scenario.yaml")), play_tick=None)
    assert snap_compare(app, press=["n", "n", "n", "n"], terminal_size=SIZE)


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(), press=["question_mark"], terminal_size=SIZE)


def test_plan_setup_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    from drill.loading import load_plan
    from tests.tui.helpers import EXAMPLE_PLAN

    assert snap_compare(make_app(plan=load_plan(str(EXAMPLE_PLAN)), play_tick=None), terminal_size=SIZE)


def _sized_app():  # type: ignore[no-untyped-def]
    from drill.loading import load_scenario
    from tests.tui.helpers import ROOT

    return make_app(load_scenario(str(ROOT / "scenarios" / "shared-cable-cut.yaml")), play_tick=None)


def test_control_room_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n"], terminal_size=(80, 24))


def test_control_room_at_120x36(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n"], terminal_size=(120, 36))


def test_control_room_at_160x48(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n"], terminal_size=(160, 48))


def test_room_view_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n", "v"], terminal_size=(80, 24))


def test_room_view_at_160x48(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n", "v"], terminal_size=(160, 48))


def test_confirm_before_running_to_the_end(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "e"], terminal_size=(80, 24))


def test_room_view_at_120x36(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_sized_app(), press=["n", "n", "n", "v"], terminal_size=(120, 36))


def _japanese_app():  # type: ignore[no-untyped-def]
    """The Yamaguchi drill under ``--lang ja``: no English word but ids and the plan's own labels."""
    from drill.i18n import set_language

    set_language("ja")
    return _sized_app()


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 48)], ids=["80x24", "120x36", "160x48"])
def test_control_room_in_japanese(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_japanese_app(), press=["n", "n", "n"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 48)], ids=["80x24", "120x36", "160x48"])
def test_room_view_in_japanese(snap_compare, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_japanese_app(), press=["n", "n", "n", "v"], terminal_size=size)


def test_why_panel_in_japanese_at_the_end(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("e", "y")
        await settle(pilot)

    assert snap_compare(_japanese_app(), run_before=run_before, terminal_size=(120, 36))


def test_help_screen_in_japanese(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_japanese_app(), press=["question_mark"], terminal_size=(80, 24))
