"""Loading a year's State Council holiday notice into the working-day calendar."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from casemgr import clock
from casemgr.domain.calendar_notice import Entry, Kind, Problem, check_year, unique
from casemgr.extensions import db
from casemgr.models import CalendarDay, CalendarYear, Case, CaseAssignment, DefenceCase, Notification, User
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import deadlines_recompute
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.unit_of_work import transaction

PROBLEM_TEXTS = {
    "bad_line": lambda: _("Line %(line)s is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD):"),
    "bad_range": lambda: _("Line %(line)s: the range is reversed or longer than a month:"),
    "csv_header": lambda: _("The CSV file needs the header date,kind,name. Found:"),
    "wrong_year": lambda: _("This day is not in the year being loaded:"),
    "makeup_on_weekday": lambda: _("A make-up working day must be a Saturday or a Sunday:"),
    "both_kinds": lambda: _("A day cannot be both a day off and a make-up working day:"),
}


def problem_message(problem: Problem) -> str:
    return f"{PROBLEM_TEXTS[problem.code]() % {'line': problem.line}} {problem.text}"


class CalendarInputError(ServiceError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem_message(p) for p in problems))


@dataclass(frozen=True)
class YearLoaded:
    year: int
    holidays: int
    makeup_workdays: int
    added: list[str]
    removed: list[str]
    moved: tuple[dict, ...] = ()  # open deadlines whose due date changed: case, rule, old, new


def _notify_moves(session, moved: list[dict]) -> None:
    """Tell the officers of each case whose deadline moved (in the same transaction: an outbox)."""
    _notify_defence_moves(session, [item for item in moved if item["defence"]])
    case_ids = {item["case"] for item in moved if item["case"]}
    if not case_ids:
        return
    officers: dict[int, set[int]] = {}
    for case_id, user_id in session.execute(select(CaseAssignment.case_id, CaseAssignment.user_id)
                                            .where(CaseAssignment.case_id.in_(case_ids))):
        officers.setdefault(case_id, set()).add(user_id)
    for case_id, creator in session.execute(select(Case.id, Case.created_by_id).where(Case.id.in_(case_ids))):
        officers.setdefault(case_id, {creator})
    for item in moved:
        for user_id in officers.get(item["case"], ()) if item["case"] else ():
            session.add(Notification(user_id=user_id, kind="deadline_moved", case_id=item["case"],
                                     params=item, created_at=clock.now()))


def _notify_defence_moves(session, moved: list[dict]) -> None:
    """A lawsuit's or respondent case's officer (or, unassigned, whoever registered it)."""
    owners = dict(session.execute(select(DefenceCase.id, func.coalesce(DefenceCase.officer_id,
                                                                        DefenceCase.created_by_id))
                                  .where(DefenceCase.id.in_({item["defence"] for item in moved}))).all())
    for item in moved:
        session.add(Notification(user_id=owners[item["defence"]], kind="deadline_moved",
                                 defence_case_id=item["defence"], params=item, created_at=clock.now()))


def _with_numbers(moved):
    numbers = dict(db.session.execute(select(Case.id, Case.number)
                                      .where(Case.id.in_({row.case_id for row, _o, _n in moved}))).all())
    defence_numbers = dict(db.session.execute(
        select(DefenceCase.id, DefenceCase.forum_number)
        .where(DefenceCase.id.in_({row.defence_case_id for row, _o, _n in moved}))).all())
    return [(item, numbers.get(item[0].case_id) or defence_numbers.get(item[0].defence_case_id, ""))
            for item in moved]


def loaded_mark(official: CalendarYear | None) -> str:
    """What identifies the notice loaded for a year (its load time), "" while none is."""
    return official.loaded_at.isoformat() if official is not None else ""


def calendar_year_load(*, actor: User | None, year: int, entries: list[Entry], source: str,
                       parse_problems: list[Problem] = (), seen: str | None = None) -> YearLoaded:
    """Replace ``year``'s days off and make-up working days with the notice's, and mark the year
    official, so that deadlines reaching into it stop being provisional (ARL 88 counts working days
    "excluding statutory holidays", which only the State Council's notice fixes).

    Nothing is saved if any line is wrong. The audit entry lists every day added or removed.
    ``seen`` is the loaded_mark of the notice the admin saw (None: replace whatever is there, as the
    command line does); another notice loaded since is a conflict, not silently replaced.
    """
    if not 1949 < year < 2200:
        raise ServiceError(_("Choose a year between 1950 and 2199."), field="year")
    problems = [*parse_problems, *check_year(entries, year)]
    if problems:
        raise CalendarInputError(problems)
    if not source.strip():
        raise ServiceError(_("Name the notice the days come from (e.g. 国办发明电〔2026〕1号)."),
                           field="source")
    entries = unique(entries)
    with transaction() as session:
        official = session.get(CalendarYear, year, with_for_update=True)
        if seen is not None and seen != loaded_mark(official):
            raise ConflictError(_("Someone else loaded a notice for this year after you opened the page; "
                                  "nothing was saved."))
        year_filter = CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))
        before = {(d.day, d.kind) for d in session.scalars(select(CalendarDay).where(year_filter))}
        after = {(e.day, e.kind.value) for e in entries}
        session.execute(delete(CalendarDay).where(year_filter))
        session.add_all(CalendarDay(day=e.day, kind=e.kind.value, name=e.name) for e in entries)
        official = official or CalendarYear(year=year)
        official.source = source.strip()[:200]
        official.loaded_at = clock.now()
        official.loaded_by_id = actor.id if actor else None
        session.add(official)
        session.flush()
        result = YearLoaded(
            year=year,
            holidays=sum(1 for e in entries if e.kind == Kind.HOLIDAY),
            makeup_workdays=sum(1 for e in entries if e.kind == Kind.MAKEUP_WORKDAY),
            added=[f"{d.isoformat()} {k}" for d, k in sorted(after - before)],
            removed=[f"{d.isoformat()} {k}" for d, k in sorted(before - after)],
        )
        # Every open deadline whose window touches the year is recomputed on the new calendar;
        # the report lists each date that moved (the officers' notifications come with issue 5).
        moved = [{"case": row.case_id, "defence": row.defence_case_id, "number": number,
                  "rule": row.rule_code, "old": old.isoformat(), "new": new.isoformat()}
                 for (row, old, new), number in _with_numbers(deadlines_recompute(work_calendar_get(), year))]
        result = replace(result, moved=tuple(moved))
        _notify_moves(session, moved)
        audit_record(actor, "calendar.year_load", official, year=year, source=official.source,
                     added=result.added, removed=result.removed, moved=moved)
    return result
