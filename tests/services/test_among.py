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


def test_values_gathered_once_serve_several_conditions(database):
    """among.gathered: one array (a CTE on PostgreSQL) read by two conditions of one statement."""
    from sqlalchemy import or_, union_all

    from casemgr.queries.among import among_selected, gathered

    cases = [create_case() for _ in range(4)]
    chosen = gathered(union_all(select(Case.id).where(Case.id == cases[0].id),
                                select(Case.id).where(Case.id == cases[1].id)))
    statement = (select(Case.id).where(or_(among_selected(Case.id, chosen), Case.id == cases[3].id))
                 .where(among_selected(Case.id, chosen) | (Case.id == cases[3].id)).order_by(Case.id))
    assert db.session.scalars(statement).all() == [cases[0].id, cases[1].id, cases[3].id]
    sql = str(statement.compile(db.engine))
    if db.session.get_bind().dialect.name == "postgresql":
        assert sql.count("array_agg") == 1  # gathered once, read twice
