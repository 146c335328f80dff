# `make check` runs what CI runs (after `pip install -e '.[dev]'`).
.PHONY: check test lint bench

check: test lint

test:
	python -m pytest

lint:
	ruff check drill tests
	lint-imports
	mypy drill

bench:
	python benchmarks/national.py
