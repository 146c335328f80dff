"""National-scale benchmark: prints figures and the ratios the speed targets are stated in.

Run from the repository root::

    python benchmarks/national.py            # the full national plan (47 / 1,741)
    python benchmarks/national.py --quick    # a small plan, for CI (well under a minute)

Every figure is the wall time of a whole process (``drill ...`` as a user runs
it, Python start-up included), best of ``--repeat`` runs where cheap.  The
targets (issue 7) are printed beside each ratio; this script never fails on a
missed target (tests never assert on wall-clock time) — it exits non-zero only
when something it runs breaks or the sweep disagrees with ``drill run``.

Figures:

- ``parse``: ``yaml.load`` of the plan with libyaml's CSafeLoader, in a fresh process;
- ``run``: ``drill run`` of the national weekday alert (1,788 notifications);
- ``analyze``: ``drill analyze --order 2`` (if the analysis is installed), and
  SCRAM on drill's own Open-PSA export of the same plan (if ``scram`` is on PATH);
- ``sweep``: ``drill sweep --order 1`` of every single failure, against a loop of
  ``drill run --fail X`` extrapolated from a sample (whose results must be identical);
- ``peak memory``: the largest resident set of the processes above.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRILL = [sys.executable, "-m", "drill"]


def timed(command: list[str], *, check: bool = True, timeout: float | None = None,
          keep: bool = True) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of this process tree (KiB) and stdout (if ``keep``); (inf, 0, "") on timeout.

    The peak can be no lower than this script's own size when it forked the
    command, so large outputs that are not needed are not kept (``keep=False``).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out if keep else subprocess.DEVNULL, stderr=err)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                return float("inf"), 0, ""
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if check and process.returncode not in (0, 1):
            sys.stderr.write(err.read().decode(errors="replace"))
            raise SystemExit(f"benchmark: {' '.join(command)} exited {process.returncode}")
        return elapsed, usage.ru_maxrss, out.read().decode()


def best(command: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        elapsed, _, out = timed(command)
        times.append(elapsed)
    return min(times), out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small plan and small samples (for CI)")
    parser.add_argument("--prefectures", type=int, help="override the plan size")
    parser.add_argument("--municipalities", type=int, help="override the plan size")
    parser.add_argument("--sample", type=int, help="drill run --fail calls to extrapolate the loop from")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many for the cheap figures")
    parser.add_argument("--workers", type=int, help="sweep workers (default: every core)")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--analyze-timeout", type=float, default=600.0, help="give up on drill analyze after this")
    args = parser.parse_args()
    prefectures = args.prefectures or (4 if args.quick else 47)
    municipalities = args.municipalities or (120 if args.quick else 1741)
    sample = args.sample or (3 if args.quick else 8)
    repeat = 1 if args.quick else args.repeat

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="drill-bench-"))
    figures: dict[str, object] = {"machine": machine(), "prefectures": prefectures,
                                  "municipalities": municipalities}
    rows: list[tuple[str, str, str]] = []
    try:
        timed([*DRILL, "generate", "national", "--out", str(work), "--prefectures", str(prefectures),
               "--municipalities", str(municipalities)])
        plan = work / "plan.yaml"
        scenario = work / "scenarios" / "national-alert-weekday.yaml"
        figures["plan_bytes"] = plan.stat().st_size

        # -- parse vs run ----------------------------------------------------------
        parse, _ = best([sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
                         "Loader=yaml.CSafeLoader)", str(plan)], repeat)
        run, run_out = best([*DRILL, "run", str(scenario), "--format", "json"], repeat)
        _, run_peak, _ = timed([*DRILL, "run", str(scenario), "--format", "json"])
        tasks = json.loads(run_out)["summary"]["tasks"]
        figures.update(parse_s=parse, run_s=run, run_tasks=tasks, run_peak_mib=run_peak / 1024)
        rows.append(("parse plan (libyaml)", f"{parse:.2f} s", ""))
        rows.append((f"drill run ({tasks} tasks)", f"{run:.2f} s",
                     f"{run / parse:.2f}x parse (target <= 2.5x)"))
        rows.append(("  its peak memory", f"{run_peak / 1024:.0f} MiB", "target < 1024 MiB"))

        # -- analyze vs SCRAM ------------------------------------------------------
        have_analyze = subprocess.run([*DRILL, "analyze", "--help"], capture_output=True).returncode == 0
        if have_analyze:
            analyze, analyze_peak, _ = timed([*DRILL, "analyze", str(plan), "--order", "2", "--format", "json",
                                              "--fail-on", "never"], timeout=args.analyze_timeout, keep=False)
            figures["analyze_s"] = analyze if analyze != float("inf") else None
            figures["analyze_peak_mib"] = analyze_peak / 1024
            scram = shutil.which("scram")
            note = "SCRAM not available"
            if analyze == float("inf"):
                note = f"did not finish within {args.analyze_timeout:.0f} s"
            elif scram:
                export = work / "plan.opsa.xml"
                made, _, _ = timed([*DRILL, "analyze", str(plan), "--format", "open-psa", "--fail-on", "never",
                                    "--out", str(export)], timeout=args.analyze_timeout, keep=False)
                if made != float("inf") and export.exists():
                    scram_s, _, _ = timed([scram, str(export), "--limit-order", "2", "-o", str(work / "scram.xml")],
                                          check=False, keep=False)
                    figures["scram_s"] = scram_s
                    rows.append(("SCRAM on the Open-PSA export", f"{scram_s:.2f} s", ""))
                    note = f"{analyze / scram_s:.1f}x SCRAM (target <= 10x, <= 30 s)"
                else:
                    note = "Open-PSA export not available"
            rows.append(("drill analyze --order 2", f"{analyze:.2f} s", note))
            if analyze_peak:
                rows.append(("  its peak memory", f"{analyze_peak / 1024:.0f} MiB", "target < 1024 MiB"))
        else:
            rows.append(("drill analyze --order 2", "not available", ""))

        # -- sweep vs a loop of drill run --fail -----------------------------------
        sweep_cmd = [*DRILL, "sweep", str(scenario), "--order", "1", "--format", "json", "--no-progress"]
        if args.workers:
            sweep_cmd += ["--workers", str(args.workers)]
        sweep_s, peak, sweep_out = timed(sweep_cmd)
        swept = json.loads(sweep_out)
        sets = swept["scenarios"]
        rng = random.Random(1)
        changed = [s for s in sets if s["worse"]]
        picked = rng.sample(changed, min(len(changed), (sample + 1) // 2))
        picked += rng.sample([s for s in sets if s not in picked], sample - len(picked))
        loop_times, identical = [], True
        for entry in picked:
            elapsed, _, out = timed([*DRILL, "run", str(scenario), *[f"--fail={i}" for i in entry["fail"]],
                                     "--format", "json"])
            loop_times.append(elapsed)
            identical &= json.loads(out)["summary"] == entry["summary"]
        loop = sum(loop_times) / len(loop_times) * len(sets)
        figures.update(sweep_s=sweep_s, sweep_sets=len(sets), sweep_simulated=swept["simulated"],
                       loop_extrapolated_s=loop, sweep_identical=identical, sweep_peak_mib=peak / 1024)
        rows.append((f"drill sweep --order 1 ({len(sets)} sets, {swept['simulated']} simulated)",
                     f"{sweep_s:.1f} s", "target <= 120 s on 2 cores"))
        rows.append((f"loop of drill run --fail (from {len(picked)})", f"{loop:.0f} s",
                     f"sweep {loop / sweep_s:.0f}x faster (target >= 50x); identical: {'yes' if identical else 'NO'}"))
        rows.append(("  its peak memory (with its workers)", f"{peak / 1024:.0f} MiB", "target < 1024 MiB"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"drill national benchmark — {prefectures} prefectures, {municipalities} municipalities"
          f"{' (quick)' if args.quick else ''}")
    print(f"machine: {figures['machine']}")
    width = max(len(r[0]) for r in rows)
    for name, value, ratio in rows:
        print(f"  {name:<{width}}  {value:>14}  {ratio}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if figures.get("sweep_identical") else 1


if __name__ == "__main__":
    sys.exit(main())
