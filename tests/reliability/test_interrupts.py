"""Interrupted, concurrent and refused runs of the real command line (issue 18, "every writer atomic").

Ctrl-C during ``drill sweep`` exits 130 without a traceback from any worker;
eight ``drill generate`` into one folder leave a valid plan and no temporary
file; ``drill tui --resume`` of a journal it cannot write is exit 2 before the
control room starts.  Each runs the checkout's drill in a subprocess.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "DRILL_LANG": "en"}


def _drill(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "drill", *args], env=ENV, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to see the workers start")
def test_ctrl_c_during_a_sweep_exits_130_without_tracebacks(tmp_path: Path) -> None:
    generated = subprocess.run([sys.executable, "-m", "drill", "generate", "national", "--prefectures", "3",
                                "--municipalities", "30", "--out", str(tmp_path / "n")], env=ENV, timeout=60)
    assert generated.returncode == 0
    sweep = _drill("sweep", str(tmp_path / "n" / "scenarios" / "virus-hokkaido.yaml"), "--order", "2",
                   "--workers", "2", start_new_session=True)
    deadline = time.monotonic() + 30
    while len(_children(sweep.pid)) < 2 and time.monotonic() < deadline and sweep.poll() is None:
        time.sleep(0.05)
    workers = _children(sweep.pid)
    assert len(workers) >= 2 and sweep.poll() is None, "the sweep ended before it could be interrupted"
    time.sleep(0.5)
    os.killpg(sweep.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _out, err = sweep.communicate(timeout=30)
    assert sweep.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "BrokenPipeError" not in err and "KeyboardInterrupt" not in err, err[-2000:]
    assert err.strip().splitlines()[-1] == "drill: interrupted"
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text(errors="replace")]


def test_a_sweep_interrupted_by_ctrl_c_resumes_from_its_checkpoint(tmp_path: Path) -> None:
    generated = subprocess.run([sys.executable, "-m", "drill", "generate", "national", "--prefectures", "3",
                                "--municipalities", "30", "--out", str(tmp_path / "n")], env=ENV, timeout=60)
    assert generated.returncode == 0
    args = ["sweep", str(tmp_path / "n" / "scenarios" / "virus-hokkaido.yaml"), "--order", "2", "--format", "json"]
    checkpoint = tmp_path / "sweep.ckpt"
    sweep = _drill(*args, "--workers", "2", "--checkpoint", str(checkpoint), start_new_session=True)
    deadline = time.monotonic() + 60
    while sweep.poll() is None and time.monotonic() < deadline and (
            not checkpoint.exists() or checkpoint.read_text(encoding="utf-8").count("\n") < 3):
        time.sleep(0.01)
    assert sweep.poll() is None, "the sweep ended before it could be interrupted"
    os.killpg(sweep.pid, signal.SIGINT)
    _out, err = sweep.communicate(timeout=30)
    assert sweep.returncode == 130 and "Traceback" not in err, err[-2000:]
    resumed = _drill(*args, "--checkpoint", str(checkpoint))
    out, err = resumed.communicate(timeout=120)
    assert "resuming from" in err and "Traceback" not in err, err[-2000:]
    plain = _drill(*args)
    expected, _ = plain.communicate(timeout=120)
    assert (resumed.returncode, out) == (plain.returncode, expected)


def test_eight_concurrent_generates_into_one_folder_leave_a_whole_plan(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    runs = [_drill("generate", "national", "--prefectures", "1", "--municipalities", str(3 + i), "--out", str(out))
            for i in range(8)]
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err[-2000:]
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == ["plan.yaml", "scenarios/national-alert-night.yaml", "scenarios/national-alert-weekday.yaml",
                     "scenarios/virus-hokkaido.yaml"], names  # no temporary file left behind
    check = CliRunner().invoke(cli, ["validate", str(out / "plan.yaml"),
                                     *(str(p) for p in sorted((out / "scenarios").iterdir()))])
    assert check.exit_code == 0, check.output


_READ_ONLY = """
import builtins, errno, os, sys
journal = os.path.realpath(sys.argv[1])
real_open = os.open
def refusing_open(path, flags, *args, **kwargs):
    if os.path.realpath(path) == journal and flags & (os.O_WRONLY | os.O_RDWR):
        raise PermissionError(errno.EACCES, "Permission denied", path)
    return real_open(path, flags, *args, **kwargs)
os.open = refusing_open
real_builtin_open = builtins.open
def refusing_builtin_open(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, os.PathLike)) and os.path.realpath(file) == journal and set(mode) & set("wa+"):
        raise PermissionError(errno.EACCES, "Permission denied", file)
    return real_builtin_open(file, mode, *args, **kwargs)
builtins.open = refusing_builtin_open
from drill.cli import main
sys.argv = ["drill", "tui", "--resume", journal]
main()
"""


@pytest.mark.parametrize("how", ["chmod", "permission error"])
def test_resuming_a_read_only_journal_in_the_tui_is_exit_2(tmp_path: Path, how: str) -> None:
    """On a terminal (a pty), ``drill tui --resume`` of a journal it cannot write stops before the screen.

    Root may write a file of mode 0444, so for root the refusal is simulated
    by an ``open`` that raises PermissionError for the journal.
    """
    if how == "chmod" and os.geteuid() == 0:
        pytest.skip("root writes files of mode 0444")
    from drill.engine.journal import LiveDrill
    from drill.loading import load_scenario

    journal = tmp_path / "j.jsonl"
    live = LiveDrill.start(load_scenario(str(BAD / "base-scenario.yaml")), journal_path=journal)
    live.next()
    live.close()
    journal.chmod(0o444)
    before = journal.read_bytes()
    command = ([sys.executable, "-m", "drill", "tui", "--resume", str(journal)] if how == "chmod"
               else [sys.executable, "-c", _READ_ONLY, str(journal)])
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, env=ENV, stdin=follower, stdout=follower, stderr=subprocess.PIPE,
                              text=True, timeout=60, cwd=tmp_path)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert f"{journal}: cannot write the journal" in done.stderr, done.stderr
    assert journal.read_bytes() == before
