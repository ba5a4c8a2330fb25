"""A supervisor's board filtered by officer or by management area (queries/board.py): an officer's
deadlines are named through the indexes (deadline_ids_of_officer) or, past the cap, tested deadline
by deadline; an area's are found through each deadline's copy of its agency (migration 0029). Both ways show
the same rows, on both databases."""

from datetime import timedelta

import pytest
from sqlalchemy import or_, select, update

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Case, CaseAssignment, Deadline, DefenceCase
from casemgr.queries.board import BoardFilters, board_export_rows, board_get
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.deadline_rows import deadline_open
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from tests.factories import create_agency, create_case, create_user


def _case(officer, agency, days_ago=3):
    received = clock.today() - timedelta(days=days_ago)
    case = create_case(received_on=received, act_date=received - timedelta(days=10),
                       act_known_on=received - timedelta(days=7), respondent_id=agency.id)
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=case.created_by_id))
    db.session.commit()
    return case


def _lawsuit(actor, officer, agency, number):
    return defence_register(actor=actor, data=DefenceInput(
        kind="lawsuit", forum="北京市通州区人民法院", forum_number=number, instance="first",
        plaintiffs=["王小明"], defendants=[DefendantInput(agency.name, "agency")], subject="不服处罚",
        served_on=clock.today() - timedelta(days=2), officer_id=officer.id))


def _shown(user, **filters) -> set[str]:
    board = board_get(user, BoardFilters(**filters), clock.today(), work_calendar_get())
    return {row.number for rows in board.groups.values() for row in rows}


def _exported(user, **filters) -> set[str]:
    return {row[1] for row in board_export_rows(user, BoardFilters(**filters), clock.today(),
                                                work_calendar_get())}


@pytest.mark.parametrize("cap", [5_000, 0])  # named by id, or tested deadline by deadline
def test_the_board_filtered_to_an_officer_shows_their_cases_and_the_lawsuits_they_handle(
        database, monkeypatch, cap):
    monkeypatch.setattr("casemgr.queries.among.IDS_CAP", cap)
    boss = create_user(role="supervisor")
    zhang, li = create_user(), create_user()
    police, city = create_agency(area="public_security"), create_agency(area="urban_management")
    zhangs, lis = _case(zhang, police), _case(li, city)
    handled = _lawsuit(li, zhang, city, "（2026）京0112行初1号")  # registered by li, handled by zhang
    _lawsuit(zhang, li, police, "（2026）京0112行初2号")
    expected = {zhangs.number, handled.forum_number}
    assert _shown(boss, officer_id=zhang.id) == _exported(boss, officer_id=zhang.id) == expected
    assert _shown(boss, officer_id=li.id) == {lis.number, "（2026）京0112行初2号"}
    assert _shown(boss, officer_id=zhang.id, area="urban_management") == {handled.forum_number}
    assert _shown(zhang, officer_id=zhang.id) == _shown(zhang) - {"（2026）京0112行初2号"}


def test_the_board_filtered_to_an_area_reads_each_deadlines_own_agency(database):
    boss = create_user(role="supervisor")
    zhang = create_user()
    police, city = create_agency(area="public_security"), create_agency(area="urban_management")
    polices, citys = _case(zhang, police, days_ago=30), _case(zhang, city, days_ago=0)
    suit = _lawsuit(zhang, zhang, police, "（2026）京0112行初3号")
    assert _shown(boss, area="public_security") == _exported(boss, area="public_security") == {
        polices.number, suit.forum_number}
    assert _shown(boss, area="urban_management") == {citys.number}
    assert _shown(boss, area="ecology") == set()
    board = board_get(boss, BoardFilters(area="public_security"), clock.today(), work_calendar_get())
    assert board.counts["overdue"] == 2  # the police case's two overdue steps, counted alike


def test_a_deadlines_agency_follows_its_case_and_defence_case(database):
    """The database keeps each deadline's copy of its agency (migration 0029): set on insert, and
    moved when the case's respondent or the defence case's agency is corrected."""
    boss, zhang = create_user(role="supervisor"), create_user()
    police, city = create_agency(area="public_security"), create_agency(area="urban_management")
    case = _case(zhang, police)
    suit = _lawsuit(zhang, zhang, police, "（2026）京0112行初4号")
    agencies = select(Deadline.agency_id).where(
        or_(Deadline.case_id == case.id, Deadline.defence_case_id == suit.id))
    assert set(database.scalars(agencies)) == {police.id}
    fresh = deadline_open(case, "copy_to_respondent", clock.today(), work_calendar_get())  # not committed
    assert fresh.agency_id == police.id  # read back from the row, not taken as the None it was sent as
    database.rollback()
    database.execute(update(Case).where(Case.id == case.id).values(respondent_id=city.id))
    database.execute(update(DefenceCase).where(DefenceCase.id == suit.id).values(agency_id=city.id))
    database.commit()
    assert set(database.scalars(agencies)) == {city.id}
    assert _shown(boss, area="urban_management") == {case.number, suit.forum_number}
    assert _shown(boss, area="public_security") == set()
