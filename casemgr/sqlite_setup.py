"""Make the embedded SQLite database behave: real transactions, foreign keys, concurrent readers.

The web server, the worker and beat are separate processes on one file: WAL lets them read while
one writes, and busy_timeout makes a writer wait instead of failing at once. pysqlite's own
transaction handling breaks SAVEPOINT, so SQLAlchemy is told to emit BEGIN itself (the recipe in
SQLAlchemy's SQLite dialect documentation). A use case's transaction begins IMMEDIATE (it takes
the write lock first): a deferred transaction that read and then writes fails at once with
"database is locked" when another process wrote in between, because busy_timeout does not apply to
that upgrade. Reads stay deferred, so a long read never blocks the other processes' writes.
"""

from __future__ import annotations

from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Set by unit_of_work.transaction() around a use case; read when a transaction begins.
WRITE_INTENT: ContextVar[bool] = ContextVar("casemgr_sqlite_write_intent", default=False)


def configure_sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if WRITE_INTENT.get() else "BEGIN")
