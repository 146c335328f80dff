"""Exact probabilities at national scale: ``drill analyze --probability`` against SCRAM.

Run from the repository root::

    python benchmarks/probability.py            # the national plan (47 / 1,741)
    python benchmarks/probability.py --quick    # a prefecture-sized plan

Generates the plan (``drill generate national``), then measures, in this one
run and on the same machine: ``drill analyze --probability --format json``
(every task and every party entry, exact, by BDD), the Open-PSA export
(``drill analyze --format open-psa``), and SCRAM's ``--probability true`` on
that export (task fault trees only: SCRAM has no party entries).  Wall time
of whole processes; never fails on a figure.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRILL = [sys.executable, "-m", "drill"]


def timed(command: list[str], timeout: float) -> float:
    start = time.perf_counter()
    try:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a prefecture-sized plan")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args()
    size = ["--prefectures", "1", "--municipalities", "19"] if args.quick else []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([*DRILL, "generate", "national", "--out", str(work), *size], check=True,
                       stdout=subprocess.DEVNULL)
        plan = str(work / "plan.yaml")
        rows = [("drill analyze --probability (tasks and party entries)",
                 timed([*DRILL, "analyze", plan, "--probability", "--format", "json", "--fail-on", "never",
                        "--out", str(work / "p.json")], args.timeout))]
        export = work / "plan.xml"
        rows.append(("drill analyze --format open-psa",
                     timed([*DRILL, "analyze", plan, "--format", "open-psa", "--fail-on", "never", "--out", str(export)],
                           args.timeout)))
        scram = shutil.which("scram")
        if scram:
            rows.append(("scram --probability true (tasks only)",
                         timed([scram, "--probability", "true", str(export), "-o", str(work / "s.xml")],
                               args.timeout)))
        else:
            rows.append(("scram --probability true", float("nan")))
    for name, seconds in rows:
        print(f"{name:<58} {seconds:8.2f} s")
    if scram and rows[2][1] not in (0.0, float("inf")):
        print(f"{'ratio drill --probability / scram --probability':<58} {rows[0][1] / rows[2][1]:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
