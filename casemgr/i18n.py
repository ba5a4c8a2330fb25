"""Languages: Simplified Chinese by default, English on request (the switch in the header).

Catalogs are kept as .po text in the repository and compiled to .mo under the instance folder
at start-up, so no binary is committed and a read-only install still works.
"""

from __future__ import annotations

import functools
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session

from casemgr import clock

SOURCE_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def compile_catalogs(target_dir: Path) -> list[Path]:
    """Compile every translations/<lang>/LC_MESSAGES/*.po that is newer than its .mo."""
    written = []
    for po_path in sorted(SOURCE_DIR.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(SOURCE_DIR).with_suffix(".mo")
        mo_path = target_dir / relative
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parts[-3])
        # Write then rename: several gunicorn workers may start at once.
        fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(tmp_name, mo_path)
        written.append(mo_path)
    return written


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    # Outside a request (worker, command line) messages are in the office's default language.
    chosen = session.get("lang") if has_request_context() else None
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """'zh' or 'en': the language of the page being built (the default outside a request). Asked
    for by the filters of every table row (a board holds 100): the request's Locale object is
    worked out once and kept in ``g``, as Flask-Babel keeps the locale itself (get_locale() and
    str() of a Locale cost ~15 us a call)."""
    if not has_app_context():
        return "zh"
    language = g.get("_casemgr_language")
    if language is None:
        from flask_babel import get_locale

        language = g._casemgr_language = "en" if str(get_locale() or "zh").startswith("en") else "zh"
    return language


def select_timezone() -> str:
    return current_app.config["TIMEZONE"]


def format_date(value: date | datetime | None) -> str:
    """Dates are always YYYY-MM-DD, in both languages."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.to_local(value).date()
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return clock.to_local(value).strftime("%Y-%m-%d %H:%M")


# msgid -> its translation, per language: the templates ask for the same few hundred strings on
# every page (a board holds ~70); through Flask-Babel's callables each costs ~65 us (the locale and
# the domain looked up anew each time), from here a dictionary lookup.
_translated: dict[str, dict[str, str]] = {}


def _template_gettext(message: str) -> str:
    table = _translated.setdefault(current_language(), {})
    text = table.get(message)
    if text is None:
        from flask_babel import get_translations

        text = table[message] = get_translations().ugettext(message)
    return text


def install_template_gettext(app: Flask) -> None:
    """Replace the gettext Flask-Babel gives the templates (after its init_app); the plural and
    context forms stay Flask-Babel's (few templates use them)."""
    from flask_babel import get_translations

    app.jinja_env.install_gettext_callables(
        gettext=_template_gettext,
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
        newstyle=True)


@functools.cache
def _wtforms_catalog(language: str):
    from babel import support
    from wtforms.i18n import messages_path

    return support.Translations.load(messages_path(), [language], domain="wtforms")


def keep_wtforms_catalogs(app: Flask) -> None:
    """WTForms' own messages (a required field, a bad date) come from its catalog, which Flask-WTF
    reads from disk again for every request that builds a form (~0.3 ms: the file found and parsed,
    its plural rule compiled). The catalogs never change while the application runs: each
    language's is read once and left where Flask-WTF looks for the request's
    (``request.wtforms_translations``, flask_wtf/i18n.py)."""
    @app.before_request
    def _kept_wtforms_catalog():
        request.wtforms_translations = _wtforms_catalog(current_language())


def init_app(app: Flask) -> str:
    """Compile catalogs and return the directory Flask-Babel should read them from."""
    target = Path(app.config["INSTANCE_PATH"]) / "translations"
    compile_catalogs(target)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    return str(target)
