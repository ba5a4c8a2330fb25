"""Figures that are costly to count and may be a little old: kept in this process for
``SUMMARY_CACHE_SECONDS``. At a million cases: the deadline board's per-officer counts group every
open deadline (130 ms, while the board itself reads 20 rows a group); a year's live statistics
take ~0.6 s; the litigation page's figures ~0.1 s; the portal's yearly counts ~0.13 s and its
list of the agencies with a published decision (a search filter). The pages show when a figure
was counted. A list found to hold more than its count's cap ("1,000+") is noted here too
(``keep``/``peek``, queries/paging.py), so it is not counted again for a while. Exports and
reports always count afresh. 0 turns the cache off
(the tests do, so every figure they read is fresh).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import TypeVar

from flask import current_app

from casemgr import clock

T = TypeVar("T")
_entries: dict[Hashable, tuple[float, datetime, object]] = {}
_lock = threading.Lock()
_MAX_ENTRIES = 1_000  # one per user and filter combination; past this the oldest are dropped


def remembered(key: Hashable, compute: Callable[[], T]) -> tuple[T, datetime]:
    """``compute()``'s value and when it was computed: from the cache while it is fresh."""
    seconds = current_app.config.get("SUMMARY_CACHE_SECONDS", 0)
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
    if seconds and entry is not None and now - entry[0] < seconds:
        return entry[2], entry[1]  # type: ignore[return-value]
    value, at = compute(), clock.now()
    if seconds:
        _store(key, now, at, value)
    return value, at


def _store(key: Hashable, now: float, at: datetime, value: object) -> None:
    with _lock:
        if len(_entries) >= _MAX_ENTRIES:  # the oldest half dropped: one per user, filter or search
            for old in sorted(_entries, key=lambda k: _entries[k][0])[: _MAX_ENTRIES // 2]:
                del _entries[old]
        _entries[key] = (now, at, value)


def peek(key: Hashable) -> object | None:
    """The value kept for ``key`` while it is fresh, else None (nothing is computed)."""
    seconds = current_app.config.get("SUMMARY_CACHE_SECONDS", 0)
    with _lock:
        entry = _entries.get(key)
    if seconds and entry is not None and time.monotonic() - entry[0] < seconds:
        return entry[2]
    return None


def keep(key: Hashable, value: object) -> None:
    """Keep ``value`` for ``key`` (for SUMMARY_CACHE_SECONDS; nothing when that is 0)."""
    if current_app.config.get("SUMMARY_CACHE_SECONDS", 0):
        _store(key, time.monotonic(), clock.now(), value)


def forget_all() -> None:
    with _lock:
        _entries.clear()
