"""Reporting periods: parsing, closing, the months a period touches."""

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casemgr.domain.periods import PeriodError, closed_periods_to_freeze, parse_period


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    ("2020", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ("2020-Q1", date(2020, 1, 1), date(2020, 3, 31), "quarter"),
    ("2020q4", date(2020, 10, 1), date(2020, 12, 31), "quarter"),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month"),
    ("2021-02", date(2021, 2, 1), date(2021, 2, 28), "month"),
    ("2020-03-05..2020-04-01", date(2020, 3, 5), date(2020, 4, 1), "range"),
])
def test_parse_period(text, start, end, kind):
    period = parse_period(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert parse_period(period.code) == period


@pytest.mark.parametrize("text", ["", "20", "2020-13", "2020-Q5", "2020-02-30..2020-03-01",
                                  "2020-03-02..2020-03-01", "last year"])
def test_bad_periods_say_what_is_accepted(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert "YYYY" in str(error.value) or "before" in str(error.value)


@given(st.integers(1990, 2100), st.integers(1, 12))
def test_months_tile_their_year(year, month):
    months = list(parse_period(str(year)).months())
    assert len(months) == 12 and months[0].start == date(year, 1, 1) and months[-1].end == date(year, 12, 31)
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in pairwise(months))
    assert parse_period(f"{year}-{month:02d}").closed(months[month - 1].end.replace(day=1)) is False


def test_the_nightly_task_freezes_closed_months_and_years():
    periods = closed_periods_to_freeze(date(2021, 1, 15), months_back=3)
    assert [p.code for p in periods] == ["2020-10", "2020-11", "2020-12", "2020"]
    assert all(p.closed(date(2021, 1, 15)) for p in periods)
