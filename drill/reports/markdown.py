"""Markdown escaping, the one way every Markdown report writes text into a table cell."""

from __future__ import annotations


def md_cell(value: object, empty: str = "—") -> str:
    """Text safe inside a Markdown table cell (``empty`` for None or "")."""
    text = empty if value is None or value == "" else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
