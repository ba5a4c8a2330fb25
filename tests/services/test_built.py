"""queries/built.py: a statement built once per shape, its values bound on each execution."""

from sqlalchemy import Integer, bindparam, select

from casemgr.extensions import db
from casemgr.queries.among import among_bound
from casemgr.queries.built import built


def test_built_once_per_key_and_anew_without_one(database):
    builds = []

    def build():
        builds.append(1)
        return select(bindparam("n", type_=Integer) + 1)

    first = built(("test", "plus one"), build)
    assert built(("test", "plus one"), build) is first and len(builds) == 1
    assert built(None, build) is not first and len(builds) == 2
    # one kept statement, each run with its own values
    assert [db.session.scalar(first, {"n": n}) for n in (1, 41)] == [2, 42]


def test_a_bound_list_is_each_executions_own(database):
    numbers = select(bindparam("x", type_=Integer).label("x")).subquery()
    statement = built(("test", "among"), lambda: select(numbers.c.x).where(among_bound(numbers.c.x, "ids")))
    assert db.session.scalars(statement, {"x": 3, "ids": [1, 2, 3]}).all() == [3]
    assert db.session.scalars(statement, {"x": 3, "ids": [4]}).all() == []
    assert db.session.scalars(statement, {"x": 3, "ids": []}).all() == []
