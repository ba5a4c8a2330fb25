"""Read side of the working-day calendar: the WorkCalendar for the deadline engine, a year's view."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from casemgr.domain.calendar import DayKind, WorkCalendar
from casemgr.extensions import db
from casemgr.models import CalendarDay, CalendarYear


def work_calendar_get() -> WorkCalendar:
    """The whole calendar (about 35 rows a year) as the pure value the deadline engine takes."""
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
