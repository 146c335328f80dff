"""``drill sweep --checkpoint``: a sweep stopped part way resumes and gives the same result."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drill.cli import cli
from drill.loading import load_scenario
from drill.reports.sweep import sweep_to_dict
from drill.scale.checkpoint import Checkpoint
from drill.scale.context import SweepContext
from drill.scale.executors import LocalExecutor
from drill.scale.sweep import sweep

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "scenarios" / "shared-cable-cut.yaml")


def _sweep(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["sweep", SCENARIO, "--order", "2", "--format", "json", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_checkpointed_sweep_equals_a_plain_one_and_keeps_every_simulated_set(tmp_path: Path) -> None:
    plain = _sweep("--workers", "1")
    saved = _sweep("--workers", "1", "--checkpoint", str(tmp_path / "c.ckpt"))
    assert plain[:2] == saved[:2] and plain[0] == 1
    lines = (tmp_path / "c.ckpt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('{"drill-sweep": 1, "key": ')
    context = SweepContext(load_scenario(SCENARIO)).prepare()
    result = sweep(context, 2, executor=LocalExecutor(1))
    assert len(lines) - 1 == sum(row.simulated for row in result.rows) > 10


def test_a_sweep_cut_off_mid_line_resumes_with_only_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "c.ckpt"
    full = _sweep("--workers", "1", "--checkpoint", str(path))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:21]) + '{"fail": ["pref-bui', encoding="utf-8")  # killed while writing
    context = SweepContext(load_scenario(SCENARIO)).prepare()
    key = lines[0].split('"key": "')[1].split('"')[0]
    totals: list[int] = []
    checkpoint = Checkpoint(str(path), key)
    assert len(checkpoint.done) == 20
    result = sweep(context, 2, executor=LocalExecutor(1), on_total=totals.append, checkpoint=checkpoint)
    checkpoint.close()
    assert totals == [len(lines) - 1 - 20]  # only the sets not yet done are simulated
    assert path.read_text(encoding="utf-8").splitlines() == [line.rstrip("\n") for line in lines[:21]] + \
        [line.rstrip("\n") for line in lines[21:]]  # the cut line is gone, the rest appended whole
    assert sweep_to_dict(result) == sweep_to_dict(sweep(context, 2, executor=LocalExecutor(1)))
    path.write_text("".join(lines[:21]), encoding="utf-8")
    code, out, err = _sweep("--workers", "2", "--checkpoint", str(path))
    assert (code, out) == full[:2]
    assert "resuming from" in err and "20 failure sets already done" in err


def test_a_checkpoint_of_another_sweep_or_a_bad_line_is_exit_2_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "c.ckpt"
    _sweep("--checkpoint", str(path))
    other = CliRunner().invoke(cli, ["sweep", SCENARIO, "--order", "1", "--checkpoint", str(path)])
    assert other.exit_code == 2 and f"{path}:1:1: this checkpoint belongs to another sweep" in other.stderr
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1] + '{"fail": "pref-power", "statuses": "00", "unmet": []}\n',
                    encoding="utf-8")
    code, _out, err = _sweep("--checkpoint", str(path))
    assert code == 2 and f"{path}:3:1: not a line of a sweep checkpoint" in err


def test_checkpoint_is_for_order_sweeps_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sweep", SCENARIO, "--random", "10", "--checkpoint", str(tmp_path / "c")])
    assert result.exit_code == 2 and "--checkpoint goes with --order sweeps" in result.stderr
    assert not (tmp_path / "c").exists()
