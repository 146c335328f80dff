"""``drill analyze --suggest`` at national scale: the number of changes, order-1 cut sets before and after, time.

Run from the repository root (it is heavy: run it with ``nice`` on a shared machine)::

    nice python benchmarks/suggest.py            # the national plan (47 / 1,741)
    nice python benchmarks/suggest.py --quick    # one prefecture
    nice python benchmarks/suggest.py --summary --repeat 3    # only ``drill analyze PLAN``, three times

Generates the plan (``drill generate national``), then measures:

- ``drill analyze PLAN`` (the one-screen text summary) and ``drill analyze PLAN
  --suggest`` as a user runs them: wall time, CPU time (user + system) and peak
  resident memory of the whole process, Python start-up included;
- in this process, the suggestion search alone (``drill.analysis.suggest.suggest``
  on the cut sets of an order-1 analysis, the cyclic garbage collector paused as
  ``drill analyze`` does): its wall and CPU time, the number of changes by kind,
  the order-1 cut sets (tasks and party entries) before and after, and the
  unfixable ones by reason.

Never fails on a figure; exits non-zero only when a command breaks.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DRILL = [sys.executable, "-m", "drill"]


def timed(command: list[str], timeout: float) -> str:
    """Wall time, CPU time (user + system) and peak resident memory of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            return "timed out"
        time.sleep(0.05)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return (f"{time.perf_counter() - start:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU, "
            f"peak {usage.ru_maxrss / 1024:.0f} MiB")


def search(plan_path: str) -> list[tuple[str, str]]:
    from drill.analysis.analyze import analyze_plan
    from drill.analysis.suggest import pairs_of, suggest
    from drill.loading import load_plan

    gc.disable()
    plan = load_plan(plan_path)
    pairs = pairs_of(analyze_plan(plan, 1))
    wall, cpu = time.perf_counter(), time.process_time()
    found = suggest(plan, pairs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    kinds = Counter(change[0] for change in found.changes)
    reasons = Counter(item.reason for item in found.unfixable)
    return [("changes", f"{len(found.changes):,} (" + ", ".join(f"{n:,} {k}" for k, n in sorted(kinds.items()))
             + ")"),
            ("order-1 cut sets before", f"{found.before:,}"),
            ("order-1 cut sets after", f"{found.after:,} (unfixable: "
             + (", ".join(f"{n:,} {r}" for r, n in sorted(reasons.items())) or "none") + ")"),
            ("the search alone", f"{wall:.1f} s wall, {cpu:.1f} s CPU")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one prefecture")
    parser.add_argument("--summary", action="store_true", help="only time the text summary")
    parser.add_argument("--repeat", type=int, default=1, help="time the text summary this many times")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args()
    size = ["--prefectures", "1", "--municipalities", "19"] if args.quick else []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*DRILL, "generate", "national", "--out", tmp, *size], check=True,
                       stdout=subprocess.DEVNULL, cwd=ROOT)
        plan = str(Path(tmp) / "plan.yaml")
        rows = [("drill analyze PLAN (text summary)",
                 timed([*DRILL, "analyze", plan, "--fail-on", "never"], args.timeout)) for _ in range(args.repeat)]
        if not args.summary:
            rows.append(("drill analyze PLAN --suggest",
                         timed([*DRILL, "analyze", plan, "--suggest", "--fail-on", "never"], args.timeout)))
            rows += search(plan)
    print(f"drill --suggest benchmark ({'one prefecture' if args.quick else 'national plan'})")
    for name, value in rows:
        print(f"  {name:<36} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
