"""A search and nothing else is ordered, counted and paged from its matches' dates, which the
indexes that found them hold (queries/cases.py _page_of_found, migration 0025)."""

from datetime import timedelta

from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Party
from casemgr.queries import cases as queries
from tests.factories import create_case, create_user
from tests.statements import counting


def _case(days_ago: int, **overrides):
    today = clock.today()
    return create_case(received_on=today - timedelta(days=days_ago), act_date=today - timedelta(days=40),
                       act_known_on=today - timedelta(days=30), **overrides)


def test_a_case_matched_twice_is_listed_and_counted_once(database):
    supervisor = create_user(role="supervisor")
    twice = _case(1, act_number="王小明案")  # the document number and the applicant (王小明) match
    once = _case(2)
    with counting() as statements:
        page = queries.case_list(supervisor, queries.CaseFilters(view="all", q="王小明"))
    assert [row.id for row in page.rows] == [twice.id, once.id] and page.total == 2
    assert any("parties.received_on" in statement for statement in statements)  # the dated path


def test_matches_of_one_day_are_ordered_by_id_and_paged_by_position(database, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    supervisor = create_user(role="supervisor")
    made = [_case(3) for _ in range(3)]
    filters = queries.CaseFilters(view="all", q="王")
    first = queries.case_list(supervisor, filters)
    newest_first = sorted((case.id for case in made), reverse=True)
    assert [row.id for row in first.rows] == newest_first[:2] and first.older
    rest = queries.case_list(supervisor, queries.CaseFilters(view="all", q="王", before=first.older))
    assert [row.id for row in rest.rows] == newest_first[2:] and rest.total == 3 and not rest.older


def test_another_filter_or_an_officers_own_cases_take_the_filtered_path(database):
    officer, supervisor = create_user(role="officer"), create_user(role="supervisor")
    mine = _case(1, actor=officer)
    _case(2)  # someone else's
    assert [row.id for row in queries.case_list(officer, queries.CaseFilters(view="all", q="王")).rows] \
        == [mine.id]
    assert queries.case_list(supervisor, queries.CaseFilters(view="all", q="王", state="archived")).rows == []


def test_a_party_carries_its_cases_date_received(database):
    case = _case(6)
    assert db.session.scalars(select(Party.received_on).where(Party.case_id == case.id)).all() \
        == [case.received_on]
