"""``drill analyze --format`` choices -> renderer(analysis, diff, color=..., width=...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from drill.reports.analyze_json import iter_analysis_json, render_analysis_json
from drill.reports.analyze_markdown import render_analysis_markdown
from drill.reports.analyze_openpsa import render_analysis_openpsa
from drill.reports.analyze_sarif import render_analysis_sarif
from drill.reports.analyze_text import render_analysis_text

ANALYZE_FORMATS: dict[str, Callable[..., str]] = {
    "text": render_analysis_text,
    "json": render_analysis_json,
    "markdown": render_analysis_markdown,
    "sarif": render_analysis_sarif,
    "open-psa": render_analysis_openpsa,
}

ANALYZE_STREAMS: dict[str, Callable[..., Iterator[str]]] = {
    "json": iter_analysis_json,
}
"""Formats that can also be written as a stream of chunks (same text as ``ANALYZE_FORMATS``):
the JSON of a national plan is hundreds of megabytes, too much to hold twice."""
