"""One page of a query's rows, with the total and the page count (case list and portal)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from casemgr import summary_cache
from casemgr.extensions import db


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int
    page: int
    pages: int
    cap: int | None = None

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.total > self.cap


LARGEST_OFFSET = 2**62  # PostgreSQL's OFFSET is a bigint
TOTAL = "page_total"  # the column with_total adds


def with_total(query: Select, counted: Select) -> Select:
    """``query``'s rows, each carrying ``counted``'s number as TOTAL: a scalar subquery, planned on
    its own and evaluated once, so a page and its count take one statement instead of two."""
    return query.add_columns(counted.scalar_subquery().label(TOTAL))


def page_with_total(rows_of: Callable[[int, bool], list], counted: Select, asked: int,
                    pages_for: Callable[[int], int], *, numbered: bool = True,
                    cap: int | None = None, key: Hashable | None = None,
                    count_values: dict | None = None) -> tuple[list, int, int]:
    """(rows, total, page): ``rows_of(n, True)`` reads page n with its total (with_total),
    ``rows_of(n, False)`` without it. An empty first page of a numbered list means there is
    nothing; any other empty page is past the end: the total is read alone (``counted``) and, in a
    numbered list, the last page there is (``pages_for``).

    ``counted`` counts up to ``cap`` + 1. A list (``key``: what it shows) found to hold more than
    ``cap`` rows is not counted again for SUMMARY_CACHE_SECONDS: its count would say "more than
    cap" again (a thousand matching cases do not go in a minute), and counting them is most of what
    such a page costs (at a million cases, ~8 of the ~9 ms of SQL of a first page filtered by state
    and area). Its rows are read afresh every time."""
    over = ("counted over the cap", key)
    known = key is not None and cap is not None and summary_cache.peek(over) is not None
    rows = rows_of(asked, not known)
    if rows:
        total = cap + 1 if known else getattr(rows[0], TOTAL)
    elif asked == 1 and numbered:
        total = 0
    else:
        total = db.session.scalar(counted, count_values or {}) or 0
    if key is not None and cap is not None and total > cap and not known:
        summary_cache.keep(over, True)
    page = min(asked, pages_for(total)) if numbered else asked
    if page != asked:
        rows = rows_of(page, False)
    return rows, total, page


def paginate(query: Select, page: int, size: int, *order_by, cap: int | None = None,
             key: Hashable | None = None) -> Page:
    """The requested page (clamped to 1..pages) of ``query`` ordered by ``order_by``, with its total
    in the same statement (page_with_total). With ``cap`` the rows are counted only up to
    ``cap + 1`` (a total above ``cap`` means "more than cap"), and with ``key`` too (what the list
    shows, whoever asks) a list over the cap is not counted again for a while (page_with_total)."""
    limited = query.limit(cap + 1) if cap is not None else query
    counted = select(func.count()).select_from(limited.subquery())

    def rows_of(number: int, with_count: bool) -> list:
        paged = with_total(query, counted) if with_count else query
        paged = paged.order_by(*order_by).limit(size).offset((number - 1) * size)
        return list(db.session.execute(paged).all())

    def pages_for(total: int) -> int:
        return max(1, -(-min(total, cap or total) // size))

    # Past the cap's pages there is nothing to read; without a cap, a page number so large its offset
    # would overflow is past the end all the same (a hand-typed ?page=99999999999999999999).
    asked = max(1, min(page, -(-cap // size) if cap is not None else LARGEST_OFFSET // size))
    rows, total, page = page_with_total(rows_of, counted, asked, pages_for, cap=cap, key=key)
    return Page(rows, total, page, pages_for(total), cap)
