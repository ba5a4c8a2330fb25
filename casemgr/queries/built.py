"""Statements built once per shape and run with each request's values bound by name.

SQLAlchemy keeps a statement's compiled SQL, but a statement built anew on every request is still
built (and its cache key worked out) every time: for the deadline board's five-group statements
that was ~1-2.5 ms each at the benchmark, more than PostgreSQL took to run some of them. A
statement whose values are all named bind parameters (``bindparam("today")``) can be built once
per shape (which filters are set, which groups are shown, the reader's language) and executed with
a dictionary of values. Nothing a user typed or may see goes into the kept statement itself."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from casemgr.extensions import db

T = TypeVar("T")
_statements: dict[Hashable, object] = {}


def built(key: Hashable | None, build: Callable[[], T]) -> T:
    """``build()``'s statement, built once per ``key`` and database dialect (the SQL differs between
    PostgreSQL and SQLite); ``key`` None: built anew (a shape not worth keeping)."""
    if key is None:
        return build()
    full = (db.session.get_bind().dialect.name, key)
    statement = _statements.get(full)
    if statement is None:
        statement = _statements[full] = build()  # two threads may both build it: the same statement
    return statement  # type: ignore[return-value]
