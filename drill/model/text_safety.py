"""Which characters text from a file may hold, and how to show text safely.

One policy for every input (plans, scenarios, answers files, run JSON,
journals), docs/security.md "Characters":

- everywhere an error: C0 controls other than tab and newline (a CR too),
  DEL, C1 controls, the bidirectional overrides and isolates of "Trojan
  Source" and the marks LRM/RLM/ALM, the line and paragraph separators
  U+2028/U+2029 (they split a line for some tools and not for others), the
  noncharacters U+FFFE/U+FFFF and lone surrogates (XML 1.0 cannot hold them);
- in ids also an error: zero-width characters (U+200B..U+200D, U+2060,
  U+FEFF), so that ``pref`` and ``pref\u200b`` cannot both exist, and ids
  longer than :data:`MAX_ID_LENGTH`;
- free text (titles, labels, notes) may hold zero-width joiners: scripts
  and emoji need them.

:func:`printable` writes what must not reach a terminal as ``\\uXXXX``;
:func:`excerpt` cuts text quoted in a message to a short, safe excerpt.
"""

from __future__ import annotations

#: Characters no text from a file may hold.
UNSAFE_CHARS = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c", "\u2028", "\u2029", "\ufffe", "\uffff"]
    + [chr(c) for c in range(0xD800, 0xE000)]
)

#: Characters an id may not hold on top of :data:`UNSAFE_CHARS`: invisible ones.
INVISIBLE_CHARS = frozenset(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"])

#: Longest id (a municipality's id is a few dozen characters).
MAX_ID_LENGTH = 200

#: Longest excerpt of a file's text that a message quotes.
MAX_EXCERPT = 60


def unsafe_char(text: str) -> str | None:
    """The first character of ``text`` that must not reach a terminal, if any."""
    if text.isascii() and text.isprintable():
        return None
    for char in text:
        if char in UNSAFE_CHARS:
            return char
    return None


def invisible_char(text: str) -> str | None:
    """The first invisible character of ``text`` (not allowed in ids), if any."""
    if text.isascii():
        return None
    for char in text:
        if char in INVISIBLE_CHARS:
            return char
    return None


def printable(text: str) -> str:
    """``text`` with unsafe characters written as escapes, safe to print."""
    if unsafe_char(text) is None:
        return text
    return "".join(f"\\u{ord(c):04x}" if c in UNSAFE_CHARS else c for c in text)


def excerpt(text: str, limit: int = MAX_EXCERPT) -> str:
    """A short, printable excerpt of ``text`` for a message: cut with ``…`` past ``limit`` characters."""
    text = printable(text)
    if invisible_char(text) is not None:
        text = "".join(f"\\u{ord(c):04x}" if c in INVISIBLE_CHARS else c for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def id_problem(ident: str) -> str | None:
    """What is wrong with ``ident`` as an id (a message, not translated here), or None."""
    if not ident.strip():
        return "empty"
    if len(ident) > MAX_ID_LENGTH:
        return "long"
    char = invisible_char(ident)
    if char is not None:
        return f"U+{ord(char):04X}"
    return None


def _ranges(chars: frozenset[str]) -> str:
    """``chars`` as the inside of a regular-expression class of ``\\uXXXX`` ranges."""
    codes = sorted(ord(c) for c in chars)
    out, start, prev = [], codes[0], codes[0]
    for code in codes[1:] + [-1]:
        if code == prev + 1:
            prev = code
            continue
        out.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev != start else ""))
        start = prev = code
    return "".join(out)


#: Text without any unsafe character, as a regular expression (JSON Schema, ECMA 262 and Python).
TEXT_PATTERN = "^[^" + _ranges(UNSAFE_CHARS) + "]*$"
#: An id: not blank, no unsafe or invisible character.
ID_PATTERN = "^(?!\\s*$)[^" + _ranges(UNSAFE_CHARS | INVISIBLE_CHARS) + "]*$"
