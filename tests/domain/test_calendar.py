"""WorkCalendar: working days, make-up days, provisional years, month arithmetic.

The main fixture is built from the official State Council data shipped in chinesecalendar
(2004-2026); the engine itself never imports it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.calendar import (
    DayKind,
    SkipReason,
    WorkCalendar,
    add_months,
)
from tests.domain.official import OFFICIAL

DAY = timedelta(days=1)

# A hand-written week in March 2025: Wednesday the 5th off, Saturday the 8th a make-up working day.
SMALL = WorkCalendar(
    holidays=frozenset({date(2025, 3, 5)}),
    makeup_workdays=frozenset({date(2025, 3, 8)}),
    covered_years=frozenset({2025}),
)

# Dates whose short walks stay inside the covered years.
covered_dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))
fast = settings(max_examples=60, deadline=None)


def brute_force_nth_workday(cal: WorkCalendar, start: date, n: int) -> date:
    day, seen = start, 0
    while seen < n:
        day += DAY
        seen += cal.is_workday(day)
    return day


# -- single days ----------------------------------------------------------------------------------


def test_official_data_covers_2004_to_2026():
    assert OFFICIAL.covered_years == frozenset(range(2004, 2027))


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2024, 9, 27), DayKind.WORKDAY),  # Friday
        (date(2024, 9, 28), DayKind.WEEKEND),  # Saturday
        (date(2024, 9, 29), DayKind.MAKEUP_WORKDAY),  # Sunday made a working day
        (date(2024, 10, 1), DayKind.HOLIDAY),  # National Day, Tuesday
        (date(2024, 10, 5), DayKind.HOLIDAY),  # Saturday inside the holiday block
        (date(2024, 10, 12), DayKind.MAKEUP_WORKDAY),  # Saturday made a working day
        (date(2024, 10, 13), DayKind.WEEKEND),
        (date(2025, 1, 26), DayKind.MAKEUP_WORKDAY),  # Spring Festival 2025
        (date(2025, 1, 28), DayKind.HOLIDAY),
        (date(2025, 2, 4), DayKind.HOLIDAY),
        (date(2025, 2, 8), DayKind.MAKEUP_WORKDAY),
    ],
)
def test_day_kind(day, kind):
    assert OFFICIAL.day_kind(day) == kind
    assert OFFICIAL.is_workday(day) == (kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY))


def test_is_covered():
    assert OFFICIAL.is_covered(date(2004, 1, 1))
    assert OFFICIAL.is_covered(date(2026, 12, 31))
    assert not OFFICIAL.is_covered(date(2027, 1, 1))
    assert not OFFICIAL.is_covered(date(2003, 12, 31))


def test_small_calendar_kinds():
    assert not SMALL.is_workday(date(2025, 3, 5))
    assert SMALL.is_workday(date(2025, 3, 8))
    assert not SMALL.is_workday(date(2025, 3, 9))


def test_rejects_a_day_that_is_both_holiday_and_makeup():
    with pytest.raises(ValueError, match="both"):
        WorkCalendar(frozenset({date(2025, 3, 8)}), frozenset({date(2025, 3, 8)}), frozenset({2025}))


def test_rejects_a_makeup_day_on_a_weekday():
    with pytest.raises(ValueError, match="Saturdays or Sundays"):
        WorkCalendar(frozenset(), frozenset({date(2025, 3, 5)}), frozenset({2025}))


def test_accepts_any_iterable_and_stays_hashable():
    cal = WorkCalendar([date(2025, 3, 5)], [date(2025, 3, 8)], [2025])  # type: ignore[arg-type]
    assert cal == SMALL
    assert hash(cal) == hash(SMALL)


# -- add_workdays ---------------------------------------------------------------------------------


def test_friday_before_national_day_2024():
    walk = OFFICIAL.add_workdays(date(2024, 9, 27), 5)
    # Sep 29 (make-up Sunday) 1, Sep 30 2, [Oct 1-7 off], Oct 8 3, Oct 9 4, Oct 10 5.
    assert walk.end == date(2024, 10, 10)
    assert walk.workdays == 5
    assert walk.skipped_for(SkipReason.WEEKEND) == (date(2024, 9, 28),)
    assert walk.skipped_for(SkipReason.HOLIDAY) == tuple(date(2024, 10, d) for d in range(1, 8))
    assert walk.makeup_workdays == (date(2024, 9, 29),)
    assert not walk.provisional


def test_monday_before_national_day_ends_on_makeup_saturday():
    # Oct 8, 9, 10, 11, then Saturday Oct 12 (make-up working day).
    assert OFFICIAL.add_workdays(date(2024, 9, 30), 5).end == date(2024, 10, 12)


def test_start_day_that_is_a_holiday_is_not_counted_once_too_often():
    # Received online on Oct 3 (holiday): the count starts Oct 8, the 5th working day is Oct 12.
    # (chinesecalendar's find_workday(5, date(2024, 10, 3)) answers Oct 14: one working day too many.)
    walk = OFFICIAL.add_workdays(date(2024, 10, 3), 5)
    assert walk.end == date(2024, 10, 12)
    assert walk.end == brute_force_nth_workday(OFFICIAL, date(2024, 10, 3), 5)
    assert walk.skipped_for(SkipReason.HOLIDAY) == tuple(date(2024, 10, d) for d in range(4, 8))


def test_start_day_on_a_weekend():
    assert OFFICIAL.add_workdays(date(2024, 9, 28), 1).end == date(2024, 9, 29)
    assert OFFICIAL.add_workdays(date(2024, 10, 13), 1).end == date(2024, 10, 14)


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (date(2025, 1, 24), 1, date(2025, 1, 26)),  # Friday -> make-up Sunday
        (date(2025, 1, 24), 5, date(2025, 2, 7)),
        (date(2025, 1, 24), 6, date(2025, 2, 8)),  # make-up Saturday
        (date(2025, 1, 24), 7, date(2025, 2, 10)),
        (date(2025, 1, 27), 1, date(2025, 2, 5)),  # the day before the Spring Festival block
        (date(2025, 1, 30), 1, date(2025, 2, 5)),  # start inside the block
    ],
)
def test_spring_festival_2025(start, n, end):
    assert OFFICIAL.add_workdays(start, n).end == end


def test_zero_and_negative():
    assert OFFICIAL.add_workdays(date(2024, 10, 3), 0).end == date(2024, 10, 3)
    with pytest.raises(ValueError):
        OFFICIAL.add_workdays(date(2024, 10, 3), -1)
    with pytest.raises(ValueError):
        OFFICIAL.subtract_workdays(date(2024, 10, 3), -1)


def test_paused_workdays_are_skipped_with_their_own_reason():
    paused = frozenset({date(2024, 3, 6), date(2024, 3, 7), date(2024, 3, 9)})  # the 9th is a Saturday
    walk = OFFICIAL.add_workdays(date(2024, 3, 4), 3, paused=paused)
    assert walk.end == date(2024, 3, 11)  # Mar 5, 8, 11
    assert walk.skipped_for(SkipReason.PAUSED) == (date(2024, 3, 6), date(2024, 3, 7))
    assert walk.skipped_for(SkipReason.WEEKEND) == (date(2024, 3, 9), date(2024, 3, 10))


def test_small_calendar_walk():
    walk = SMALL.add_workdays(date(2025, 3, 4), 3)  # Thu 6, Fri 7, Sat 8 (make-up)
    assert walk.end == date(2025, 3, 8)
    assert walk.skipped_for(SkipReason.HOLIDAY) == (date(2025, 3, 5),)
    assert walk.makeup_workdays == (date(2025, 3, 8),)


# -- provisional ----------------------------------------------------------------------------------


def test_walk_into_an_uncovered_year_is_provisional():
    walk = OFFICIAL.add_workdays(date(2026, 12, 28), 5)
    assert walk.end == date(2027, 1, 4)  # guessed: Jan 1 2027 counted as an ordinary Friday
    assert walk.provisional
    assert walk.uncovered_years == frozenset({2027})


def test_walk_inside_covered_years_is_not_provisional():
    walk = OFFICIAL.add_workdays(date(2026, 12, 21), 5)
    assert walk.end == date(2026, 12, 28)
    assert not walk.provisional


def test_start_day_in_an_uncovered_year_is_not_looked_at():
    walk = OFFICIAL.add_workdays(date(2003, 12, 31), 1)
    assert walk.end == date(2004, 1, 2)  # Jan 1 2004 is a holiday
    assert not walk.provisional


def test_next_workday_in_uncovered_year_is_provisional():
    walk = OFFICIAL.next_workday_on_or_after(date(2027, 1, 1))
    assert walk.provisional
    assert walk.uncovered_years == frozenset({2027})


def test_calendar_without_any_data_flags_everything():
    empty = WorkCalendar()
    walk = empty.add_workdays(date(2025, 1, 24), 5)
    assert walk.end == date(2025, 1, 31)  # weekends only: a guess, and it says so
    assert walk.uncovered_years == frozenset({2025})


def test_calendar_with_no_working_day_stops_instead_of_looping():
    start = date(2025, 1, 1)
    everything_off = WorkCalendar(holidays=frozenset(start + DAY * i for i in range(366 * 21)))
    with pytest.raises(ValueError, match="no working day"):
        everything_off.add_workdays(start, 1)


# -- subtract, next, between ----------------------------------------------------------------------


def test_subtract_workdays_before_a_hearing():
    assert OFFICIAL.subtract_workdays(date(2024, 10, 18), 5).end == date(2024, 10, 12)  # make-up Saturday
    walk = OFFICIAL.subtract_workdays(date(2024, 10, 9), 5)
    # Oct 8 1, [Oct 1-7], Sep 30 2, Sep 29 (make-up) 3, [Sep 28], Sep 27 4, Sep 26 5.
    assert walk.end == date(2024, 9, 26)
    assert walk.makeup_workdays == (date(2024, 9, 29),)


def test_next_workday_on_or_after():
    walk = OFFICIAL.next_workday_on_or_after(date(2024, 10, 1))
    assert walk.end == date(2024, 10, 8)
    assert len(walk.skipped_for(SkipReason.HOLIDAY)) == 7
    assert OFFICIAL.next_workday_on_or_after(date(2024, 10, 8)).end == date(2024, 10, 8)
    assert OFFICIAL.next_workday_on_or_after(date(2024, 10, 8)).skipped == ()
    makeup = OFFICIAL.next_workday_on_or_after(date(2024, 9, 29))
    assert makeup.end == date(2024, 9, 29)
    assert makeup.makeup_workdays == (date(2024, 9, 29),)
    assert OFFICIAL.next_workday_on_or_after(date(2024, 10, 19)).end == date(2024, 10, 21)


def test_workdays_between_reports_what_was_skipped():
    walk = OFFICIAL.workdays_between(date(2024, 9, 27), date(2024, 10, 12))
    assert walk.workdays == 7  # Sep 29, 30, Oct 8, 9, 10, 11, 12
    assert walk.makeup_workdays == (date(2024, 9, 29), date(2024, 10, 12))
    assert walk.skipped_for(SkipReason.WEEKEND) == (date(2024, 9, 28),)
    assert len(walk.skipped_for(SkipReason.HOLIDAY)) == 7
    assert OFFICIAL.workdays_between(date(2024, 9, 30), date(2024, 10, 10)).workdays == 3
    assert OFFICIAL.workdays_between(date(2024, 9, 30), date(2024, 9, 30)).workdays == 0
    with pytest.raises(ValueError):
        OFFICIAL.workdays_between(date(2024, 10, 10), date(2024, 9, 30))


# -- add_months -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "end", "clamped"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28), True),
        (date(2023, 8, 31), 6, date(2024, 2, 29), True),  # leap year
        (date(2024, 1, 31), 1, date(2024, 2, 29), True),
        (date(2024, 3, 31), 6, date(2024, 9, 30), True),
        (date(2024, 11, 30), 3, date(2025, 2, 28), True),
        (date(2024, 2, 29), 12, date(2025, 2, 28), True),
        (date(2024, 2, 29), 48, date(2028, 2, 29), False),
        (date(2024, 1, 15), 1, date(2024, 2, 15), False),
        (date(2024, 12, 15), 1, date(2025, 1, 15), False),
        (date(2024, 8, 30), 6, date(2025, 2, 28), True),
        (date(2024, 8, 28), 6, date(2025, 2, 28), False),
        (date(2024, 3, 31), -1, date(2024, 2, 29), True),
        (date(2024, 5, 31), 0, date(2024, 5, 31), False),
    ],
)
def test_add_months(start, months, end, clamped):
    assert add_months(start, months) == (end, clamped)


# -- properties -----------------------------------------------------------------------------------


@fast
@given(start=covered_dates, n=st.integers(min_value=1, max_value=30))
def test_add_workdays_lands_on_the_nth_workday(start, n):
    walk = OFFICIAL.add_workdays(start, n)
    assert walk.end > start
    assert OFFICIAL.is_workday(walk.end)
    assert OFFICIAL.workdays_between(start, walk.end).workdays == n
    assert walk.end == brute_force_nth_workday(OFFICIAL, start, n)
    assert not walk.provisional


@fast
@given(start=covered_dates, n=st.integers(min_value=0, max_value=30))
def test_add_workdays_is_strictly_monotonic_in_n(start, n):
    assert OFFICIAL.add_workdays(start, n).end < OFFICIAL.add_workdays(start, n + 1).end


@fast
@given(start=covered_dates, gap=st.integers(min_value=0, max_value=20),
       n=st.integers(min_value=1, max_value=30))
def test_add_workdays_is_monotonic_in_start(start, gap, n):
    later = start + DAY * gap
    assert OFFICIAL.add_workdays(start, n).end <= OFFICIAL.add_workdays(later, n).end


@fast
@given(start=covered_dates, n=st.integers(min_value=1, max_value=30))
def test_subtract_workdays_lands_on_the_nth_workday_before(start, n):
    walk = OFFICIAL.subtract_workdays(start, n)
    assert walk.end < start
    assert OFFICIAL.is_workday(walk.end)
    # exactly n working days in [result, start)
    assert OFFICIAL.workdays_between(walk.end - DAY, start - DAY).workdays == n


@fast
@given(start=covered_dates, n=st.integers(min_value=0, max_value=30))
def test_subtract_then_add_returns_to_a_workday(start, n):
    workday = OFFICIAL.next_workday_on_or_after(start).end
    back = OFFICIAL.subtract_workdays(workday, n).end
    assert OFFICIAL.add_workdays(back, n).end == workday


@fast
@given(day=covered_dates)
def test_next_workday_on_or_after_is_the_first_workday(day):
    walk = OFFICIAL.next_workday_on_or_after(day)
    assert walk.end >= day
    assert OFFICIAL.is_workday(walk.end)
    assert len(walk.skipped) == (walk.end - day).days
    assert all(not OFFICIAL.is_workday(s.day) for s in walk.skipped)


@fast
@given(
    start=covered_dates,
    n=st.integers(min_value=1, max_value=20),
    paused=st.frozensets(st.integers(min_value=1, max_value=40), max_size=10),
)
def test_pausing_never_moves_earlier_and_counts_only_unpaused_workdays(start, n, paused):
    paused_days = frozenset(start + DAY * i for i in paused)
    plain = OFFICIAL.add_workdays(start, n)
    walk = OFFICIAL.add_workdays(start, n, paused=paused_days)
    assert walk.end >= plain.end
    assert walk.end not in paused_days
    counted = OFFICIAL.workdays_between(start, walk.end).workdays - len(walk.skipped_for(SkipReason.PAUSED))
    assert counted == n


@fast
@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    months=st.integers(min_value=-240, max_value=240),
)
def test_add_months_properties(start, months):
    end, clamped = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (clamped and end.day < start.day and (end + DAY).day == 1)
    assert clamped == (end.day != start.day)
