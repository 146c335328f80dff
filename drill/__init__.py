"""drill: an emergency-response drill and incident-contact simulator.

The package is layered (see ARCHITECTURE in the docs): ``drill.model`` holds the
frozen domain types, ``drill.loading`` turns YAML into them, ``drill.engine``
simulates a scenario, ``drill.analysis`` reasons about a plan without a clock,
``drill.reports`` renders results and ``drill.cli`` / ``drill.tui`` are thin
front ends.  Nothing below the front ends imports Textual.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
