"""The dashboard: the user's nearest deadlines and the sizes of their queues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, literal_column, select, true, union

from casemgr.domain.calendar import WorkCalendar
from casemgr.domain.deadlines import due_status
from casemgr.extensions import db
from casemgr.models import Case, Deadline, DefenceCase, Role, User
from casemgr.queries.among import among_bound, written_in
from casemgr.queries.built import built
from casemgr.queries.cases import (
    INTAKE_STATES,
    USER_ID,
    case_in_progress,
    deadline_ids_mine,
    deadlines_mine,
    mine_in_progress_selects,
)
from casemgr.summary_cache import remembered


@dataclass(frozen=True)
class DeadlineRow:
    case_id: int | None
    defence_case_id: int | None  # a lawsuit's or respondent case's deadline
    number: str
    rule_code: str
    due_on: date
    provisional: bool
    status: str  # overdue | due_today | due_soon | later


@dataclass(frozen=True)
class Dashboard:
    intake: int
    mine_open: int
    deadlines: list[DeadlineRow]
    mine_open_at: datetime | None = None  # a supervisor's count of every open case is kept a while


def _nearest(officer: bool, limit: int):
    """The nearest ``limit`` open deadlines: all of them for a supervisor, an officer's by id
    (``ids``). Read through the (state, due_on) index, nearest first; built once (queries/built.py).
    The limit is written into the SQL, so PostgreSQL plans the prepared statement once, not on
    every run (queries/board.py says why)."""
    number = func.coalesce(Case.number, DefenceCase.forum_number).label("number")
    query = (select(Deadline.case_id, Deadline.defence_case_id, number, Deadline.rule_code, Deadline.due_on,
                    Deadline.provisional, Deadline.id.label("deadline_id"))
             .outerjoin(Case, Deadline.case_id == Case.id)
             .outerjoin(DefenceCase, Deadline.defence_case_id == DefenceCase.id)
             .where(written_in(Deadline.state, ("open",))))
    if officer:
        query = query.where(among_bound(Deadline.id, "ids"))
    return query.order_by(Deadline.due_on, Deadline.id).limit(literal_column(str(int(limit))))


def _in_progress(officer: bool):
    """Cases in progress: an officer's own (USER_ID, mine_in_progress_selects: each from its partial
    index, not each own case probed), or every one (case_in_progress)."""
    if not officer:
        return select(func.count()).select_from(Case).where(case_in_progress())
    return select(func.count()).select_from(union(*mine_in_progress_selects(USER_ID)).subquery())


# The states written into the SQL: with them bound, PostgreSQL cannot tell the prepared statement
# counts a few hundred cases, not a fifth of them, and plans it afresh on every dashboard.
INTAKE = select(func.count()).select_from(Case).where(written_in(Case.state, INTAKE_STATES))


def _with_counts(nearest, officer: bool):
    """The nearest deadlines, each row carrying the intake queue's size and, for an officer, how
    many of their cases are in progress: one statement instead of three. The counts are a one-row
    subquery the deadlines are outer-joined to, so they come when there is no deadline too."""
    counts = [INTAKE.scalar_subquery().label("intake")]
    if officer:
        counts.append(_in_progress(True).scalar_subquery().label("mine_open"))
    counted, rows = select(*counts).subquery(), nearest.subquery()
    return (select(counted, rows).select_from(counted.outerjoin(rows, true()))
            .order_by(rows.c.due_on, rows.c.deadline_id))


def dashboard_get(user: User, today: date, calendar: WorkCalendar, limit: int = 15) -> Dashboard:
    """Supervisors see every open deadline; officers those of their own cases."""
    officer = user.role != Role.SUPERVISOR.value
    values = {"user_id": user.id}
    ids = deadline_ids_mine(user) if officer else None
    if officer and ids is None:  # too many to name: each deadline tested (not kept: it holds the user)
        nearest = _with_counts(_nearest(False, limit).where(deadlines_mine(user)), officer)
    else:
        nearest = built(("dashboard.nearest", officer, limit),
                        lambda: _with_counts(_nearest(officer, limit), officer))
    rows = db.session.execute(nearest, {**values, "ids": ids}).all()
    intake = rows[0].intake  # the counts' row is there with or without deadlines
    if officer:
        mine_open, mine_open_at = rows[0].mine_open or 0, None
    else:
        mine = built(("dashboard.in_progress", officer), lambda: _in_progress(officer))
        # Every case in progress in the office (200,000 at a million cases: ~11 ms to count), kept
        # for SUMMARY_CACHE_SECONDS like the other office-wide figures; the page says when counted.
        mine_open, mine_open_at = remembered(("dashboard.in_progress",), lambda: db.session.scalar(mine) or 0)
    return Dashboard(
        intake=intake or 0,
        mine_open=mine_open,
        mine_open_at=mine_open_at,
        deadlines=[DeadlineRow(r.case_id, r.defence_case_id, r.number, r.rule_code, r.due_on, r.provisional,
                               due_status(r.due_on, today, calendar).value) for r in rows
                   if r.deadline_id is not None],
    )
