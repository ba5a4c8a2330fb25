from datetime import timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.models import Case, CaseEvent, Deadline
from casemgr.services import acceptance
from casemgr.services.errors import ConflictError, ServiceError
from tests.factories import create_case, create_user


def deadlines(session, case):
    rows = session.scalars(select(Deadline).where(Deadline.case_id == case.id).order_by(Deadline.id))
    return {row.rule_code: row.state for row in rows}


def test_accept_meets_the_review_deadline_and_opens_the_review_periods(database):
    officer = create_user()
    case = create_case(actor=officer)
    accepted = acceptance.case_accept(actor=officer, case_id=case.id, version=case.version,
                                      on=case.received_on)
    assert accepted.state == "accepted" and accepted.accepted_on == case.received_on
    assert deadlines(database, case) == {"acceptance_review": "met", "supplement_notice": "cancelled",
                                         "copy_to_respondent": "open", "decision": "open"}
    decision = database.scalar(select(Deadline).where(Deadline.rule_code == "decision"))
    assert decision.due_on >= case.received_on + timedelta(days=60)


def test_a_stale_version_is_a_conflict_and_changes_nothing(database):
    officer = create_user()
    case = create_case(actor=officer)
    old_version = case.version
    acceptance.case_request_supplement(actor=officer, case_id=case.id, version=old_version,
                                       on=case.received_on, items="身份证复印件")
    with pytest.raises(ConflictError):
        acceptance.case_accept(actor=officer, case_id=case.id, version=old_version, on=case.received_on)
    assert database.get(Case, case.id).state == "awaiting_supplement"


def test_supplement_stops_the_review_clock_and_the_reply_restarts_it(database):
    officer = create_user()
    today = clock.today()
    case = create_case(actor=officer, received_on=today - timedelta(days=20),
                       act_known_on=today - timedelta(days=25), act_date=today - timedelta(days=30))
    review = database.scalar(select(Deadline).where(Deadline.rule_code == "acceptance_review"))
    first_due = review.due_on
    case = acceptance.case_request_supplement(actor=officer, case_id=case.id, version=case.version,
                                              on=case.received_on + timedelta(days=1), items="材料清单")
    assert deadlines(database, case)["acceptance_review"] == "paused"
    assert deadlines(database, case)["supplement_reply"] == "open"
    case = acceptance.case_supplement_received(actor=officer, case_id=case.id, version=case.version,
                                               on=case.received_on + timedelta(days=15))
    database.refresh(review)
    assert case.state == "received" and review.state == "open"
    assert review.due_on > first_due
    assert any("暂停" in line for line in review.explanation_zh)


def test_not_accepting_needs_a_reason(database):
    officer = create_user()
    case = create_case(actor=officer)
    with pytest.raises(ServiceError):
        acceptance.case_not_accept(actor=officer, case_id=case.id, version=case.version,
                                   on=case.received_on, reason=" ")
    case = acceptance.case_not_accept(actor=officer, case_id=case.id, version=case.version,
                                      on=case.received_on, reason="不属于行政复议范围")
    assert case.state == "not_accepted"
    assert set(deadlines(database, case).values()) <= {"met", "cancelled", "missed"}


def test_an_accepted_case_cannot_be_accepted_again(database):
    officer = create_user()
    case = create_case(actor=officer, state="accepted")
    with pytest.raises(ServiceError) as raised:
        acceptance.case_accept(actor=officer, case_id=case.id, version=case.version, on=case.received_on)
    assert "不能" in raised.value.message or "cannot" in raised.value.message


def test_deemed_accepted_only_after_the_review_period(database):
    officer = create_user()
    case = create_case(actor=officer)
    with pytest.raises(ServiceError):
        acceptance.case_deem_accepted(actor=officer, case_id=case.id, version=case.version)
    today = clock.today()
    old = create_case(actor=officer, received_on=today - timedelta(days=30),
                      act_known_on=today - timedelta(days=31), act_date=today - timedelta(days=32))
    old = acceptance.case_deem_accepted(actor=officer, case_id=old.id, version=old.version)
    assert old.state == "accepted" and old.accepted_on > old.received_on


def test_deemed_abandoned_after_the_supplement_period(database):
    officer = create_user()
    today = clock.today()
    case = create_case(actor=officer, received_on=today - timedelta(days=40),
                       act_known_on=today - timedelta(days=41), act_date=today - timedelta(days=42))
    case = acceptance.case_request_supplement(actor=officer, case_id=case.id, version=case.version,
                                              on=case.received_on + timedelta(days=1), items="材料")
    case = acceptance.case_deem_abandoned(actor=officer, case_id=case.id, version=case.version)
    assert case.state == "abandoned"
    kinds = database.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)
                             .order_by(CaseEvent.id)).all()
    assert kinds == ["received", "supplement_requested", "deemed_abandoned"]


def test_future_dates_are_refused(database):
    officer = create_user()
    case = create_case(actor=officer)
    with pytest.raises(ServiceError):
        acceptance.case_accept(actor=officer, case_id=case.id, version=case.version,
                               on=clock.today() + timedelta(days=1))


def test_the_audit_entry_records_who_when_and_the_state_before_and_after(database):
    from casemgr.models import AuditEntry

    officer = create_user()
    case = create_case(actor=officer, state="accepted")
    entry = database.scalar(select(AuditEntry).where(AuditEntry.action == "case.accepted"))
    assert entry.actor_id == officer.id and entry.at is not None
    assert entry.details["state"] == ["received", "accepted"] and entry.object_id == str(case.id)
