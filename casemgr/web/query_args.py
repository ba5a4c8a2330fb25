"""Numbers read from a URL (an id in its path, an id or a year in its query): a value no record or
date can have is "not found" or no filter, never handed to the database, which refused it with an
error (PostgreSQL an integer past 2**31 - 1, SQLite one past 2**63 - 1): a server error for a
mistyped or crafted link."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.routing import IntegerConverter

from casemgr.models.base import ID_MAX


class IdConverter(IntegerConverter):
    """``<int:...>`` in the routes: werkzeug's, with no value past ID_MAX (a larger one is a 404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=ID_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def int_arg(name: str, low: int, high: int) -> int | None:
    """The query's integer ``name`` when it is one from ``low`` to ``high``, else None."""
    value = request.args.get(name, type=int)
    return value if value is not None and low <= value <= high else None


def id_arg(name: str) -> int | None:
    return int_arg(name, 1, ID_MAX)


def year_arg(name: str) -> int | None:
    return int_arg(name, 1, 9999)  # the years a date can have


def record_id(value) -> int:
    """A form's choice of a record by id (WTForms' ``coerce``): as ``int``, but a number past ID_MAX
    is an invalid choice, not one for the database to refuse."""
    number = int(value)
    if not 0 <= number <= ID_MAX:
        raise ValueError(value)
    return number


def init_app(app: Flask) -> None:
    """Before any route is added: the routes' integers are compiled with the converter they name."""
    app.url_map.converters["int"] = IdConverter
