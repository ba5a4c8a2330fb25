"""Review (审理, ARL 44-62): the dated steps that follow acceptance and drive the deadlines."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _

from casemgr.domain.workflow import SUSPENSION_GROUNDS, Action
from casemgr.models import Role, User
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.case_base import apply_action, check_date, load_case, record_event
from casemgr.services.deadline_rows import (
    deadline_add_pause,
    deadline_change_procedure,
    deadline_extend,
    deadline_meet,
    deadline_open,
    deadline_pause,
    deadline_resume,
    open_rows,
)
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction

EXTENSION_DAYS = 30  # ARL 62: at most 30 days, approved by the head of the institution


def _supervisor_only(actor: User) -> None:
    if actor.role != Role.SUPERVISOR.value:
        raise ServiceError(_("Only a supervisor can approve this."))


def case_record_copy_sent(*, actor: User, case_id: int, version: int, on: date, received_on: date | None,
                          note: str = ""):
    """ARL 48/54: the copy went to the respondent on ``on``; its reply period (10, simplified 5
    working days) runs from the day it received the copy."""
    received_on = received_on or on
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        check_date(received_on, case, not_before=on)
        apply_action(case, Action.RECORD_COPY_SENT)
        deadline_meet(case, "copy_to_respondent", on)
        deadline_open(case, "respondent_reply", received_on, work_calendar_get())
        record_event(case, actor, "copy_sent", on, note, respondent_received_on=received_on.isoformat())
    return case


def case_record_reply(*, actor: User, case_id: int, version: int, on: date, note: str = ""):
    """The respondent's reply, evidence and legal basis arrived on ``on``; a late reply is flagged."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.RECORD_REPLY)
        due = [row.due_on for row in open_rows(case, "respondent_reply")]
        late = bool(due) and on > due[0]
        deadline_meet(case, "respondent_reply", on)
        record_event(case, actor, "reply_received", on, note, late=late)
    return case


def case_schedule_hearing(*, actor: User, case_id: int, version: int, on: date, hearing_on: date,
                          note: str = ""):
    """ARL 50-51: the parties are notified (on ``on``) at least 5 working days before the hearing."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        if hearing_on <= on:
            raise ServiceError(_("The hearing must be after the notice."), field="hearing_on")
        apply_action(case, Action.SCHEDULE_HEARING)
        row = deadline_open(case, "hearing_notice", hearing_on, work_calendar_get())
        deadline_meet(case, "hearing_notice", on)
        record_event(case, actor, "hearing_scheduled", on, note, hearing_on=hearing_on.isoformat(),
                     notice_late=on > row.due_on)
    return case


def case_record_hearing(*, actor: User, case_id: int, version: int, on: date, note: str = ""):
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.RECORD_HEARING)
        record_event(case, actor, "hearing_held", on, note)
    return case


def case_record_investigation(*, actor: User, case_id: int, version: int, on: date, until: date | None,
                              stops_clock: bool, note: str = ""):
    """ARL 45 investigation; a site inspection or expert appraisal (Reg. 34, 37) from ``on`` to
    ``until`` is not counted in the decision period when ``stops_clock``."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        if until is not None and until < on:
            raise ServiceError(_("The end cannot be before the start."), field="until")
        apply_action(case, Action.RECORD_INVESTIGATION)
        if stops_clock:
            if until is None:
                raise ServiceError(_("Give the last day of the inspection or appraisal."), field="until")
            deadline_add_pause(case, "decision", on, until, work_calendar_get())
        record_event(case, actor, "investigation", on, note, until=until.isoformat() if until else None,
                     stops_clock=stops_clock)
    return case


def case_suspend(*, actor: User, case_id: int, version: int, on: date, ground: str, note: str = ""):
    """ARL 39: suspend on one of its grounds, with written notice; whether the decision clock stops
    is the office's setting (SUSPENSION_PAUSES_DECISION, default yes)."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.SUSPEND, suspension_ground=ground)
        if current_app.config["SUSPENSION_PAUSES_DECISION"]:
            deadline_pause(case, "decision", on)
        record_event(case, actor, "suspended", on, note, ground=ground,
                     ground_text=SUSPENSION_GROUNDS[ground].zh)
    return case


def case_resume(*, actor: User, case_id: int, version: int, on: date, note: str = ""):
    """ARL 39: the ground is gone; the review resumes and the decision clock runs again."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.RESUME)
        deadline_resume(case, "decision", on, work_calendar_get())
        record_event(case, actor, "resumed", on, note)
    return case


def case_request_extension(*, actor: User, case_id: int, version: int, on: date, reason: str):
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        if not reason.strip():
            raise ServiceError(_("Give the reason."), field="note")
        apply_action(case, Action.REQUEST_EXTENSION)
        case.extension_requested = True
        record_event(case, actor, "extension_requested", on, reason)
    return case


def case_decide_extension(*, actor: User, case_id: int, version: int, on: date, approve: bool,
                          reason: str = ""):
    """ARL 62: the head of the institution approves (+30 days, notice to the parties) or refuses."""
    _supervisor_only(actor)
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION, reason=reason)
        case.extension_requested = False
        if approve:
            case.extended = True
            deadline_extend(case, "decision", EXTENSION_DAYS, work_calendar_get())
        record_event(case, actor, "extension_approved" if approve else "extension_refused", on, reason)
    return case


def case_convert_to_ordinary(*, actor: User, case_id: int, version: int, on: date, reason: str):
    """ARL 55: a simplified case goes to the ordinary procedure with the supervisor's approval."""
    _supervisor_only(actor)
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.CONVERT_TO_ORDINARY)
        case.procedure = "ordinary"
        deadline_change_procedure(case, "ordinary", work_calendar_get())
        record_event(case, actor, "converted_to_ordinary", on, reason)
    return case


def case_record_mediation(*, actor: User, case_id: int, version: int, on: date, note: str):
    """ARL 73-74: a mediation session or a settlement talk, as a dated note."""
    with transaction():
        case = load_case(case_id, version)
        check_date(on, case, not_before=case.accepted_on)
        apply_action(case, Action.RECORD_MEDIATION)
        record_event(case, actor, "mediation", on, note)
    return case
