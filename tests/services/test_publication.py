import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.models import AuditEntry, CaseAssignment
from casemgr.services import decisions
from casemgr.services.decisions import DecisionDraft
from casemgr.services.errors import ServiceError
from casemgr.services.publication import (
    publication_approve,
    publication_prepare,
    publication_submit,
    publication_withdraw,
    publication_withhold,
)
from tests.factories import create_case, create_user


def decided_case(database):
    officer = create_user()
    supervisor = create_user(role="supervisor")
    case = create_case(actor=officer, state="accepted")
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=officer.id))
    database.commit()
    draft = DecisionDraft(decision_type="revoke", applicant_claims="王小明称其电话13800138000被误登记。",
                          findings="查明申请人住北京市通州区某街道1号。", reasoning="认定事实不清。",
                          legal_basis="第六十四条", operative_text="撤销被申请人作出的行政处罚决定。")
    case = decisions.case_save_decision_draft(actor=officer, case_id=case.id, version=case.version,
                                              draft=draft)
    case = decisions.case_submit_decision(actor=officer, case_id=case.id, version=case.version)
    case = decisions.case_review_decision(actor=supervisor, case_id=case.id, version=case.version,
                                          approve=True)
    case = decisions.case_issue_decision(actor=officer, case_id=case.id, version=case.version,
                                         on=clock.today())
    return officer, supervisor, case


def test_the_public_version_keeps_the_respondent_and_loses_the_applicants_data(database):
    officer, supervisor, case = decided_case(database)
    publication = publication_prepare(actor=officer, case_id=case.id, extra_redactions=["被误登记"],
                                      kept_texts=[])
    text = publication.public_text
    for secret in ("王小明", "11010519491231002X", "13800138000", "某街道1号", "被误登记"):
        assert secret not in text
    assert "王某" in text and case.respondent.name in text and case.number in text
    assert {span["reason"] for span in publication.spans} >= {"person_name", "id_number", "phone", "custom"}
    publication = publication_submit(actor=officer, case_id=case.id, version=publication.version)
    with pytest.raises(ServiceError):
        publication_approve(actor=officer, case_id=case.id, version=publication.version)
    publication = publication_approve(actor=supervisor, case_id=case.id, version=publication.version)
    assert publication.state == "published" and publication.published_at is not None
    actions = set(database.scalars(select(AuditEntry.action).where(AuditEntry.action.like("publication.%"))))
    assert actions == {"publication.prepare", "publication.submit", "publication.approve"}


def test_withdraw_needs_a_reason_and_withhold_a_known_ground(database):
    officer, supervisor, case = decided_case(database)
    publication = publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    with pytest.raises(ServiceError):
        publication_withhold(actor=supervisor, case_id=case.id, version=publication.version, reason="mood",
                             note="")
    publication = publication_submit(actor=officer, case_id=case.id, version=publication.version)
    publication = publication_approve(actor=supervisor, case_id=case.id, version=publication.version)
    with pytest.raises(ServiceError):
        publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    with pytest.raises(ServiceError):
        publication_withdraw(actor=supervisor, case_id=case.id, version=publication.version, reason=" ")
    publication = publication_withdraw(actor=supervisor, case_id=case.id, version=publication.version,
                                       reason="当事人提出隐私异议")
    assert publication.state == "withdrawn"


def test_a_case_without_an_issued_decision_cannot_be_published(database):
    officer = create_user()
    case = create_case(actor=officer, state="accepted")
    with pytest.raises(ServiceError):
        publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
