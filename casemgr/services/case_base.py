"""What every case use case shares: loading with the version check, applying a workflow action,
recording the timeline event and the audit entry. Helpers: they flush, never commit."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _

from casemgr import clock
from casemgr.domain.workflow import Action, Facts, WorkflowError, check
from casemgr.extensions import db
from casemgr.messages import workflow_error_text
from casemgr.models import Case, CaseEvent, User
from casemgr.services.audit import audit_record
from casemgr.services.errors import ConflictError, NotFound, ServiceError


def load_case(case_id: int, version: int | None) -> Case:
    """The case, refusing to act on a version other than the one the user saw."""
    # FOR UPDATE OF cases: a second officer acting at the same moment waits, then sees the new version.
    lock = {"of": Case} if version is not None else None
    case = db.session.get(Case, case_id, with_for_update=lock)
    if case is None:
        raise NotFound(_("No such case."))
    if version is not None and case.version != version:
        raise ConflictError(_("Someone else changed this case after you opened it. "
                              "The page now shows their change; your entries are kept in the form."))
    case.previous_state = case.state  # what this use case's audit entry reports as "before"
    return case


def facts_for(case: Case, **extra: Any) -> Facts:
    values = {
        "procedure": case.procedure,
        "extended": case.extended,
        "extension_requested": case.extension_requested,
        "officers_assigned": len(case.assignments),
        "reason": "",
        "suspension_ground": None,
        "decision_type": case.decision_type,
        "today": clock.today(),
        "acceptance_review_due": None,
        "supplement_reply_due": None,
        "decision_date": case.decision_date,
    }
    values.update(extra)
    return Facts(**values)


def apply_action(case: Case, action: Action, **facts: Any) -> None:
    """Move the case by ``action`` or raise a ServiceError that says why not (nothing changed)."""
    try:
        new_state = check(case.state, action, facts_for(case, **facts))
    except WorkflowError as error:
        raise ServiceError(workflow_error_text(error)) from error
    # Kept on the instance (not a column) so the audit entry can say from which state it moved.
    case.previous_state = case.state
    case.state = new_state.value
    case.updated_at = clock.now()


def record_event(case: Case, actor: User, kind: str, on: date, note: str, **details: Any) -> CaseEvent:
    event = CaseEvent(case_id=case.id, kind=kind, occurred_on=on, recorded_at=clock.now(),
                      actor_id=actor.id, note=(note or "").strip()[:2000], details=details)
    db.session.add(event)
    db.session.flush()
    audit_record(actor, f"case.{kind}", case, number=case.number, on=on.isoformat(),
                 state=[getattr(case, "previous_state", case.state), case.state], note=event.note, **details)
    return event


def check_date(on: date, case: Case, *, not_before: date | None = None) -> None:
    """A step's date is neither in the future nor before the step it follows."""
    if on > clock.today():
        raise ServiceError(_("The date cannot be in the future."), field="on")
    floor = not_before or case.received_on
    if on < floor:
        raise ServiceError(_("The date cannot be before %(day)s.", day=floor.isoformat()), field="on")
