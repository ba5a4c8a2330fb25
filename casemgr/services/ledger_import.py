"""Importing a historical ledger (台账) of past cases: all rows or none.

Every row is checked first (``domain.ledger``) and against the database (numbers already there);
any problem stops the import with the list of problems by line, and nothing is written. Imported
cases carry ``origin = "ledger"``, their decision deadline computed by the engine (met or missed,
for the on-time rate), and, when the ledger says published, a publication that counts in the
statistics but does not appear on the portal (its text is not in the ledger).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.catalogues import AGENCY_AREAS
from casemgr.domain.ledger import HEADERS, LedgerRow, Problem, parse_rows
from casemgr.extensions import db
from casemgr.models import (
    Agency,
    Case,
    CaseEvent,
    CaseNumberSequence,
    Party,
    Publication,
    TypicalCase,
    User,
)
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import deadline_row
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction


class LedgerError(ServiceError):
    """The ledger has problems; nothing was imported. ``problems`` are by line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(_("Nothing was imported: %(n)s problems in the file.", n=len(problems)))


@dataclass(frozen=True)
class ImportResult:
    cases: int
    agencies_created: list[str]
    published: int


def problem_text(problem: Problem) -> str:
    """One problem as a line the user can act on, in their language."""
    messages = {
        "missing": _("line %(line)s: %(column)s is empty"),
        "missing_column": _("the header has no column %(column)s"),
        "date": _("line %(line)s: %(column)s is not a date (YYYY-MM-DD): %(value)s"),
        "future": _("line %(line)s: %(column)s is in the future: %(value)s"),
        "order": _("line %(line)s: %(column)s comes before the date it follows: %(value)s"),
        "unknown": _("line %(line)s: %(column)s has an unknown value: %(value)s"),
        "duplicate": _("line %(line)s: the number %(value)s appears twice"),
        "needs": _("line %(line)s: %(column)s does not fit %(value)s"),
        "exists": _("line %(line)s: case %(value)s is already in the system"),
    }
    from casemgr.i18n import current_language

    # The column as the user's header calls it: Chinese headers for a Chinese reader.
    column = HEADERS.get(problem.column, problem.column) if current_language() == "zh" else problem.column
    return messages[problem.code] % {"line": problem.line, "column": column, "value": problem.value}


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a .csv (UTF-8, with or without BOM) or .xlsx file."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
            raise ServiceError(_("This is not an Excel workbook (.xlsx)."), field="file") from error
        values = [
            ["" if v is None else (v.date().isoformat() if isinstance(v, datetime) else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ServiceError(_("Save the CSV file as UTF-8."), field="file") from error
        values = list(csv.reader(io.StringIO(text)))
    if not values:
        raise ServiceError(_("The file is empty."), field="file")
    return values[0], values[1:]


def _agencies(rows: list[LedgerRow]) -> tuple[dict[str, int], list[str]]:
    """Agencies by name; those the ledger names and the system lacks are created in its area."""
    names = {row.respondent for row in rows}
    known = {a.name: a.id for a in db.session.scalars(select(Agency).where(Agency.name.in_(names)))}
    created = []
    for row in rows:
        if row.respondent not in known:
            area = row.area if row.area in AGENCY_AREAS else "other"
            agency = Agency(name=row.respondent[:200], area=area, created_at=clock.now())
            db.session.add(agency)
            db.session.flush()
            known[row.respondent] = agency.id
            created.append(agency.name)
    return known, created


def _write(row: LedgerRow, agency_id: int, actor: User, seq: int, calendar) -> Case:
    state = (
        "decided"
        if row.outcome and row.outcome not in ("not_accepted", "referred")
        else row.outcome or ("accepted" if row.accepted_on else "received")
    )
    agency_area = db.session.get(Agency, agency_id).area
    case = Case(
        number=row.number[:80],
        year=row.received_on.year,
        seq=seq,
        state=state,
        procedure=row.procedure,
        channel="on_site",
        received_on=row.received_on,
        respondent_id=agency_id,
        act_type=row.act_type,
        act_summary="",
        requests="（台账导入）",
        accepted_on=row.accepted_on,
        decision_type=row.outcome if state == "decided" else None,
        decision_date=row.concluded_on if state == "decided" else None,
        closing_reason="（台账导入）" if state in ("not_accepted", "referred") else "",
        area=row.area if row.area != agency_area else None,
        origin="ledger",
        created_by_id=actor.id,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    case.parties.append(Party(position=0, role="applicant", kind=row.applicant_kind, name=row.applicant_name))
    db.session.add(case)
    db.session.flush()
    db.session.add(
        CaseEvent(
            case_id=case.id,
            kind="imported",
            occurred_on=row.received_on,
            recorded_at=clock.now(),
            actor_id=actor.id,
            details={"line": row.line},
        )
    )
    if state == "decided":
        # The on-time rate needs the decision period (ARL 62); pauses and extensions are not in a
        # ledger, so a case decided after the plain period counts as late.
        deadline_row(case, "decision", row.accepted_on, calendar, done=row.concluded_on)
    return case


def _publish(case: Case, row: LedgerRow, actor: User) -> None:
    # Empty public text: counted as published (on the concluded date) but kept off the portal.
    publication = Publication(
        case_id=case.id,
        state="published",
        title=f"{case.number} 行政复议决定书",
        public_text="",
        spans=[],
        extra_redactions=[],
        kept_texts=[],
        prepared_by_id=actor.id,
        prepared_at=clock.at_local(row.concluded_on, 12),
        approved_by_id=actor.id,
        approved_at=clock.at_local(row.concluded_on, 12),
        published_at=clock.at_local(row.concluded_on, 12),
        note="台账导入",
    )
    db.session.add(publication)
    if row.typical_case:
        db.session.flush()
        db.session.add(
            TypicalCase(
                publication_id=publication.id,
                title=f"{case.number}（台账导入）",
                commentary="",
                chosen_by_id=actor.id,
                chosen_at=clock.at_local(row.concluded_on, 12),
            )
        )


def ledger_import(*, actor: User, data: bytes, filename: str) -> ImportResult:
    """Import the ledger in one transaction, or raise ``LedgerError`` and import nothing."""
    if actor.role != "admin":
        raise ServiceError(_("Only an administrator can import a ledger."))
    header, lines = read_table(data, filename)
    rows, problems = parse_rows(header, lines, clock.today())
    existing = set(db.session.scalars(select(Case.number).where(Case.number.in_([r.number for r in rows]))))
    problems += [Problem(r.line, "number", "exists", r.number) for r in rows if r.number in existing]
    if problems:
        raise LedgerError(sorted(problems, key=lambda p: (p.line, p.column)))
    if not rows:
        raise ServiceError(_("The file has no cases."), field="file")
    calendar = work_calendar_get()
    with transaction() as session:
        agencies, created = _agencies(rows)
        last = dict(session.execute(select(CaseNumberSequence.year, CaseNumberSequence.last_seq)).all())
        published = 0
        for row in rows:
            year = row.received_on.year
            last[year] = last.get(year, 0) + 1
            case = _write(row, agencies[row.respondent], actor, last[year], calendar)
            if row.published:
                _publish(case, row, actor)
                published += 1
        for year, seq in last.items():
            sequence = session.get(CaseNumberSequence, year) or CaseNumberSequence(year=year)
            sequence.last_seq = seq
            session.add(sequence)
        session.flush()
        audit_record(
            actor,
            "ledger.import",
            None,
            file=filename[:200],
            cases=len(rows),
            agencies_created=created,
            published=published,
            organ=current_app.config["ORGAN_NAME"],
        )
    return ImportResult(len(rows), created, published)
