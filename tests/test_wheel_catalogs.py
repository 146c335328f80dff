"""A freshly built wheel carries the compiled message catalogs (issue 13).

Builds the wheel with pip and hatchling the way a user's ``pip install .``
does (a few seconds; it runs with the rest of the suite, in CI too).
"""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = ("Could not find a version that satisfies", "No matching distribution",
           "Failed to establish a new connection", "Network is unreachable")


@pytest.mark.packaging
def test_a_fresh_wheel_contains_the_compiled_catalogs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT),
                           "-w", str(tmp_path)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and any(sign in done.stderr for sign in OFFLINE):
        pytest.skip("pip cannot fetch hatchling (no network): " + done.stderr.strip()[-200:])
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("drill-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for lang in ("ja", "en"):
            assert f"drill/locale/{lang}/LC_MESSAGES/drill.mo" in names
        japanese = gettext.GNUTranslations(
            io.BytesIO(archive.read("drill/locale/ja/LC_MESSAGES/drill.mo")))
    assert japanese.gettext("drill: wrote {path}") == "drill: {path} に書き出しました"
    assert japanese.gettext("delivered") == "伝達済み"
