"""Reporting periods: a year, a quarter, a month or any range of days, and which are closed.

``parse_period("2020")``, ``"2020-Q3"``, ``"2020-07"``, ``"2020-03-01..2020-05-31"``. A period is
closed once its last day has passed (``today`` is an argument): its figures can then be frozen in a
snapshot. Pure standard library.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """Not a period this module understands; the message says what is accepted."""


@dataclass(frozen=True)
class Period:
    kind: str  # year | quarter | month | range
    start: date
    end: date

    @property
    def code(self) -> str:
        """The text that ``parse_period`` turns back into this period."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def closed(self, today: date) -> bool:
        return self.end < today

    def months(self) -> Iterator[Period]:
        """The calendar months the period touches, in order (for monthly charts)."""
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            yield month_period(year, month)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31))


def month_period(year: int, month: int) -> Period:
    return Period("month", date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period("quarter", date(year, first, 1), month_period(year, first + 2).end)


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
ACCEPTED = "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD"


def parse_period(text: str) -> Period:
    text = (text or "").strip()
    try:
        if m := _YEAR.match(text):
            return year_period(int(m[1]))
        if m := _QUARTER.match(text):
            return quarter_period(int(m[1]), int(m[2]))
        if m := _MONTH.match(text):
            if not 1 <= int(m[2]) <= 12:
                raise PeriodError(f"no month {m[2]}; use {ACCEPTED}")
            return month_period(int(m[1]), int(m[2]))
        if m := _RANGE.match(text):
            start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            if end < start:
                raise PeriodError(f"the range ends ({end}) before it starts ({start})")
            return Period("range", start, end)
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(f"not a real date in {text!r}; use {ACCEPTED}") from error
    raise PeriodError(f"not a period: {text!r}; use {ACCEPTED}")


def closed_periods_to_freeze(today: date, *, months_back: int = 24) -> list[Period]:
    """The closed months of the last ``months_back`` months and the closed years they fall in,
    oldest first: what the nightly task makes sure has a snapshot."""
    periods: list[Period] = []
    year, month = today.year, today.month
    for _ in range(months_back):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        periods.append(month_period(year, month))
    years = sorted({p.start.year for p in periods if year_period(p.start.year).closed(today)})
    return [*reversed(periods), *(year_period(y) for y in years)]
