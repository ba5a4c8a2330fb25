"""The table of statutory periods: which law, which article, how many days of which kind.

Abbreviations: ARL = 行政复议法 (2023, in force 2024-01-01), ARL(1999) = the law before that
revision, Reg. = 行政复议法实施条例 (2007), ALL = 行政诉讼法 (2014 revision, in force 2015-05-01),
ALL(1989) = its first version. Pure standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ORDINARY = "ordinary"
SIMPLIFIED = "simplified"
PROCEDURES = (ORDINARY, SIMPLIFIED)

# The dates on which the versions of the laws came into force (named after the version).
ALL_1989 = date(1990, 10, 1)
ARL_1999 = date(1999, 10, 1)
ALL_2014 = date(2015, 5, 1)
ARL_2023 = date(2024, 1, 1)

SOON_WORKDAYS = 3


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    YEARS = "years"


class Direction(StrEnum):
    FORWARD = "forward"
    BACKWARD = "backward"  # the due date is before the start event (latest day to act)


@dataclass(frozen=True)
class Rule:
    """One version of one statutory period.

    ``procedure`` None means the rule applies to every procedure; a rule naming a procedure wins
    over a generic one with the same ``effective_from``. ``max_extension_days`` is the longest
    extension the law allows (ARL 62: 30 days for the ordinary decision period), 0 for none.
    """

    code: str
    name_zh: str
    name_en: str
    amount: int
    unit: Unit
    start_event: str
    article: str
    effective_from: date
    direction: Direction = Direction.FORWARD
    procedure: str | None = None
    max_extension_days: int = 0


RULE_NAMES: dict[str, tuple[str, str]] = {
    "acceptance_review": ("受理审查", "Acceptance review"),
    "supplement_notice": ("补正通知", "Request to supplement"),
    "supplement_reply": ("申请人补正", "Applicant's supplement"),
    "copy_to_respondent": ("发送申请书副本", "Copy to the respondent"),
    "respondent_reply": ("被申请人答复", "Respondent's reply"),
    "respondent_case_reply": ("本级政府作为被申请人答复", "Reply as respondent (the district government)"),
    "hearing_notice": ("听证通知", "Hearing notice"),
    "decision": ("作出行政复议决定", "Reconsideration decision"),
    "application_period": ("申请期限", "Application period"),
    "application_limit_1y": ("未告知申请权利的最长期限", "Limit when not told of the right to apply"),
    "application_limit_5y": ("最长申请期限（五年）", "Outer limit (5 years)"),
    "application_limit_20y": ("不动产最长申请期限（二十年）", "Outer limit, real property (20 years)"),
    "litigation_defence": ("应诉答辩举证", "Defence and evidence"),
    "appeal_judgment": ("不服判决上诉", "Appeal against a judgment"),
    "appeal_ruling": ("不服裁定上诉", "Appeal against a ruling"),
    "sue_after_reconsideration": ("复议后起诉", "Suit after reconsideration"),
    "sue_direct": ("直接起诉", "Direct suit"),
    "recommendation_answer": ("答复司法建议", "Answer to a judicial recommendation"),
}


def _r(code: str, amount: int, unit: Unit, event: str, article: str, effective_from: date, *,
       procedure: str | None = None, direction: Direction = Direction.FORWARD,
       max_extension_days: int = 0) -> Rule:
    name_zh, name_en = RULE_NAMES[code]
    return Rule(code, name_zh, name_en, amount, unit, event, article, effective_from,
                direction=direction, procedure=procedure, max_extension_days=max_extension_days)


WD, CD, MO, YR = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS

# The table. ARL 88 (and, before 2024, ARL(1999) 40 for "5日"/"7日" only) decides which periods are
# working days; every ALL period is in calendar days. Older versions are kept so that historical
# cases still compute; a rule with no version before a date raises RuleNotFound for that date.
RULES: tuple[Rule, ...] = (
    # reconsideration: intake
    _r("acceptance_review", 5, WD, "received", "ARL 30", ARL_2023),
    _r("acceptance_review", 5, WD, "received", "ARL(1999) 17", ARL_1999),
    _r("supplement_notice", 5, WD, "received", "ARL 31", ARL_2023),
    _r("supplement_reply", 10, WD, "notice_served", "ARL 31", ARL_2023),
    # reconsideration: review
    _r("copy_to_respondent", 7, WD, "acceptance", "ARL 48", ARL_2023, procedure=ORDINARY),
    _r("copy_to_respondent", 3, WD, "acceptance", "ARL 54", ARL_2023, procedure=SIMPLIFIED),
    _r("copy_to_respondent", 7, WD, "acceptance", "ARL(1999) 23", ARL_1999),
    _r("respondent_reply", 10, WD, "copy_received", "ARL 48", ARL_2023, procedure=ORDINARY),
    _r("respondent_reply", 5, WD, "copy_received", "ARL 54", ARL_2023, procedure=SIMPLIFIED),
    # ARL(1999) 40 made only "5日" and "7日" working days: the old 10-day reply ran in calendar days.
    _r("respondent_reply", 10, CD, "copy_received", "ARL(1999) 23", ARL_1999),
    _r("respondent_case_reply", 10, WD, "copy_received", "ARL 48", ARL_2023, procedure=ORDINARY),
    _r("respondent_case_reply", 5, WD, "copy_received", "ARL 54", ARL_2023, procedure=SIMPLIFIED),
    _r("respondent_case_reply", 10, CD, "copy_received", "ARL(1999) 23", ARL_1999),
    _r("hearing_notice", 5, WD, "hearing_date", "ARL 51", ARL_2023, direction=Direction.BACKWARD),
    # reconsideration: decision. ARL 62 allows the extension in the ordinary procedure only; a
    # simplified case that needs more time is converted to the ordinary procedure (ARL 55).
    _r("decision", 60, CD, "acceptance", "ARL 62", ARL_2023, procedure=ORDINARY, max_extension_days=30),
    _r("decision", 30, CD, "acceptance", "ARL 62", ARL_2023, procedure=SIMPLIFIED),
    _r("decision", 60, CD, "acceptance", "ARL(1999) 31", ARL_1999, max_extension_days=30),
    # application period (intake check); the one-year cap is ARL 20(3), the outer limits ARL 21
    _r("application_period", 60, CD, "knew_of_act", "ARL 20", ARL_2023),
    _r("application_period", 60, CD, "knew_of_act", "ARL(1999) 9", ARL_1999),
    _r("application_limit_1y", 1, YR, "knew_of_act", "ARL 20(3)", ARL_2023),
    _r("application_limit_5y", 5, YR, "act_made", "ARL 21", ARL_2023),
    _r("application_limit_20y", 20, YR, "act_made", "ARL 21", ARL_2023),
    # litigation
    _r("litigation_defence", 15, CD, "complaint_served", "ALL 67", ALL_2014),
    _r("litigation_defence", 10, CD, "complaint_served", "ALL(1989) 43", ALL_1989),
    _r("appeal_judgment", 15, CD, "judgment_served", "ALL 85", ALL_2014),
    _r("appeal_judgment", 15, CD, "judgment_served", "ALL(1989) 58", ALL_1989),
    _r("appeal_ruling", 10, CD, "ruling_served", "ALL 85", ALL_2014),
    _r("appeal_ruling", 10, CD, "ruling_served", "ALL(1989) 58", ALL_1989),
    _r("sue_after_reconsideration", 15, CD, "decision_served", "ALL 45", ALL_2014),
    _r("sue_after_reconsideration", 15, CD, "decision_served", "ALL(1989) 38", ALL_1989),
    _r("sue_direct", 6, MO, "knew_of_act", "ALL 46", ALL_2014),
    _r("sue_direct", 3, MO, "knew_of_act", "ALL(1989) 39", ALL_1989),
    # No statute sets the period to answer a judicial recommendation (司法建议); courts commonly ask
    # for an answer within two months, so that is the default an office can change here.
    _r("recommendation_answer", 2, MO, "recommendation_received", "司法建议书", ALL_1989),
)


class RuleNotFound(LookupError):
    """No version of the rule is in force on the date asked (or the code is unknown)."""


def select_rule(code: str, on: date, *, procedure: str = ORDINARY, rules: Sequence[Rule] = RULES) -> Rule:
    """The version of ``code`` in force on ``on``: the latest ``effective_from <= on``.

    Among versions with the same ``effective_from``, one naming ``procedure`` beats a generic one.
    """
    if procedure not in PROCEDURES:
        raise ValueError(f"unknown procedure {procedure!r}")
    candidates = [
        r for r in rules
        if r.code == code and r.effective_from <= on and r.procedure in (None, procedure)
    ]
    if not candidates:
        raise RuleNotFound(f"no rule {code!r} ({procedure}) in force on {on}")
    return max(candidates, key=lambda r: (r.effective_from, r.procedure is not None))


def validate_rules(rules: Sequence[Rule]) -> list[str]:
    """Problems in a rule table (an empty list means it is consistent). Used by the tests."""
    problems = []
    seen: set[tuple[str, str | None, date]] = set()
    for r in rules:
        key = (r.code, r.procedure, r.effective_from)
        if key in seen:
            problems.append(f"duplicate version {key}")
        seen.add(key)
        if r.amount <= 0:
            problems.append(f"{r.code}: amount must be positive")
        if r.procedure not in (None, *PROCEDURES):
            problems.append(f"{r.code}: unknown procedure {r.procedure!r}")
        if r.direction == Direction.BACKWARD and (r.unit != Unit.WORKING_DAYS or r.max_extension_days):
            problems.append(f"{r.code}: backward rules count working days and cannot be extended")
    return problems


# -- explanation steps ----------------------------------------------------------------------------
