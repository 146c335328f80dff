"""Kill a drill process mid-run, resume from its journal, and find the same state.

The child process runs the real control room headless (``run_test``), makes
a few moves and a live failure, says READY and waits; the test kills it with
SIGKILL (no clean-up runs), resumes from the journal in a new app, finishes the
drill with the same keys, and compares everything with a drill that was never
interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drill.engine import event_to_dict
from drill.reports import task_to_dict
from drill.tui.app import make_app
from tests.tui.helpers import CABLE_CUT, ROOT, SIZE, cable_cut, settle

BEFORE = ["n", "n", "f", "f", "a", "x", "enter", "enter", "n", "a", "t", "o", "w", "n", "-", "y", "enter", "enter"]
"""Keys pressed before the crash: two steps (T+00:05), fail fax, one step (T+00:08), town-y absent."""
AFTER = ["n", "r", "f", "a", "x", "enter", "enter", "e", "y"]
"""Keys pressed after: one step, restore fax, run to the end."""

CHILD = textwrap.dedent("""
    import asyncio, sys, time
    from drill.loading import load_scenario
    from drill.tui.app import make_app

    async def main():
        app = make_app(load_scenario(sys.argv[1]), journal_path=sys.argv[2], play_tick=None)
        async with app.run_test(size=(150, 44)) as pilot:
            await pilot.press(*sys.argv[3].split(","))
            await pilot.pause()
            print("READY", app.room.drill.now, flush=True)
            time.sleep(600)  # killed long before

    asyncio.run(main())
""")


def _state(drill) -> tuple:  # type: ignore[no-untyped-def]
    sim = drill.sim
    return (sim.now, sim.finished, [task_to_dict(t) for t in sim.tasks], dict(sim.informed),
            [json.dumps(event_to_dict(e), ensure_ascii=False) for e in sim.events])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
async def test_killed_drill_resumes_to_the_same_state(tmp_path: Path) -> None:
    journal = tmp_path / "drill.jsonl"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(script), str(CABLE_CUT), str(journal), ",".join(BEFORE)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("READY"), child.stderr.read() if child.stderr else line
        crashed_at = float(line.split()[1])
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert crashed_at == 8.0

    # resume: the state is exactly where it was
    resumed = make_app(resume=journal, play_tick=None)
    straight = make_app(cable_cut(), play_tick=None)
    async with straight.run_test(size=SIZE) as pilot:
        await pilot.press(*BEFORE)
        await pilot.pause()
        at_crash = _state(straight.room.drill)
        await pilot.press(*AFTER)
        await settle(pilot)
        uninterrupted = _state(straight.room.drill)
    async with resumed.run_test(size=SIZE) as pilot:
        assert _state(resumed.room.drill) == at_crash
        assert resumed.room.drill.sim.timeline.is_absent("town-y", 8.0)
        await pilot.press(*AFTER)
        await settle(pilot)
        assert _state(resumed.room.drill) == uninterrupted
        assert resumed.room.drill.finished
    # the journal now holds the whole drill, crash included
    from drill.engine.journal import replay_journal

    assert _state(replay_journal(journal)) == uninterrupted
