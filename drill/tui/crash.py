"""What a crashed TUI prints: the traceback, never the program's variables.

Textual's crash report shows the local variables of every frame, and those
hold the plan, with contacts' addresses (personal data, docs/security.md).
The apps print the traceback without them.
"""

from __future__ import annotations

from typing import Any

import rich
from rich.segment import Segments
from rich.traceback import Traceback


class NoLocalsOnCrash:
    """Mixin for a Textual ``App``: the crash dump leaves out local variables."""

    def _fatal_error(self: Any) -> None:
        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()
