"""A request that only read ends its transaction with COMMIT, not ROLLBACK, so that PostgreSQL's
prepared statements outlive it.

psycopg 3 prepares a statement the sixth time a connection runs it; PostgreSQL then parses and
plans it once, not on every run (the case page's case with its parties and officers: ~0.8 ms to
plan, 0.2 ms to run; the deadline board's five-group statements more). But psycopg forgets every
prepared statement on ROLLBACK (it sends DEALLOCATE ALL: a rollback may have undone what they
refer to), and every request ended with one, as closing the session rolls back. So nothing stayed
prepared: every statement of every page was parsed and planned anew.

COMMIT is the same as ROLLBACK for a transaction that wrote nothing. PostgreSQL says whether this
one wrote (``pg_current_xact_id_if_assigned()`` is NULL until the first write), and the session
must hold no change it has not flushed; otherwise, or if the request failed, the rollback happens
as before. SQLite has nothing to keep.
"""

from __future__ import annotations

import psycopg
from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from casemgr.extensions import db

NOTHING_WRITTEN = "SELECT pg_current_xact_id_if_assigned() IS NULL"


def _commit_if_only_read(exc: BaseException | None) -> None:
    if exc is not None:
        return
    session = db.session()
    if not session.in_transaction() or session.new or session.dirty or session.deleted:
        return
    try:
        connection = session.connection()
        if connection.dialect.name != "postgresql":
            return
        # Asked of the driver directly: a fixed question per request, not one of the page's reads.
        if connection.connection.dbapi_connection.execute(NOTHING_WRITTEN).fetchone()[0]:
            session.commit()
    except (SQLAlchemyError, psycopg.Error):  # the session's own teardown rolls back, as it always did
        current_app.logger.warning("could not end a read-only transaction with COMMIT", exc_info=True)


def init_app(app: Flask) -> None:
    # Runs when the request ends, before the application context removes the session.
    app.teardown_request(_commit_if_only_read)
