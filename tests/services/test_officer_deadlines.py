"""An officer's open deadlines (queries/cases.deadline_ids_mine) are looked for among their cases in
progress and among the defence cases about the assigned cases the database flags (migration 0027).
The database keeps both true whatever writes: it flags the assignments of a case a defence case is
about, and it refuses to commit an open deadline on a case that is not in progress."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Case, CaseAssignment, Deadline, DefenceCase
from casemgr.queries.cases import deadline_ids_mine
from casemgr.services import decisions
from casemgr.services.assignment import case_assign
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from tests.factories import create_case, create_decided_case, create_user


def _flags(case_id: int) -> set[bool]:
    db.session.flush()
    flags = select(CaseAssignment.has_defence).where(CaseAssignment.case_id == case_id)
    return set(db.session.scalars(flags))


def _lawsuit(actor, case, officer_id=None) -> DefenceCase:
    return defence_register(actor=actor, data=DefenceInput(
        kind="lawsuit", forum="北京市通州区人民法院", forum_number=f"（2026）京0112行初{case.id}号",
        instance="first", case_id=case.id, plaintiffs=["王小明"],
        defendants=[DefendantInput(case.respondent.name, "agency")], subject="不服行政处罚决定",
        served_on=clock.today() - timedelta(days=2), officer_id=officer_id))


def _archived(case, officer):
    """``case`` (decided) served and archived through the services: its deadlines closed."""
    decisions.case_record_service(actor=officer, case_id=case.id, version=case.version,
                                  party_id=case.parties[0].id, on=clock.today())
    return decisions.case_archive(actor=officer, case_id=case.id, version=case.version)


def test_a_defence_case_flags_the_assignments_of_its_case_whenever_it_comes(database):
    supervisor, first, second = create_user(role="supervisor"), create_user(), create_user()
    case = create_decided_case(procedure="simplified")
    case = case_assign(actor=supervisor, case_id=case.id, version=case.version, officer_ids=[first.id])
    assert _flags(case.id) == {False}
    _lawsuit(supervisor, case)
    assert _flags(case.id) == {True}  # a defence case about it flags the assignments there are
    case_assign(actor=supervisor, case_id=case.id, version=case.version, officer_ids=[first.id, second.id])
    assert _flags(case.id) == {True}  # and an assignment made after it is flagged when inserted
    other = create_decided_case(procedure="simplified")
    case_assign(actor=supervisor, case_id=other.id, version=other.version, officer_ids=[first.id])
    database.execute(text("UPDATE defence_cases SET case_id = :other WHERE case_id = :case"),
                     {"other": other.id, "case": case.id})
    assert _flags(other.id) == {True}  # plain SQL too


def test_an_officer_sees_a_lawsuit_about_their_archived_case_that_someone_else_registered(database):
    supervisor, officer, colleague = create_user(role="supervisor"), create_user(), create_user()
    # registered by a colleague, assigned to the officer
    case = create_decided_case(actor=colleague, procedure="simplified")
    case = case_assign(actor=supervisor, case_id=case.id, version=case.version, officer_ids=[officer.id])
    case = _archived(case, officer)
    assert deadline_ids_mine(officer) == []
    defence = _lawsuit(supervisor, case, officer_id=colleague.id)
    lawsuit_deadlines = database.scalars(select(Deadline.id).where(Deadline.defence_case_id == defence.id,
                                                                   Deadline.state == "open")).all()
    assert lawsuit_deadlines
    assert set(lawsuit_deadlines) <= set(deadline_ids_mine(officer))
    assert set(lawsuit_deadlines) <= set(deadline_ids_mine(colleague))  # the lawsuit's own officer
    assert not set(lawsuit_deadlines) & set(deadline_ids_mine(create_user()))


def test_an_officer_sees_the_open_deadlines_of_cases_they_registered_or_were_given(database):
    supervisor, officer = create_user(role="supervisor"), create_user()
    registered = create_case(actor=officer)
    given = create_case(state="accepted", procedure="simplified")
    case_assign(actor=supervisor, case_id=given.id, version=given.version, officer_ids=[officer.id])
    open_ids = set(database.scalars(select(Deadline.id).where(Deadline.case_id.in_((registered.id, given.id)),
                                                              Deadline.state == "open")))
    assert open_ids and set(deadline_ids_mine(officer)) == open_ids


@pytest.mark.parametrize("write", ["case", "deadline"])
def test_the_database_refuses_an_open_deadline_on_a_case_not_in_progress(committed_db, write):
    if db.session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite checks nothing at commit: there every own case is probed")
    case = create_case(state="accepted")

    def sql(statement: str) -> None:
        committed_db.execute(text(statement), {"id": case.id})

    if write == "case":  # the case ends, its deadlines left open
        sql("UPDATE cases SET state = 'archived' WHERE id = :id")
    else:  # the case ended properly, then a deadline of it is opened again
        sql("UPDATE deadlines SET state = 'cancelled' WHERE case_id = :id")
        sql("UPDATE cases SET state = 'archived' WHERE id = :id")
        committed_db.commit()
        sql("UPDATE deadlines SET state = 'open' WHERE case_id = :id")
    with pytest.raises(IntegrityError, match="not in progress"):
        committed_db.commit()
    committed_db.rollback()  # nothing of the refused transaction is kept
    state = committed_db.scalar(select(Case.state).where(Case.id == case.id))
    still_open = committed_db.scalar(select(func.count(Deadline.id)).where(Deadline.case_id == case.id,
                                                                           Deadline.state == "open"))
    assert (state, still_open > 0) == (("accepted", True) if write == "case" else ("archived", False))
