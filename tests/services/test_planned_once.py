"""The board's and the dashboard's statements can be planned once per connection, not on every
view: their limits and fixed states are written into the SQL (queries/board.py,
queries/dashboard.py). With a bound LIMIT PostgreSQL takes a generic plan to keep a tenth of the
rows, with bound states a fifth of the cases: the plan made once for all runs of the prepared
statement then looks dearer than one made for the values, and at a million cases it planned them
afresh on every view (pg_prepared_statements.custom_plans). The test data is too small for the
planner to tell the difference, so the SQL itself is checked."""

import re

import pytest

from casemgr import clock
from casemgr.domain.calendar import WorkCalendar
from casemgr.queries import board
from casemgr.queries.board import BoardFilters, board_get
from casemgr.queries.dashboard import dashboard_get
from tests.factories import create_user
from tests.statements import counting

BOUND_LIMIT = re.compile(r"(LIMIT|OFFSET) %\(")


@pytest.fixture(autouse=True)
def postgres(database):
    if database.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite plans every statement each time (and writes LIMIT n OFFSET ?)")


def _run(work) -> list[str]:
    with counting() as statements:
        work()
    return statements


@pytest.mark.parametrize("role", ["supervisor", "officer"])
def test_the_dashboard_binds_no_limit_and_no_state(database, role):
    user = create_user(role=role)
    statements = _run(lambda: dashboard_get(user, clock.today(), WorkCalendar()))
    nearest = next(s for s in statements if " AS intake" in s)
    assert "LIMIT 15" in nearest and not BOUND_LIMIT.search(nearest)
    assert "IN ('open')" in nearest and "IN ('received', 'awaiting_supplement')" in nearest


def test_the_boards_groups_bind_no_limit(database):
    supervisor = create_user(role="supervisor")
    statements = _run(lambda: board_get(supervisor, BoardFilters(), clock.today(), WorkCalendar()))
    groups = next(s for s in statements if "AS board_group" in s)
    counts = next(s for s in statements if "count(*)" in s and "deadlines" in s)
    assert f"LIMIT {board.GROUP_LIMIT}" in groups and f"LIMIT {board.COUNT_CAP + 1}" in counts
    assert not BOUND_LIMIT.search(groups) and not BOUND_LIMIT.search(counts)


def test_a_later_page_of_one_group_binds_its_offset(database):
    supervisor = create_user(role="supervisor")
    filters = BoardFilters(group="later", page=2)
    statements = _run(lambda: board_get(supervisor, filters, clock.today(), WorkCalendar()))
    # one page only (no deadlines here): the first page's statement, without an OFFSET
    groups = next(s for s in statements if "AS board_group" in s)
    assert "OFFSET" not in groups
