"""The national benchmark script runs end to end and prints its ratios (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_prints_every_figure_and_agrees_with_drill_run() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "national.py"), "--quick", "--prefectures", "2",
                           "--municipalities", "9", "--sample", "2", "--analyze-timeout", "60"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for needle in ("parse plan (libyaml)", "x parse (target <= 2.5x)", "drill analyze --order 2",
                   "drill sweep --order 1", "x faster (target >= 50x); identical: yes", "MiB"):
        assert needle in out, needle
