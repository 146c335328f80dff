"""Large journals for the memory test and ``benchmarks/journal_memory.py``: a real drill, padded.

:func:`padded_journal` copies a journal and puts clock lines after its
header: ``advance`` to minute 0, which the replay applies and which change
nothing, each padded with an ignored field to ``pad`` bytes.  The padded
journal replays exactly like the original, so what the replay needs is the
same; only the file is larger.
"""

from __future__ import annotations

import json
from pathlib import Path

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def drill_journal(folder: Path) -> Path:
    """The journal of the bad-file corpus's base scenario, run to its end."""
    from drill.engine.journal import LiveDrill
    from drill.loading import load_scenario

    path = folder / "drill.jsonl"
    live = LiveDrill.start(load_scenario(str(BAD / "base-scenario.yaml")), journal_path=path)
    live.run_to_end()
    live.close()
    return path


def padded_journal(source: Path, target: Path, *, lines: int, pad: int = 0) -> int:
    """``source`` with ``lines`` padded clock lines after its header; the size of ``target`` in bytes."""
    header, *rest = source.read_text(encoding="utf-8").splitlines(keepends=True)
    filler = json.dumps({"action": "advance", "t": 0, **({"pad": "x" * pad} if pad else {})}) + "\n"
    with open(target, "w", encoding="utf-8") as out:
        out.write(header)
        for _ in range(lines):
            out.write(filler)
        out.writelines(rest)
    return target.stat().st_size
