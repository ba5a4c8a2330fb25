"""Every rule across the 2024 National Day, the 2025 and 2026 Spring Festivals and 2026's make-up
days, with answers a reader can check against the State Council notices (worked out by hand in
the comments)."""

from datetime import date

import pytest

from casemgr.domain.deadline_rules import RULES
from casemgr.domain.deadlines import compute_deadline
from tests.domain.official import OFFICIAL

CASES = [
    # 2024 National Day: Oct 1-7 off; Sun Sep 29 and Sat Oct 12 are make-up working days.
    ("acceptance_review", date(2024, 9, 27), {}, date(2024, 10, 10)),  # 29(Sun), 30, 8, 9, 10
    ("copy_to_respondent", date(2024, 9, 30), {}, date(2024, 10, 15)),  # 8, 9, 10, 11, 12(Sat), 14, 15
    ("hearing_notice", date(2024, 10, 10), {}, date(2024, 9, 27)),  # back: 9, 8, 30, 29(Sun), 27
    ("litigation_defence", date(2024, 9, 20), {}, date(2024, 10, 8)),  # 15th day Oct 5 is off: Oct 8
    # 2025 Spring Festival: Jan 28 - Feb 4 off; Sun Jan 26 and Sat Feb 8 are make-up working days.
    ("acceptance_review", date(2025, 1, 24), {}, date(2025, 2, 7)),  # 26, 27, 5, 6, 7
    ("supplement_reply", date(2025, 1, 24), {}, date(2025, 2, 13)),  # 26, 27, 5, 6, 7, 8(Sat), 10-13
    ("appeal_ruling", date(2025, 1, 22), {}, date(2025, 2, 5)),  # 10th day Feb 1 is off: Feb 5
    # 2026 Spring Festival: Feb 15-23 off; Sat Feb 14 and Sat Feb 28 are make-up working days.
    ("acceptance_review", date(2026, 2, 12), {}, date(2026, 2, 26)),  # 13, 14(Sat), 24, 25, 26
    ("supplement_reply", date(2026, 2, 12), {}, date(2026, 3, 4)),  # ... 27, 28(Sat), 2, 3, 4
    ("respondent_reply", date(2026, 2, 12), {}, date(2026, 3, 4)),
    ("respondent_reply", date(2026, 2, 12), {"procedure": "simplified"}, date(2026, 2, 26)),
    ("decision", date(2026, 2, 12), {}, date(2026, 4, 13)),  # 60 calendar days
    ("decision", date(2026, 2, 12), {"procedure": "simplified"}, date(2026, 3, 16)),  # Mar 14 is Sat
    ("litigation_defence", date(2026, 2, 12), {}, date(2026, 2, 27)),
    ("appeal_ruling", date(2026, 2, 12), {}, date(2026, 2, 24)),  # Feb 22 off, Feb 23 off: Feb 24
    ("appeal_judgment", date(2026, 2, 5), {}, date(2026, 2, 24)),  # Feb 20 off: Feb 24
    ("sue_after_reconsideration", date(2026, 2, 5), {}, date(2026, 2, 24)),
    ("hearing_notice", date(2026, 2, 25), {}, date(2026, 2, 11)),  # 24, 14(Sat), 13, 12, 11
    # 2026 make-up days: Sun Jan 4, Sat May 9, Sun Sep 20, Sat Oct 10.
    ("copy_to_respondent", date(2026, 1, 2), {}, date(2026, 1, 12)),  # 4(Sun), 5, 6, 7, 8, 9, 12
    ("copy_to_respondent", date(2026, 1, 2), {"procedure": "simplified"}, date(2026, 1, 6)),  # 4, 5, 6
    ("supplement_notice", date(2026, 9, 17), {}, date(2026, 9, 23)),  # 18, 20(Sun), 21, 22, 23
    ("acceptance_review", date(2026, 9, 30), {}, date(2026, 10, 13)),  # 8, 9, 10(Sat), 12, 13
    ("sue_direct", date(2025, 8, 31), {}, date(2026, 2, 28)),  # Feb 28 2026 is a make-up Saturday
    ("application_period", date(2025, 12, 23), {}, date(2026, 2, 24)),  # 60th day Feb 21 is off
]


@pytest.mark.parametrize(("rule", "start", "options", "due"), CASES)
def test_known_answers(rule, start, options, due):
    assert compute_deadline(rule, start, OFFICIAL, **options).due == due


def test_every_rule_is_checked_across_the_three_holidays():
    covered = {rule for rule, *_ in CASES}
    current = {r.code for r in RULES if r.effective_from.year >= 2015}
    assert current - covered <= {"application_limit_1y", "application_limit_5y", "application_limit_20y",
                                 "respondent_case_reply"}


@pytest.mark.parametrize("start", [date(2024, 9, 25), date(2025, 1, 22), date(2026, 2, 10), date(2026, 1, 1)])
@pytest.mark.parametrize("rule", sorted({r.code for r in RULES if r.direction == "forward"}))
def test_every_rule_ends_on_a_working_day_after_its_start(rule, start):
    deadline = compute_deadline(rule, start, OFFICIAL)
    assert deadline.due > start and OFFICIAL.is_workday(deadline.due)
    # The 1/5/20-year limits end in years with no notice yet: provisional, and saying so.
    assert deadline.provisional == (deadline.due.year > 2026)
