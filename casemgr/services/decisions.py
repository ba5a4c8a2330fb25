"""The decision (决定, ARL 63-73): drafted by the officer, approved by a supervisor, issued, served,
and the case archived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import Integer, bindparam, select

from casemgr import clock
from casemgr.domain.workflow import DECISION_TYPES, Action
from casemgr.extensions import db
from casemgr.models import Case, Decision, Party, Role, Service, User
from casemgr.queries.built import built
from casemgr.services.case_base import apply_action, check_date, load_case, record_event
from casemgr.services.deadline_rows import deadline_cancel, deadline_meet
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction


@dataclass
class DecisionDraft:
    decision_type: str = ""
    applicant_claims: str = ""
    respondent_claims: str = ""
    findings: str = ""
    reasoning: str = ""
    legal_basis: str = ""
    operative_text: str = ""
    withdrawn_after_correction: bool = False


def decision_get(case_id: int) -> Decision | None:
    statement = built(("decision_get",), lambda: (
        select(Decision).where(Decision.case_id == bindparam("case_id", type_=Integer))))
    return db.session.scalar(statement, {"case_id": case_id})


def _draft_of(case: Case) -> Decision:
    draft = decision_get(case.id)
    if draft is None:
        raise ServiceError(_("Write the draft decision first."))
    return draft


def case_save_decision_draft(*, actor: User, case_id: int, version: int, draft: DecisionDraft) -> Case:
    """Save the officer's draft; allowed while the case is under review (sent back included)."""
    if draft.decision_type not in DECISION_TYPES:
        raise ServiceError(_("Choose the type of decision."), field="decision_type")
    if not draft.operative_text.strip():
        raise ServiceError(_("Write the operative part of the decision."), field="operative_text")
    with transaction():
        case = load_case(case_id, version)
        if case.state != "accepted":
            raise ServiceError(_("The draft can be changed only while the case is under review."))
        decision = decision_get(case.id)
        if decision is None:
            decision = Decision(case_id=case.id, drafted_by_id=actor.id, drafted_at=clock.now())
            db.session.add(decision)
        for name, value in vars(draft).items():
            setattr(decision, name, value.strip() if isinstance(value, str) else value)
        # Only a termination can follow a withdrawal after correction (ARL 41, 74).
        decision.withdrawn_after_correction = (draft.withdrawn_after_correction
                                               and draft.decision_type == "terminate")
        decision.drafted_by_id = actor.id
        decision.drafted_at = clock.now()
        case.updated_at = clock.now()
        record_event(case, actor, "decision_drafted", clock.today(), "", decision_type=draft.decision_type)
    return case


def case_submit_decision(*, actor: User, case_id: int, version: int) -> Case:
    with transaction():
        case = load_case(case_id, version)
        draft = _draft_of(case)
        apply_action(case, Action.SUBMIT_DECISION, decision_type=draft.decision_type)
        record_event(case, actor, "decision_submitted", clock.today(), "")
    return case


def case_review_decision(*, actor: User, case_id: int, version: int, approve: bool,
                         comment: str = "") -> Case:
    """The supervisor signs off the decision, or sends it back with a comment."""
    if actor.role != Role.SUPERVISOR.value:
        raise ServiceError(_("Only a supervisor can approve this."))
    with transaction():
        case = load_case(case_id, version)
        draft = _draft_of(case)
        apply_action(case, Action.APPROVE_DECISION if approve else Action.SEND_BACK, reason=comment)
        if approve:
            draft.approved_by_id, draft.approved_at = actor.id, clock.now()
        draft.sent_back_comment = "" if approve else comment.strip()
        record_event(case, actor, "decision_approved" if approve else "decision_sent_back", clock.today(),
                     comment)
    return case


def case_issue_decision(*, actor: User, case_id: int, version: int, on: date) -> Case:
    """Issue the approved decision on ``on``; the decision period (ARL 62) is met or missed."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        draft = _draft_of(case)
        case.decision_type, case.decision_date = draft.decision_type, on
        case.withdrawn_after_correction = (draft.withdrawn_after_correction
                                           and draft.decision_type == "terminate")
        apply_action(case, Action.ISSUE_DECISION, decision_type=draft.decision_type, decision_date=on)
        deadline_meet(case, "decision", on)
        deadline_cancel(case)
        record_event(case, actor, "decision_issued", on, "", decision_type=draft.decision_type)
    return case


def case_record_service(*, actor: User, case_id: int, version: int, party_id: int, on: date,
                        method: str = "") -> Case:
    """The decision was served on a party on ``on`` (the 15 days to sue run from it, ALL 45)."""
    with transaction():
        case = load_case(case_id, version)
        if case.state != "decided":
            raise ServiceError(_("Only an issued decision can be served."))
        check_date(on, case, not_before=case.decision_date)
        party = db.session.get(Party, party_id)
        if party is None or party.case_id != case.id:
            raise ServiceError(_("Choose a party of this case."), field="party_id")
        if db.session.scalar(select(Service.id).where(Service.party_id == party_id)):
            raise ServiceError(_("Service on this party is already recorded."), field="party_id")
        db.session.add(Service(case_id=case.id, party_id=party_id, served_on=on, method=method.strip()[:40]))
        case.updated_at = clock.now()
        record_event(case, actor, "served", on, party.name, party_id=party_id)
    return case


def case_archive(*, actor: User, case_id: int, version: int) -> Case:
    with transaction():
        case = load_case(case_id, version)
        apply_action(case, Action.ARCHIVE)
        deadline_cancel(case)
        record_event(case, actor, "archived", clock.today(), "")
    return case
