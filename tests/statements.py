"""Count the SQL statements a piece of code runs (an N+1 shows up as a count that grows)."""

from contextlib import contextmanager

from sqlalchemy import event

from casemgr.extensions import db


@contextmanager
def counting():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
