"""The working-day calendar behind every statutory deadline. Pure standard library, no clock.

ARL 88: periods of 3, 5, 7 and 10 日 are working days, "excluding statutory holidays"; make-up
working days (调休: a Saturday or Sunday the State Council's notice turns into a working day) count
as working days. The holiday data is published once a year, so the calendar knows which years it
has official data for (``covered_years``): any computation that looks at a day outside them still
answers (weekends off, weekdays on) but says so, via ``Walk.uncovered_years`` / ``Walk.provisional``.
It never guesses silently.

Counting convention (Civil Procedure Law on periods, Civil Code 201): the start day is not counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

ONE_DAY = timedelta(days=1)

# A guard against looping forever on a calendar with no working days (bad admin data, or a pause
# of decades). Twenty years of consecutive non-counting days is far beyond any real case.
MAX_CONSECUTIVE_SKIPPED_DAYS = 366 * 20


class DayKind(StrEnum):
    """What kind of day a date is, in the order of precedence used by ``WorkCalendar.day_kind``."""

    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


class SkipReason(StrEnum):
    """Why a day was passed over when counting working days."""

    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    PAUSED = "paused"  # a working day on which the clock was stopped (Reg. 29/34/37)


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: SkipReason


@dataclass(frozen=True)
class Walk:
    """The result of walking the calendar from ``start`` to ``end``, with everything needed to explain it.

    ``workdays`` is the number of working days counted; ``skipped`` lists the days passed over
    and why; ``makeup_workdays`` lists the Saturdays/Sundays that were counted because they were
    make-up working days; ``uncovered_years`` lists the years of looked-at days that have no
    official holiday data (the result is then provisional).
    """

    start: date
    end: date
    workdays: int
    skipped: tuple[SkippedDay, ...] = ()
    makeup_workdays: tuple[date, ...] = ()
    uncovered_years: frozenset[int] = frozenset()

    @property
    def provisional(self) -> bool:
        return bool(self.uncovered_years)

    def skipped_for(self, reason: SkipReason) -> tuple[date, ...]:
        """The skipped days with one reason, in walking order."""
        return tuple(s.day for s in self.skipped if s.reason == reason)


@dataclass(frozen=True)
class WorkCalendar:
    """Statutory holidays, make-up working days and the years for which official data is present.

    ``holidays`` are the State Council's days off, including those falling on a weekday and the
    weekend days inside a holiday block; ``makeup_workdays`` are weekend days made working days.
    Days in neither set are working days from Monday to Friday. The sets must be disjoint and
    make-up working days must be Saturdays or Sundays: contradictory data raises ``ValueError``
    here rather than producing a deadline nobody can explain.
    """

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()
    # The holidays' names (国庆节), for explanations only; they never change a count.
    names: Mapping[date, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Accept any iterable from callers (a query result, a list) but store frozensets so the
        # calendar stays hashable and immutable.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        object.__setattr__(self, "covered_years", frozenset(self.covered_years))
        both = self.holidays & self.makeup_workdays
        if both:
            raise ValueError(f"days both holiday and make-up working day: {sorted(both)}")
        weekdays = sorted(d for d in self.makeup_workdays if d.weekday() < 5)
        if weekdays:
            raise ValueError(f"make-up working days must be Saturdays or Sundays: {weekdays}")

    # -- single days -------------------------------------------------------------------------

    def day_kind(self, d: date) -> DayKind:
        """Classify a day. A holiday on a weekend is reported as a holiday (it is part of the block)."""
        if d in self.makeup_workdays:
            return DayKind.MAKEUP_WORKDAY
        if d in self.holidays:
            return DayKind.HOLIDAY
        if d.weekday() >= 5:
            return DayKind.WEEKEND
        return DayKind.WORKDAY

    def is_workday(self, d: date) -> bool:
        """True for Monday-Friday days that are not holidays, and for make-up working days (ARL 88)."""
        return self.day_kind(d) in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    def is_covered(self, d: date) -> bool:
        """True when official holiday data exists for the year of ``d``."""
        return d.year in self.covered_years

    # -- walks -------------------------------------------------------------------------------

    def add_workdays(self, start: date, n: int, *, paused: frozenset[date] = frozenset()) -> Walk:
        """The n-th working day strictly after ``start`` (ARL 88; the start day is not counted).

        Correct when ``start`` is itself a holiday or weekend: the count begins with the first
        working day after it (chinesecalendar's ``find_workday`` counts one too many there).
        Working days in ``paused`` do not count (the clock is stopped, Reg. 29/34/37); they are
        reported with reason ``paused``. ``n == 0`` returns ``start`` unchanged.
        """
        if n < 0:
            raise ValueError("n must be >= 0; use subtract_workdays to count backwards")
        return self._walk(start, n, step=ONE_DAY, paused=paused)

    def subtract_workdays(self, start: date, n: int) -> Walk:
        """The n-th working day strictly before ``start`` (e.g. the latest notice day before a hearing).

        Exactly ``n`` working days lie in ``[result, start)``. ``n == 0`` returns ``start``.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        return self._walk(start, n, step=-ONE_DAY, paused=frozenset())

    def next_workday_on_or_after(self, d: date) -> Walk:
        """``d`` itself when it is a working day, else the first working day after it.

        Used to move the last day of a calendar-day period off a holiday (Civil Code 203).
        ``Walk.workdays`` is 0; ``Walk.skipped`` lists the days passed over, ``d`` included.
        """
        skipped: list[SkippedDay] = []
        uncovered: set[int] = set()
        current = d
        while True:
            if not self.is_covered(current):
                uncovered.add(current.year)
            kind = self.day_kind(current)
            if kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY):
                makeup = (current,) if kind == DayKind.MAKEUP_WORKDAY else ()
                return Walk(d, current, 0, tuple(skipped), makeup, frozenset(uncovered))
            skipped.append(SkippedDay(current, _skip_reason(kind)))
            _guard(len(skipped))
            current += ONE_DAY

    def workdays_between(self, a: date, b: date) -> Walk:
        """Count the working days in ``(a, b]`` and report every day skipped and why.

        This is the explanation tool: ``Walk.workdays`` is the count, ``Walk.skipped`` the
        weekends and holidays, ``Walk.makeup_workdays`` the make-up days counted.
        """
        if b < a:
            raise ValueError(f"b ({b}) is before a ({a})")
        skipped: list[SkippedDay] = []
        makeup: list[date] = []
        uncovered: set[int] = set()
        count = 0
        current = a + ONE_DAY
        while current <= b:
            if not self.is_covered(current):
                uncovered.add(current.year)
            kind = self.day_kind(current)
            if kind == DayKind.WORKDAY:
                count += 1
            elif kind == DayKind.MAKEUP_WORKDAY:
                count += 1
                makeup.append(current)
            else:
                skipped.append(SkippedDay(current, _skip_reason(kind)))
            current += ONE_DAY
        return Walk(a, b, count, tuple(skipped), tuple(makeup), frozenset(uncovered))

    def _walk(self, start: date, n: int, *, step: timedelta, paused: frozenset[date]) -> Walk:
        skipped: list[SkippedDay] = []
        makeup: list[date] = []
        uncovered: set[int] = set()
        count = 0
        run_of_skips = 0
        current = start
        while count < n:
            current += step
            if not self.is_covered(current):
                uncovered.add(current.year)
            kind = self.day_kind(current)
            if kind in (DayKind.WEEKEND, DayKind.HOLIDAY):
                skipped.append(SkippedDay(current, _skip_reason(kind)))
            elif current in paused:
                # Only working days inside a pause are "paused": a weekend would not have counted anyway.
                skipped.append(SkippedDay(current, SkipReason.PAUSED))
            else:
                count += 1
                run_of_skips = 0
                if kind == DayKind.MAKEUP_WORKDAY:
                    makeup.append(current)
                continue
            run_of_skips += 1
            _guard(run_of_skips)
        return Walk(start, current, count, tuple(skipped), tuple(makeup), frozenset(uncovered))


def _skip_reason(kind: DayKind) -> SkipReason:
    return SkipReason.HOLIDAY if kind == DayKind.HOLIDAY else SkipReason.WEEKEND


def _guard(consecutive_skips: int) -> None:
    if consecutive_skips > MAX_CONSECUTIVE_SKIPPED_DAYS:
        raise ValueError("no working day found within twenty years: check the holiday calendar and pauses")


def add_months(d: date, months: int) -> tuple[date, bool]:
    """The same day of the month ``months`` later; ``(result, clamped)``.

    Civil Code 202: for periods in months or years, the last day is the corresponding day of the
    final month; when that month has no such day, its last day. So Aug 31 + 6 months = Feb 28
    (Feb 29 in a leap year), and Feb 29 + 12 months = Feb 28. ``clamped`` says the month was
    too short, so the explanation can show it.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    last = _last_day_of_month(year, month0 + 1)
    if d.day > last:
        return date(year, month0 + 1, last), True
    return date(year, month0 + 1, d.day), False


def _last_day_of_month(year: int, month: int) -> int:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (first_of_next - ONE_DAY).day
