"""Statutory deadlines: compute a due date from a rule in ``deadline_rules`` and explain every step.

Abbreviations in docstrings and in ``Rule.article``: ARL = 行政复议法 (2023, in force 2024-01-01),
ARL(1999) = the law before that revision, Reg. = 行政复议法实施条例 (2007), ALL = 行政诉讼法 (2014
revision, in force 2015-05-01), ALL(1989) = its first version, CC = 民法典 (Civil Code).

Counting (ARL 88, Civil Procedure Law and CC 201-203, see ``compute_deadline``):

* working-day periods (3, 5, 7, 10 日 in the ARL): the n-th working day after the start day;
* calendar-day, month and year periods: the start day is not counted; months and years end on the
  corresponding day of the final month, or that month's last day (CC 202); when the last day is a
  non-working day (weekend or holiday, but not a make-up working day) the period ends on the next
  working day (CC 203);
* backward periods (the hearing notice, ARL 51): the n-th working day before the event.

Pure standard library; ``today`` is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from .calendar import ONE_DAY, DayKind, SkipReason, Walk, WorkCalendar, add_months
from .deadline_rules import (
    ORDINARY,
    RULES,
    SOON_WORKDAYS,
    Direction,
    Rule,
    Unit,
    select_rule,
)


class StepCode(StrEnum):
    """Codes of explanation steps; the web layer translates them, ``params`` fill the blanks."""

    RULE = "rule"  # code, name_zh, name_en, article, amount, unit, procedure, effective_from
    START_NOT_COUNTED = "start_not_counted"  # start, event
    WORKDAYS_COUNTED = "workdays_counted"  # count, end
    WORKDAYS_COUNTED_BACKWARD = "workdays_counted_backward"  # count, end
    CALENDAR_DAYS_COUNTED = "calendar_days_counted"  # count, end
    MONTHS_COUNTED = "months_counted"  # count, end
    YEARS_COUNTED = "years_counted"  # count, end
    MONTH_END_CLAMPED = "month_end_clamped"  # day (wanted day of month), end
    EXTENSION = "extension"  # days, end
    PAUSED = "paused"  # start, end, days, unit
    PAUSE_NO_EFFECT = "pause_no_effect"  # start, end
    PAUSED_TOTAL = "paused_total"  # days, unit, end
    DAYS_SKIPPED = "days_skipped"  # reason, days
    MAKEUP_WORKDAYS_COUNTED = "makeup_workdays_counted"  # days
    LAST_DAY_MOVED = "last_day_moved"  # day, reason, to
    LAST_DAY_MAKEUP_WORKDAY = "last_day_makeup_workday"  # day
    PROVISIONAL = "provisional"  # years
    DUE = "due"  # due


@dataclass(frozen=True)
class Step:
    code: StepCode
    params: Mapping[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Deadline:
    """A computed deadline. It ends at the end of ``due`` (a document posted on ``due`` is in time)."""

    rule: Rule
    start: date
    due: date
    procedure: str
    explanation: tuple[Step, ...]
    uncovered_years: frozenset[int] = frozenset()
    paused_days: int = 0
    extension_days: int = 0

    @property
    def rule_code(self) -> str:
        return self.rule.code

    @property
    def provisional(self) -> bool:
        """True when the due date depends on a year without official holiday data."""
        return bool(self.uncovered_years)

    @property
    def provisional_reason(self) -> str | None:
        if not self.uncovered_years:
            return None
        years = ", ".join(str(y) for y in sorted(self.uncovered_years))
        return f"no official holiday data for {years}"


Pause = tuple[date, date]


def merge_pauses(pauses: Iterable[Pause]) -> tuple[Pause, ...]:
    """Sorted, merged pauses: overlapping or touching ranges become one, so no day counts twice."""
    merged: list[Pause] = []
    for begin, end in sorted(pauses):
        if end < begin:
            raise ValueError(f"pause ends ({end}) before it starts ({begin})")
        if merged and begin <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return tuple(merged)


def compute_deadline(
    rule_code: str,
    start: date,
    calendar: WorkCalendar,
    *,
    procedure: str = ORDINARY,
    pauses: Iterable[Pause] = (),
    extension_days: int = 0,
    rules: Sequence[Rule] = RULES,
    version_date: date | None = None,
) -> Deadline:
    """Compute and explain the deadline of ``rule_code`` for a start event on ``start``.

    Rule version: the latest with ``effective_from <= version_date`` (default: ``start``).

    Pauses (Reg. 29: waiting for a supplement; Reg. 34/37: site inspection, expert appraisal;
    suspension under ARL 39 where the office's setting says it pauses). Each pause ``(a, b)``
    stops the clock on every day from ``a`` to ``b`` inclusive; overlapping or touching pauses are
    merged first, so no day counts twice. The clock runs only on days after ``start``, so:

    * working-day periods: a working day inside a pause is not counted, so the due date is the
      n-th working day after ``start`` that is not paused; the days added are the working days
      of the pauses that fall inside the (extended) running period;
    * calendar-day, month and year periods: the unpaused end is found first (start + N days, or
      by month arithmetic), then pushed later by the calendar days of the pauses that fall in
      ``(start, end]``, repeating until stable (a pause reached only because of an earlier pause
      also counts). The result is the least date with N unpaused days in ``(start, due]``;
    * a pause entirely after the due date (or on/before ``start``) has no effect; the move of a
      last day off a holiday happens after the pauses and does not open the period to more pauses;
    * pauses never move a deadline earlier.

    ``extension_days`` (ARL 62: at most 30 days, approved by the head of the institution) is
    added in the rule's unit after the period and before pauses and the holiday move.
    """
    rule = select_rule(rule_code, version_date or start, procedure=procedure, rules=rules)
    if extension_days < 0 or extension_days > rule.max_extension_days:
        raise ValueError(
            f"{rule.code} ({rule.article}) allows an extension of at most {rule.max_extension_days} days"
        )
    merged = merge_pauses(pauses)
    steps = [_rule_step(rule, procedure), Step(StepCode.START_NOT_COUNTED, {"start": start,
                                                                            "event": rule.start_event})]
    if rule.direction == Direction.BACKWARD:
        if merged or extension_days:
            raise ValueError(f"{rule.code} counts backwards: pauses and extensions do not apply")
        deadline = _backward(rule, start, calendar, procedure, steps)
    elif rule.unit == Unit.WORKING_DAYS:
        deadline = _forward_workdays(rule, start, calendar, procedure, merged, extension_days, steps)
    else:
        deadline = _forward_calendar(rule, start, calendar, procedure, merged, extension_days, steps)
    return _with_holiday_names(deadline, calendar)


def _with_holiday_names(deadline: Deadline, calendar: WorkCalendar) -> Deadline:
    """Name the holidays that were skipped (国庆节, 春节), so a reader can check the date."""
    if not calendar.names:
        return deadline
    steps = []
    for step in deadline.explanation:
        if step.code == StepCode.DAYS_SKIPPED and step.params["reason"] == SkipReason.HOLIDAY:
            days = step.params["days"]
            names = tuple(dict.fromkeys(calendar.names[d] for d in days if calendar.names.get(d)))
            step = Step(step.code, {**step.params, "names": names})
        steps.append(step)
    return replace(deadline, explanation=tuple(steps))


def _rule_step(rule: Rule, procedure: str) -> Step:
    return Step(StepCode.RULE, {
        "code": rule.code, "name_zh": rule.name_zh, "name_en": rule.name_en, "article": rule.article,
        "amount": rule.amount, "unit": rule.unit, "procedure": rule.procedure or procedure,
        "effective_from": rule.effective_from,
    })


def _walk_steps(walk: Walk) -> list[Step]:
    """The skipped weekends/holidays and make-up days of a walk, one step per reason."""
    steps = []
    for reason in (SkipReason.WEEKEND, SkipReason.HOLIDAY):
        days = tuple(sorted(walk.skipped_for(reason)))  # a backward walk finds them in reverse
        if days:
            steps.append(Step(StepCode.DAYS_SKIPPED, {"reason": reason, "days": days}))
    if walk.makeup_workdays:
        steps.append(Step(StepCode.MAKEUP_WORKDAYS_COUNTED, {"days": walk.makeup_workdays}))
    return steps


def _finish(rule: Rule, start: date, due: date, procedure: str, steps: list[Step], uncovered: frozenset[int],
            paused_days: int = 0, extension_days: int = 0) -> Deadline:
    if uncovered:
        steps.append(Step(StepCode.PROVISIONAL, {"years": tuple(sorted(uncovered))}))
    steps.append(Step(StepCode.DUE, {"due": due}))
    return Deadline(rule, start, due, rule.procedure or procedure, tuple(steps), uncovered, paused_days,
                    extension_days)


def _backward(rule: Rule, start: date, calendar: WorkCalendar, procedure: str, steps: list[Step]) -> Deadline:
    """ARL 51: notify at least 5 working days before the hearing; the latest day has 5 working days
    in ``[notice day, hearing day)``. It lands on a working day, so no holiday move is needed."""
    walk = calendar.subtract_workdays(start, rule.amount)
    steps.append(Step(StepCode.WORKDAYS_COUNTED_BACKWARD, {"count": rule.amount, "end": walk.end}))
    steps.extend(_walk_steps(walk))
    return _finish(rule, start, walk.end, procedure, steps, walk.uncovered_years)


def _forward_workdays(rule: Rule, start: date, calendar: WorkCalendar, procedure: str,
                      pauses: tuple[Pause, ...], extension_days: int, steps: list[Step]) -> Deadline:
    """ARL 88: count working days after the start day, skipping paused working days."""
    total = rule.amount + extension_days
    # The unpaused, unextended end first, so each adjustment can be shown on its own.
    steps.append(Step(StepCode.WORKDAYS_COUNTED, {"count": rule.amount,
                                                  "end": calendar.add_workdays(start, rule.amount).end}))
    if extension_days:
        steps.append(Step(StepCode.EXTENSION, {"days": extension_days,
                                               "end": calendar.add_workdays(start, total).end}))
    walk = calendar.add_workdays(start, total, paused=frozenset(_days_in(pauses, after=start)))
    paused_counted = walk.skipped_for(SkipReason.PAUSED)
    for begin, end in pauses:
        days = sum(1 for d in paused_counted if begin <= d <= end)
        steps.append(_pause_step(begin, end, days, Unit.WORKING_DAYS))
    if paused_counted:
        steps.append(Step(StepCode.PAUSED_TOTAL, {"days": len(paused_counted), "unit": Unit.WORKING_DAYS,
                                                  "end": walk.end}))
    steps.extend(_walk_steps(walk))
    return _finish(rule, start, walk.end, procedure, steps, walk.uncovered_years, len(paused_counted),
                   extension_days)


def _forward_calendar(rule: Rule, start: date, calendar: WorkCalendar, procedure: str,
                      pauses: tuple[Pause, ...], extension_days: int, steps: list[Step]) -> Deadline:
    """Civil Code 201-203: calendar days, months or years; the last day moves off a non-working day."""
    end = _period_end(rule, start, steps)
    if extension_days:
        end += timedelta(days=extension_days)
        steps.append(Step(StepCode.EXTENSION, {"days": extension_days, "end": end}))
    end, paused_days = _apply_calendar_pauses(start, end, pauses, steps)
    last = calendar.next_workday_on_or_after(end)
    kind = calendar.day_kind(end)
    if kind == DayKind.MAKEUP_WORKDAY:
        steps.append(Step(StepCode.LAST_DAY_MAKEUP_WORKDAY, {"day": end}))
    elif last.end != end:
        steps.append(Step(StepCode.LAST_DAY_MOVED, {"day": end, "reason": last.skipped[0].reason,
                                                    "to": last.end}))
        steps.extend(_walk_steps(Walk(end, last.end, 0, last.skipped)))
    return _finish(rule, start, last.end, procedure, steps, last.uncovered_years, paused_days, extension_days)


def _period_end(rule: Rule, start: date, steps: list[Step]) -> date:
    """The unmoved last day of a calendar-day, month or year period, with its explanation step."""
    if rule.unit == Unit.CALENDAR_DAYS:
        end = start + timedelta(days=rule.amount)
        steps.append(Step(StepCode.CALENDAR_DAYS_COUNTED, {"count": rule.amount, "end": end}))
        return end
    months = rule.amount * (12 if rule.unit == Unit.YEARS else 1)
    end, clamped = add_months(start, months)
    code = StepCode.YEARS_COUNTED if rule.unit == Unit.YEARS else StepCode.MONTHS_COUNTED
    steps.append(Step(code, {"count": rule.amount, "end": end}))
    if clamped:
        steps.append(Step(StepCode.MONTH_END_CLAMPED, {"day": start.day, "end": end}))
    return end


def _apply_calendar_pauses(start: date, end: date, pauses: tuple[Pause, ...],
                           steps: list[Step]) -> tuple[date, int]:
    """Push ``end`` later by the paused calendar days in ``(start, end]`` until stable."""
    base = end
    paused = 0
    while True:
        counted = sum(_overlap(p, start + ONE_DAY, base + timedelta(days=paused)) for p in pauses)
        if counted == paused:
            break
        paused = counted
    end = base + timedelta(days=paused)
    for p in pauses:
        steps.append(_pause_step(p[0], p[1], _overlap(p, start + ONE_DAY, end), Unit.CALENDAR_DAYS))
    if paused:
        steps.append(Step(StepCode.PAUSED_TOTAL, {"days": paused, "unit": Unit.CALENDAR_DAYS, "end": end}))
    return end, paused


def _pause_step(begin: date, end: date, days: int, unit: Unit) -> Step:
    if days == 0:
        return Step(StepCode.PAUSE_NO_EFFECT, {"start": begin, "end": end})
    return Step(StepCode.PAUSED, {"start": begin, "end": end, "days": days, "unit": unit})


def _overlap(pause: Pause, low: date, high: date) -> int:
    """Number of days of ``pause`` (inclusive) inside ``[low, high]``."""
    first, last = max(pause[0], low), min(pause[1], high)
    return max(0, (last - first).days + 1)


def _days_in(pauses: tuple[Pause, ...], *, after: date) -> Iterable[date]:
    for begin, end in pauses:
        day = max(begin, after + ONE_DAY)
        while day <= end:
            yield day
            day += ONE_DAY


# -- status ---------------------------------------------------------------------------------------


class DeadlineStatus(StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    LATER = "later"


def deadline_status(deadline: Deadline, today: date, calendar: WorkCalendar, *,
                    soon_workdays: int = SOON_WORKDAYS) -> DeadlineStatus:
    """Where ``today`` stands against a deadline that ends at the end of its due day."""
    return due_status(deadline.due, today, calendar, soon_workdays=soon_workdays)


def due_status(due: date, today: date, calendar: WorkCalendar, *,
               soon_workdays: int = SOON_WORKDAYS) -> DeadlineStatus:
    """Where ``today`` stands against a due date (a stored deadline row has only its date).

    ``due_soon``: the due day is at most ``soon_workdays`` working days after today (so a due
    date just after a long holiday becomes "soon" before the holiday starts).
    """
    if today > due:
        return DeadlineStatus.OVERDUE
    if today == due:
        return DeadlineStatus.DUE_TODAY
    # "At most n working days in (today, due]" is "the (n+1)-th working day after today is later
    # than due"; asking it that way walks a few days instead of up to twenty years.
    if calendar.add_workdays(today, soon_workdays + 1).end > due:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.LATER


# -- application period (intake) ------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodCheck:
    rule_code: str
    deadline: Deadline
    exceeded: bool


@dataclass(frozen=True)
class ApplicationPeriodCheck:
    """The intake check of ARL 20-21. ``late`` flags the application; the officer decides
    (force majeure or another good reason resumes the period, ARL 20(2))."""

    received: date
    checks: tuple[PeriodCheck, ...]

    @property
    def late(self) -> bool:
        return any(c.exceeded for c in self.checks)

    @property
    def exceeded(self) -> tuple[str, ...]:
        return tuple(c.rule_code for c in self.checks if c.exceeded)

    @property
    def provisional(self) -> bool:
        return any(c.deadline.provisional for c in self.checks)

    def check(self, rule_code: str) -> PeriodCheck | None:
        return next((c for c in self.checks if c.rule_code == rule_code), None)


def application_period_check(
    knew_date: date,
    act_date: date,
    received_date: date,
    calendar: WorkCalendar,
    *,
    told_of_right: bool = True,
    real_property: bool = False,
    right_learned_date: date | None = None,
    rules: Sequence[Rule] = RULES,
) -> ApplicationPeriodCheck:
    """Check an application against the periods of ARL 20 and 21.

    * told of the right to apply: 60 days from knowing the act (ARL 20(1));
    * not told: 60 days from learning of the right (checked only when ``right_learned_date`` is
      known), and at most 1 year from knowing the act's content (ARL 20(3));
    * always: 5 years from the act, 20 for real property (ARL 21).

    The rule versions are those in force when the application was received (an act from 2019
    applied against in 2024 is judged under the 2023 law's limits).
    """
    if act_date > knew_date:
        raise ValueError("the applicant cannot have known of the act before it was made")
    if received_date < knew_date:
        raise ValueError("the application cannot be received before the applicant knew of the act")
    starts: list[tuple[str, date]] = []
    if told_of_right:
        starts.append(("application_period", knew_date))
    else:
        if right_learned_date is not None:
            starts.append(("application_period", right_learned_date))
        starts.append(("application_limit_1y", knew_date))
    starts.append(("application_limit_20y" if real_property else "application_limit_5y", act_date))
    checks = []
    for code, start in starts:
        deadline = compute_deadline(code, start, calendar, rules=rules, version_date=received_date)
        checks.append(PeriodCheck(code, deadline, received_date > deadline.due))
    return ApplicationPeriodCheck(received_date, tuple(checks))


# -- readable explanations ------------------------------------------------------------------------
