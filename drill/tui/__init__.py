"""The organiser's control room: a Textual front end for running a live drill.

Only the ``drill tui`` command imports this package, so the core (model,
loading, engine, analysis, reports) runs without Textual installed.
"""
