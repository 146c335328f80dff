"""How the loader finds and reads files: relative plan paths, unreadable and odd files, caps.

The rule tests (``test_loader_rules.py``) use fixed files; the cases here
need a file system set up at test time: a plan beside a scenario in another
folder, a file that cannot be read, a pipe, a file over the size cap.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import cli
from drill.loading import load_document, load_plan_text, load_scenario
from drill.loading.yamlnodes import MAX_FILE_BYTES, MAX_NODES, MAX_PROBLEMS, read_text
from drill.model.errors import PlanError

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"


def _problems(error: PlanError) -> list[str]:
    return [str(p) for p in error.problems]


def test_scenario_plan_path_is_relative_to_the_scenario_not_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "drills").mkdir()
    shutil.copy(BAD / "base-plan.yaml", tmp_path / "plans" / "small.yaml")
    text = (BAD / "base-scenario.yaml").read_text(encoding="utf-8")
    (tmp_path / "drills" / "drill.yaml").write_text(
        text.replace("plan: base-plan.yaml", "plan: ../plans/small.yaml"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, "-m", "drill", "validate", "../drills/drill.yaml"],
                          cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "../drills/drill.yaml: ok (scenario bad-example-drill)\n"
    scenario = load_scenario(str(tmp_path / "drills" / "drill.yaml"))
    assert Path(scenario.plan_path).resolve() == (tmp_path / "plans" / "small.yaml").resolve()


def test_a_plan_beside_the_working_directory_is_not_picked_up(tmp_path: Path, monkeypatch) -> None:
    """``plan: base-plan.yaml`` means beside the scenario, even when the cwd has one too."""
    (tmp_path / "drills").mkdir()
    shutil.copy(BAD / "base-scenario.yaml", tmp_path / "drills" / "drill.yaml")
    shutil.copy(BAD / "base-plan.yaml", tmp_path / "base-plan.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError) as caught:
        load_document("drills/drill.yaml")
    assert _problems(caught.value) == [
        "drills/drill.yaml:4:7: plan file 'base-plan.yaml' not found (looked for "
        "drills/base-plan.yaml; the path is relative to this scenario file)"]


def test_unreadable_plan_is_reported_at_the_scenarios_plan_line(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(BAD / "base-plan.yaml", tmp_path / "base-plan.yaml")
    shutil.copy(BAD / "base-scenario.yaml", tmp_path / "drill.yaml")
    real_open = open
    plan = str(tmp_path / "base-plan.yaml")

    def guarded_open(file, *args, **kwargs):
        if str(file) == plan:
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "drill.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'drill.yaml'}:4:7: plan file 'base-plan.yaml' ({plan}) cannot be read "
        "(permission denied)")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads every file, so chmod cannot make one unreadable")
def test_unreadable_file_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(BAD / "base-plan.yaml", path)
    path.chmod(0)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: cannot be read (permission denied)")


def test_missing_file_and_directory_on_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.yaml"), str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [f"{tmp_path / 'nope.yaml'}: no such file; check the path",
                                              f"{tmp_path}: is a directory, not a YAML file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_is_refused_instead_of_waiting_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "drill", "validate", str(fifo)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{fifo}: is not a regular file (a device, pipe or socket)")


def test_file_over_the_size_cap_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "export.yaml"
    with open(huge, "wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(PlanError) as caught:
        read_text(str(huge))
    assert _problems(caught.value) == [
        f"{huge}: file is {MAX_FILE_BYTES + 1} bytes; drill reads files up to 16 MiB"]


def test_document_over_the_node_cap_is_refused_with_the_limit() -> None:
    text = "plan: big\nholidays: [" + ",".join(["1"] * (MAX_NODES + 10)) + "]\n"
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, "big.yaml")
    (problem,) = _problems(caught.value)
    assert problem.startswith(f"big.yaml:2:11: document has more than {MAX_NODES} nodes")


def test_problems_are_capped_and_the_rest_counted() -> None:
    parties = "".join(f"  p{i}:\n    contacts: {{ch{i}: {{}}}}\n" for i in range(MAX_PROBLEMS + 50))
    with pytest.raises(PlanError) as caught:
        load_plan_text("plan: many\nparties:\n" + parties, "many.yaml")
    problems = _problems(caught.value)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0] == "many.yaml:4:16: unknown channel 'ch0'"
    assert problems[-1].endswith("… and 50 more problems (fix these first)")


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (BAD / "base-plan.yaml").read_bytes())
    assert load_document(str(path)).id == "bad-example"


def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    plan = tmp_path / "plan.yaml"
    plan.write_text(f'plan: x\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
                    f'label: !!python/object/new:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(plan)])
    assert result.exit_code == 2
    assert not marker.exists()
    assert f"{plan}:2:8: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed" in result.stderr


def test_control_characters_never_reach_the_terminal() -> None:
    result = CliRunner().invoke(cli, ["validate", str(BAD / "control-characters.yaml")])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
