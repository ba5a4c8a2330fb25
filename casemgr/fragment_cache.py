"""Rendered HTML kept by the identity of what it shows, so a page shown again is not built again.

A key names everything the fragment depends on: a frozen statistics snapshot's id and the time it
was computed, or a live count's time (``summary_cache``), and the reader's language. Whatever
changes the content changes the key, so a kept fragment is never stale; it is only ever dropped to
bound memory (least recently used first). Nothing personal goes in: the caller renders forms,
CSRF tokens and anything that depends on the reader outside the fragment.

At a million cases a closed year's statistics page builds ~150 links and 200 table rows from the
snapshot's figures (~15 ms); served from here it costs the lookup. Off when
``SUMMARY_CACHE_SECONDS`` is 0 (the tests, unless a test turns it on to test it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app
from markupsafe import Markup

_entries: OrderedDict[Hashable, Markup] = OrderedDict()
_lock = threading.Lock()
MAX_ENTRIES = 64  # a statistics fragment of 200 agencies is ~150 KB: at most ~10 MB per process


def rendered(key: Hashable, render: Callable[[], str]) -> Markup:
    """``render()``'s HTML, from the cache when this key was rendered before."""
    if not current_app.config.get("SUMMARY_CACHE_SECONDS", 0):
        return Markup(render())
    with _lock:
        html = _entries.get(key)
        if html is not None:
            _entries.move_to_end(key)
            return html
    html = Markup(render())
    with _lock:
        _entries[key] = html
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return html


def forget_all() -> None:
    with _lock:
        _entries.clear()
