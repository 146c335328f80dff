"""drill only reads its inputs and writes its output: no network, no programs, no stray files.

While the headless commands run on the bundled samples, every way of opening
a network connection or starting a program raises; the commands must still
succeed.  The folder they run in must hold no new file afterwards unless
``--out`` named it, and no contact address (personal data) may appear in
any output unless ``--show-contacts`` asked for it.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.loading import load_plan

ROOT = Path(__file__).resolve().parent.parent.parent
PLAN = ROOT / "contact_plans" / "yamaguchi.yaml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

pytestmark = pytest.mark.skipif(not PLAN.exists() or not SCENARIOS, reason="the bundled samples are missing")


class Forbidden(AssertionError):
    """Raised by anything drill must never do while reading and simulating."""


@pytest.fixture
def sealed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No sockets, no DNS, no programs; the working directory is an empty folder."""
    def refuse(what: str):
        def refused(*args, **kwargs):
            raise Forbidden(f"drill tried to {what}")
        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("open a network connection"))
    monkeypatch.setattr(socket, "create_connection", refuse("open a network connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("look up a host name"))
    monkeypatch.setattr(subprocess, "Popen", refuse("start a program"))
    monkeypatch.setattr(os, "system", refuse("start a program"))
    monkeypatch.setattr(os, "execv", refuse("start a program"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _commands() -> list[list[str]]:
    commands = [["validate", str(PLAN), *map(str, SCENARIOS)],
                ["analyze", str(PLAN), "--format", "json"],
                ["analyze", str(PLAN), "--format", "text"]]
    for scenario in SCENARIOS:
        for fmt in ("text", "json", "markdown", "junit"):
            commands.append(["run", str(scenario), "--format", fmt])
    return commands


def _addresses() -> list[str]:
    plan = load_plan(str(PLAN))
    return sorted({c.address for p in plan.parties.values() for c in p.contacts if c.address})


def test_commands_never_touch_the_network_or_run_programs(sealed: Path) -> None:
    addresses = _addresses()
    assert addresses, "the sample plan should carry contact addresses for this test to mean anything"
    for command in _commands():
        result = CliRunner().invoke(cli, command)
        assert not isinstance(result.exception, Forbidden), f"{command}: {result.exception}"
        assert result.exit_code in (0, 1), f"{command}: {result.output[-1000:]}"
        leaked = [a for a in addresses if a in result.output]
        assert leaked == [], f"drill {' '.join(command)} printed contact addresses {leaked[:3]}"
    assert sorted(os.listdir(sealed)) == [], "a command left a file in the working directory"


def test_addresses_appear_only_when_asked(sealed: Path) -> None:
    scenario = str(SCENARIOS[0])
    result = CliRunner().invoke(cli, ["run", scenario, "--format", "markdown", "--show-contacts"])
    assert result.exit_code in (0, 1)
    assert any(a in result.output for a in _addresses())


def test_out_writes_exactly_one_file(sealed: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(SCENARIOS[0]), "--format", "json", "--out", "run.json"])
    assert result.exit_code in (0, 1)
    assert sorted(os.listdir(sealed)) == ["run.json"]
