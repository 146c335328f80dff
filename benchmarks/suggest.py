"""``drill analyze --suggest`` at national scale: the number of changes, order-1 cut sets before and after, time.

Run from the repository root (it is heavy: run it with ``nice`` on a shared machine)::

    nice python benchmarks/suggest.py            # the national plan (47 / 1,741)
    nice python benchmarks/suggest.py --quick    # one prefecture

Generates the plan (``drill generate national``), then measures:

- ``drill analyze PLAN`` (the one-screen text summary) and ``drill analyze PLAN
  --suggest`` as a user runs them: wall time of the whole process, Python
  start-up included;
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
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DRILL = [sys.executable, "-m", "drill"]


def timed(command: list[str], timeout: float) -> float:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                                cwd=ROOT)
    except subprocess.TimeoutExpired:
        return float("inf")
    if result.returncode not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(command)} exited {result.returncode}")
    return time.perf_counter() - start


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
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args()
    size = ["--prefectures", "1", "--municipalities", "19"] if args.quick else []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*DRILL, "generate", "national", "--out", tmp, *size], check=True,
                       stdout=subprocess.DEVNULL, cwd=ROOT)
        plan = str(Path(tmp) / "plan.yaml")
        rows = [("drill analyze PLAN (text summary)",
                 f"{timed([*DRILL, 'analyze', plan, '--fail-on', 'never'], args.timeout):.1f} s"),
                ("drill analyze PLAN --suggest",
                 f"{timed([*DRILL, 'analyze', plan, '--suggest', '--fail-on', 'never'], args.timeout):.1f} s")]
        rows += search(plan)
    print(f"drill --suggest benchmark ({'one prefecture' if args.quick else 'national plan'})")
    for name, value in rows:
        print(f"  {name:<36} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
