"""One page of a query's rows, with the total and the page count (case list and portal)."""

from __future__ import annotations

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


def paginate(query: Select, page: int, size: int, *order_by, cap: int | None = None) -> Page:
    """The requested page (clamped to 1..pages) of ``query`` ordered by ``order_by``. With ``cap``
    the rows are counted only up to ``cap + 1`` (a total above ``cap`` means "more than cap").

    The count rides along with the page's rows as a scalar subquery (planned on its own, evaluated
    once): one statement instead of two. A page past the end comes back empty; then the count is
    read alone and the last page there is is read."""
    limited = query.limit(cap + 1) if cap is not None else query
    counted = select(func.count()).select_from(limited.subquery())

    def rows_of(number: int) -> list:
        paged = query.add_columns(counted.scalar_subquery().label("page_total")).order_by(*order_by)
        return list(db.session.execute(paged.limit(size).offset((number - 1) * size)).all())

    # Past the cap's pages there is nothing to read; without a cap, a page number so large its offset
    # would overflow is past the end all the same (a hand-typed ?page=99999999999999999999).
    asked = max(1, min(page, -(-cap // size) if cap is not None else LARGEST_OFFSET // size))
    rows = rows_of(asked)
    total = rows[0].page_total if rows else (0 if asked == 1 else db.session.scalar(counted) or 0)
    pages = max(1, -(-min(total, cap or total) // size))
    page = min(asked, pages)
    if page != asked:
        rows = rows_of(page)
    return Page(rows, total, page, pages, cap)
