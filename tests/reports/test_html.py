"""The HTML after-action report: self-contained, with a timeline and a graph that render."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from drill.engine import simulate
from drill.loading import load_scenario
from drill.reports import run_to_dict
from drill.reports.aar_html import render_record_html
from drill.reports.graph import dot_available
from tests.reports.helpers import EXAMPLES, ROOT

SVG = "{http://www.w3.org/2000/svg}"


def _html(name: str = "cable-cut", layout: str = "builtin") -> str:
    result = simulate(load_scenario(str(EXAMPLES / f"{name}.yaml")))
    return render_record_html(run_to_dict(result), result.scenario.plan, layout=layout)


def _svgs(page: str) -> dict[str, ET.Element]:
    found = {}
    for match in re.finditer(r"<svg .*?</svg>", page, flags=re.S):
        root = ET.fromstring(match.group(0))
        found[root.get("class", "").split()[0]] = root
    return found


def test_timeline_svg_has_attempt_bars_deadlines_and_injects() -> None:
    timeline = _svgs(_html())["drill-timeline"]
    rects = timeline.iter(f"{SVG}rect")
    classes = [r.get("class") or "" for r in rects]
    assert classes.count("attempt attempt-ok") == 4
    assert classes.count("attempt attempt-failed") == 2
    assert sum(1 for c in classes if c.startswith("task ")) == 4
    lines = [ln.get("class") for ln in timeline.iter(f"{SVG}line")]
    assert lines.count("deadline") == 4 and lines.count("inject") == 1


def test_graph_svg_marks_failed_links() -> None:
    graph = _svgs(_html())["drill-graph"]
    paths = [p.get("class") for p in graph.iter(f"{SVG}path") if (p.get("class") or "").startswith("edge")]
    assert paths.count("edge edge-failed") == 2
    assert paths.count("edge edge-ok") == 4
    texts = "".join(t.text or "" for t in graph.iter(f"{SVG}text"))
    assert "pref-cable" in texts and "town-y" in texts


def test_self_contained() -> None:
    page = _html("saturday-night")
    assert "<script" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


@pytest.mark.skipif(not dot_available(), reason="Graphviz dot is not installed (apt-get install graphviz)")
def test_graphviz_layout_is_inlined() -> None:
    graph = _svgs(_html(layout="dot"))["drill-graph"]
    assert graph.get("data-layout") == "dot"
    assert "<?xml" not in _html(layout="dot")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_chromium_renders_the_report(tmp_path) -> None:  # noqa: ANN001
    """The documented screenshot script works and the page draws (a PNG with content)."""
    page = tmp_path / "aar.html"
    page.write_text(_html(), encoding="utf-8")
    png = tmp_path / "aar.png"
    proc = subprocess.run(["sh", str(ROOT / "scripts" / "screenshot_html.sh"), str(page), str(png), "1200x1600"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes
