"""Keep the translation catalogs in step with the source.

    python scripts/catalog.py            extract messages and merge them into every catalog
    python scripts/catalog.py --check    exit 1 if a message is missing or untranslated (tests call this)

The source language is English; zh is the default locale, so every message needs a zh entry.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "casemgr" / "translations"
METHODS = [("casemgr/**.py", "python"), ("workers/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "_n": (1, 2), "lazy_ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="casemgr", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map=METHODS, keywords=KEYWORDS,
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}}):
        if "/.venv/" in filename or filename.startswith(".venv"):
            continue
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def catalogs() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def problems(template: Catalog) -> list[str]:
    found = []
    for po_path in catalogs():
        locale = po_path.parts[-3]
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=locale)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context)
            if entry is None:
                found.append(f"{locale}: missing {message.id!r}")
            elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
                found.append(f"{locale}: untranslated {message.id!r}")
            elif entry.fuzzy:
                found.append(f"{locale}: fuzzy {message.id!r}")
    return found


def update(template: Catalog) -> None:
    for po_path in catalogs():
        locale = po_path.parts[-3]
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=locale)
        catalog.update(template, no_fuzzy_matching=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, omit_header=False, sort_output=True, width=100, no_location=True,
                 ignore_obsolete=True)
        po_path.write_bytes(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    template = extract()
    if args.check:
        found = problems(template)
        print("\n".join(found) or f"{len(template) - 1} messages, all translated")
        return 1 if found else 0
    update(template)
    print(f"{len(template) - 1} messages merged into {len(catalogs())} catalog(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
