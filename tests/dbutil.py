"""Creating, migrating and emptying test databases."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def create_database(admin_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def drop_database(admin_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


# Tables that migrations fill with reference data (the official holiday calendar).
REFERENCE_TABLES = ("calendar_days", "calendar_years")
_reference_rows: dict[str, list[dict]] = {}


def remember_reference_data(db) -> None:
    """Called once after migrating, so that ``empty_tables`` can put the seeded rows back."""
    with db.engine.connect() as conn:
        for name in REFERENCE_TABLES:
            table = db.metadata.tables[name]
            _reference_rows[name] = [dict(row._mapping) for row in conn.execute(table.select())]


def empty_tables(db) -> None:
    """Back to the freshly migrated state (browser and worker tests commit for real, so rollback
    can't clean up): every row removed, then the migrations' reference data restored."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))
        for name in REFERENCE_TABLES:
            if _reference_rows.get(name):
                conn.execute(db.metadata.tables[name].insert(), _reference_rows[name])
