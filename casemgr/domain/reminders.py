"""The reminder ladder: which reminders a deadline calls for on a given day. Pure functions.

The default ladder tells the assigned officers 3 and 1 working days before the due date and on
the due day, and escalates to the supervisors once the date has passed. A step whose moment was
missed (the system was down) is not sent late if a later step has already come: an officer gets
the reminder that fits today, not a stale one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import WorkCalendar

DUE_DAY = "due_day"
OVERDUE = "overdue"


@dataclass(frozen=True)
class Ladder:
    before_workdays: tuple[int, ...] = (3, 1)
    on_due_day: bool = True
    escalate_overdue: bool = True

    @property
    def horizon_workdays(self) -> int:
        return max(self.before_workdays, default=0)


DEFAULT_LADDER = Ladder()


def parse_ladders(default_days: str, per_rule: str) -> tuple[Ladder, dict[str, Ladder]]:
    """Read the ladder settings: ``"3,1"`` for every rule, and ``"decision=10,5,1;hearing_notice=2"``
    for rules that need other steps. Raises ValueError on anything else (a bad setting must stop
    the worker at start-up, not silently send nothing)."""

    def days(text: str) -> tuple[int, ...]:
        values = tuple(int(part) for part in text.split(",") if part.strip())
        if any(v < 1 for v in values):
            raise ValueError(f"reminder days must be positive working days: {text!r}")
        return values

    default = Ladder(before_workdays=days(default_days))
    rules = {}
    for item in filter(None, (part.strip() for part in per_rule.split(";"))):
        code, sep, value = item.partition("=")
        if not sep or not code.strip():
            raise ValueError(f"expected RULE=DAYS in {item!r}")
        rules[code.strip()] = Ladder(before_workdays=days(value))
    return default, rules


def before_step(n: int) -> str:
    return f"before_{n}"


def step_due(due: date, today: date, calendar: WorkCalendar, ladder: Ladder = DEFAULT_LADDER) -> str | None:
    """The one step that applies today, or None.

    ``before_N`` applies from the N-th working day before ``due`` until the next step's moment;
    ``due_day`` on the due day; ``overdue`` after it (escalation).
    """
    if today > due:
        return OVERDUE if ladder.escalate_overdue else None
    if today == due:
        return DUE_DAY if ladder.on_due_day else None
    current = None
    for n in sorted(ladder.before_workdays, reverse=True):
        if calendar.subtract_workdays(due, n).end <= today:
            current = before_step(n)  # the smallest N whose moment has come wins
    return current


def recipients_role(step: str) -> str:
    """Officers are reminded; supervisors receive the escalation."""
    return "supervisor" if step == OVERDUE else "officer"


def reminder_key(deadline_id: int, step: str, user_id: int) -> str:
    """The unique key of one reminder: the same deadline, step and person is never sent twice."""
    return f"deadline:{deadline_id}:{step}:user:{user_id}"


def digest_key(day: date, user_id: int) -> str:
    return f"digest:{day.isoformat()}:user:{user_id}"
