"""The core must run without Textual: only ``drill tui`` imports it."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import drill, drill.model, drill.loading, drill.engine, drill.engine.journal, drill.reports, drill.cli\n"
        "import drill.cli.cmd_tui\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(bad)); print(bad[:5])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "0", out


def test_the_tui_package_does_import_textual() -> None:
    """The check above can fail: importing the app does pull Textual in."""
    code = "import sys, drill.tui.app; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
