"""<option> lists rendered in Python: a filter of 200 agencies is 600 escaped values, and Jinja's
loop costs several times what a join does (the case list spent ~2 ms a request on them).

The filters' lists are the same tuples for a while (``agency_filter_choices`` keeps them for
SUMMARY_CACHE_SECONDS), so a tuple's options are rendered once (a tuple cannot change; kept by
``fragment_cache``) and only the chosen value is marked on each request (the officers' filter of
1,000 options took ~5 ms a page to render each time, before officers were typed instead).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from markupsafe import Markup, escape

from casemgr.fragment_cache import rendered


def _plain(choices: Iterable[tuple[Any, str]]) -> str:
    return "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices)


def _rendered_once(choices: Iterable[tuple[Any, str]]) -> str:
    if not isinstance(choices, tuple):  # a list may change, a generator is used once
        return _plain(choices)
    # Keyed by the tuple itself: equal options, equal HTML (the kept key holds the tuple).
    return str(rendered(("options", choices), lambda: _plain(choices)))  # plain str: marked below


def options(choices: Iterable[tuple[Any, str]], selected: Any = None) -> Markup:
    """``<option value="id">name</option>`` for each (value, label); ``selected`` is one value or a
    collection of values (a multiple select)."""
    chosen = selected if isinstance(selected, Collection) and not isinstance(selected, str) else {selected}
    html = _rendered_once(choices)
    for value in chosen:
        if value is not None:
            mark = f'<option value="{escape(value)}">'
            html = html.replace(mark, f'<option value="{escape(value)}" selected>', 1)
    return Markup(html)


def init_app(app) -> None:
    app.jinja_env.filters["options"] = options
