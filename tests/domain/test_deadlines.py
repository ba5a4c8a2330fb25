"""Deadline rules, computation, pauses, extensions, status and the application-period check.

Expected dates are worked out by hand in the comments, against the official holiday data.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casemgr.domain.calendar import SkipReason, add_months
from casemgr.domain.deadline_rules import (
    RULES,
    SIMPLIFIED,
    Direction,
    Rule,
    RuleNotFound,
    Unit,
    select_rule,
    validate_rules,
)
from casemgr.domain.deadline_text import article_zh, explain_en, explain_zh
from casemgr.domain.deadlines import (
    Deadline,
    DeadlineStatus,
    StepCode,
    application_period_check,
    compute_deadline,
    deadline_status,
    merge_pauses,
)
from tests.domain.official import OFFICIAL

DAY = timedelta(days=1)
fast = settings(max_examples=60, deadline=None)

# Every deadline computed in this module is kept so that a final test can check that every step
# code was produced and rendered at least once.
COMPUTED: list[Deadline] = []


def due(code: str, start: date, **kwargs) -> date:
    return compute(code, start, **kwargs).due


def compute(code: str, start: date, **kwargs) -> Deadline:
    deadline = compute_deadline(code, start, OFFICIAL, **kwargs)
    COMPUTED.append(deadline)
    return deadline


def step(deadline: Deadline, code: StepCode):
    found = [s for s in deadline.explanation if s.code == code]
    assert len(found) == 1, f"expected one {code} step in {deadline.explanation}"
    return found[0].params


def codes(deadline: Deadline) -> list[StepCode]:
    return [s.code for s in deadline.explanation]


# -- the table ------------------------------------------------------------------------------------

REQUIRED_CODES = {
    "acceptance_review", "supplement_notice", "supplement_reply", "copy_to_respondent", "respondent_reply",
    "hearing_notice", "decision", "application_period", "application_limit_1y", "application_limit_5y",
    "application_limit_20y", "litigation_defence", "appeal_judgment", "appeal_ruling",
    "sue_after_reconsideration", "sue_direct", "respondent_case_reply",
}


def test_table_is_consistent_and_complete():
    assert validate_rules(RULES) == []
    assert {r.code for r in RULES} >= REQUIRED_CODES


def test_arl_88_only_3_5_7_10_days_are_working_days():
    for rule in RULES:
        if rule.unit not in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS):
            continue
        if rule.article.startswith("ARL "):
            assert (rule.unit == Unit.WORKING_DAYS) == (rule.amount in (3, 5, 7, 10)), rule
        elif rule.article.startswith("ARL(1999)"):  # old ARL 40: only 5 and 7 days
            assert (rule.unit == Unit.WORKING_DAYS) == (rule.amount in (5, 7)), rule
        else:  # the ALL has no such article: calendar days
            assert rule.unit == Unit.CALENDAR_DAYS, rule


def test_validate_rules_finds_problems():
    bad = (
        Rule("x", "x", "x", 5, Unit.WORKING_DAYS, "received", "ARL 1", date(2024, 1, 1)),
        Rule("x", "x", "x", 5, Unit.WORKING_DAYS, "received", "ARL 1", date(2024, 1, 1)),
        Rule("y", "y", "y", 0, Unit.CALENDAR_DAYS, "received", "ARL 1", date(2024, 1, 1),
             direction=Direction.BACKWARD, procedure="fast"),
    )
    problems = validate_rules(bad)
    assert len(problems) == 4


def test_select_rule_by_procedure():
    assert select_rule("copy_to_respondent", date(2024, 6, 1)).amount == 7
    assert select_rule("copy_to_respondent", date(2024, 6, 1), procedure=SIMPLIFIED).amount == 3
    assert select_rule("respondent_reply", date(2024, 6, 1), procedure=SIMPLIFIED).amount == 5
    # a generic rule applies to both procedures
    assert select_rule("acceptance_review", date(2024, 6, 1), procedure=SIMPLIFIED).article == "ARL 30"
    with pytest.raises(ValueError):
        select_rule("decision", date(2024, 6, 1), procedure="summary")


def test_select_rule_by_effective_from():
    assert select_rule("decision", date(2023, 12, 31)).article == "ARL(1999) 31"
    assert select_rule("decision", date(2024, 1, 1)).article == "ARL 62"
    assert select_rule("sue_direct", date(2015, 4, 30)).amount == 3
    assert select_rule("sue_direct", date(2015, 5, 1)).amount == 6
    with pytest.raises(RuleNotFound):
        select_rule("hearing_notice", date(2023, 6, 1))  # no hearing clause before 2024
    with pytest.raises(RuleNotFound):
        select_rule("no_such_rule", date(2024, 6, 1))


def test_custom_rule_table_versions():
    rules = (
        Rule("reply", "答复", "Reply", 10, Unit.CALENDAR_DAYS, "copy_received", "OLD 23", date(1999, 10, 1)),
        Rule("reply", "答复", "Reply", 10, Unit.WORKING_DAYS, "copy_received", "ARL 48", date(2024, 1, 1)),
        Rule("reply", "答复", "Reply", 15, Unit.WORKING_DAYS, "copy_received", "X 1", date(2030, 1, 1)),
    )
    assert compute_deadline("reply", date(2023, 12, 1), OFFICIAL, rules=rules).rule.article == "OLD 23"
    assert compute_deadline("reply", date(2026, 3, 2), OFFICIAL, rules=rules).rule.article == "ARL 48"
    assert compute_deadline("reply", date(2030, 3, 1), OFFICIAL, rules=rules).rule.amount == 15
    # the version can be chosen by another date than the start
    by_receipt = compute_deadline("reply", date(2023, 12, 1), OFFICIAL, rules=rules,
                                  version_date=date(2024, 2, 1))
    assert by_receipt.rule.article == "ARL 48"


def test_respondent_reply_changed_from_calendar_to_working_days_in_2024():
    # Old law: 10 calendar days from Dec 20 2023 = Dec 30 (New Year block Dec 30 - Jan 1) -> Jan 2.
    old = compute("respondent_reply", date(2023, 12, 20))
    assert old.rule.unit == Unit.CALENDAR_DAYS
    assert old.due == date(2024, 1, 2)
    # New law: 10 working days from Jan 2 2024: Jan 3, 4, 5, 8-12, 15, 16.
    assert due("respondent_reply", date(2024, 1, 2)) == date(2024, 1, 16)


def test_direct_suit_period_doubled_in_2015():
    assert due("sue_direct", date(2015, 4, 30)) == date(2015, 7, 30)  # 3 months, a Thursday
    assert due("sue_direct", date(2015, 5, 1)) == date(2015, 11, 2)  # 6 months: Sun Nov 1 -> Mon


# -- working-day periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "kwargs", "expected"),
    [
        # National Day 2024: Oct 1-7 off, Sun Sep 29 and Sat Oct 12 are make-up working days.
        ("acceptance_review", date(2024, 9, 27), {}, date(2024, 10, 10)),  # Friday before the holiday
        ("supplement_notice", date(2024, 9, 27), {}, date(2024, 10, 10)),
        ("acceptance_review", date(2024, 9, 30), {}, date(2024, 10, 12)),
        ("acceptance_review", date(2024, 10, 3), {}, date(2024, 10, 12)),  # received on a holiday
        ("copy_to_respondent", date(2024, 9, 27), {}, date(2024, 10, 12)),  # 7: Sep 29, 30, Oct 8-12
        ("copy_to_respondent", date(2024, 9, 27), {"procedure": SIMPLIFIED}, date(2024, 10, 8)),
        # Spring Festival 2025: Jan 28 - Feb 4 off, Sun Jan 26 and Sat Feb 8 are make-up working days.
        ("acceptance_review", date(2025, 1, 24), {}, date(2025, 2, 7)),
        ("copy_to_respondent", date(2025, 1, 24), {}, date(2025, 2, 10)),
        ("supplement_reply", date(2025, 1, 24), {}, date(2025, 2, 13)),  # Jan 26, 27, Feb 5-8, 10-13
        ("respondent_reply", date(2025, 1, 24), {"procedure": SIMPLIFIED}, date(2025, 2, 7)),
        ("respondent_reply", date(2024, 3, 4), {}, date(2024, 3, 18)),
        ("respondent_case_reply", date(2024, 3, 4), {}, date(2024, 3, 18)),
    ],
)
def test_working_day_deadlines(code, start, kwargs, expected):
    deadline = compute(code, start, **kwargs)
    assert deadline.due == expected
    assert not deadline.provisional


def test_working_day_explanation():
    deadline = compute("acceptance_review", date(2024, 9, 27))
    assert deadline.rule_code == "acceptance_review"
    assert codes(deadline) == [
        StepCode.RULE, StepCode.START_NOT_COUNTED, StepCode.WORKDAYS_COUNTED, StepCode.DAYS_SKIPPED,
        StepCode.DAYS_SKIPPED, StepCode.MAKEUP_WORKDAYS_COUNTED, StepCode.DUE,
    ]
    assert step(deadline, StepCode.RULE)["article"] == "ARL 30"
    assert step(deadline, StepCode.START_NOT_COUNTED) == {"start": date(2024, 9, 27), "event": "received"}
    skipped = {s.params["reason"]: s.params["days"]
               for s in deadline.explanation if s.code == StepCode.DAYS_SKIPPED}
    assert skipped[SkipReason.WEEKEND] == (date(2024, 9, 28),)
    assert skipped[SkipReason.HOLIDAY] == tuple(date(2024, 10, d) for d in range(1, 8))
    assert step(deadline, StepCode.MAKEUP_WORKDAYS_COUNTED)["days"] == (date(2024, 9, 29),)


def test_simplified_procedure_is_recorded():
    deadline = compute("respondent_reply", date(2024, 3, 4), procedure=SIMPLIFIED)
    assert deadline.procedure == SIMPLIFIED
    assert deadline.rule.article == "ARL 54"
    assert deadline.due == date(2024, 3, 11)  # Mar 5, 6, 7, 8, 11


# -- hearing notice (backward) --------------------------------------------------------------------


def test_hearing_notice_counts_backwards():
    deadline = compute("hearing_notice", date(2024, 10, 18))
    assert deadline.due == date(2024, 10, 12)  # Oct 17, 16, 15, 14, then make-up Saturday Oct 12
    assert StepCode.WORKDAYS_COUNTED_BACKWARD in codes(deadline)
    # across the holiday: Oct 8, [Oct 1-7], Sep 30, Sep 29 (make-up), [Sep 28], Sep 27, Sep 26
    across = compute("hearing_notice", date(2024, 10, 9))
    assert across.due == date(2024, 9, 26)
    holidays = [s for s in across.explanation if s.code == StepCode.DAYS_SKIPPED
                and s.params["reason"] == SkipReason.HOLIDAY]
    assert holidays[0].params["days"] == tuple(date(2024, 10, d) for d in range(1, 8))  # in date order


def test_hearing_notice_rejects_pauses_and_extensions():
    with pytest.raises(ValueError):
        compute_deadline("hearing_notice", date(2024, 10, 18), OFFICIAL,
                         pauses=[(date(2024, 10, 14), date(2024, 10, 15))])
    with pytest.raises(ValueError):
        compute_deadline("hearing_notice", date(2024, 10, 18), OFFICIAL, extension_days=1)


# -- calendar-day, month and year periods ---------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "kwargs", "expected"),
    [
        ("decision", date(2024, 8, 2), {}, date(2024, 10, 8)),  # 60 days = Oct 1 (holiday) -> Oct 8
        ("decision", date(2024, 8, 13), {}, date(2024, 10, 12)),  # ends on a make-up Saturday: stays
        ("decision", date(2024, 8, 20), {}, date(2024, 10, 21)),  # Sat Oct 19 -> Mon Oct 21
        ("decision", date(2024, 3, 1), {}, date(2024, 4, 30)),
        ("decision", date(2024, 8, 2), {"procedure": SIMPLIFIED}, date(2024, 9, 2)),  # 30 days: Sun Sep 1
        ("litigation_defence", date(2024, 9, 20), {}, date(2024, 10, 8)),  # 15 days: Oct 5 (holiday)
        ("litigation_defence", date(2015, 4, 20), {}, date(2015, 4, 30)),  # old ALL 43: 10 days
        ("appeal_ruling", date(2024, 9, 26), {}, date(2024, 10, 8)),  # 10 calendar days, not working
        ("appeal_judgment", date(2024, 9, 26), {}, date(2024, 10, 11)),
        ("sue_after_reconsideration", date(2025, 1, 20), {}, date(2025, 2, 5)),  # Feb 4 is a holiday
        ("application_period", date(2024, 1, 10), {}, date(2024, 3, 11)),  # Sun Mar 10 -> Mon
        ("sue_direct", date(2024, 8, 31), {}, date(2025, 2, 28)),  # clamped to Feb 28
        ("sue_direct", date(2023, 8, 31), {}, date(2024, 2, 29)),  # leap year
        ("sue_direct", date(2025, 8, 31), {}, date(2026, 2, 28)),  # Feb 28 2026 is a make-up Saturday
        ("sue_direct", date(2024, 3, 31), {}, date(2024, 9, 30)),
        ("application_limit_1y", date(2024, 2, 29), {}, date(2025, 2, 28)),
        ("application_limit_5y", date(2019, 6, 3), {"version_date": date(2024, 6, 4)}, date(2024, 6, 3)),
    ],
)
def test_calendar_deadlines(code, start, kwargs, expected):
    assert due(code, start, **kwargs) == expected


def test_sixty_days_ending_on_a_holiday_is_explained():
    deadline = compute("decision", date(2024, 8, 2))
    assert step(deadline, StepCode.CALENDAR_DAYS_COUNTED) == {"count": 60, "end": date(2024, 10, 1)}
    assert step(deadline, StepCode.LAST_DAY_MOVED) == {
        "day": date(2024, 10, 1), "reason": SkipReason.HOLIDAY, "to": date(2024, 10, 8),
    }
    assert step(deadline, StepCode.DAYS_SKIPPED)["days"] == tuple(date(2024, 10, d) for d in range(1, 8))


def test_last_day_on_a_weekend_is_moved_with_reason_weekend():
    deadline = compute("decision", date(2024, 8, 20))
    assert step(deadline, StepCode.LAST_DAY_MOVED)["reason"] == SkipReason.WEEKEND


def test_last_day_on_a_makeup_day_is_not_moved():
    deadline = compute("decision", date(2024, 8, 13))
    assert step(deadline, StepCode.LAST_DAY_MAKEUP_WORKDAY) == {"day": date(2024, 10, 12)}
    assert StepCode.LAST_DAY_MOVED not in codes(deadline)


def test_month_end_clamping_is_explained():
    deadline = compute("sue_direct", date(2024, 8, 31))
    assert step(deadline, StepCode.MONTHS_COUNTED) == {"count": 6, "end": date(2025, 2, 28)}
    assert step(deadline, StepCode.MONTH_END_CLAMPED) == {"day": 31, "end": date(2025, 2, 28)}
    unclamped = compute("sue_direct", date(2024, 8, 28))
    assert StepCode.MONTH_END_CLAMPED not in codes(unclamped)


# -- extension ------------------------------------------------------------------------------------


def test_decision_extension():
    deadline = compute("decision", date(2024, 8, 2), extension_days=30)
    assert deadline.due == date(2024, 10, 31)  # Oct 1 + 30 days, a Thursday
    assert deadline.extension_days == 30
    assert step(deadline, StepCode.EXTENSION) == {"days": 30, "end": date(2024, 10, 31)}
    assert StepCode.LAST_DAY_MOVED not in codes(deadline)  # the holiday no longer ends the period


def test_extension_limits():
    with pytest.raises(ValueError, match="at most 30"):
        compute_deadline("decision", date(2024, 8, 2), OFFICIAL, extension_days=31)
    with pytest.raises(ValueError):  # ARL 62: no extension in the simplified procedure
        compute_deadline("decision", date(2024, 8, 2), OFFICIAL, procedure=SIMPLIFIED, extension_days=10)
    with pytest.raises(ValueError):
        compute_deadline("acceptance_review", date(2024, 8, 2), OFFICIAL, extension_days=1)
    with pytest.raises(ValueError):
        compute_deadline("decision", date(2024, 8, 2), OFFICIAL, extension_days=-1)


def test_working_day_extension_in_a_custom_rule():
    rules = (Rule("r", "r", "r", 5, Unit.WORKING_DAYS, "received", "X 1", date(2000, 1, 1),
                  max_extension_days=5),)
    deadline = compute_deadline("r", date(2024, 9, 27), OFFICIAL, extension_days=2, rules=rules)
    assert deadline.due == date(2024, 10, 12)  # the 7th working day
    assert step(deadline, StepCode.WORKDAYS_COUNTED)["end"] == date(2024, 10, 10)
    assert step(deadline, StepCode.EXTENSION)["end"] == date(2024, 10, 12)


# -- pauses ---------------------------------------------------------------------------------------

ACCEPTED = date(2024, 3, 1)  # decision due Apr 30 2024 (Tuesday) without pauses


@pytest.mark.parametrize(
    ("pauses", "expected", "paused_days"),
    [
        ([], date(2024, 4, 30), 0),
        ([(date(2024, 3, 11), date(2024, 3, 20))], date(2024, 5, 10), 10),  # inclusive: 10 days
        ([(date(2024, 3, 11), date(2024, 3, 11))], date(2024, 5, 6), 1),  # May 1 -> after Labour Day
        ([(date(2024, 5, 15), date(2024, 5, 20))], date(2024, 4, 30), 0),  # after the due date
        ([(date(2024, 2, 20), date(2024, 3, 1))], date(2024, 4, 30), 0),  # ends on the start day
        ([(date(2024, 2, 20), date(2024, 3, 3))], date(2024, 5, 6), 2),  # only Mar 2-3 count
        ([(date(2024, 4, 30), date(2024, 4, 30))], date(2024, 5, 6), 1),  # starts on the due date
        # overlapping pauses count once: Mar 11-25 = 15 days
        ([(date(2024, 3, 11), date(2024, 3, 20)), (date(2024, 3, 15), date(2024, 3, 25))],
         date(2024, 5, 15), 15),
        # straddling the end: Apr 25 - May 5 = 11 days -> May 11, a make-up Saturday
        ([(date(2024, 4, 25), date(2024, 5, 5))], date(2024, 5, 11), 11),
        # a pause reached only because an earlier pause pushed the end: 10 + 3 days -> May 13
        ([(date(2024, 3, 11), date(2024, 3, 20)), (date(2024, 5, 5), date(2024, 5, 7))],
         date(2024, 5, 13), 13),
    ],
)
def test_calendar_day_pauses(pauses, expected, paused_days):
    deadline = compute("decision", ACCEPTED, pauses=pauses)
    assert deadline.due == expected
    assert deadline.paused_days == paused_days


def test_calendar_pause_explanation():
    deadline = compute("decision", ACCEPTED, pauses=[(date(2024, 3, 11), date(2024, 3, 20)),
                                                     (date(2024, 6, 1), date(2024, 6, 3))])
    assert step(deadline, StepCode.PAUSED) == {
        "start": date(2024, 3, 11), "end": date(2024, 3, 20), "days": 10, "unit": Unit.CALENDAR_DAYS,
    }
    assert step(deadline, StepCode.PAUSE_NO_EFFECT) == {"start": date(2024, 6, 1), "end": date(2024, 6, 3)}
    assert step(deadline, StepCode.PAUSED_TOTAL)["end"] == date(2024, 5, 10)


def test_pause_and_extension_together():
    # 60 + 30 days = May 30; 10 paused days -> Jun 9 (Sunday) -> Jun 11 (Jun 10 is Dragon Boat Festival)
    deadline = compute("decision", ACCEPTED, pauses=[(date(2024, 3, 11), date(2024, 3, 20))],
                       extension_days=30)
    assert deadline.due == date(2024, 6, 11)


def test_pause_in_a_month_period():
    # 6 months from Aug 31 2024 = Feb 28 2025; 3 paused days -> Mar 3 2025 (Monday)
    pauses = [(date(2024, 9, 2), date(2024, 9, 4))]
    assert due("sue_direct", date(2024, 8, 31), pauses=pauses) == date(2025, 3, 3)


@pytest.mark.parametrize(
    ("pauses", "expected", "paused_days"),
    [
        ([(date(2024, 3, 6), date(2024, 3, 8))], date(2024, 3, 21), 3),
        ([(date(2024, 3, 9), date(2024, 3, 10))], date(2024, 3, 18), 0),  # a weekend: nothing to pause
        ([(date(2024, 3, 20), date(2024, 3, 25))], date(2024, 3, 18), 0),  # after the due date
        ([(date(2024, 3, 6), date(2024, 3, 7)), (date(2024, 3, 7), date(2024, 3, 8))], date(2024, 3, 21), 3),
    ],
)
def test_working_day_pauses(pauses, expected, paused_days):
    # respondent_reply: 10 working days from Mon Mar 4 2024 = Mar 18 without pauses
    deadline = compute("respondent_reply", date(2024, 3, 4), pauses=pauses)
    assert deadline.due == expected
    assert deadline.paused_days == paused_days


def test_working_day_pause_explanation():
    deadline = compute("respondent_reply", date(2024, 3, 4), pauses=[(date(2024, 3, 6), date(2024, 3, 8))])
    assert step(deadline, StepCode.WORKDAYS_COUNTED)["end"] == date(2024, 3, 18)
    assert step(deadline, StepCode.PAUSED)["days"] == 3
    assert step(deadline, StepCode.PAUSED)["unit"] == Unit.WORKING_DAYS
    assert step(deadline, StepCode.PAUSED_TOTAL)["end"] == date(2024, 3, 21)


def test_merge_pauses():
    assert merge_pauses([(date(2024, 3, 15), date(2024, 3, 25)), (date(2024, 3, 11), date(2024, 3, 20)),
                         (date(2024, 3, 26), date(2024, 3, 27)), (date(2024, 4, 1), date(2024, 4, 1))]) == (
        (date(2024, 3, 11), date(2024, 3, 27)), (date(2024, 4, 1), date(2024, 4, 1)))
    with pytest.raises(ValueError):
        merge_pauses([(date(2024, 3, 15), date(2024, 3, 14))])


# -- provisional ----------------------------------------------------------------------------------


def test_working_day_deadline_into_2027_is_provisional():
    deadline = compute("acceptance_review", date(2026, 12, 28))
    assert deadline.due == date(2027, 1, 4)
    assert deadline.provisional
    assert deadline.uncovered_years == frozenset({2027})
    assert deadline.provisional_reason == "no official holiday data for 2027"
    assert step(deadline, StepCode.PROVISIONAL) == {"years": (2027,)}


def test_calendar_day_deadline_into_2027_is_provisional():
    deadline = compute("decision", date(2026, 11, 20))
    assert deadline.due == date(2027, 1, 19)
    assert deadline.provisional


def test_deadline_inside_covered_years_is_not_provisional():
    deadline = compute("decision", date(2026, 8, 3))
    assert not deadline.provisional
    assert deadline.provisional_reason is None
    assert StepCode.PROVISIONAL not in codes(deadline)


def test_twenty_year_limit_is_provisional():
    deadline = compute("application_limit_20y", date(2010, 5, 4), version_date=date(2024, 6, 1))
    assert deadline.due == date(2030, 5, 6)  # Sat May 4 2030 -> Monday, a guess
    assert deadline.provisional


# -- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2024, 10, 11), DeadlineStatus.OVERDUE),
        (date(2024, 10, 10), DeadlineStatus.DUE_TODAY),
        (date(2024, 10, 9), DeadlineStatus.DUE_SOON),
        (date(2024, 10, 7), DeadlineStatus.DUE_SOON),  # holiday: Oct 8, 9, 10 to go
        (date(2024, 9, 30), DeadlineStatus.DUE_SOON),  # a week away in days, 3 working days
        (date(2024, 9, 29), DeadlineStatus.LATER),  # 4 working days
        (date(2024, 9, 27), DeadlineStatus.LATER),
    ],
)
def test_deadline_status(today, status):
    deadline = compute("acceptance_review", date(2024, 9, 27))  # due Oct 10
    assert deadline_status(deadline, today, OFFICIAL) == status
    assert deadline_status(deadline, today, OFFICIAL) == status.value  # plain strings work too


def test_deadline_status_window_is_configurable():
    deadline = compute("acceptance_review", date(2024, 9, 27))
    assert deadline_status(deadline, date(2024, 9, 29), OFFICIAL, soon_workdays=4) == DeadlineStatus.DUE_SOON


# -- application period ---------------------------------------------------------------------------


def test_application_in_time():
    check = application_period_check(date(2024, 1, 10), date(2024, 1, 5), date(2024, 3, 11), OFFICIAL)
    assert not check.late
    assert check.exceeded == ()
    assert [c.rule_code for c in check.checks] == ["application_period", "application_limit_5y"]
    assert check.check("application_period").deadline.due == date(2024, 3, 11)  # Sun Mar 10 -> Monday


def test_application_past_sixty_days_is_flagged():
    check = application_period_check(date(2024, 1, 10), date(2024, 1, 5), date(2024, 3, 12), OFFICIAL)
    assert check.late
    assert check.exceeded == ("application_period",)


def test_application_not_told_of_right_one_year_cap():
    knew, act = date(2024, 1, 10), date(2024, 1, 5)
    in_time = application_period_check(knew, act, date(2024, 12, 1), OFFICIAL, told_of_right=False)
    assert not in_time.late
    assert in_time.check("application_period") is None  # the day the right was learned is unknown
    assert in_time.check("application_limit_1y").deadline.due == date(2025, 1, 10)
    late = application_period_check(knew, act, date(2025, 1, 13), OFFICIAL, told_of_right=False)
    assert late.exceeded == ("application_limit_1y",)


def test_application_not_told_of_right_with_known_learning_date():
    knew, act, learned = date(2024, 1, 10), date(2024, 1, 5), date(2024, 11, 1)
    check = application_period_check(knew, act, date(2024, 12, 15), OFFICIAL, told_of_right=False,
                                     right_learned_date=learned)
    assert not check.late
    assert check.check("application_period").deadline.due == date(2024, 12, 31)
    late = application_period_check(knew, act, date(2025, 1, 13), OFFICIAL, told_of_right=False,
                                    right_learned_date=learned)
    assert late.exceeded == ("application_period", "application_limit_1y")


def test_application_five_year_limit():
    # knew late (Apr 30 2024) of an act of Jun 3 2019: 60 days run to Jul 1, but 5 years end Jun 3 2024.
    check = application_period_check(date(2024, 4, 30), date(2019, 6, 3), date(2024, 6, 4), OFFICIAL)
    assert check.exceeded == ("application_limit_5y",)
    assert check.late
    assert check.check("application_period").deadline.due == date(2024, 7, 1)
    # the 2023 law's limit applies to an application received under it, although the act is older
    assert check.check("application_limit_5y").deadline.rule.article == "ARL 21"


def test_application_real_property_twenty_years():
    check = application_period_check(date(2024, 4, 30), date(2019, 6, 3), date(2024, 6, 4), OFFICIAL,
                                     real_property=True)
    assert not check.late
    assert check.check("application_limit_5y") is None
    assert check.check("application_limit_20y").deadline.due == date(2039, 6, 3)
    assert check.provisional  # 2039 has no holiday data, so the exact day is a guess


def test_application_dates_must_be_in_order():
    with pytest.raises(ValueError):
        application_period_check(date(2024, 1, 1), date(2024, 1, 5), date(2024, 2, 1), OFFICIAL)
    with pytest.raises(ValueError):
        application_period_check(date(2024, 1, 10), date(2024, 1, 5), date(2024, 1, 9), OFFICIAL)


# -- readable explanations ------------------------------------------------------------------------


def test_explain_zh_and_en():
    deadline = compute("decision", date(2024, 8, 2))
    zh = explain_zh(deadline)
    en = explain_en(deadline)
    assert len(zh) == len(en) == len(deadline.explanation)
    assert zh[0] == "依据《行政复议法》第62条（作出行政复议决定）：60日。"
    assert "期间最后一日2024年10月1日为法定节假日，顺延至2024年10月8日。" in zh
    assert "The last day, 2024-10-01, is a public holiday: moved to 2024-10-08." in en
    assert en[-1] == "Due: 2024-10-08."


def test_article_zh():
    assert article_zh("ARL 20(3)") == "《行政复议法》第20条第3款"
    assert article_zh("ALL(1989) 39") == "《行政诉讼法》（1989年）第39条"
    assert article_zh("Reg. 29") == "《行政复议法实施条例》第29条"
    assert article_zh("something else") == "something else"


def test_every_step_code_is_produced_and_rendered():
    deadlines = [
        compute_deadline("acceptance_review", date(2026, 12, 28), OFFICIAL),  # skipped days, provisional
        compute_deadline("acceptance_review", date(2024, 9, 27), OFFICIAL),  # make-up day counted
        compute_deadline("hearing_notice", date(2024, 10, 18), OFFICIAL),
        compute_deadline("decision", date(2024, 8, 2), OFFICIAL, extension_days=1),  # last day moved
        compute_deadline("decision", date(2024, 8, 13), OFFICIAL),  # ends on a make-up day
        compute_deadline("decision", ACCEPTED, OFFICIAL, pauses=[(date(2024, 3, 11), date(2024, 3, 20)),
                                                                  (date(2024, 9, 1), date(2024, 9, 2))]),
        compute_deadline("sue_direct", date(2024, 8, 31), OFFICIAL),  # months, clamped
        compute_deadline("application_limit_1y", date(2024, 1, 10), OFFICIAL),
    ]
    assert {s.code for d in deadlines for s in d.explanation} == set(StepCode)
    for deadline in [*deadlines, *COMPUTED]:  # COMPUTED: whatever else this module has run so far
        zh, en = explain_zh(deadline), explain_en(deadline)
        assert all(zh) and all(en)
        assert not any("{" in line or "None" in line for line in zh + en)


# -- properties -----------------------------------------------------------------------------------

# the codes by the unit of their current version (some ran in calendar days before 2024)
CURRENT = [select_rule(code, date(2024, 1, 1)) for code in sorted({r.code for r in RULES})]
CALENDAR_RULES = [r.code for r in CURRENT if r.unit != Unit.WORKING_DAYS]
WORKING_RULES = [r.code for r in CURRENT if r.unit == Unit.WORKING_DAYS and r.direction == Direction.FORWARD]
starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30))


def unmoved_end(rule: Rule, start: date) -> date:
    if rule.unit == Unit.CALENDAR_DAYS:
        return start + DAY * rule.amount
    return add_months(start, rule.amount * (12 if rule.unit == Unit.YEARS else 1))[0]


@fast
@given(code=st.sampled_from(CALENDAR_RULES), start=starts)
def test_calendar_deadline_is_a_workday_on_or_after_the_period_end(code, start):
    deadline = compute_deadline(code, start, OFFICIAL)
    end = unmoved_end(deadline.rule, start)
    assert OFFICIAL.is_workday(deadline.due)
    assert end <= deadline.due <= end + DAY * 10  # the longest holiday block is 9 days
    # nothing in between was a working day
    assert OFFICIAL.workdays_between(end - DAY, deadline.due - DAY).workdays == 0


@fast
@given(code=st.sampled_from(WORKING_RULES), start=starts,
       procedure=st.sampled_from(["ordinary", "simplified"]))
def test_working_day_deadline_matches_the_calendar(code, start, procedure):
    deadline = compute_deadline(code, start, OFFICIAL, procedure=procedure)
    assert deadline.due == OFFICIAL.add_workdays(start, deadline.rule.amount).end
    assert OFFICIAL.workdays_between(start, deadline.due).workdays == deadline.rule.amount


pause_lists = st.lists(
    st.tuples(st.integers(min_value=-10, max_value=120), st.integers(min_value=0, max_value=30)), max_size=4
)


@fast
@given(code=st.sampled_from(["decision", "respondent_reply", "sue_direct", "acceptance_review"]),
       start=starts, raw_pauses=pause_lists)
def test_pauses_never_move_a_deadline_earlier(code, start, raw_pauses):
    pauses = [(start + DAY * offset, start + DAY * (offset + length)) for offset, length in raw_pauses]
    plain = compute_deadline(code, start, OFFICIAL)
    paused = compute_deadline(code, start, OFFICIAL, pauses=pauses)
    assert paused.due >= plain.due
    assert paused.paused_days >= 0
    # order and repetition of pauses do not matter
    again = compute_deadline(code, start, OFFICIAL, pauses=list(reversed(pauses)) + pauses)
    assert again.due == paused.due


@fast
@given(start=starts, raw_pauses=pause_lists)
def test_calendar_pauses_leave_exactly_the_period_unpaused(start, raw_pauses):
    pauses = merge_pauses((start + DAY * o, start + DAY * (o + n)) for o, n in raw_pauses)
    deadline = compute_deadline("decision", start, OFFICIAL, pauses=pauses)
    end = start + DAY * (60 + deadline.paused_days)  # before any move off a holiday
    paused = sum(1 for i in range(1, (end - start).days + 1)
                 if any(a <= start + DAY * i <= b for a, b in pauses))
    assert paused == deadline.paused_days
    assert not any(a <= end <= b for a, b in pauses)  # the period ends on a running day


@fast
@given(start=starts, later_offset=st.integers(min_value=1, max_value=200))
def test_a_pause_after_the_due_date_has_no_effect(start, later_offset):
    plain = compute_deadline("decision", start, OFFICIAL)
    after = plain.due + DAY * later_offset
    assert compute_deadline("decision", start, OFFICIAL, pauses=[(after, after + DAY)]).due == plain.due


@fast
@given(start=starts, extension=st.integers(min_value=0, max_value=30))
def test_extension_never_moves_earlier(start, extension):
    plain = compute_deadline("decision", start, OFFICIAL)
    extended = compute_deadline("decision", start, OFFICIAL, extension_days=extension)
    assert extended.due >= plain.due
    assert extended.due >= start + DAY * (60 + extension)


@fast
@given(start=starts, days=st.integers(min_value=0, max_value=120))
def test_status_only_moves_forward_as_days_pass(start, days):
    deadline = compute_deadline("respondent_reply", start, OFFICIAL)
    order = [DeadlineStatus.LATER, DeadlineStatus.DUE_SOON, DeadlineStatus.DUE_TODAY, DeadlineStatus.OVERDUE]
    today = start + DAY * days
    now = order.index(deadline_status(deadline, today, OFFICIAL))
    tomorrow = order.index(deadline_status(deadline, today + DAY, OFFICIAL))
    assert tomorrow >= now


@fast
@given(start=starts, days_before=st.integers(min_value=1, max_value=40),
       code=st.sampled_from(["respondent_reply", "decision", "hearing_notice"]))
def test_due_soon_means_at_most_three_working_days_left(start, days_before, code):
    deadline = compute_deadline(code, start, OFFICIAL)
    today = deadline.due - DAY * days_before
    left = OFFICIAL.workdays_between(today, deadline.due).workdays
    expected = DeadlineStatus.DUE_SOON if left <= 3 else DeadlineStatus.LATER
    assert deadline_status(deadline, today, OFFICIAL) == expected
