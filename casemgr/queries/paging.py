"""One page of a query's rows, with the total and the page count (case list and portal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

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


def page_with_total(rows_of: Callable[[int], list], counted: Select, asked: int,
                    pages_for: Callable[[int], int], *, numbered: bool = True) -> tuple[list, int, int]:
    """(rows, total, page): ``rows_of(n)`` reads page n with its total (with_total). An empty first
    page of a numbered list means there is nothing; any other empty page is past the end: the total
    is read alone (``counted``) and, in a numbered list, the last page there is (``pages_for``)."""
    rows = rows_of(asked)
    if rows:
        total = getattr(rows[0], TOTAL)
    elif asked == 1 and numbered:
        total = 0
    else:
        total = db.session.scalar(counted) or 0
    page = min(asked, pages_for(total)) if numbered else asked
    if page != asked:
        rows = rows_of(page)
    return rows, total, page


def paginate(query: Select, page: int, size: int, *order_by, cap: int | None = None) -> Page:
    """The requested page (clamped to 1..pages) of ``query`` ordered by ``order_by``, with its total
    in the same statement (page_with_total). With ``cap`` the rows are counted only up to
    ``cap + 1`` (a total above ``cap`` means "more than cap")."""
    limited = query.limit(cap + 1) if cap is not None else query
    counted = select(func.count()).select_from(limited.subquery())

    def rows_of(number: int) -> list:
        paged = with_total(query, counted).order_by(*order_by).limit(size).offset((number - 1) * size)
        return list(db.session.execute(paged).all())

    def pages_for(total: int) -> int:
        return max(1, -(-min(total, cap or total) // size))

    # Past the cap's pages there is nothing to read; without a cap, a page number so large its offset
    # would overflow is past the end all the same (a hand-typed ?page=99999999999999999999).
    asked = max(1, min(page, -(-cap // size) if cap is not None else LARGEST_OFFSET // size))
    rows, total, page = page_with_total(rows_of, counted, asked, pages_for)
    return Page(rows, total, page, pages_for(total), cap)
