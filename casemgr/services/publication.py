"""Publishing a decision (ARL 79): the public version is redacted from the issued decision itself,
reviewed, approved by a supervisor and published; it can be withheld or withdrawn with a reason.

Each function is one use case: one transaction, one audit entry.
"""

from __future__ import annotations

import io

from docx import Document
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.redaction import Person, Policy, redact
from casemgr.extensions import db
from casemgr.models import Case, Publication, Role, TypicalCase, User
from casemgr.models.publication import WITHHOLD_REASONS
from casemgr.queries.documents import document_bytes
from casemgr.services.audit import audit_record
from casemgr.services.errors import ConflictError, NotFound, ServiceError
from casemgr.services.unit_of_work import transaction

PUBLISHABLE_STATES = ("decided", "archived")


def decision_text(case: Case) -> str:
    """The issued decision's text, paragraph by paragraph: read back from the very document the
    parties received, so the public version cannot differ from it except by the redactions."""
    content = document_bytes(case, "decision")
    if content is None:
        raise ServiceError(_("This case has no decision to publish."))
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _occurrences(text: str, needles: list[str]) -> list[tuple[int, int]]:
    spans = []
    for needle in needles:
        start = text.find(needle)
        while needle and start != -1:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    return spans


def _clean(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()][:200]


def publication_get(case_id: int) -> Publication | None:
    return db.session.scalar(select(Publication).where(Publication.case_id == case_id))


def _load(case_id: int, version: int | None) -> Publication:
    publication = publication_get(case_id)
    if publication is None:
        raise NotFound(_("Prepare the public version first."))
    if version is not None and publication.version != version:
        raise ConflictError(_("Someone else changed the public version after you opened it; "
                              "nothing was saved."))
    return publication


def _supervisor_only(actor: User) -> None:
    if actor.role != Role.SUPERVISOR.value:
        raise ServiceError(_("Only a supervisor can approve this."))


def publication_prepare(*, actor: User, case_id: int, extra_redactions: list[str],
                        kept_texts: list[str], version: int | None = None) -> Publication:
    """Redact the decision: the parties' names, IDs, phones and addresses and everything the
    detectors find, plus what the officer adds; the respondent, its legal representative and the
    organ stay named; what the officer marks as kept is not redacted. ``version`` is the public
    version the officer saw, None if there was none: preparing over someone else's newer lists (or
    their approval) is a conflict, not a silent overwrite."""
    actor_id = actor.id  # read before any new row is pending: a refresh would autoflush it half-filled
    with transaction() as session:
        case = session.get(Case, case_id)
        if case is None or case.state not in PUBLISHABLE_STATES:
            raise ServiceError(_("Only an issued decision can be published."))
        original = decision_text(case)
        people = [Person(name=p.name, kind=p.kind, id_number=p.id_number, phone=p.phone, address=p.address)
                  for p in case.parties]
        keep = tuple(n for n in (case.respondent.name, case.respondent.legal_representative,
                                 current_app.config["ORGAN_NAME"]) if n)
        extra, kept = _clean(extra_redactions), _clean(kept_texts)
        policy = Policy(mask_companies=current_app.config["PUBLICATION_MASK_COMPANIES"], keep_names=keep)
        result = redact(original, people, policy, extra_spans=_occurrences(original, extra),
                        keep_spans=_occurrences(original, kept))
        publication = publication_get(case.id)
        if publication is not None and publication.state == "published":
            raise ServiceError(_("The decision is published: withdraw it before preparing it again."))
        if (publication.version if publication is not None else None) != version:
            raise ConflictError(_("Someone else changed the public version after you opened it; "
                                  "nothing was saved."))
        if publication is None:
            publication = Publication(case_id=case.id, prepared_by_id=actor_id, prepared_at=clock.now())
            session.add(publication)
        publication.state = "draft"
        publication.title = f"{case.number} 行政复议决定书"
        publication.public_text = result.text
        publication.spans = [{"start": s.start, "end": s.end, "original": s.original,
                              "replacement": s.replacement, "reason": s.reason.value} for s in result.spans]
        publication.extra_redactions, publication.kept_texts = extra, kept
        publication.prepared_by_id, publication.prepared_at = actor_id, clock.now()
        publication.approved_by_id = publication.approved_at = publication.published_at = None
        publication.withheld_reason = ""
        session.flush()
        audit_record(actor, "publication.prepare", publication, case=case.number, spans=len(result.spans),
                     extra=extra, kept=kept)
    return publication


