from datetime import timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.models import Case, CaseAssignment, CaseEvent, Deadline
from casemgr.services import decisions, review
from casemgr.services.decisions import DecisionDraft
from casemgr.services.errors import ServiceError
from tests.factories import create_case, create_user


def accepted_case(database, days_ago=30, **overrides):
    officer = create_user()
    today = clock.today()
    received = today - timedelta(days=days_ago)
    case = create_case(actor=officer, state="accepted", received_on=received,
                       act_known_on=received - timedelta(days=5), act_date=received - timedelta(days=6),
                       **overrides)
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=officer.id))
    database.commit()
    return officer, database.get(Case, case.id)


def row(database, case, rule):
    return database.scalar(select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_code == rule))


def test_copy_and_reply_drive_the_reply_deadline_and_flag_a_late_reply(database):
    officer, case = accepted_case(database)
    case = review.case_record_copy_sent(actor=officer, case_id=case.id, version=case.version,
                                       on=case.accepted_on, received_on=case.accepted_on + timedelta(days=1))
    reply = row(database, case, "respondent_reply")
    assert row(database, case, "copy_to_respondent").state == "met" and reply.state == "open"
    late_day = min(reply.due_on + timedelta(days=1), clock.today())
    case = review.case_record_reply(actor=officer, case_id=case.id, version=case.version, on=late_day)
    event = database.scalar(select(CaseEvent).where(CaseEvent.kind == "reply_received"))
    assert event.details["late"] is (late_day > reply.due_on)
    assert row(database, case, "respondent_reply").state == ("missed" if event.details["late"] else "met")


def test_suspension_stops_the_decision_clock_and_resumption_moves_it(database):
    officer, case = accepted_case(database)
    before = row(database, case, "decision").due_on
    case = review.case_suspend(actor=officer, case_id=case.id, version=case.version,
                               on=case.accepted_on + timedelta(days=2), ground="force_majeure")
    assert case.state == "suspended" and row(database, case, "decision").state == "paused"
    with pytest.raises(ServiceError):
        review.case_record_reply(actor=officer, case_id=case.id, version=case.version, on=clock.today())
    case = review.case_resume(actor=officer, case_id=case.id, version=case.version,
                              on=case.accepted_on + timedelta(days=11))
    decision = row(database, case, "decision")
    assert case.state == "accepted" and decision.state == "open" and decision.due_on > before


def test_suspension_needs_a_legal_ground(database):
    officer, case = accepted_case(database)
    with pytest.raises(ServiceError):
        review.case_suspend(actor=officer, case_id=case.id, version=case.version, on=case.accepted_on,
                            ground="because")


def test_extension_requested_by_the_officer_and_approved_by_a_supervisor(database):
    officer, case = accepted_case(database)
    supervisor = create_user(role="supervisor")
    before = row(database, case, "decision").due_on
    case = review.case_request_extension(actor=officer, case_id=case.id, version=case.version,
                                         on=clock.today(), reason="案情复杂")
    with pytest.raises(ServiceError):
        review.case_decide_extension(actor=officer, case_id=case.id, version=case.version, on=clock.today(),
                                     approve=True)
    case = review.case_decide_extension(actor=supervisor, case_id=case.id, version=case.version,
                                        on=clock.today(), approve=True)
    # +30 days on the period itself; ``before`` may already have been moved off a weekend.
    assert case.extended and row(database, case, "decision").due_on >= before + timedelta(days=27)
    with pytest.raises(ServiceError):  # ARL 62: once only
        review.case_request_extension(actor=officer, case_id=case.id, version=case.version,
                                      on=clock.today(), reason="再次延期")


def test_simplified_case_converted_to_ordinary_gets_the_ordinary_periods(database):
    _officer, case = accepted_case(database, procedure="simplified")
    supervisor = create_user(role="supervisor")
    short = row(database, case, "decision").due_on
    case = review.case_convert_to_ordinary(actor=supervisor, case_id=case.id, version=case.version,
                                           on=clock.today(), reason="案情复杂")
    assert case.procedure == "ordinary" and row(database, case, "decision").due_on > short


def test_inspection_days_are_not_counted(database):
    officer, case = accepted_case(database)
    before = row(database, case, "decision").due_on
    review.case_record_investigation(actor=officer, case_id=case.id, version=case.version,
                                     on=case.accepted_on + timedelta(days=1),
                                     until=case.accepted_on + timedelta(days=5), stops_clock=True)
    # five paused days push the period's end; ``before`` may have been moved off a weekend already.
    assert row(database, case, "decision").due_on >= before + timedelta(days=2)
    assert any("暂停" in line for line in row(database, case, "decision").explanation_zh)


def test_decision_from_draft_to_archive(database):
    officer, case = accepted_case(database)
    supervisor = create_user(role="supervisor")
    draft = DecisionDraft(decision_type="revoke", findings="查明事实", reasoning="认定事实不清",
                          legal_basis="第六十四条", operative_text="撤销被申请人作出的行政处罚决定。")
    with pytest.raises(ServiceError):  # nothing to submit yet
        decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    case = decisions.case_save_decision_draft(actor=officer, case_id=case.id, version=case.version,
                                              draft=draft)
    case = decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    case = decisions.case_review_decision(actor=supervisor, case_id=case.id, version=case.version,
                                          approve=False, comment="请补充理由")
    assert case.state == "accepted" and decisions.decision_get(case.id).sent_back_comment == "请补充理由"
    case = decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    case = decisions.case_review_decision(actor=supervisor, case_id=case.id, version=case.version,
                                          approve=True)
    case = decisions.case_issue_decision(actor=officer, case_id=case.id, version=case.version,
                                         on=clock.today())
    assert (case.state, case.decision_type, case.decision_date) == ("decided", "revoke", clock.today())
    assert row(database, case, "decision").state in {"met", "missed"}
    applicant = case.parties[0]
    case = decisions.case_record_service(actor=officer, case_id=case.id, version=case.version,
                                         party_id=applicant.id, on=clock.today())
    with pytest.raises(ServiceError):
        decisions.case_record_service(actor=officer, case_id=case.id, version=case.version,
                                      party_id=applicant.id, on=clock.today())
    case = decisions.case_archive(actor=officer, case_id=case.id, version=case.version)
    assert case.state == "archived"
    kinds = database.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)
                             .order_by(CaseEvent.id)).all()
    assert kinds[-5:] == ["decision_submitted", "decision_approved", "decision_issued", "served", "archived"]


def test_only_the_supervisor_approves_a_decision(database):
    officer, case = accepted_case(database)
    draft = DecisionDraft(decision_type="uphold", operative_text="维持。")
    case = decisions.case_save_decision_draft(actor=officer, case_id=case.id, version=case.version,
                                              draft=draft)
    case = decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    with pytest.raises(ServiceError):
        decisions.case_review_decision(actor=officer, case_id=case.id, version=case.version, approve=True)


def test_the_database_refuses_a_decided_case_without_a_decision(database):
    from sqlalchemy.exc import IntegrityError

    _officer, case = accepted_case(database)
    case.state = "decided"
    with pytest.raises(IntegrityError):
        database.commit()
    database.rollback()
