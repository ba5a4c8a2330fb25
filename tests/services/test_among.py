"""``among``: a column among many ids, sent as one integer[] parameter on PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from casemgr.extensions import db
from casemgr.models import Case
from casemgr.queries.among import among
from tests.factories import create_case


def test_the_ids_select_their_rows_and_nothing_else(database):
    cases = [create_case() for _ in range(3)]
    wanted = [cases[0].id, cases[2].id, 10**6]  # an id that names nothing
    found = db.session.scalars(select(Case.id).where(among(Case.id, wanted)).order_by(Case.id)).all()
    assert found == [cases[0].id, cases[2].id]
    assert db.session.scalars(select(Case.id).where(among(Case.id, []))).all() == []


def test_only_integers_reach_the_array(database):
    """The array travels as text ("{1,2}"): anything but an integer is refused before it is sent."""
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("an IN list on SQLite")
    with pytest.raises(StatementError, match="invalid literal for int"):
        db.session.execute(select(Case.id).where(among(Case.id, ["1,2}"]))).all()
    db.session.rollback()
