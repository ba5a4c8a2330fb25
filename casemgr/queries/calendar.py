"""Read side of the working-day calendar: the WorkCalendar for the deadline engine, a year's view."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from flask import current_app, g
from sqlalchemy import func, select

from casemgr.domain.calendar import DayKind, WorkCalendar
from casemgr.extensions import db
from casemgr.models import CalendarDay, CalendarYear
from casemgr.request_transactions import reading_request

_kept: dict[str, tuple[tuple, WorkCalendar]] = {}  # database URL -> (stamp, calendar)


def work_calendar_get() -> WorkCalendar:
    """The whole calendar as the pure value the deadline engine takes. Every page with a deadline
    needs it; it is read again only when it changed: its stamp (how many years are loaded, when
    one was last loaded) is two lookups in a table of a few rows, the calendar ~800 rows. The only
    writer, calendar_year_load, sets loaded_at to now, so a reload changes the stamp. Kept when
    SUMMARY_CACHE_SECONDS is on (not in the tests, which may load a year twice at a frozen now)."""
    if not current_app.config.get("SUMMARY_CACHE_SECONDS", 0):
        return _work_calendar_read()
    stamp = _stamp_read_with_the_user()
    if stamp is None:
        stamp = tuple(db.session.execute(select(*calendar_stamp())).one())
    key = str(db.engine.url)
    kept = _kept.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    calendar = _work_calendar_read()
    _kept[key] = (stamp, calendar)
    return calendar


def calendar_stamp() -> tuple:
    """What changes when the calendar does: how many years are loaded, when one was last loaded
    (calendar_year_load replaces a year's days and sets its loaded_at to now). The days are not
    counted: ~800 of them, counted in every logged-in request's first statement (~0.1 ms), for a
    change no writer makes without a new loaded_at."""
    return (select(func.count(CalendarYear.year)).scalar_subquery(),
            select(func.max(CalendarYear.loaded_at)).scalar_subquery())


def _stamp_read_with_the_user() -> tuple | None:
    """The stamp read in the statement that loaded the request's user (casemgr/__init__.py), so a
    page that needs the calendar asks nothing more. A GET only: a request that loads a year reads
    the stamp afresh after writing it (a POST), never the one from before."""
    if not reading_request():
        return None
    return g.get("calendar_stamp")


def _work_calendar_read() -> WorkCalendar:
    holidays, makeup, names = set(), set(), {}
    for day, kind, name in db.session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name)):
        (holidays if kind == "holiday" else makeup).add(day)
        if name and kind == "holiday":
            names[day] = name
    covered = db.session.scalars(select(CalendarYear.year)).all()
    return WorkCalendar(holidays=frozenset(holidays), makeup_workdays=frozenset(makeup),
                        covered_years=frozenset(covered), names=names)


@dataclass(frozen=True)
class DayCell:
    day: date
    kind: DayKind
    name: str


@dataclass(frozen=True)
class YearView:
    year: int
    official: CalendarYear | None
    months: list[list[list[DayCell | None]]]  # month -> weeks (Monday first) -> 7 cells
    holidays: list[CalendarDay]
    makeup_workdays: list[CalendarDay]
    covered_years: list[int]


def calendar_year_view(year: int) -> YearView:
    rows = db.session.scalars(select(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1),
                                                                                 date(year, 12, 31)))
                              .order_by(CalendarDay.day)).all()
    names = {row.day: row.name for row in rows}
    work_calendar = WorkCalendar(holidays=frozenset(r.day for r in rows if r.kind == "holiday"),
                                 makeup_workdays=frozenset(r.day for r in rows if r.kind == "makeup_workday"),
                                 covered_years=frozenset({year}))
    months = []
    for month in range(1, 13):
        weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        months.append([[DayCell(d, work_calendar.day_kind(d), names.get(d, "")) if d.month == month else None
                         for d in week] for week in weeks])
    return YearView(
        year=year,
        official=db.session.get(CalendarYear, year),
        months=months,
        holidays=[r for r in rows if r.kind == "holiday"],
        makeup_workdays=[r for r in rows if r.kind == "makeup_workday"],
        covered_years=sorted(db.session.scalars(select(CalendarYear.year)).all()),
    )
