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


def paginate(query: Select, page: int, size: int, *order_by, cap: int | None = None) -> Page:
    """The requested page (clamped to 1..pages) of ``query`` ordered by ``order_by``. With ``cap``
    the rows are counted only up to ``cap + 1`` (a total above ``cap`` means "more than cap")."""
    counted = query.limit(cap + 1) if cap is not None else query
    total = db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    pages = max(1, -(-min(total, cap or total) // size))
    page = min(max(1, page), pages)
    rows = db.session.execute(query.order_by(*order_by).limit(size).offset((page - 1) * size)).all()
    return Page(list(rows), total, page, pages, cap)
