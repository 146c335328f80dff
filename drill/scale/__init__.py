"""National scale: a synthetic national plan, sweeps of every failure, Monte Carlo.

Layers: this package sits beside :mod:`drill.analysis` — it uses the model,
the loader and the engine, and the CLI uses it.  Work is cut into chunks that
an executor (a local process pool, or a Dask cluster) runs; results depend only
on the input (and the seed), never on how many workers ran them.
"""
