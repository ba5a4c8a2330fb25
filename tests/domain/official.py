"""The official holiday data (2004-2026) as a WorkCalendar, for the domain tests.

The engine never imports chinesecalendar; the tests use its data to check answers against the
State Council notices.
"""

from chinese_calendar import constants

from casemgr.domain.calendar import WorkCalendar

OFFICIAL = WorkCalendar(
    holidays=frozenset(constants.holidays),
    makeup_workdays=frozenset(constants.workdays),
    covered_years=frozenset(d.year for d in constants.holidays),
)
