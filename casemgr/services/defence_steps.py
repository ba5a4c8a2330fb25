"""The steps of a defence case after registration: defence or reply filed, hearings, the judgment
or decision with each defendant's outcome, the appeal, judicial recommendations, the officer.

Each function is one use case: one transaction, one audit entry, deadlines moved with it.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from casemgr import clock
from casemgr.domain.litigation import Outcome, defence_deadline_late
from casemgr.extensions import db
from casemgr.models import DefenceCase, Hearing, JudicialRecommendation, Role, User
from casemgr.models.defence import JUDGMENT_KINDS, RESPONDENT_OUTCOMES
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import (
    deadline_cancel,
    deadline_close,
    deadline_meet,
    deadline_open,
    open_rows,
)
from casemgr.services.defence_register import FIRST_DEADLINE
from casemgr.services.errors import ConflictError, NotFound, ServiceError
from casemgr.services.unit_of_work import transaction

# ALL 85: 15 days to appeal a judgment, 10 days a ruling. A mediation agreement (ALL 60) cannot
# be appealed, and neither is a withdrawal the plaintiff asked for, so neither opens the period.
APPEAL_RULES = {"judgment": "appeal_judgment", "ruling": "appeal_ruling"}
RULING_OUTCOMES = {Outcome.WITHDRAWN.value, Outcome.DISMISSED.value, Outcome.OTHER.value}
APPEALED_BY = ("none", "plaintiff", "defendant", "both")


def load_defence(defence_id: int, version: int | None, *, kind: str | None = None) -> DefenceCase:
    lock = {"of": DefenceCase} if version is not None else None
    defence = db.session.get(DefenceCase, defence_id, with_for_update=lock)
    if defence is None or (kind is not None and defence.kind != kind):
        raise NotFound(_("No such case."))
    if version is not None and defence.version != version:
        raise ConflictError(_("Someone else changed this case after you opened it. "
                              "The page now shows their change; your entries are kept in the form."))
    return defence


def _check_date(on: date | None, defence: DefenceCase, *, not_before: date | None = None) -> date:
    if on is None:
        raise ServiceError(_("Enter the date."), field="on")
    if on > clock.today():
        raise ServiceError(_("The date cannot be in the future."), field="on")
    floor = not_before or defence.served_on
    if on < floor:
        raise ServiceError(_("The date cannot be before %(day)s.", day=floor.isoformat()), field="on")
    return on


def _touch(defence: DefenceCase) -> None:
    defence.updated_at = clock.now()


def defence_file(*, actor: User, defence_id: int, version: int, on: date) -> DefenceCase:
    """The defence and evidence (ALL 67) or the reply and evidence (ARL 48) went out on ``on``; the
    posting date counts. Late evidence counts as none (ALL 34): the case is flagged."""
    with transaction():
        defence = load_defence(defence_id, version)
        _check_date(on, defence)
        if defence.defence_filed_on is not None:
            raise ServiceError(_("The defence is already recorded."))
        rows = open_rows(defence, FIRST_DEADLINE[defence.kind])
        defence.defence_filed_on = on
        defence.defence_late = bool(rows) and defence_deadline_late(on, rows[0].due_on)
        deadline_meet(defence, FIRST_DEADLINE[defence.kind], on)
        _touch(defence)
        audit_record(actor, f"{defence.kind}.defence_filed", defence, on=on.isoformat(),
                     late=defence.defence_late)
    return defence


def lawsuit_add_hearing(*, actor: User, defence_id: int, version: int, on: date, head_appeared: bool,
                        head_name: str = "", head_title: str = "", excuse: str = "") -> DefenceCase:
    """A hearing was held; whether the agency head appeared in court (ALL 3), or why not."""
    head_name, head_title, excuse = head_name.strip()[:100], head_title.strip()[:100], excuse.strip()[:500]
    if head_appeared and not head_name:
        raise ServiceError(_("Name the head who appeared in court."), field="head_name")
    if not head_appeared and not excuse:
        raise ServiceError(_("Give the reason the head did not appear."), field="excuse")
    with transaction():
        defence = load_defence(defence_id, version, kind="lawsuit")
        _check_date(on, defence)
        defence.hearings.append(Hearing(held_on=on, head_appeared=head_appeared,
                                        head_name=head_name if head_appeared else "",
                                        head_title=head_title if head_appeared else "",
                                        excuse="" if head_appeared else excuse))
        _touch(defence)
        audit_record(actor, "lawsuit.hearing", defence, on=on.isoformat(), head_appeared=head_appeared,
                     head_name=head_name, excuse=excuse)
    return defence


def lawsuit_record_judgment(*, actor: User, defence_id: int, version: int, kind: str, on: date,
                            served_on: date | None, outcomes: dict[int, str]) -> DefenceCase:
    """The court's judgment, ruling or mediation agreement, with the outcome for each defendant
    (``outcomes``: defendant id -> Outcome value). Opens the appeal period (ALL 85) from service."""
    if kind not in JUDGMENT_KINDS:
        raise ServiceError(_("Choose judgment, ruling or mediation."), field="kind")
    with transaction():
        defence = load_defence(defence_id, version, kind="lawsuit")
        if defence.state == "concluded":
            raise ServiceError(_("The judgment is already recorded."))
        _check_date(on, defence)
        served = _check_date(served_on or on, defence, not_before=on)
        for defendant in defence.defendants:
            outcome = outcomes.get(defendant.id, "")
            if outcome not in {o.value for o in Outcome}:
                raise ServiceError(_("Give the outcome for %(name)s.", name=defendant.name), field="outcomes")
            if kind == "ruling" and outcome not in RULING_OUTCOMES:
                raise ServiceError(_("A ruling ends a case by withdrawal or dismissal; a decision on the "
                                     "merits is a judgment."), field="outcomes")
            if kind == "mediation" and outcome not in (Outcome.MEDIATED.value, Outcome.WITHDRAWN.value):
                raise ServiceError(_("A mediated case ends as mediated or withdrawn."), field="outcomes")
            defendant.outcome = outcome
        defence.state, defence.judgment_kind, defence.concluded_on = "concluded", kind, on
        defence.judgment_served_on = served
        # A defence never filed stays open no longer: the case is over (it was missed if overdue).
        deadline_close(defence, on, FIRST_DEADLINE["lawsuit"])
        withdrawn = all(d.outcome == Outcome.WITHDRAWN.value for d in defence.defendants)
        # Second-instance judgments are final (ALL 85 applies to first-instance ones only).
        if kind in APPEAL_RULES and not withdrawn and defence.instance == "first":
            deadline_open(defence, APPEAL_RULES[kind], served, work_calendar_get())
        _touch(defence)
        audit_record(actor, "lawsuit.judgment", defence, on=on.isoformat(), kind=kind,
                     served_on=served.isoformat(), outcomes={d.name: d.outcome for d in defence.defendants})
    return defence


def lawsuit_record_appeal(*, actor: User, defence_id: int, version: int, by: str,
                          on: date | None) -> DefenceCase:
    """Who appealed (ALL 85), or that nobody did: the appeal period is then closed."""
    if by not in APPEALED_BY:
        raise ServiceError(_("Choose who appealed."), field="by")
    with transaction():
        defence = load_defence(defence_id, version, kind="lawsuit")
        if defence.state != "concluded" or defence.judgment_kind not in APPEAL_RULES:
            raise ServiceError(_("Record the judgment or ruling first."))
        if defence.appealed_by:
            raise ServiceError(_("The appeal is already recorded."))
        rule = APPEAL_RULES[defence.judgment_kind]
        if by == "none":
            deadline_cancel(defence, rule)
        else:
            _check_date(on, defence, not_before=defence.concluded_on)
            defence.appeal_filed_on = on
            deadline_meet(defence, rule, on)
        defence.appealed_by = by
        _touch(defence)
        audit_record(actor, "lawsuit.appeal", defence, by=by,
                     on=on.isoformat() if on and by != "none" else None)
    return defence


def lawsuit_add_recommendation(*, actor: User, defence_id: int, version: int, on: date,
                               content: str) -> DefenceCase:
    if not content.strip():
        raise ServiceError(_("Summarise the recommendation."), field="content")
    with transaction():
        defence = load_defence(defence_id, version, kind="lawsuit")
        _check_date(on, defence)
        item = JudicialRecommendation(received_on=on, content=content.strip(), answer="")
        defence.recommendations.append(item)
        deadline_open(defence, "recommendation_answer", on, work_calendar_get())
        _touch(defence)
        audit_record(actor, "lawsuit.recommendation", defence, on=on.isoformat())
    return defence


def lawsuit_answer_recommendation(*, actor: User, defence_id: int, version: int, recommendation_id: int,
                                  on: date, answer: str) -> DefenceCase:
    if not answer.strip():
        raise ServiceError(_("Summarise the answer."), field="answer")
    with transaction():
        defence = load_defence(defence_id, version, kind="lawsuit")
        item = db.session.get(JudicialRecommendation, recommendation_id)
        if item is None or item.defence_case_id != defence.id:
            raise NotFound(_("No such recommendation."))
        if item.answered_on is not None:
            raise ServiceError(_("This recommendation is already answered."))
        _check_date(on, defence, not_before=item.received_on)
        item.answered_on, item.answer = on, answer.strip()
        # Each recommendation has its own row, started on the day it arrived.
        for row in open_rows(defence, "recommendation_answer"):
            if row.start_on == item.received_on:
                row.state, row.met_on = ("met" if on <= row.due_on else "missed"), on
                row.updated_at = clock.now()
                break
        _touch(defence)
        audit_record(actor, "lawsuit.recommendation_answered", defence, on=on.isoformat(),
                     recommendation_id=item.id)
    return defence


def respondent_record_outcome(*, actor: User, defence_id: int, version: int, outcome: str,
                              on: date) -> DefenceCase:
    """The higher organ decided the case in which the district government was the respondent."""
    if outcome not in RESPONDENT_OUTCOMES:
        raise ServiceError(_("Choose the decision."), field="outcome")
    with transaction():
        defence = load_defence(defence_id, version, kind="respondent")
        if defence.state == "concluded":
            raise ServiceError(_("The decision is already recorded."))
        _check_date(on, defence)
        defence.state, defence.outcome, defence.concluded_on = "concluded", outcome, on
        deadline_close(defence, on)
        _touch(defence)
        audit_record(actor, "respondent.decided", defence, on=on.isoformat(), outcome=outcome)
    return defence


def defence_assign(*, actor: User, defence_id: int, version: int, officer_id: int | None) -> DefenceCase:
    if actor.role != Role.SUPERVISOR.value:
        raise ServiceError(_("Only a supervisor can assign cases."))
    with transaction():
        defence = load_defence(defence_id, version)
        officer = db.session.get(User, officer_id) if officer_id else None
        if officer_id and (officer is None or not officer.active or officer.role != Role.OFFICER.value):
            raise ServiceError(_("Choose an active case officer."), field="officer_id")
        defence.officer_id = officer_id or None
        _touch(defence)
        audit_record(actor, f"{defence.kind}.assigned", defence, officer_id=officer_id)
    return defence

