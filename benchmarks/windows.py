"""``drill analyze PLAN --windows`` on the national plan: wall time, CPU time and peak memory.

Run from the repository root (under ``nice`` on a shared machine)::

    nice python benchmarks/windows.py            # the full national plan (47 / 1,741)
    nice python benchmarks/windows.py --quick    # a small plan (4 / 120), for CI

Generates the plan (``drill generate national``), then runs ``drill analyze
PLAN --windows`` as a user does (text, the default) and with ``--format
json`` (the report is written to a temporary file, its size printed), each in
a fresh process.  Peak memory is the process's largest resident set
(``wait4``), the figure ``/usr/bin/time -v`` prints.  The target (issue 17)
is printed beside it; this script never fails on a missed target.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRILL = [sys.executable, "-m", "drill"]
TARGET_KIB = 1024 * 1024


def measure(command: list[str], out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of ``command``, stdout to ``out``."""
    with out.open("wb") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small plan (4 prefectures, 120 municipalities)")
    args = parser.parse_args()
    size = ["--prefectures", "4", "--municipalities", "120"] if args.quick else []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*DRILL, "generate", "national", "--out", tmp + "/", *size], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        plan = str(Path(tmp) / "plan.yaml")
        print(f"plan: {plan} ({'quick' if args.quick else 'national'})")
        print(f"{'what':<44} {'wall':>8} {'CPU':>8} {'peak RSS':>10}  target")
        for label, extra in (("drill analyze PLAN --windows", []),
                             ("drill analyze PLAN --windows --format json", ["--format", "json"])):
            out = Path(tmp) / "report"
            wall, cpu, peak = measure([*DRILL, "analyze", plan, "--windows", *extra], out)
            mib = peak / 1024
            verdict = "met" if peak < TARGET_KIB else "missed"
            print(f"{label:<44} {wall:>7.1f}s {cpu:>7.1f}s {mib:>7.0f} MiB  < 1 GiB: {verdict}"
                  f"  (report {out.stat().st_size / 2**20:,.1f} MiB)")


if __name__ == "__main__":
    main()
