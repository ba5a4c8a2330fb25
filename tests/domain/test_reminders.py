from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from casemgr.domain.calendar import WorkCalendar
from casemgr.domain.reminders import DUE_DAY, OVERDUE, Ladder, reminder_key, step_due

# 2024 National Day: Oct 1-7 off; Sep 29 (Sun) and Oct 12 (Sat) make-up working days.
CAL = WorkCalendar(holidays=frozenset(date(2024, 10, d) for d in range(1, 8)),
                   makeup_workdays=frozenset({date(2024, 9, 29), date(2024, 10, 12)}),
                   covered_years=frozenset({2024}))


def test_the_ladder_across_national_day():
    due = date(2024, 10, 10)  # Thursday
    # 3 working days before Oct 10: Oct 9, 8, then Sep 30 (Oct 1-7 off).
    assert step_due(due, date(2024, 9, 29), CAL) is None
    assert step_due(due, date(2024, 9, 30), CAL) == "before_3"
    assert step_due(due, date(2024, 10, 5), CAL) == "before_3"
    assert step_due(due, date(2024, 10, 9), CAL) == "before_1"
    assert step_due(due, due, CAL) == DUE_DAY
    assert step_due(due, due + timedelta(days=1), CAL) == OVERDUE


def test_a_ladder_without_steps_sends_nothing():
    quiet = Ladder(before_workdays=(), on_due_day=False, escalate_overdue=False)
    due = date(2024, 10, 10)
    assert {step_due(due, due + timedelta(days=k), CAL, quiet) for k in range(-10, 10)} == {None}


def test_keys_are_distinct_per_step_and_person():
    assert reminder_key(1, "before_3", 2) != reminder_key(1, "before_1", 2) != reminder_key(1, "before_1", 3)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)), st.integers(0, 40))
def test_steps_progress_in_order_as_days_pass(due, span):
    order = ["before_3", "before_1", DUE_DAY, OVERDUE]
    seen = [step_due(due, due - timedelta(days=20) + timedelta(days=k), CAL) for k in range(span + 21)]
    ranks = [order.index(s) for s in seen if s is not None]
    assert ranks == sorted(ranks)


def test_ladder_settings_are_read_strictly():
    import pytest

    from casemgr.domain.reminders import parse_ladders

    default, rules = parse_ladders("3,1", "decision=10,5,1; hearing_notice=2")
    assert default.before_workdays == (3, 1)
    assert rules["decision"].before_workdays == (10, 5, 1) and rules["hearing_notice"].before_workdays == (2,)
    for bad in (("3,x", ""), ("3,1", "decision"), ("0", ""), ("3", "=5")):
        with pytest.raises(ValueError):
            parse_ladders(*bad)


def test_a_rule_with_its_own_ladder_is_reminded_earlier():
    due = date(2024, 11, 29)
    assert step_due(due, date(2024, 11, 15), CAL) is None
    assert step_due(due, date(2024, 11, 15), CAL, Ladder(before_workdays=(10, 5, 1))) == "before_10"
