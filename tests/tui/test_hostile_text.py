"""Markup, and the crash dump, in every screen of the control room (issue 18, docs/security.md).

Ids such as ``[/x]`` or ``[link=...]`` must reach Textual as plain text: no
MarkupError, no hyperlink, no style, and the id on screen is the id in the
file.  A crash dump prints the traceback without local variables (they hold
contact addresses).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.hostile_text import MARKUP_IDS, write_markup_drill


async def test_markup_ids_reach_every_tui_screen_as_plain_text(tmp_path: Path) -> None:
    from drill.loading import load_scenario
    from drill.tui.app import make_app
    from drill.tui.widgets import InfrastructurePanel, TasksBoard
    from tests.tui.helpers import SIZE, settle

    _, scenario = write_markup_drill(tmp_path)
    app = make_app(load_scenario(str(scenario)), export_dir=str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        for key in ["n", "n", "n", "f", "escape", "a", "escape", "r", "escape", "question_mark", "escape",
                    "e", "y", "x"]:
            await pilot.press(key)
            await settle(pilot)
        infra = app.room.query_one(InfrastructurePanel)
        assert MARKUP_IDS["pref"] in infra.states and MARKUP_IDS["fax"] in infra.states
        labels = [str(node.label) for node in infra._item_nodes.values()]
        assert any(label.startswith(MARKUP_IDS["town"]) for label in labels)
        board = app.room.query_one(TasksBoard)
        assert any(MARKUP_IDS["pref"] in " ".join(row) for row in board._shown_rows.values())


async def test_the_plan_setup_screen_shows_markup_ids_as_written(tmp_path: Path) -> None:
    from drill.loading import load_plan
    from drill.tui.app import make_app
    from tests.tui.helpers import SIZE

    plan, _ = write_markup_drill(tmp_path)
    app = make_app(plan=load_plan(str(plan)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PlanSetupScreen"


async def test_the_tui_crash_dump_shows_no_local_variables(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from rich.console import Console

    from drill.tui.app import make_app
    from tests.tui.helpers import SIZE, cable_cut

    app = make_app(cable_cut())
    secret = "-".join(["083", "555", "0199", "private"])

    def boom() -> None:
        address = secret  # noqa: F841 - a local the dump must not show
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            app.room.action_next = boom  # type: ignore[method-assign]
            await pilot.press("n")
            await pilot.pause()
    console = Console(file=io.StringIO(), width=200)
    for renderable in app._exit_renderables:
        console.print(renderable)
    dump = console.file.getvalue() + capsys.readouterr().err  # type: ignore[attr-defined]
    assert "boom" in dump and secret not in dump
