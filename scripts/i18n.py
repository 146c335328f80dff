#!/usr/bin/env python3
"""Extract, update and compile drill's message catalogs (Babel).

    python scripts/i18n.py            # extract from drill/, update ja and en, compile .mo
    python scripts/i18n.py --check    # exit 1 when an id lacks a translation or a .mo is stale
    python scripts/i18n.py --fold     # first fold i18n-pending/*.json into the ja catalog

English msgstrs are the ids themselves (filled in automatically); Japanese ones
are written by people in ``drill/locale/ja/LC_MESSAGES/drill.po``.  An id that
disappears from the code is dropped from both catalogs.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drill"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
LANGS = ("en", "ja")
PENDING = ROOT / "i18n-pending"
#: In a pending file, "SINGULAR\u0004PLURAL" names an ngettext message.
PLURAL_SEPARATOR = "\u0004"


def extract() -> Catalog:
    """Every message id of the package's Python sources, in a stable order."""
    template = Catalog(project="drill", charset="utf-8", fuzzy=False)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(f"drill/{filename}", lineno)], auto_comments=comments,
                     context=context)
    for where, text in _help_texts():
        if template.get(text) is None:
            template.add(text, None, [(where, 0)], auto_comments=["--help text"])
    return template


def _help_texts() -> list[tuple[str, str]]:
    """Every command's help and every option's help, as click stores them (drill/cli/help.py)."""
    sys.path.insert(0, str(ROOT))
    from drill.cli import cli
    from drill.cli.help import help_texts

    return list(help_texts(cli))


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "drill.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    return Catalog(locale=lang, project="drill", charset="utf-8", fuzzy=False)


def updated(lang: str, template: Catalog) -> Catalog:
    """``lang``'s catalog with exactly the template's ids, keeping translations."""
    old = load(lang)
    new = Catalog(locale=lang, project="drill", charset="utf-8", fuzzy=False)
    new.plural_forms  # noqa: B018 - Babel derives the plural rule from the locale
    for message in template:
        if not message.id:
            continue
        previous = old.get(message.id, context=message.context)
        string = previous.string if previous is not None else None
        if isinstance(string, (tuple, list)) != isinstance(message.id, (tuple, list)):
            string = None  # became (or stopped being) a plural: translate it again
        if lang == "en" and not _translated(string):
            string = message.id
        new.add(message.id, string, message.locations, auto_comments=message.auto_comments,
                context=message.context)
    return new


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(bool(s) for s in string)
    return bool(string)


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True,
             include_lineno=False)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _messages(catalog: Catalog) -> dict[object, object]:
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context):
            (m.string if isinstance(m.string, str) else tuple(m.string or ())) for m in catalog if m.id}


def _mo_matches(path: Path, catalog: Catalog) -> bool:
    """The compiled file holds exactly the catalog's translations (Babel's version aside)."""
    import gettext

    if not path.exists():
        return False
    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    with io.BytesIO(mo_bytes(catalog)) as handle:
        expected = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return bool(compiled == expected)


def missing(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in catalog if m.id and not _translated(m.string)]


def fold(catalog: Catalog, template: Catalog, pending: Path) -> list[str]:
    """Put the translations of ``pending/*.json`` into ``catalog``; return the ids left over.

    Each file is a flat JSON object, English message id -> Japanese text (for
    ngettext the key is ``SINGULAR\u0004PLURAL``).  Folded entries leave their
    file, and a file left empty is deleted; an id the code does not have (yet)
    stays in its file so that nothing is lost when a file is folded early.
    """
    left: list[str] = []
    for path in sorted(pending.glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entries, dict):
            raise SystemExit(f"{path}: expected a JSON object of msgid -> translation")
        kept = {}
        for key, text in entries.items():
            ident: str | tuple[str, ...] = (tuple(key.split(PLURAL_SEPARATOR, 1))
                                            if PLURAL_SEPARATOR in key else key)
            known = template.get(ident)
            if known is None or not isinstance(text, str) or not text:
                kept[key] = text
                continue
            string: str | tuple[str, ...] = ((text,) * catalog.num_plurals
                                            if isinstance(ident, tuple) else text)
            existing = catalog.get(known.id, context=known.context)
            if existing is not None:  # Babel's add() keeps an existing entry's (empty) string
                existing.string = string
            else:
                catalog.add(known.id, string, known.locations, auto_comments=known.auto_comments,
                            context=known.context)
        if kept:
            path.write_text(json.dumps(kept, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            left.extend(f"{path.name}: {key}" for key in kept)
        else:
            path.unlink()
    return left


def _fold_pending(template: Catalog) -> None:
    catalog = load("ja")
    left = fold(catalog, template, PENDING)
    po_path("ja").write_bytes(po_bytes(catalog))
    for item in left:
        print(f"ja: not folded (no such id in the code, or no text): {item}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check only; write nothing")
    parser.add_argument("--fold", action="store_true",
                        help="first fold i18n-pending/*.json into the ja catalog")
    args = parser.parse_args(argv)
    template = extract()
    if args.fold and not args.check:
        _fold_pending(template)
    status = 0
    for lang in LANGS:
        catalog = updated(lang, template)
        catalog.revision_date = catalog.creation_date = load(lang).creation_date
        po, mo = po_bytes(catalog), mo_bytes(catalog)
        gaps = missing(catalog)
        if args.check:
            for ident in gaps:
                print(f"{lang}: no translation for {ident!r}")
            path = po_path(lang)
            if not path.exists() or _messages(load(lang)) != _messages(catalog):
                print(f"{lang}: {path.relative_to(ROOT)} is not up to date: run python scripts/i18n.py")
                status = 1
            if not _mo_matches(path.with_suffix(".mo"), catalog):
                print(f"{lang}: drill.mo is not compiled from drill.po: run python scripts/i18n.py")
                status = 1
            status = status or (1 if gaps else 0)
            continue
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po)
        path.with_suffix(".mo").write_bytes(mo)
        print(f"{lang}: {len(catalog)} messages, {len(gaps)} untranslated -> {path.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
