"""Insert many rows in one statement (the reminder scan writes thousands at once).

On PostgreSQL the rows travel as one JSON parameter that ``jsonb_to_recordset`` turns back into
rows: one short statement whatever the number of rows, where a VALUES list makes the driver parse
a statement with tens of thousands of placeholders, and text arrays make it quote every element
(14,000 reminders: 1.1 s of the scan, most of it in the driver). SQLite (the embedded default,
small offices) gets SQLAlchemy's batched executemany.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Table, func, literal, literal_column, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def reserve_ids(session: Session, table: Table, n: int) -> list[int]:
    """``n`` fresh primary keys, so that rows inserted in bulk can be referred to by the rows
    inserted after them. PostgreSQL: from the table's sequence. SQLite: after the largest id, which
    is safe only in a transaction that has written already (SQLite then holds its one writer's
    lock until the commit)."""
    if n == 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        return list(session.scalars(select(func.nextval(sequence)).select_from(func.generate_series(1, n))))
    last = session.scalar(select(func.coalesce(func.max(table.c.id), 0)))
    return list(range(last + 1, last + 1 + n))


def insert_many(session: Session, table: Table, rows: Sequence[Mapping[str, Any]], *,
                same: Mapping[str, Any] | None = None, unique: Column | None = None,
                returning: Column | None = None) -> list:
    """Insert ``rows`` (dicts with the same keys), each also given the values in ``same``.

    ``unique``: skip the rows whose value of that uniquely indexed column exists already (ON
    CONFLICT DO NOTHING). ``returning``: that column of the rows inserted, in no promised order
    (where the order matters, give the rows ids from ``reserve_ids``)."""
    if not rows:
        return []  # an empty parameter list would insert one row of defaults
    same = dict(same or {})
    if session.get_bind().dialect.name == "postgresql":
        names = list(rows[0])
        record = ", ".join(f'"{name}" {table.c[name].type.compile(dialect=postgresql.dialect())}'
                           for name in names)
        source = text(f"jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({record})").bindparams(
            rows=json.dumps(list(rows), ensure_ascii=False, default=str))
        columns = [literal_column(f'r."{name}"') for name in names]
        columns += [literal(value, table.c[name].type) for name, value in same.items()]
        statement = postgresql.insert(table).from_select([*names, *same],
                                                         select(*columns).select_from(source))
        params = None
    else:
        statement = sqlite.insert(table)
        params = [{**row, **same} for row in rows]
    if unique is not None:
        statement = statement.on_conflict_do_nothing(index_elements=[unique])
    if returning is None:
        session.execute(statement, params)
        return []
    statement = statement.returning(returning)
    return list(session.scalars(statement, params))
