"""Registering an application (收案登记): parties, the contested act, the number, the first deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.case_numbers import format_case_number
from casemgr.domain.catalogues import (
    ACT_TYPES,
    CHANNELS,
    MANAGEMENT_AREAS,
    PARTY_KINDS,
    PARTY_ROLES,
    PROCEDURES,
)
from casemgr.domain.deadlines import application_period_check
from casemgr.domain.identifiers import phone_problem, resident_id_problem, uscc_problem
from casemgr.extensions import db
from casemgr.models import Agency, Case, CaseEvent, CaseNumberSequence, Party, User
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import deadline_open
from casemgr.services.errors import ValidationError
from casemgr.services.unit_of_work import transaction


@dataclass
class PartyInput:
    role: str = "applicant"
    kind: str = "person"
    name: str = ""
    sex: str | None = None
    birth_date: date | None = None
    id_number: str = ""
    phone: str = ""
    address: str = ""
    legal_representative: str = ""


@dataclass
class Application:
    respondent_id: int | None = None
    area: str | None = None  # the management area when the dispute is not in the agency's own
    channel: str = "on_site"
    received_on: date | None = None
    act_type: str = "penalty"
    act_number: str = ""
    act_date: date | None = None
    act_known_on: date | None = None
    act_summary: str = ""
    requests: str = ""
    procedure: str = "ordinary"
    told_of_right: bool = True
    real_property: bool = False
    parties: list[PartyInput] = field(default_factory=list)


IDENTIFIER_MESSAGES = {
    "id_length": lambda: _("A resident ID number has 18 characters."),
    "id_chars": lambda: _("A resident ID number has 17 digits and a final digit or X."),
    "id_birth_date": lambda: _("The date of birth inside the ID number is not a real date."),
    "id_check_digit": lambda: _("The ID number's check digit is wrong: please check the number."),
    "uscc_length": lambda: _("A unified social credit code has 18 characters."),
    "uscc_chars": lambda: _("The unified social credit code contains characters it cannot have."),
    "uscc_check_digit": lambda: _("The credit code's check character is wrong: please check the code."),
    "phone_format": lambda: _("Enter a mobile number (11 digits) or a landline such as 010-12345678."),
}


def _party_problems(index: int, p: PartyInput, problems: dict[str, list[str]]) -> None:
    def add(name: str, message: str) -> None:
        problems.setdefault(f"parties-{index}-{name}", []).append(message)

    if p.role not in PARTY_ROLES:
        add("role", _("Choose a role."))
    if p.kind not in PARTY_KINDS:
        add("kind", _("Choose the kind of party."))
    if not p.name.strip():
        add("name", _("Enter the name."))
    if p.id_number.strip():
        check = resident_id_problem if p.kind == "person" else uscc_problem
        code = check(p.id_number)
        if code:
            add("id_number", IDENTIFIER_MESSAGES[code]())
    if p.phone.strip():
        code = phone_problem(p.phone)
        if code:
            add("phone", IDENTIFIER_MESSAGES[code]())


def application_problems(app: Application, today: date) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if app.respondent_id is None or db.session.get(Agency, app.respondent_id) is None:
        add("respondent_id", _("Choose the respondent agency."))
    if app.area and app.area not in MANAGEMENT_AREAS:
        add("area", _("Choose a management area from the list."))
    if app.channel not in CHANNELS:
        add("channel", _("Choose how the application arrived."))
    if app.act_type not in ACT_TYPES:
        add("act_type", _("Choose the type of act."))
    if app.procedure not in PROCEDURES:
        add("procedure", _("Choose the procedure."))
    if app.received_on is None:
        add("received_on", _("Enter the date the application was received."))
    elif app.received_on > today:
        add("received_on", _("The date received cannot be in the future."))
    if app.act_known_on and app.received_on and app.act_known_on > app.received_on:
        add("act_known_on", _("The applicant cannot have learned of the act after applying."))
    if app.act_date and app.act_known_on and app.act_date > app.act_known_on:
        add("act_date", _("The act cannot be made after the applicant learned of it."))
    if not app.requests.strip():
        add("requests", _("Enter the applicant's requests."))
    if not any(p.role == "applicant" for p in app.parties):
        add("parties", _("Enter at least one applicant."))
    for index, party in enumerate(app.parties):
        _party_problems(index, party, problems)
    return problems


def _next_seq(year: int) -> int:
    """Take the next number of ``year`` inside the current transaction.

    One atomic upsert: on PostgreSQL the row stays locked until commit, so a second officer
    registering at the same moment waits and gets the next number; a rollback gives the number
    back, so there are no gaps (SQLite serialises writers the same way).
    """
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(CaseNumberSequence).values(year=year, last_seq=1)
    statement = statement.on_conflict_do_update(
        index_elements=[CaseNumberSequence.year],
        set_={"last_seq": CaseNumberSequence.last_seq + 1},
    ).returning(CaseNumberSequence.last_seq)
    return db.session.execute(statement).scalar_one()


def case_register(*, actor: User, application: Application) -> Case:
    """Register an application: number it, check the application period (ARL 20-21: a late
    application is flagged for the officer, not refused), and open the acceptance-review and
    supplement-notice deadlines (ARL 30, 31: 5 working days from receipt)."""
    today = clock.today()
    problems = application_problems(application, today)
    if problems:
        raise ValidationError(problems)
    calendar = work_calendar_get()
    late = None
    if application.act_known_on and application.act_date:
        late = application_period_check(application.act_known_on, application.act_date,
                                        application.received_on, calendar,
                                        told_of_right=application.told_of_right,
                                        real_property=application.real_property)
    with transaction() as session:
        year = application.received_on.year
        seq = _next_seq(year)
        now = clock.now()
        case = Case(
            number=format_case_number(current_app.config["CASE_NUMBER_PATTERN"], year, seq),
            year=year, seq=seq, state="received", procedure=application.procedure,
            channel=application.channel, received_on=application.received_on,
            respondent_id=application.respondent_id, act_type=application.act_type,
            area=application.area or None,
            act_number=application.act_number.strip(), act_date=application.act_date,
            act_known_on=application.act_known_on, act_summary=application.act_summary.strip(),
            requests=application.requests.strip(), told_of_right=application.told_of_right,
            real_property=application.real_property, late=bool(late and late.late),
            created_by_id=actor.id, created_at=now, updated_at=now,
        )
        for position, p in enumerate(application.parties):
            case.parties.append(Party(
                position=position, role=p.role, kind=p.kind, name=p.name.strip(), sex=p.sex or None,
                birth_date=p.birth_date, id_number=p.id_number.strip().upper(), phone=p.phone.strip(),
                address=p.address.strip(), legal_representative=p.legal_representative.strip()))
        session.add(case)
        session.flush()
        details = {}
        if late is not None:
            details = {"late": late.late, "exceeded": [c.rule_code for c in late.checks if c.exceeded]}
        session.add(CaseEvent(case_id=case.id, kind="received", occurred_on=application.received_on,
                              recorded_at=now, actor_id=actor.id, details=details))
        deadline_open(case, "acceptance_review", application.received_on, calendar)
        deadline_open(case, "supplement_notice", application.received_on, calendar)
        audit_record(actor, "case.register", case, number=case.number, late=case.late)
    return case


def next_number_preview(year: int) -> str:
    """The number the next registration of ``year`` would get (for display only)."""
    last = db.session.scalar(select(CaseNumberSequence.last_seq).where(CaseNumberSequence.year == year))
    return format_case_number(current_app.config["CASE_NUMBER_PATTERN"], year, (last or 0) + 1)
