"""Peak memory and time of replaying a large journal (issue 18: 120 MiB under the 128 MiB cap).

    python benchmarks/journal_memory.py [MIB]   # default: 120

Builds two journals of about MIB each from the same short drill
(``tests/reliability/big_journal.py``): one of many short clock lines, one of
lines padded to 1 MiB.  Both replay exactly like the short drill, so what the
replay needs is the same.  Each is replayed in a fresh process; the script
prints the file size, the peak of Python's allocations (tracemalloc), the
process's peak resident size (ru_maxrss) and the wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_MEASURE = """
import json, resource, sys, time, tracemalloc
from drill.engine.journal import replay_journal
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
start = time.perf_counter()
replay_journal(sys.argv[1])
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else None
print(json.dumps([peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, seconds]))
"""


def _replay(path: Path, mode: str) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path), mode], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    from tests.reliability.big_journal import drill_journal, padded_journal

    mib = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    with tempfile.TemporaryDirectory() as folder:
        plain = drill_journal(Path(folder))
        many = Path(folder) / "many.jsonl"
        wide = Path(folder) / "wide.jsonl"
        line = len(json.dumps({"action": "advance", "t": 0})) + 1
        padded_journal(plain, many, lines=mib * 1024 * 1024 // line)
        padded_journal(plain, wide, lines=mib, pad=1024 * 1024 - 100)
        print(f"{'journal':<28} {'size MiB':>9} {'traced MiB':>11} {'maxrss MiB':>11} {'seconds':>8}")
        for name, path in (("the drill itself", plain), ("many short lines", many), ("lines of 1 MiB", wide)):
            _, rss, seconds = _replay(path, "rss")
            traced = _replay(path, "trace")[0]
            print(f"{name:<28} {path.stat().st_size / 2**20:>9.1f} {traced / 2**20:>11.1f} "
                  f"{rss / 2**20:>11.1f} {seconds:>8.1f}")


if __name__ == "__main__":
    main()
