"""The documents of a case (.docx), built from its structured data: which ones exist now, and
their bytes. The decision document comes from the same structured decision as its public version."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy import select

from casemgr.documents import reconsideration as docs
from casemgr.documents.model import DecisionText, DocCase, PartyLine
from casemgr.domain.catalogues import ACT_TYPES
from casemgr.domain.workflow import SUSPENSION_GROUNDS
from casemgr.extensions import db
from casemgr.models import Case, CaseEvent, Deadline, Decision

DOCUMENT_NAMES = {
    "decision": ("行政复议决定书", "Decision"),
    "acceptance_notice": ("受理通知书", "Acceptance notice"),
    "supplement_notice": ("补正通知书", "Supplement notice"),
    "non_acceptance": ("不予受理决定书", "Non-acceptance decision"),
    "extension_notice": ("延期审理通知书", "Extension notice"),
    "suspension_notice": ("中止审理通知书", "Suspension notice"),
}


def doc_case(case: Case) -> DocCase:
    act = ACT_TYPES.get(case.act_type, ("行政行为", ""))[0]
    return DocCase(
        organ_name=current_app.config["ORGAN_NAME"], number=case.number,
        parties=tuple(PartyLine(role=p.role, kind=p.kind, name=p.name, sex=p.sex, birth_date=p.birth_date,
                                id_number=p.id_number, address=p.address, phone=p.phone,
                                legal_representative=p.legal_representative) for p in case.parties),
        respondent_name=case.respondent.name, respondent_address=case.respondent.address,
        respondent_legal_rep=case.respondent.legal_representative,
        act_description=f"作出的{case.act_number}{act}行为" if case.act_number else f"作出的{act}行为",
        received_on=case.received_on, accepted_on=case.accepted_on, requests=case.requests,
    )


def _last_event_in(events: list[CaseEvent] | None, case: Case) -> Callable[[str], CaseEvent | None]:
    """The latest event of a kind: from ``events`` (all of the case's, already read by the case
    page) or else from the database."""
    if events is not None:
        latest = {event.kind: event for event in sorted(events, key=lambda e: e.id)}
        return latest.get
    return lambda kind: db.session.scalar(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == kind)
        .order_by(CaseEvent.id.desc()).limit(1))


_UNREAD = object()


def _builders(case: Case, events: list[CaseEvent] | None = None,
              decision: Decision | object | None = _UNREAD) -> dict[str, Callable[[], bytes]]:
    """The documents this case has the data for, each as a function that builds it. The case page
    passes the events and the decision it has read already."""
    builders: dict[str, Callable[[], bytes]] = {}
    base = doc_case(case)
    _last_event = _last_event_in(events, case)
    if decision is _UNREAD:
        decision = db.session.scalar(select(Decision).where(Decision.case_id == case.id))
    if decision is not None and case.accepted_on:
        text = DecisionText(decision_type=decision.decision_type, applicant_claims=decision.applicant_claims,
                            respondent_claims=decision.respondent_claims, findings=decision.findings,
                            reasoning=decision.reasoning, legal_basis=decision.legal_basis,
                            operative_text=decision.operative_text,
                            decision_date=case.decision_date or case.accepted_on)
        builders["decision"] = lambda: docs.decision_document(base, text)
    if case.accepted_on:
        builders["acceptance_notice"] = lambda: docs.acceptance_notice(base, case.accepted_on)
    if (event := _last_event("supplement_requested")) is not None:
        builders["supplement_notice"] = lambda: docs.supplement_notice(base, event.occurred_on, event.note)
    if (refused := _last_event("not_accepted")) is not None:
        builders["non_acceptance"] = lambda: docs.non_acceptance_decision(base, refused.occurred_on,
                                                                          refused.note)
    if case.extended and (approved := _last_event("extension_approved")) is not None:
        due = db.session.scalar(select(Deadline.due_on).where(Deadline.case_id == case.id,
                                                              Deadline.rule_code == "decision"))
        request = _last_event("extension_requested")
        builders["extension_notice"] = lambda: docs.extension_notice(
            base, approved.occurred_on, due, request.note if request else "")
    if (suspended := _last_event("suspended")) is not None:
        ground = SUSPENSION_GROUNDS.get(suspended.details.get("ground", ""))
        builders["suspension_notice"] = lambda: docs.suspension_notice(
            base, suspended.occurred_on, ground.zh if ground else suspended.note)
    return builders


def documents_available(case: Case, events: list[CaseEvent] | None = None,
                        decision: Decision | object | None = _UNREAD) -> list[str]:
    return list(_builders(case, events, decision))


def document_bytes(case: Case, kind: str) -> bytes | None:
    builder = _builders(case).get(kind)
    return builder() if builder else None
