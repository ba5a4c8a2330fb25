"""An officer's own cases, unfiltered, are read from the indexes of their assignments and of the
cases they registered (queries/cases.py _own_keys, migration 0024); a filter reads the cases
themselves. Both must show the same cases in the same order with the same total."""

from datetime import timedelta

from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import CaseAssignment
from casemgr.queries import cases as queries
from casemgr.services.assignment import case_assign
from tests.factories import create_case, create_user
from tests.statements import counting


def _received(days_ago: int, actor):
    today = clock.today()
    return create_case(actor=actor, received_on=today - timedelta(days=days_ago),
                       act_date=today - timedelta(days=40), act_known_on=today - timedelta(days=30))


def _assign(case, supervisor, *officers):
    case_assign(actor=supervisor, case_id=case.id, version=case.version, officer_ids=[o.id for o in officers])


def _ids(page) -> list[int]:
    return [row.id for row in page.rows]


def _cases(database):
    """Registered only, assigned only, registered and assigned, another officer's: newest first."""
    me, colleague, other = (create_user(role="officer") for _ in range(3))
    supervisor = create_user(role="supervisor")
    registered = _received(4, me)
    assigned = _received(2, colleague)
    _assign(assigned, supervisor, me, colleague)
    both = _received(1, me)
    _assign(both, supervisor, me, colleague)
    _received(0, other)
    same_day = _received(4, colleague)  # received on the day of ``registered``: the id decides
    _assign(same_day, supervisor, me, colleague)
    return me, [both.id, assigned.id, same_day.id, registered.id]


def test_the_unfiltered_list_shows_each_own_case_once_newest_first(database):
    me, expected = _cases(database)
    with counting() as statements:
        page = queries.case_list(me, queries.CaseFilters())
    assert _ids(page) == expected and page.total == 4 and page.pages == 1
    assert any("case_assignments.received_on" in statement for statement in statements)  # the indexes
    # the same cases through the filtered path (a filter every case passes)
    filtered = queries.case_list(me, queries.CaseFilters(received_from=clock.today() - timedelta(days=30)))
    assert _ids(filtered) == expected and filtered.total == 4


def test_pages_by_number_and_by_position_agree(database, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 3)
    me, expected = _cases(database)
    first = queries.case_list(me, queries.CaseFilters())
    assert _ids(first) == expected[:3] and first.pages == 2 and first.older
    second = queries.case_list(me, queries.CaseFilters(page=2))
    assert _ids(second) == expected[3:] and second.total == 4
    older = queries.case_list(me, queries.CaseFilters(before=first.older))
    assert _ids(older) == expected[3:] and older.total == 4 and not older.older
    past_the_end = queries.case_list(me, queries.CaseFilters(page=9))
    assert past_the_end.page == 2 and _ids(past_the_end) == expected[3:]


def test_an_officer_with_no_cases_sees_an_empty_list(database):
    page = queries.case_list(create_user(role="officer"), queries.CaseFilters())
    assert page.rows == [] and page.total == 0


def test_an_assignment_carries_its_cases_date_received(database):
    officer, supervisor = create_user(role="officer"), create_user(role="supervisor")
    case = _received(3, officer)
    _assign(case, supervisor, officer, create_user(role="officer"))  # through the service
    loose = _received(5, officer)
    database.add(CaseAssignment(case_id=loose.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=supervisor.id))  # the case not loaded with it
    db.session.commit()
    copied = dict(db.session.execute(select(CaseAssignment.case_id, CaseAssignment.received_on)
                                     .where(CaseAssignment.user_id == officer.id)).all())
    assert copied == {case.id: case.received_on, loose.id: loose.received_on}
