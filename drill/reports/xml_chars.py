"""Characters XML 1.0 can carry, for every XML drill writes (JUnit, Open-PSA, SVG, HTML).

XML 1.0 allows tab, newline, CR and the code points from U+0020 up, except
the surrogates and U+FFFE/U+FFFF; anything else makes the whole file
unreadable to junitparser or SCRAM.  The loaders already refuse these in
input files; this is the writers' own guarantee.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr


def _allowed(ch: str) -> bool:
    code = ord(ch)
    return (code >= 0x20 or ch in "\t\n\r") and not (0xD800 <= code <= 0xDFFF) and code not in (0xFFFE, 0xFFFF)


def xml_chars(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if _allowed(ch))


def escape(text: str) -> str:
    """XML character data: filtered, then ``&``, ``<`` and ``>`` escaped."""
    return _escape(xml_chars(text))


def quoteattr(text: str) -> str:
    """An XML attribute value in quotes: filtered, then escaped."""
    return _quoteattr(xml_chars(text))
