"""Assigning officers to a case (supervisors only)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.workflow import assignment_problems
from casemgr.extensions import db
from casemgr.models import AgencyLink, CaseAssignment, Role, User
from casemgr.services.case_base import load_case, record_event
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction

ASSIGNMENT_MESSAGES = {
    "no_officer": lambda: _("Choose at least one officer."),
    "two_officers_required": lambda: _("A case in the ordinary procedure needs two officers."),
    "recusal": lambda: _("An officer linked to the respondent agency cannot handle its case (recusal)."),
}


def case_assign(*, actor: User, case_id: int, version: int, officer_ids: list[int]):
    """Replace the case's officers. At least one; two in the ordinary procedure; nobody linked to
    the respondent agency."""
    if actor.role != Role.SUPERVISOR.value:
        raise ServiceError(_("Only a supervisor assigns cases."))
    officer_ids = sorted(set(officer_ids))
    with transaction() as session:
        case = load_case(case_id, version)
        officers = session.scalars(select(User).where(User.id.in_(officer_ids), User.active.is_(True),
                                                      User.role == Role.OFFICER.value)).all()
        if len(officers) != len(officer_ids):
            raise ServiceError(_("Only active case officers can be assigned."), field="officers")
        linked = session.scalars(select(AgencyLink.user_id)
                                 .where(AgencyLink.agency_id == case.respondent_id)).all()
        problems = assignment_problems(officer_ids, procedure=case.procedure, linked_officer_ids=linked)
        if problems:
            raise ServiceError(" ".join(ASSIGNMENT_MESSAGES[p]() for p in problems), field="officers")
        before = sorted(a.user_id for a in case.assignments)
        case.assignments = [a for a in case.assignments if a.user_id in officer_ids]
        kept = {a.user_id for a in case.assignments}
        for officer in officers:
            if officer.id not in kept:
                case.assignments.append(CaseAssignment(user_id=officer.id, assigned_at=clock.now(),
                                                       assigned_by_id=actor.id))
        case.updated_at = clock.now()
        db.session.flush()
        record_event(case, actor, "assigned", clock.today(), ", ".join(o.display_name for o in officers),
                     before=before, after=officer_ids)
    return case
