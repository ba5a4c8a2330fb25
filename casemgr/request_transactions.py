"""How a request's statements meet PostgreSQL: a page reads outside any transaction; a use case
writes inside one.

**A page reads in autocommit.** A GET or HEAD request's connection is handed out in autocommit
mode: each statement is its own transaction. Under READ COMMITTED, PostgreSQL's default and ours,
every statement of a transaction takes a fresh snapshot anyway, so a page sees exactly what it saw
inside one; what it no longer pays is BEGIN, the end-of-request check and COMMIT: three round trips
and the session's bookkeeping (0.4-0.7 ms of a 2-6 ms page at a million cases, docs/performance.md).
psycopg's prepared statements also last (it drops them all on every ROLLBACK).

**Writes need a transaction.** Every connection of the application starts with
``default_transaction_read_only`` on (config.py), and psycopg opens each explicit transaction with
``BEGIN READ WRITE`` (``configure_postgres``). So a statement that writes outside a transaction,
which in autocommit could not be undone if the request then failed, is refused by PostgreSQL
itself. A page that writes does so through a service: ``transaction()`` (services/unit_of_work.py)
calls ``in_transactions`` first, which hands the reading connection back, so the use case runs in
one transaction on a connection of its own, as every POST's does. A download streamed through a
server-side cursor (``yield_per``) does the same: such a cursor lives only inside a transaction.

**A request that only read, in a transaction, ends with COMMIT, not ROLLBACK** (a POST refused by
its form, or a page after its use case): COMMIT is the same as ROLLBACK for a transaction that
wrote nothing, and keeps the prepared statements. PostgreSQL says whether it wrote
(``pg_current_xact_id_if_assigned()`` is NULL until the first write), and the session must hold no
change it has not flushed; otherwise, or if the request failed, it is rolled back as before.

SQLite has none of this: it keeps no prepared statements, and its reads and writes are arranged in
sqlite_setup.py.
"""

from __future__ import annotations

import psycopg
from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from casemgr.extensions import db

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READING = "casemgr_reading"  # in a connection's info while it is handed out in autocommit
TRANSACTIONS = "casemgr_transactions"  # in ``g`` once the rest of the request must run in transactions
NOTHING_WRITTEN = "SELECT pg_current_xact_id_if_assigned() IS NULL"


def configure_postgres(engine: Engine) -> None:
    """Explicit transactions may write (the connections' default is read only, see config.py), and
    a page's connection reads in autocommit."""
    if engine.dialect.name != "postgresql":
        return
    event.listen(engine, "connect", _transactions_may_write)
    event.listen(engine, "checkout", _page_reads_in_autocommit)
    event.listen(engine, "checkin", _back_to_transactions)


def _transactions_may_write(dbapi_connection, _record) -> None:
    dbapi_connection.read_only = False  # psycopg then begins each transaction with BEGIN READ WRITE


def reading_request() -> bool:
    """Whether this request only asks for a page (GET, HEAD, OPTIONS): it reads, it does not write."""
    return has_request_context() and request.method in READING_METHODS


def _page_reads_in_autocommit(dbapi_connection, record, _proxy) -> None:
    if reading_request() and not g.get(TRANSACTIONS):
        dbapi_connection.autocommit = True
        record.info[READING] = True


def _back_to_transactions(dbapi_connection, record) -> None:
    if record.info.pop(READING, False) and dbapi_connection is not None and not dbapi_connection.closed:
        dbapi_connection.autocommit = False


def _reading(session: Session) -> bool:
    """Whether the session holds a connection handed out for reading (without checking one out)."""
    transaction = session.get_transaction()
    if transaction is None:
        return False
    return any(connection.info.get(READING) for connection in transaction.connections)


def in_transactions(session: Session) -> None:
    """The rest of the request runs in transactions (a use case is about to write, or a cursor to
    stream rows): a reading connection the session holds is handed back first (nothing is sent: it
    has no transaction)."""
    if has_request_context():
        g.setdefault(TRANSACTIONS, True)
    if _reading(session):
        session.commit()


def _end(exc: BaseException | None) -> None:
    session = db.session()
    if _reading(session):
        # Hand the connection back now (nothing is sent), not when the application context ends:
        # a test's context outlives its requests, and its own statements must not find it read only.
        session.commit() if exc is None else session.rollback()
        return
    if exc is not None:
        return
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
    app.teardown_request(_end)
