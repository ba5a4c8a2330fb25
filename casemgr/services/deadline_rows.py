"""Keeping a case's deadline rows in step with its events. Helpers: they flush, never commit.

The owner of a row is a reconsideration case (``Case``) or a defence case (``DefenceCase``): the
helpers take either, so that lawsuits and respondent cases count time with the same engine and
appear on the same board.

Each row stores the due date with its explanation in Chinese and English, computed by the pure
engine from the calendar table, so that the case page and the board can show why a date is what
it is without recomputing it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from casemgr import clock
from casemgr.domain.calendar import WorkCalendar
from casemgr.domain.deadline_text import explain_en, explain_zh
from casemgr.domain.deadlines import compute_deadline
from casemgr.extensions import db
from casemgr.models import Case, Deadline, DefenceCase
from casemgr.queries.among import written_in

Owner = Case | DefenceCase


def _pauses(row: Deadline) -> list[tuple[date, date]]:
    return [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in row.pauses]


def _compute_into(row: Deadline, calendar: WorkCalendar) -> None:
    result = compute_deadline(row.rule_code, row.start_on, calendar, procedure=row.procedure,
                              pauses=_pauses(row), extension_days=row.extension_days)
    row.due_on = result.due
    row.provisional = result.provisional
    row.provisional_reason = result.provisional_reason or ""
    row.explanation_zh = explain_zh(result)
    row.explanation_en = explain_en(result)
    row.updated_at = clock.now()


def _owned_by(owner: Owner):
    if isinstance(owner, DefenceCase):
        return Deadline.defence_case_id == owner.id
    return Deadline.case_id == owner.id


def deadline_row(owner: Owner, rule_code: str, start: date, calendar: WorkCalendar, *,
                 done: date | None = None, state: str | None = None, extension_days: int = 0,
                 at: datetime | None = None) -> Deadline:
    """A computed row for ``owner``, added to the session (not flushed). Open, unless the step was
    taken on ``done`` (met or missed) or ``state`` says otherwise; ``at`` dates the row when it
    records history (an imported ledger, a generated year)."""
    key = {"defence_case_id" if isinstance(owner, DefenceCase) else "case_id": owner.id}
    row = Deadline(**key, rule_code=rule_code, procedure=owner.procedure, start_on=start, state="open",
                   pauses=[], extension_days=extension_days)
    _compute_into(row, calendar)
    if state is None:
        state = "open" if done is None else ("met" if done <= row.due_on else "missed")
    row.state = state
    row.met_on = done if state in ("met", "missed") else None
    row.created_at = row.updated_at = at or clock.now()
    db.session.add(row)
    return row


def deadline_open(case: Owner, rule_code: str, start: date, calendar: WorkCalendar) -> Deadline:
    row = deadline_row(case, rule_code, start, calendar)
    db.session.flush()
    return row


def open_rows(case: Owner, *rule_codes: str) -> list[Deadline]:
    query = select(Deadline).where(_owned_by(case), written_in(Deadline.state, ("open", "paused")))
    if rule_codes:
        query = query.where(Deadline.rule_code.in_(rule_codes))
    return list(db.session.scalars(query.order_by(Deadline.id)))


def deadline_meet(case: Owner, rule_code: str, on: date) -> None:
    """The step was taken on ``on``: met if on time, missed (kept, for the on-time rate) if late."""
    for row in open_rows(case, rule_code):
        if row.state == "paused":
            row.pauses = [*row.pauses, [row.paused_from.isoformat(), on.isoformat()]]
            row.paused_from = None
        row.state = "met" if on <= row.due_on else "missed"
        row.met_on = on
        row.updated_at = clock.now()


def deadline_cancel(case: Owner, *rule_codes: str) -> None:
    for row in open_rows(case, *rule_codes):
        row.state = "cancelled"
        row.paused_from = None
        row.updated_at = clock.now()


def deadline_close(case: Owner, on: date, *rule_codes: str) -> None:
    """The case ended on ``on`` with these steps never taken: missed if they were already overdue,
    cancelled otherwise."""
    for row in open_rows(case, *rule_codes):
        row.state = "missed" if row.due_on < on else "cancelled"
        row.paused_from = None
        row.updated_at = clock.now()


def deadline_pause(case: Case, rule_code: str, since: date) -> None:
    """Stop the clock from ``since`` (included), e.g. while waiting for a supplement (ARL 31)."""
    for row in open_rows(case, rule_code):
        if row.state == "open":
            row.state = "paused"
            row.paused_from = since
            row.updated_at = clock.now()


def deadline_resume(case: Case, rule_code: str, until: date, calendar: WorkCalendar) -> None:
    """Restart the clock: the pause covered ``paused_from`` to ``until`` (both included); the due
    date moves later by that time, in the period's own unit."""
    for row in open_rows(case, rule_code):
        if row.state == "paused":
            row.pauses = [*row.pauses, [row.paused_from.isoformat(), until.isoformat()]]
            row.paused_from = None
            row.state = "open"
            _compute_into(row, calendar)


def deadline_extend(case: Case, rule_code: str, days: int, calendar: WorkCalendar) -> None:
    for row in open_rows(case, rule_code):
        row.extension_days = days
        _compute_into(row, calendar)


def deadlines_recompute(calendar: WorkCalendar, year: int) -> list[tuple[Deadline, date, date]]:
    """Recompute the open or paused deadlines whose counting window touches ``year`` (after that
    year's calendar was loaded or changed); returns the rows whose due date moved, old and new."""
    moved = []
    touching = (Deadline.state.in_(("open", "paused")), Deadline.start_on <= date(year, 12, 31),
                Deadline.due_on >= date(year, 1, 1))
    for row in db.session.scalars(select(Deadline).where(*touching).order_by(Deadline.id)):
        old = row.due_on
        _compute_into(row, calendar)
        if row.due_on != old:
            moved.append((row, old, row.due_on))
    db.session.flush()
    return moved


def deadline_add_pause(case: Case, rule_code: str, first: date, last: date, calendar: WorkCalendar) -> None:
    """A closed pause (site inspection or expert appraisal, Reg. 34/37): the days are not counted."""
    for row in open_rows(case, rule_code):
        row.pauses = [*row.pauses, [first.isoformat(), last.isoformat()]]
        if row.state == "open":
            _compute_into(row, calendar)


def deadline_change_procedure(case: Case, procedure: str, calendar: WorkCalendar) -> None:
    """ARL 55: a simplified case converted to the ordinary procedure counts its open periods by the
    ordinary rules from the same start."""
    for row in open_rows(case):
        row.procedure = procedure
        if row.state == "open":
            _compute_into(row, calendar)
