"""A column among thousands of values (a search's matching ids, a scan's deadlines), and the ids a
query names when they are few enough to be read that way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, any_, bindparam, cast, func
from sqlalchemy.dialects import postgresql

from casemgr.extensions import db


def among(column: Column, values: Sequence[Any]):
    """``column IN values`` for thousands of values: one array parameter on PostgreSQL (an IN list
    is a placeholder per value, each parsed by the driver); an IN list on SQLite, whose callers
    keep the lists under its 32,766 parameters."""
    if db.session.get_bind().dialect.name == "postgresql":
        # A typed array parameter (the planner sees its values; a text literal cast to an array
        # hid them and gave plans that read every deadline: 42 ms instead of 2 at 10,000 cases).
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(list(values))


def among_selected(column: Column, query):
    """``column IN (query)`` where ``query`` selects a few thousand values at most: on PostgreSQL
    they are gathered into one array first (an InitPlan), so the column's index is probed for each,
    instead of the hash join over the whole table the planner picks for IN (at 1M cases: an
    officer's lawsuits about their ~1,000 cases, 5 ms instead of 24 ms)."""
    if db.session.get_bind().dialect.name == "postgresql":
        values = query.with_only_columns(func.array_agg(*query.selected_columns)).scalar_subquery()
        return column == any_(cast(values, postgresql.ARRAY(column.type)))
    return column.in_(query)


IDS_CAP = 5_000  # past this many ids a filter (a common surname, a year) is tested row by row


def ids_if_few(query) -> list[int] | None:
    """The ids ``query`` selects when there are at most IDS_CAP of them (decided on the rows read,
    so an id found twice cannot make a cut-off list look complete), else None."""
    fetched = db.session.scalars(query.limit(IDS_CAP + 1)).all()
    return sorted(set(fetched)) if len(fetched) <= IDS_CAP else None
