"""Key bindings whose descriptions are translated when a screen is shown, not when it is imported."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from drill.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (written with ``N_``) by its translation."""
    bindings = node._bindings
    for key, found in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [replace(b, description=_(b.description)) if b.description else b
                                         for b in found]
