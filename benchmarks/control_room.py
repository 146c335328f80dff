"""Run-to-end in the control room against ``drill run`` on the same scenario (issue 15: within 2x).

    python benchmarks/control_room.py [SCENARIO]   # default: a generated national plan

Prints both wall times (the control room's from pressing ``e`` to the ended
screen, in Textual's headless pilot at 160x48) and their ratio.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def _control_room(path: str) -> float:
    from drill.loading import load_scenario
    from drill.tui.app import make_app

    app = make_app(load_scenario(path), play_tick=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("e", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.room.drill.finished
        return time.perf_counter() - start


def main() -> None:
    if len(sys.argv) > 1:
        scenario = sys.argv[1]
    else:
        folder = Path(tempfile.mkdtemp(prefix="drill-bench-"))
        subprocess.run([sys.executable, "-m", "drill", "generate", "national", "--out", str(folder)],
                       check=True, cwd=ROOT, capture_output=True)
        scenario = str(folder / "scenarios" / "national-alert-weekday.yaml")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drill", "run", scenario, "--format", "json"], cwd=ROOT,
                   capture_output=True)
    run = time.perf_counter() - start
    room = asyncio.run(_control_room(scenario))
    print(f"drill run:                   {run:6.2f} s (whole process)")
    print(f"control room, e to the end:  {room:6.2f} s  ({room / run:.2f}x drill run; target <= 2x)")


if __name__ == "__main__":
    main()
