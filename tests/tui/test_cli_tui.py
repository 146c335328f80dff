"""``drill tui`` on the command line: refusals without a terminal, and a real run in tmux."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.tui.helpers import CABLE_CUT, ROOT


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def test_tui_without_a_terminal_exits_2_and_points_elsewhere() -> None:
    done = _cli("tui", str(CABLE_CUT), "--no-journal")
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and "drill replay" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--resume", "j.jsonl", str(CABLE_CUT)], "--resume takes the drill from its journal"),
    (["--journal", "x.jsonl", "--no-journal"], "contradict"),
])
def test_tui_rejects_contradictory_options(args: list[str], message: str) -> None:
    done = _cli("tui", *args)
    assert done.returncode == 2 and message in done.stderr


def test_tui_help_lists_the_keys() -> None:
    done = _cli("tui", "--help")
    assert done.returncode == 0
    for word in ("--resume", "--journal", "--no-journal", "--export-dir", "--speed", "play/pause", "--resume JOURNAL"):
        assert word in done.stdout


def test_bare_drill_without_a_terminal_prints_help() -> None:
    done = _cli()
    assert done.returncode == 0 and "Usage:" in done.stdout


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30, check=True).stdout


def _wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-t", session, "-p")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (needed to give drill a terminal)")
def test_tui_in_a_real_terminal(tmp_path: Path) -> None:
    """The hand check of the issue, automated: open, fail fax, run to the end, quit with 0."""
    session = f"drill-test-{uuid.uuid4().hex[:8]}"
    journal = tmp_path / "j.jsonl"
    status = tmp_path / "status"
    command = (f"cd {ROOT} && {sys.executable} -m drill tui {CABLE_CUT} --journal {journal} "
               f"--export-dir {tmp_path}; echo $? > {status}")
    _tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "48", command)
    try:
        _wait_for(session, "T+00:00")
        _tmux("send-keys", "-t", session, "n")
        _wait_for(session, "informed: town-x")
        _tmux("send-keys", "-t", session, "f")
        _wait_for(session, "Fail now")
        _tmux("send-keys", "-t", session, "fax")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, "a note for the record")
        _tmux("send-keys", "-t", session, "the fax server is unplugged", "Enter")
        _wait_for(session, "organiser: fail fax")
        _tmux("send-keys", "-t", session, "o")
        _wait_for(session, "Observation at")
        _tmux("send-keys", "-t", session, "Hofu answered the fax only after 25 minutes", "Enter")
        _wait_for(session, "observation noted")
        _tmux("send-keys", "-t", session, "e")
        _wait_for(session, "Run the drill to its end?")
        _tmux("send-keys", "-t", session, "y")
        _wait_for(session, "ENDED")
        screen = _wait_for(session, "drill ended")  # once the toasts have gone
        assert "drill ended" in screen and "delivered" in screen
        _tmux("send-keys", "-t", session, "x")
        deadline = time.monotonic() + 20
        while not list(tmp_path.glob("example-cable-cut-after-action-*.html")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list(tmp_path.glob("example-cable-cut-after-action-*.md"))  # the drill time is in the name
        html = next(tmp_path.glob("example-cable-cut-after-action-*.html")).read_text(encoding="utf-8")
        assert "Hofu answered the fax only after 25 minutes" in html
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 20
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    done = _cli("replay", str(journal), "--format", "json")
    assert done.returncode == 1  # town-y is informed too late, as in the worked example
    data = json.loads(done.stdout)
    reasons = [a["reason"] for t in data["tasks"] for a in t["attempts"] if a["reason"]]
    assert any("fax down since 0m" in r for r in reasons)
    assert data["observations"] == [{"at": 0.0, "text": "Hofu answered the fax only after 25 minutes"}]
    assert {"at": 0.0, "fail": ["fax"], "note": "the fax server is unplugged", "live": True} in data["injects"]
