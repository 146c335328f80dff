"""Journals are read and replayed one line at a time; run JSON is read once, after the size cap.

Issue 18: a 120 MiB journal under the 128 MiB cap needed more than 2 GiB to
replay (the bytes, the text, the list of lines and every parsed line at
once).  These tests check the streaming behaviour (a bad line is reported at
its place although later lines are garbage; a line over the cap; a cut last
line; events recorded before the action that causes them) and measure the
peak memory of a replay in a fresh process: it grows with what the replay
needs, not with the file.  ``benchmarks/journal_memory.py`` prints the figures
for a 120 MiB journal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.engine.journal import JournalError, read_journal, replay_journal
from drill.loading.json_lines import MAX_LINE_BYTES
from tests.reliability.big_journal import drill_journal, padded_journal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return drill_journal(tmp_path)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


GARBAGE = [b"\xff\xfe not UTF-8 \xc3\x28\n", b"\x00\x00\x00\n", b"[" * 5000 + b"\n", b"x" * (2 * MAX_LINE_BYTES) + b"\n"]


@pytest.mark.parametrize(("line", "message"), [
    (b"not json\n", "j.jsonl:3:1: not a journal line"),
    (b'{"action": "advance"}\n', "j.jsonl:3:1: missing or invalid time 't'"),
    (b'{"action": "live", "t": 0, "inject": {"note": "\\u001b[2J"}}\n', "j.jsonl:3:1: text at /inject/note"),
    (b"[1, 2]\n", "j.jsonl:3:1: not a journal line: expected a JSON object"),
])
def test_a_bad_third_line_is_reported_there_whatever_follows(journal: Path, line: bytes, message: str) -> None:
    """Read whole, the garbage after line 3 (invalid UTF-8, NUL bytes) used to be the error, or a crash."""
    lines = _lines(journal)
    path = journal.with_name("j.jsonl")
    path.write_bytes(b"".join(lines[:2]) + line + b"".join(GARBAGE))
    for command in ("replay", "report"):
        result = CliRunner().invoke(cli, [command, str(path)])
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_a_line_over_the_line_cap_is_refused_at_its_line(journal: Path) -> None:
    lines = _lines(journal)
    long = json.dumps({"action": "observe", "t": 0, "text": "x" * MAX_LINE_BYTES}).encode() + b"\n"
    journal.write_bytes(lines[0] + long + b"".join(lines[1:]))
    with pytest.raises(JournalError, match=r"drill\.jsonl:2:1: the line is longer than 1024 KiB"):
        replay_journal(journal)


def test_a_last_line_cut_inside_a_character_is_the_crash_and_is_ignored(journal: Path) -> None:
    whole = replay_journal(journal)
    cut = json.dumps({"action": "observe", "t": 0, "text": "避難所"}, ensure_ascii=False).encode()
    with open(journal, "ab") as out:
        out.write(cut[:-6])  # ends inside 所
    again = replay_journal(journal)
    assert [e.t for e in again.events] == [e.t for e in whole.events]
    assert again.observations == whole.observations


def test_events_recorded_before_their_action_are_read_again_and_compared(journal: Path) -> None:
    """The replay remembers where such events are in the file, not the events; the check is unchanged."""
    lines = _lines(journal)
    end = next(i for i, line in enumerate(lines) if b'"action": "end"' in line)
    moved = lines[:end] + lines[end + 1:] + [lines[end]]  # every event now comes before the end
    journal.write_bytes(b"".join(moved))
    assert len(replay_journal(journal).events) == sum(1 for line in lines if b'"event"' in line)
    wrong = [line.replace(b'"t": 3.0', b'"t": 4.0', 1) if b"Delivered" in line else line for line in moved]
    number = next(i for i, line in enumerate(wrong, start=1) if b'"t": 4.0' in line)
    journal.write_bytes(b"".join(wrong))
    with pytest.raises(JournalError, match=rf"drill\.jsonl:{number}:1: the drill no longer replays as recorded"):
        replay_journal(journal)


def test_more_recorded_events_than_a_run_may_have_are_refused(journal: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Events that no action has caused yet are remembered only up to the engine's own cap."""
    lines = _lines(journal)
    header, end, events = lines[0], lines[1], lines[2:]
    assert b'"action": "end"' in end and len(events) > 3
    journal.write_bytes(header + b"".join(events) + end)
    monkeypatch.setenv("DRILL_MAX_EVENTS", "3")
    with pytest.raises(JournalError, match=r"drill\.jsonl:5:1: the journal records more than 3 events.*DRILL_MAX_EVENTS"):
        replay_journal(journal)


def test_read_journal_still_gives_every_record(journal: Path) -> None:
    header, records = read_journal(journal)
    assert header["journal"] == "drill" and len(records) == len(_lines(journal)) - 1
    assert [number for number, _ in records] == list(range(2, len(records) + 2))


def test_a_run_json_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    with open(path, "wb") as out:  # sparse: 200 MiB that take no room
        out.truncate(200 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 2 and "drill reads files up to 128 MiB" in result.output


def test_a_run_json_of_millions_of_tiny_values_is_refused_before_parsing(tmp_path: Path) -> None:
    """100 MiB of ``{},`` would be 35 million dicts, 2.5 GiB parsed: refused within 2 GiB and seconds."""
    from tests.reliability.test_hostile_limits import _assert_refused, run_limited

    path = tmp_path / "run.json"
    with open(path, "w", encoding="ascii") as out:
        out.write('{"scenario": "s", "plan": "p", "tasks": [')
        for _ in range(100):
            out.write("{}," * (1024 * 1024 // 3))
        out.write("{}]}")
    _assert_refused(run_limited("report", str(path)), f"{path}: the JSON has more than 12000000 values")


_MEASURE = """
import json, sys, tracemalloc
from drill.engine.journal import replay_journal
replay_journal(sys.argv[1])  # imports and caches are not what a replay needs
peaks = []
for path in sys.argv[1:]:
    tracemalloc.start()
    replay_journal(path)
    peaks.append(tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
print(json.dumps(peaks))
"""


def test_replay_memory_grows_with_what_it_needs_not_with_the_file(journal: Path) -> None:
    """Many lines and long lines that change nothing: the peak stays near the plain journal's.

    Read whole, 24 lines of 1 MiB cost more than 72 MiB at once (bytes, text,
    lines, parsed lines) and 10,000 short lines about 5 MiB of parsed
    records; one line at a time, one line is the most held: readline's
    buffer, its bytes, its text and its parsed value, 4 MiB.
    """
    many = journal.with_name("many.jsonl")
    wide = journal.with_name("wide.jsonl")
    padded_journal(journal, many, lines=10_000)
    size = padded_journal(journal, wide, lines=24, pad=MAX_LINE_BYTES - 100)
    assert size > 24 * 1000 * 1000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(journal), str(many), str(wide)], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    plain, many_peak, wide_peak = json.loads(done.stdout)
    assert plain < 8 * 1024 * 1024, plain  # reading a file never asks for its cap (read(n) allocates n)
    assert many_peak < plain + 1024 * 1024, (plain, many_peak)
    assert wide_peak < plain + 5 * MAX_LINE_BYTES, (plain, wide_peak)
