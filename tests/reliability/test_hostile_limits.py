"""Hostile files answer within seconds and a bounded amount of memory.

Each case runs the real command line in a subprocess limited to 2 GiB of
address space and killed after 10 s: an alias bomb, a self-referencing alias,
nesting thousands deep, a node count over the cap, a file over the size cap,
a long single line, a plan whose scenario points at an endless device, a file
with a typo on every line.  The property is that drill refuses (exit 2) with
a one-line message naming the place and the limit, not that it is fast on a
given machine: 10 s is two orders of magnitude above what each case needs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource", reason="memory limits need the POSIX resource module")

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 10


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(*args: str, cwd: Path = BAD) -> subprocess.CompletedProcess[str]:
    """``drill ARGS`` with 2 GiB of address space; a hang or a blow-up fails the test.

    The checkout's drill runs (``PYTHONPATH``), not an installed one: ``cwd`` is not the checkout.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        return subprocess.run([sys.executable, "-m", "drill", *args], cwd=cwd, capture_output=True,
                              text=True, timeout=TIME_LIMIT, preexec_fn=_limited, env=env)
    except subprocess.TimeoutExpired:  # pragma: no cover - only when the property is broken
        pytest.fail(f"drill {' '.join(args)} did not answer within {TIME_LIMIT} s")


def _assert_refused(proc: subprocess.CompletedProcess[str], expected: str) -> None:
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "MemoryError" not in proc.stderr
    assert expected in proc.stderr, proc.stderr[-2000:]


@pytest.mark.parametrize(("name", "expected"), [
    ("yaml-alias-bomb.yaml", "yaml-alias-bomb.yaml:8:4: document has more than 500000 nodes"),
    ("yaml-self-alias.yaml", "yaml-self-alias.yaml:3:9: an alias refers to a node that contains it"),
    ("yaml-deep-flow.yaml", "yaml-deep-flow.yaml:3:265: nesting is deeper than 64 levels"),
    ("yaml-deep-block.yaml", "yaml-deep-block.yaml:516:515: nesting is deeper than 64 levels"),
    ("yaml-deep-moderate.yaml", "yaml-deep-moderate.yaml:3:73: nesting is deeper than 64 levels"),
    ("chains-too-deep.yaml", "chains-too-deep.yaml:3003:3: components depend on each other"),
    ("scenario-plan-device.yaml", "scenario-plan-device.yaml:4:7: plan file '/dev/zero' is not a regular file"),
    ("file-binary.yaml", "file-binary.yaml:3:1: file contains a NUL byte"),
])
def test_hostile_file_is_refused_within_limits(name: str, expected: str) -> None:
    _assert_refused(run_limited("validate", name), expected)


@pytest.mark.parametrize("command", ["validate", "run"])
def test_alias_bomb_in_a_scenario_is_refused_by_every_command(command: str, tmp_path: Path) -> None:
    bomb = (BAD / "yaml-alias-bomb.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "bomb.yaml"
    scenario.write_text(bomb.replace("plan: bomb\n", "scenario: bomb\nplan: plan.yaml\n"), encoding="utf-8")
    _assert_refused(run_limited(command, str(scenario)), f"{scenario}:9:4: document has more than")


def test_node_count_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.yaml"
    path.write_text("plan: big\nholidays: [" + ",".join(["1"] * 600_000) + "]\n", encoding="utf-8")
    _assert_refused(run_limited("validate", str(path)), f"{path}:2:11: document has more than 500000 nodes")


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.yaml"
    with open(path, "wb") as handle:
        handle.write(b"plan: big\ntitle: ")
        handle.write(b"x" * (17 * 1024 * 1024))
    _assert_refused(run_limited("validate", str(path)), "drill reads files up to 16 MiB")


def test_a_long_single_line_under_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("plan: long\ndescription: " + "x" * (8 * 1024 * 1024) + "\n", encoding="utf-8")
    proc = run_limited("validate", str(path))
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_a_typo_on_every_line_answers_with_the_first_problems(tmp_path: Path) -> None:
    """10,000 parties each with an unknown channel: suggestions are skipped, output is capped."""
    parties = "".join(f"  p{i}:\n    contacts: {{ch{i}: {{}}}}\n" for i in range(10_000))
    path = tmp_path / "typos.yaml"
    path.write_text("plan: typos\nchannels: {fax: {}}\nparties:\n" + parties, encoding="utf-8")
    proc = run_limited("validate", str(path))
    _assert_refused(proc, f"{path}:5:16: unknown channel 'ch0'")
    assert "and 9800 more problems" in proc.stderr
    assert len(proc.stderr.splitlines()) == 202


@pytest.mark.parametrize("command", ["report", "replay"])
@pytest.mark.parametrize(("content", "expected"), [
    (None, "is not a regular file (a device, pipe or socket)"),
    ("[" * 100_000 + "]" * 100_000, "JSON nested more than 64 levels deep"),
    ('{"journal": ' + "1" * 100_000 + "}\n", "Exceeds the limit (4300 digits)"),
    ("\ufeff{}".encode("utf-16").decode("latin-1"), "file is UTF-16 (or UTF-32) text"),
], ids=["dev-zero", "deep", "huge-integer", "utf-16"])
def test_hostile_run_json_and_journals_are_refused(command: str, content: str | None, expected: str,
                                                   tmp_path: Path) -> None:
    """``drill report`` and ``drill replay`` read JSON: the same promises as for YAML."""
    if content is None:
        path = "/dev/zero"
    else:
        path = str(tmp_path / "input.json")
        Path(path).write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    _assert_refused(run_limited(command, path), expected)