def publication_submit(*, actor: User, case_id: int, version: int) -> Publication:
    with transaction():
        publication = _load(case_id, version)
        if publication.state != "draft":
            raise ServiceError(_("Only a prepared draft can be submitted."))
        publication.state = "pending_approval"
        audit_record(actor, "publication.submit", publication)
    return publication


def publication_approve(*, actor: User, case_id: int, version: int) -> Publication:
    """A person approves the redacted text before it goes out (DOMAIN.md); then it is public."""
    _supervisor_only(actor)
    with transaction():
        publication = _load(case_id, version)
        if publication.state != "pending_approval":
            raise ServiceError(_("Only a submitted public version can be approved."))
        now, actor_id = clock.now(), actor.id  # read before the change: a refresh would autoflush it
        publication.approved_by_id, publication.approved_at, publication.published_at = actor_id, now, now
        publication.state = "published"
        audit_record(actor, "publication.approve", publication)
    return publication


def publication_withhold(*, actor: User, case_id: int, version: int | None, reason: str,
                         note: str) -> Publication:
    """State secrets, trade secrets and privacy are never published: the case is withheld."""
    _supervisor_only(actor)
    if reason not in WITHHOLD_REASONS:
        raise ServiceError(_("Choose why the decision is withheld."), field="reason")
    with transaction():
        publication = _load(case_id, version)
        if publication.state == "published":
            raise ServiceError(_("The decision is published: withdraw it instead."))
        publication.state, publication.withheld_reason = "withheld", reason
        publication.note = note.strip()[:500]
        audit_record(actor, "publication.withhold", publication, reason=reason, note=publication.note)
    return publication


def publication_withdraw(*, actor: User, case_id: int, version: int, reason: str) -> Publication:
    _supervisor_only(actor)
    if not reason.strip():
        raise ServiceError(_("Give the reason."), field="reason")
    with transaction():
        publication = _load(case_id, version)
        if publication.state != "published":
            raise ServiceError(_("Only a published decision can be withdrawn."))
        publication.state, publication.withdrawn_reason = "withdrawn", reason.strip()[:500]
        audit_record(actor, "publication.withdraw", publication, reason=publication.withdrawn_reason)
    return publication


def typical_case_of(publication: Publication | None) -> TypicalCase | None:
    if publication is None:
        return None
    return db.session.scalar(select(TypicalCase).where(TypicalCase.publication_id == publication.id))


def typical_case_save(*, actor: User, case_id: int, title: str, commentary: str,
                      version: int | None = None) -> TypicalCase:
    """Choose a published decision as a typical case (典型案例) with a commentary, or edit it;
    ``version`` is the typical case's the supervisor saw, None if there was none."""
    _supervisor_only(actor)
    if not title.strip() or not commentary.strip():
        raise ServiceError(_("A typical case needs a title and a commentary."), field="commentary")
    actor_id = actor.id
    with transaction() as session:
        publication = _load(case_id, None)
        if publication.state != "published":
            raise ServiceError(_("Only a published decision can be a typical case."))
        typical = session.scalar(select(TypicalCase).where(TypicalCase.publication_id == publication.id))
        if (typical.version if typical is not None else None) != version:
            raise ConflictError(_("Someone else changed the typical case after you opened it; "
                                  "nothing was saved."))
        if typical is None:
            typical = TypicalCase(publication_id=publication.id, chosen_by_id=actor_id, chosen_at=clock.now())
            session.add(typical)
        typical.title, typical.commentary = title.strip()[:200], commentary.strip()
        session.flush()
        audit_record(actor, "publication.typical_case", typical, title=typical.title)
    return typical
