"""Words for people, in Japanese or English (FORMAT.md 7.3).

This is the one place where the language is chosen and where sentences come
from.  Code passes structured facts (ids, kinds, minutes) and calls ``_()``
(or ``ngettext()`` for counts) *when it renders*, never at import time:
module-level tables of words are marked with ``N_()`` and translated where
they are used.  The catalogs are gettext ``.po`` files under
``drill/locale/<lang>/LC_MESSAGES/drill.po``, compiled to ``.mo`` beside them
(``python scripts/i18n.py`` extracts, updates and compiles with Babel).

Machine fields — JSON keys, statuses, rule ids, cause kinds, ids — never go
through this module.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

#: The languages drill speaks; the first is the default.
LANGUAGES = ("en", "ja")
DEFAULT_LANGUAGE = "en"
DOMAIN = "drill"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translations: dict[str, _gettext.NullTranslations] = {}
_current = DEFAULT_LANGUAGE


class LanguageError(ValueError):
    """A language drill does not speak was asked for."""


def select_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language FORMAT.md 7.3 chooses.

    ``--lang`` first, else ``DRILL_LANG``, else Japanese when the first set of
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starts with ``ja``, else English.
    """
    env = os.environ if environ is None else environ
    for explicit in (option, env.get("DRILL_LANG") or None):
        if explicit:
            return normalise(explicit)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def normalise(language: str) -> str:
    """``ja``, ``ja_JP.UTF-8``, ``EN`` → a language of :data:`LANGUAGES`."""
    code = language.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if code not in LANGUAGES:
        raise LanguageError(f"unknown language {language!r}: use ja or en")
    return code


def set_language(language: str) -> None:
    """Make ``language`` the language of everything rendered from now on."""
    global _current
    _current = normalise(language)


def current_language() -> str:
    """The language in use (``en`` or ``ja``)."""
    return _current


def translations(language: str | None = None) -> _gettext.NullTranslations:
    """The catalog of a language (cached); English falls back to the message ids."""
    lang = normalise(language) if language else _current
    found = _translations.get(lang)
    if found is None:
        try:
            found = _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])
        except OSError:
            found = _gettext.NullTranslations()
        _translations[lang] = found
    return found


def _(message: str) -> str:
    """``message`` (an English message id) in the current language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the current language."""
    return translations().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same English words need another translation."""
    return translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it now."""
    return message


def pick_label(label: str | None, label_en: str | None, ident: str) -> str:
    """The label of the current language, else the other label, else the id (FORMAT.md 7.3)."""
    first, second = (label_en, label) if _current == "en" else (label, label_en)
    return first or second or ident


__all__ = [
    "LANGUAGES", "DEFAULT_LANGUAGE", "LanguageError", "N_", "_", "current_language",
    "ngettext", "normalise", "pgettext", "pick_label", "select_language", "set_language", "translations",
]
