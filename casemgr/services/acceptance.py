"""Acceptance review (受理审查, ARL 30-32): accept, refuse, ask for a supplement, refer, deem.

Every function is one use case: it checks the step with the workflow (``domain.workflow``),
records the dated event on the timeline, moves the deadlines, writes one audit entry and commits.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from casemgr import clock
from casemgr.domain.workflow import Action
from casemgr.models import Case, User
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.case_base import apply_action, check_date, load_case, record_event
from casemgr.services.deadline_rows import (
    deadline_cancel,
    deadline_meet,
    deadline_open,
    deadline_pause,
    deadline_resume,
    open_rows,
)
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction


def _start_review(case: Case, on: date) -> None:
    """ARL 48 / 54: copy to the respondent within 7 (simplified: 3) working days of acceptance;
    ARL 62: decide within 60 (simplified: 30) days of acceptance."""
    case.accepted_on = on  # before any query autoflushes: the database demands it of an accepted case
    calendar = work_calendar_get()
    deadline_meet(case, "acceptance_review", on)
    deadline_cancel(case, "supplement_notice", "supplement_reply")
    deadline_open(case, "copy_to_respondent", on, calendar)
    deadline_open(case, "decision", on, calendar)


def case_accept(*, actor: User, case_id: int, version: int, on: date, note: str = "") -> Case:
    """Accept the application (受理) on ``on``."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case)
        apply_action(case, Action.ACCEPT)
        _start_review(case, on)
        record_event(case, actor, "accepted", on, note)
    return case


def case_deem_accepted(*, actor: User, case_id: int, version: int) -> Case:
    """ARL 30: no refusal within the review period means the application is accepted; the
    acceptance date is the day after the period ended."""
    with transaction():
        case = load_case(case_id, version)
        review = open_rows(case, "acceptance_review")
        due = review[0].due_on if review else None
        apply_action(case, Action.DEEM_ACCEPTED, acceptance_review_due=due)
        on = due + timedelta(days=1)
        _start_review(case, on)
        record_event(case, actor, "deemed_accepted", on, "")
    return case


def case_not_accept(*, actor: User, case_id: int, version: int, on: date, reason: str) -> Case:
    """Decide not to accept (不予受理, ARL 30), with the reason."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case)
        apply_action(case, Action.NOT_ACCEPT, reason=reason)
        case.closing_reason = reason.strip()
        deadline_meet(case, "acceptance_review", on)
        deadline_cancel(case)
        record_event(case, actor, "not_accepted", on, reason)
    return case


def case_refer(*, actor: User, case_id: int, version: int, on: date, reason: str) -> Case:
    """Tell the applicant which organ is competent (告知, ARL 30)."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case)
        apply_action(case, Action.REFER, reason=reason)
        case.closing_reason = reason.strip()
        deadline_meet(case, "acceptance_review", on)
        deadline_cancel(case)
        record_event(case, actor, "referred", on, reason)
    return case


def case_request_supplement(*, actor: User, case_id: int, version: int, on: date, items: str) -> Case:
    """ARL 31: ask once for everything missing (补正通知); the applicant has 10 working days from
    service of the notice, and the review period does not run meanwhile."""
    if not items.strip():
        raise ServiceError(_("List what the applicant must supplement."), field="items")
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case)
        apply_action(case, Action.REQUEST_SUPPLEMENT)
        deadline_meet(case, "supplement_notice", on)
        deadline_pause(case, "acceptance_review", on)
        deadline_open(case, "supplement_reply", on, work_calendar_get())
        record_event(case, actor, "supplement_requested", on, items)
    return case


def case_supplement_received(*, actor: User, case_id: int, version: int, on: date, note: str = "") -> Case:
    """The supplement arrived on ``on``: the review clock runs again (the waiting time is not counted)."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case)
        apply_action(case, Action.SUPPLEMENT_RECEIVED)
        deadline_meet(case, "supplement_reply", on)
        deadline_resume(case, "acceptance_review", on, work_calendar_get())
        record_event(case, actor, "supplement_received", on, note)
    return case


def case_deem_abandoned(*, actor: User, case_id: int, version: int) -> Case:
    """ARL 31: no supplement within the period means the application is deemed abandoned."""
    with transaction():
        case = load_case(case_id, version)
        reply = open_rows(case, "supplement_reply")
        due = reply[0].due_on if reply else None
        apply_action(case, Action.DEEM_ABANDONED, supplement_reply_due=due)
        case.closing_reason = _("No supplement within the period (ARL 31).")
        deadline_cancel(case)
        record_event(case, actor, "deemed_abandoned", clock.today(), "")
    return case
