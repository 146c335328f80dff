"""Where the chunks of a sweep run: in this process, a local process pool, or Dask.

A sweep is cut into chunks (lists of failure sets, or batches of Monte Carlo
runs) that each worker answers with the same :class:`SweepContext`.  Every
executor returns the chunks' results in chunk order, so the result of a sweep
never depends on where or in what order the chunks ran.

- :class:`LocalExecutor` — the default: a process pool over the machine's
  cores.  The context is prepared (loaded, baseline simulated, checkpoints
  taken) once in this process and the workers are forked from it, so the
  national plan is parsed once, not once per worker.  Where ``fork`` is not
  available the context is pickled to each worker, which prepares it again.
- :class:`DaskExecutor` — ``--scheduler tcp://HOST:PORT``: the same chunks on a
  Dask distributed cluster (the ``drill[dask]`` extra).  The context is
  scattered once to every worker; each worker prepares it on first use.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from drill.model.errors import DrillError
from drill.scale.context import SweepContext

ChunkFunction = Callable[[SweepContext, Any], Any]
Progress = Callable[[int], None]
OnResult = Callable[[int, Any], None]
"""Told each chunk's index and result as soon as it is back (in any order)."""


class ExecutorError(DrillError):
    """The executor cannot run (a cluster that cannot be reached, Dask missing)."""


class Executor(Protocol):
    """Runs ``function(context, chunk)`` for every chunk; results in chunk order."""

    workers: int

    def map(self, function: ChunkFunction, context: SweepContext, chunks: Sequence[Any],
            sizes: Sequence[int], progress: Progress | None = None,
            on_result: OnResult | None = None) -> list[Any]: ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _done(index: int, result: Any, size: int, progress: Progress | None, on_result: OnResult | None) -> None:
    """A chunk is back: keep it (``on_result``, e.g. a sweep checkpoint), then count it."""
    if on_result:
        on_result(index, result)
    if progress:
        progress(size)


# -- local ------------------------------------------------------------------------

_WORKER_CONTEXT: SweepContext | None = None


def _worker_start(context: SweepContext) -> None:
    global _WORKER_CONTEXT
    # Ctrl-C reaches the whole process group: only the parent handles it (exit
    # 130, pool terminated), workers never print KeyboardInterrupt or BrokenPipe tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_CONTEXT = context.prepare()


def _worker_run(job: tuple[ChunkFunction, Any]) -> Any:
    function, chunk = job
    assert _WORKER_CONTEXT is not None
    return function(_WORKER_CONTEXT, chunk)


class LocalExecutor:
    """This machine: in-process for one worker, else a process pool (forked when possible)."""

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or default_workers())

    def map(self, function: ChunkFunction, context: SweepContext, chunks: Sequence[Any],
            sizes: Sequence[int], progress: Progress | None = None,
            on_result: OnResult | None = None) -> list[Any]:
        context.prepare()
        if self.workers == 1 or len(chunks) <= 1:
            results = []
            for index, (chunk, size) in enumerate(zip(chunks, sizes, strict=True)):
                results.append(function(context, chunk))
                _done(index, results[-1], size, progress, on_result)
            return results
        methods = multiprocessing.get_all_start_methods()
        mp = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        results = []
        with mp.Pool(min(self.workers, len(chunks)), initializer=_worker_start, initargs=(context,)) as pool:
            jobs = pool.imap(_worker_run, [(function, c) for c in chunks])
            for index, (result, size) in enumerate(zip(jobs, sizes, strict=True)):
                results.append(result)
                _done(index, result, size, progress, on_result)
        return results


# -- Dask ---------------------------------------------------------------------------


def _dask_run(function: ChunkFunction, context: SweepContext, chunk: Any) -> Any:
    return function(context.prepare(), chunk)


class DaskExecutor:
    """A Dask distributed cluster at ``address`` (``tcp://HOST:PORT``)."""

    def __init__(self, address: str, timeout: float = 30.0):
        try:
            from dask.distributed import Client
        except ImportError:  # pragma: no cover - depends on the installation
            raise ExecutorError("--scheduler needs Dask: pip install 'drill[dask]'") from None
        try:
            self.client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from None
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self.client.scheduler_info().get("workers", {}).values()))

    def close(self) -> None:
        self.client.close()

    def map(self, function: ChunkFunction, context: SweepContext, chunks: Sequence[Any],
            sizes: Sequence[int], progress: Progress | None = None,
            on_result: OnResult | None = None) -> list[Any]:
        from dask.distributed import as_completed

        shipped = self.client.scatter(context, broadcast=True, hash=False)
        futures = [self.client.submit(_dask_run, function, shipped, chunk, pure=False) for chunk in chunks]
        index_of = {future.key: index for index, future in enumerate(futures)}
        for future in as_completed(futures):
            if future.status == "error":
                future.result()  # raises the worker's error here
            index = index_of[future.key]
            _done(index, future.result(), sizes[index], progress, on_result)
        return [future.result() for future in futures]


def make_executor(workers: int | None = None, scheduler: str | None = None) -> LocalExecutor | DaskExecutor:
    if scheduler:
        return DaskExecutor(scheduler)
    return LocalExecutor(workers)
