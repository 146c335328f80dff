"""Every file drill writes is replaced atomically and never one of its inputs.

An interruption at any point of a write (the data, the flush to disk, the
rename; an exception, Ctrl-C or a killed process) must leave the old file
byte for byte as it was.  ``--out`` naming an input file, however spelt, is
refused with exit 2 before anything is written.  A policy test keeps every
module of the package on :func:`write_atomic`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.loading import writing
from drill.loading.writing import OutputError, write_atomic

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "tests" / "data" / "examples"
OLD = "the report of last week's drill\n"


@pytest.fixture
def old_report(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(OLD, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".drill-"))


def test_write_replaces_the_file_and_leaves_no_temporary_file(old_report: Path) -> None:
    write_atomic(str(old_report), "new\nreport\n")
    assert old_report.read_bytes() == b"new\nreport\n"
    assert _leftovers(old_report.parent) == []


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    path = tmp_path / "plan.png"
    write_atomic(str(path), b"\x89PNG\r\n\x00")
    assert path.read_bytes() == b"\x89PNG\r\n\x00"


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_an_os_error_at_any_step_leaves_the_old_file_intact(step: str, old_report: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if step == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str):
                self.handle = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data: bytes) -> None:
                self.handle.write(data[: len(data) // 2])
                broken()

        monkeypatch.setattr(os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, step, broken)
    with pytest.raises(OutputError, match="No space left on device.*the old file, if any, is unchanged"):
        write_atomic(str(old_report), "a much longer new report\n" * 1000)
    assert old_report.read_text(encoding="utf-8") == OLD
    assert _leftovers(old_report.parent) == []


def test_ctrl_c_during_the_write_leaves_the_old_file_intact(old_report: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(old_report), "new report\n")
    assert old_report.read_text(encoding="utf-8") == OLD
    assert _leftovers(old_report.parent) == []


_KILLED_WRITER = """
import os, sys, time
from drill.loading import writing

def stuck(fd):
    print("writing", flush=True)   # the new data is in the temporary file now
    time.sleep(600)

os.fsync = stuck
writing.write_atomic(sys.argv[1], "new report\\n" * 100000)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_process_killed_mid_write_leaves_the_old_file_intact(old_report: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(old_report)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert old_report.read_text(encoding="utf-8") == OLD
    # the killed process could not clean up: its temporary file is the only trace
    assert all(name.endswith(".tmp") for name in _leftovers(old_report.parent))


def test_an_existing_file_keeps_its_permissions(old_report: Path) -> None:
    old_report.chmod(0o640)
    write_atomic(str(old_report), "new\n")
    assert old_report.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "new.json"), "{}\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


def test_writing_over_an_input_is_refused_however_it_is_spelt(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: x\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    spellings = [str(plan), str(tmp_path / "sub" / ".." / "plan.yaml")]
    os.symlink(plan, tmp_path / "link.yaml")
    spellings.append(str(tmp_path / "link.yaml"))
    os.link(plan, tmp_path / "hard.yaml")
    spellings.append(str(tmp_path / "hard.yaml"))
    for spelling in spellings:
        with pytest.raises(OutputError, match="refusing to overwrite an input file"):
            write_atomic(spelling, "report\n", inputs=[str(plan)])
    assert plan.read_text(encoding="utf-8") == "plan: x\n"


@pytest.mark.parametrize("where", ["folder", "missing-folder", "device"])
def test_unwritable_targets_are_refused(where: str, tmp_path: Path) -> None:
    target = {"folder": str(tmp_path), "missing-folder": str(tmp_path / "nope" / "r.json"),
              "device": os.devnull}[where]
    with pytest.raises(OutputError):
        write_atomic(target, "report\n")


@pytest.fixture
def drill_copy(tmp_path: Path) -> Path:
    for name in ("plan.yaml", "cable-cut.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("target", ["cable-cut.yaml", "plan.yaml"])
def test_run_refuses_to_write_over_its_scenario_or_plan(target: str, drill_copy: Path) -> None:
    before = (drill_copy / target).read_bytes()
    result = CliRunner().invoke(cli, ["run", str(drill_copy / "cable-cut.yaml"), "--format", "json",
                                      "--out", str(drill_copy / target)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert (drill_copy / target).read_bytes() == before


def test_run_out_writes_the_report_and_prints_nothing_to_stdout(drill_copy: Path) -> None:
    out = drill_copy / "run.json"
    result = CliRunner().invoke(cli, ["run", str(drill_copy / "cable-cut.yaml"), "--format", "json",
                                      "--out", str(out)])
    assert result.exit_code == 1  # the worked example falls short on purpose
    assert result.stdout == ""
    assert result.stderr.strip() == f"drill: wrote {out}"
    assert out.read_text(encoding="utf-8").startswith("{")
    assert _leftovers(drill_copy) == []


def test_run_out_into_a_missing_folder_exits_2(drill_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(drill_copy / "cable-cut.yaml"),
                                      "--out", str(drill_copy / "nope" / "run.txt")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


#: Modules allowed to open files for writing themselves, and why.
WRITERS_ALLOWED = {
    "drill/loading/writing.py": "the atomic writer itself",
    "drill/engine/journal.py": "an append-only journal, flushed line by line",
    "drill/scale/checkpoint.py": "an append-only sweep checkpoint, fsynced chunk by chunk",
}
_WRITE_CALL = re.compile(r"""open\([^)]*["'][wax]b?\+?["']|\.write_(text|bytes)\(|os\.fdopen\(""")


def test_every_module_writes_files_through_write_atomic() -> None:
    """A policy check: new code that opens files for writing must use write_atomic."""
    offenders = []
    for path in sorted((ROOT / "drill").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in WRITERS_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _WRITE_CALL.search(line) and "write_atomic" not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "write files with drill.loading.writing.write_atomic:\n" + "\n".join(offenders)


def test_the_writer_module_is_the_one_under_test() -> None:
    assert writing.write_atomic is write_atomic
