"""Whether an assigned case is in progress is kept on the assignment by the database itself
(migration 0026's triggers), whatever writes the case's state: the ORM, a service or plain SQL."""

from sqlalchemy import select, text

from casemgr.domain.workflow import IN_PROGRESS_STATES
from casemgr.extensions import db
from casemgr.models import CaseAssignment
from casemgr.services.assignment import case_assign
from tests.factories import create_case, create_user


def _flags(case_id: int) -> set[bool]:
    db.session.flush()
    flags = select(CaseAssignment.in_progress).where(CaseAssignment.case_id == case_id)
    return set(db.session.scalars(flags))


def test_the_flag_follows_the_cases_state_however_it_is_written(database):
    supervisor, officers = create_user(role="supervisor"), [create_user(role="officer") for _ in range(2)]
    case = create_case(state="accepted")
    case_assign(actor=supervisor, case_id=case.id, version=case.version, officer_ids=[o.id for o in officers])
    assert _flags(case.id) == {True}  # set when the assignment is inserted
    steps = (("decided", True), ("archived", False), ("suspended", True), ("not_accepted", False))
    for state, expected in steps:
        case.state = state  # through the ORM (the services all end here: case_base.apply_action)
        if state == "decided":
            case.decision_type, case.decision_date = "uphold", case.received_on
        if state == "not_accepted":
            case.closing_reason = "不属于行政复议范围"
        assert _flags(case.id) == {expected}, state
        assert (state in {s.value for s in IN_PROGRESS_STATES}) is expected
    db.session.execute(text("UPDATE cases SET state = 'received' WHERE id = :id"), {"id": case.id})
    assert _flags(case.id) == {True}  # plain SQL too


def test_an_assignment_to_a_closed_case_is_not_in_progress(database):
    supervisor, officer = create_user(role="supervisor"), create_user(role="officer")
    case = create_case(state="accepted")
    case.state = "not_accepted"
    case.closing_reason = "不属于行政复议范围"
    db.session.flush()
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=case.created_at,
                                assigned_by_id=supervisor.id, in_progress=True))  # the database decides
    assert _flags(case.id) == {False}
