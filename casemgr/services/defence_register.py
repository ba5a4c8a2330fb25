"""Registering a defence case: a lawsuit served on the government or its organ (ALL 67), or an
application to a higher organ in which the district government is the respondent (ARL 48)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.deadline_rules import PROCEDURES
from casemgr.extensions import db
from casemgr.models import Agency, Case, DefenceCase, Defendant, Role, User
from casemgr.models.defence import DEFENDANT_ROLES, INSTANCES, KINDS
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import deadline_open
from casemgr.services.errors import ValidationError
from casemgr.services.unit_of_work import transaction

# The first period of each kind: the defence and evidence within 15 days of service (ALL 67), the
# respondent's reply and evidence within 10 working days of receiving the copy (ARL 48, 54).
FIRST_DEADLINE = {"lawsuit": "litigation_defence", "respondent": "respondent_case_reply"}


@dataclass
class DefendantInput:
    name: str = ""
    role: str = "agency"  # the original agency, or "organ": the reconsideration organ


@dataclass
class DefenceInput:
    kind: str = "lawsuit"
    forum: str = ""  # the court, or the higher reconsideration organ
    forum_number: str = ""
    instance: str | None = "first"
    procedure: str = "ordinary"
    case_id: int | None = None  # the reconsideration case the suit is about
    parent_id: int | None = None  # the first-instance case of an appeal or retrial
    plaintiffs: list[str] = field(default_factory=list)
    defendants: list[DefendantInput] = field(default_factory=list)
    subject: str = ""
    served_on: date | None = None
    officer_id: int | None = None
    note: str = ""


def _problems(data: DefenceInput) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if data.kind not in KINDS:
        add("kind", _("Choose the kind of case."))
    if not data.forum.strip():
        add("forum", _("Enter the court or the reconsideration organ."))
    if not data.forum_number.strip():
        add("forum_number", _("Enter the case number the court or organ gave."))
    if data.kind == "lawsuit" and data.instance not in INSTANCES:
        add("instance", _("Choose the instance."))
    if data.procedure not in PROCEDURES:
        add("procedure", _("Choose the procedure."))
    if not data.plaintiffs:
        add("plaintiffs", _("Enter at least one plaintiff or applicant, one per line."))
    if not data.subject.strip():
        add("subject", _("Describe the act or decision in dispute."))
    if data.served_on is None:
        add("served_on", _("Enter the date the papers were received."))
    elif data.served_on > clock.today():
        add("served_on", _("The date cannot be in the future."))
    if data.kind == "lawsuit":
        if not data.defendants:
            add("defendants-0-name", _("Enter at least one defendant."))
        for i, defendant in enumerate(data.defendants):
            if defendant.role not in DEFENDANT_ROLES:
                add(f"defendants-{i}-role", _("Choose the defendant's role."))
    return problems


def _references(data: DefenceInput, problems: dict[str, list[str]]) -> tuple[Case | None, DefenceCase | None]:
    case = db.session.get(Case, data.case_id) if data.case_id else None
    if data.case_id and case is None:
        problems.setdefault("case_id", []).append(_("No such reconsideration case."))
    parent = db.session.get(DefenceCase, data.parent_id) if data.parent_id else None
    if data.parent_id and (parent is None or parent.kind != "lawsuit"):
        problems.setdefault("parent_id", []).append(_("No such lawsuit."))
    if data.officer_id:
        officer = db.session.get(User, data.officer_id)
        if officer is None or not officer.active or officer.role != Role.OFFICER.value:
            problems.setdefault("officer_id", []).append(_("Choose an active case officer."))
    duplicate = db.session.scalar(select(DefenceCase.id).where(
        DefenceCase.forum == data.forum.strip(), DefenceCase.forum_number == data.forum_number.strip()))
    if duplicate:
        problems.setdefault("forum_number", []).append(_("This case number is already registered."))
    return case, parent


def defence_register(*, actor: User, data: DefenceInput) -> DefenceCase:
    """Register the case and open its first deadline, counted from the day the papers arrived."""
    data.plaintiffs = [name.strip()[:200] for name in data.plaintiffs if name.strip()]
    data.defendants = [DefendantInput(d.name.strip()[:200], d.role)
                       for d in data.defendants if d.name.strip()]
    if data.kind != "lawsuit":
        data.instance, data.defendants, data.parent_id = None, [], None
    problems = _problems(data)
    if problems:
        raise ValidationError(problems)
    with transaction():
        case, _parent = _references(data, problems)
        if problems:
            raise ValidationError(problems)
        agencies = {a.name: a.id for a in db.session.scalars(
            select(Agency).where(Agency.name.in_([d.name for d in data.defendants])))}
        now = clock.now()
        defence = DefenceCase(
            kind=data.kind, state="pending", forum=data.forum.strip()[:200],
            forum_number=data.forum_number.strip()[:100], instance=data.instance, procedure=data.procedure,
            parent_id=data.parent_id, case_id=case.id if case else None,
            plaintiffs="\n".join(data.plaintiffs), subject=data.subject.strip(), served_on=data.served_on,
            note=data.note.strip(), officer_id=data.officer_id or None, created_by_id=actor.id,
            appealed_by="", created_at=now, updated_at=now)
        defence.defendants = [Defendant(position=i, name=d.name, role=d.role, agency_id=agencies.get(d.name))
                              for i, d in enumerate(data.defendants)]
        linked = [d.agency_id for d in defence.defendants if d.role == "agency" and d.agency_id]
        defence.agency_id = linked[0] if linked else (case.respondent_id if case else None)
        db.session.add(defence)
        db.session.flush()
        deadline_open(defence, FIRST_DEADLINE[data.kind], data.served_on, work_calendar_get())
        audit_record(actor, f"{data.kind}.registered", defence, on=data.served_on.isoformat(),
                     forum=defence.forum, number=defence.forum_number, case_id=defence.case_id,
                     defendants=[d.name for d in data.defendants])
    return defence
