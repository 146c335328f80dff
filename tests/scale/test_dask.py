"""``--scheduler``: the same chunks on a real Dask cluster give the same results as locally."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from drill.loading import load_scenario
from drill.reports.montecarlo import monte_carlo_to_dict
from drill.reports.sweep import sweep_to_dict
from drill.scale.executors import DaskExecutor, ExecutorError, LocalExecutor
from drill.scale.montecarlo import monte_carlo
from drill.scale.sweep import sweep
from tests.conftest import EXAMPLES, drill_cmd

distributed = pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'drill[dask]')")


@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster on loopback: two worker processes, one thread each."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as local:
        yield local


def test_sweep_and_monte_carlo_on_dask_equal_the_local_run(cluster, small_national: Path) -> None:
    scenario = load_scenario(str(small_national / "scenarios" / "national-alert-weekday.yaml"))
    example = load_scenario(str(EXAMPLES / "cable-cut.yaml"))
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        assert executor.workers == 2
        remote = sweep_to_dict(sweep(scenario, order=1, executor=executor))
        remote_pairs = sweep_to_dict(sweep(example, order=2, executor=executor))
        remote_mc = monte_carlo_to_dict(monte_carlo(example, 170, 5, 0.05, executor=executor))
    finally:
        executor.close()
    assert remote == sweep_to_dict(sweep(scenario, order=1, executor=LocalExecutor(1)))
    assert remote_pairs == sweep_to_dict(sweep(example, order=2, executor=LocalExecutor(1)))
    assert remote_mc == monte_carlo_to_dict(monte_carlo(example, 170, 5, 0.05, executor=LocalExecutor(1)))
    assert remote["simulated"] > 0


def test_cli_scheduler_option(cluster) -> None:
    args = ["sweep", str(EXAMPLES / "cable-cut.yaml"), "--order", "2", "--format", "json"]
    remote = subprocess.run([*drill_cmd(), *args, "--scheduler", cluster.scheduler_address],
                            capture_output=True, text=True, timeout=120)
    local = subprocess.run([*drill_cmd(), *args, "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ExecutorError, match="cannot reach"):
        DaskExecutor("tcp://127.0.0.1:9", timeout=2)
