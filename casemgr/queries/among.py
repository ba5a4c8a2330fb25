"""A column among thousands of values (a search's matching ids, a scan's deadlines), and the ids a
query names when they are few enough to be read that way."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from sqlalchemy import Column, Integer, any_, bindparam, cast, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import UserDefinedType

from casemgr.extensions import db
from casemgr.queries.built import built


class IntegerIds(UserDefinedType):
    """A list of integers sent as one ``integer[]`` parameter in the array's text form,
    ``{1,2,3}``, which the server parses. The driver's binary form checks every element's
    Python type to choose int2/int4/int8 first: ~0.4 ms per 1,000 ids on every officer's page.
    The parameter reaches the server untyped and the statement casts it straight to integer[],
    so the planner still sees the values (a varchar parameter cast to an array hid them: plans
    that read every deadline, 42 ms instead of 2 at 10,000 cases)."""

    cache_ok = True
    render_bind_cast = True  # %(ids)s::INTEGER[]

    def get_col_spec(self, **_kw) -> str:
        return "INTEGER[]"

    def bind_processor(self, dialect):
        def process(values):
            return "{" + ",".join([str(int(v)) for v in values]) + "}"  # int(): nothing else gets in
        return process


def among(column: Column, values: Sequence[Any]):
    """``column IN values`` for thousands of values: one array parameter on PostgreSQL (an IN list
    is a placeholder per value, each parsed by the driver); an IN list on SQLite, whose callers
    keep the lists under its 32,766 parameters."""
    if db.session.get_bind().dialect.name == "postgresql":
        array = IntegerIds() if type(column.type) is Integer else postgresql.ARRAY(column.type)
        return column == any_(bindparam(None, list(values), type_=array))
    return column.in_(list(values))


def among_bound(column: Column, name: str):
    """``column IN :name`` for a statement built once and run with many lists (queries/built.py):
    the list is bound by name on each execution, as ``among`` binds the one it is given."""
    if db.session.get_bind().dialect.name == "postgresql" and type(column.type) is Integer:
        return column == any_(bindparam(name, type_=IntegerIds()))
    return column.in_(bindparam(name, expanding=True))


def among_selected(column: Column, query):
    """``column IN (query)`` where ``query`` selects a few thousand values at most: on PostgreSQL
    they are gathered into one array first (an InitPlan), so the column's index is probed for each,
    instead of the hash join over the whole table the planner picks for IN (at 1M cases: an
    officer's lawsuits about their ~1,000 cases, 5 ms instead of 24 ms)."""
    if db.session.get_bind().dialect.name == "postgresql":
        # Gathered from the query's rows (a select or a UNION of selects: the planner pulls a plain
        # select's subquery up, so its plan is the one it had alone).
        values = select(func.array_agg(*query.subquery().c)).scalar_subquery()
        return column == any_(cast(values, postgresql.ARRAY(column.type)))
    return column.in_(query)


def written_in(column: Column, values: Sequence[Any]):
    """``column IN values`` with the values written into the SQL instead of bound. A statement stays
    prepared across requests (casemgr/request_transactions.py), and PostgreSQL's plan for a prepared
    statement, made once for any values, can only use a partial index whose condition it can prove
    from the SQL itself: with bound states the open deadlines' index (state IN ('open', 'paused'))
    was passed over for the whole case_id index (an officer's open deadlines: 2 -> 7 ms)."""
    return column.in_(bindparam(None, list(values), expanding=True, literal_execute=True))


IDS_CAP = 5_000  # past this many ids a filter (a common surname, a year) is tested row by row


def ids_if_few(query) -> list[int] | None:
    """The ids ``query`` selects when there are at most IDS_CAP of them (decided on the rows read,
    so an id found twice cannot make a cut-off list look complete), else None."""
    return _few(db.session.scalars(query.limit(IDS_CAP + 1)).all())


def keys_if_few(query) -> list[tuple] | None:
    """The rows ``query`` selects (a match's id and what orders it) when at most IDS_CAP, else None."""
    rows = db.session.execute(query.limit(IDS_CAP + 1)).all()
    return [tuple(row) for row in rows] if len(rows) <= IDS_CAP else None


def ids_if_few_kept(key: Hashable, build: Callable[[], Any], values: dict) -> list[int] | None:
    """``ids_if_few`` for a statement kept by ``key`` (queries/built.py) and run with ``values``."""
    statement = built(key, lambda: build().limit(bindparam("ids_cap", type_=Integer)))
    return _few(db.session.scalars(statement, {**values, "ids_cap": IDS_CAP + 1}).all())


def _few(fetched: Sequence[int]) -> list[int] | None:
    return sorted(set(fetched)) if len(fetched) <= IDS_CAP else None
