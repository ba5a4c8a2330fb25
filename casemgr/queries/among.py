"""A column among thousands of values (a search's matching ids, a scan's deadlines)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, any_, bindparam
from sqlalchemy.dialects import postgresql

from casemgr.extensions import db


def among(column: Column, values: Sequence[Any]):
    """``column IN values`` for thousands of values: one array parameter on PostgreSQL (an IN list
    is a placeholder per value, each parsed by the driver); an IN list on SQLite, whose callers
    keep the lists under its 32,766 parameters."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(list(values))
