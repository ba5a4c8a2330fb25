"""The reminder scan: find the open deadlines whose reminder step has come, and write each
reminder once (unique key), with its in-app notification and its mail in the outbox, in one
transaction. The mails are sent by a worker after the commit (``services/mail.py``)."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import func, select, text

from casemgr import clock
from casemgr.domain.calendar import WorkCalendar
from casemgr.domain.deadline_rules import RULE_NAMES
from casemgr.domain.reminders import (
    DEFAULT_LADDER,
    Ladder,
    digest_key,
    recipients_role,
    reminder_key,
    step_due,
)
from casemgr.models import (
    Case,
    CaseAssignment,
    Deadline,
    DefenceCase,
    Notification,
    OutboundMail,
    Reminder,
    Role,
    User,
)
from casemgr.queries.among import among
from casemgr.services.bulk_insert import insert_many, reserve_ids
from casemgr.services.unit_of_work import transaction

SCAN_LOCK_ID = 4_242_001  # the advisory lock that keeps two scans from overlapping (PostgreSQL)
LOOKBACK_DAYS = 30  # an outage shorter than this still gets its escalations sent afterwards
BATCH = 5_000  # ids or keys per IN list (SQLite allows 32,766 parameters)


@dataclass
class ScanResult:
    skipped: bool = False  # another scan held the lock
    examined: int = 0
    created: int = 0
    mail_ids: list[int] = field(default_factory=list)


def _lock(session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True  # SQLite serialises writers; the unique keys still prevent any duplicate
    return bool(session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": SCAN_LOCK_ID}).scalar())


def _insert_reminder(session, key: str, deadline_id: int | None, step: str, user_id: int) -> bool:
    """Insert the reminder unless its key exists; True when this call created it."""
    return bool(insert_many(session, Reminder.__table__,
                            [{"key": key, "deadline_id": deadline_id, "step": step, "user_id": user_id}],
                            same={"created_at": clock.now()}, unique=Reminder.key, returning=Reminder.id))


class _Due(NamedTuple):  # a tuple: thousands are made per scan
    """One reminder the ladder calls for today: a deadline, a step, a person."""

    key: str
    deadline_id: int
    case_id: int | None
    defence_case_id: int | None
    step: str
    user_id: int
    email: str
    number: str
    rule_code: str
    due_on: date


def _recipients(session, rows) -> Callable[[object, str], list]:
    """Who gets a row's reminder: the assigned officers (a defence case's officer), or while nobody
    is assigned the officer who registered it; the supervisors for an escalation. The active users
    (a few hundred at most) in one query, the assignments of all the rows' cases in one more."""
    users = {u.id: u for u in session.execute(select(User.id, User.email, User.role)
                                              .where(User.active.is_(True)))}
    officers: dict[int, list] = defaultdict(list)
    case_ids = list({r.case_id for r in rows if r.case_id})
    for start in range(0, len(case_ids), BATCH):
        assigned = select(CaseAssignment.case_id, CaseAssignment.user_id).where(
            among(CaseAssignment.case_id, case_ids[start:start + BATCH]))
        for case_id, user_id in session.execute(assigned):
            if user_id in users:
                officers[case_id].append(users[user_id])
    supervisors = [u for u in users.values() if u.role == Role.SUPERVISOR.value]

    def of(r, step: str) -> list:
        if recipients_role(step) == "supervisor":
            return supervisors
        own = officers.get(r.case_id) if r.case_id else [users.get(r.defence_officer_id)]
        return [u for u in own or [] if u] or [u for u in [users.get(r.created_by_id)] if u]

    return of


def _existing_keys(session, deadline_ids: list[int]) -> set[str]:
    """The keys of the reminders already written for these deadlines (any step, any person)."""
    found: set[str] = set()
    for start in range(0, len(deadline_ids), BATCH):
        found.update(session.scalars(select(Reminder.key).where(
            among(Reminder.deadline_id, deadline_ids[start:start + BATCH]))))
    return found


def _write(session, due: list[_Due], mail_enabled: bool) -> tuple[list[_Due], list[int]]:
    """Insert the reminders, then the notifications and mails of the ones this call created, each
    kind in one statement. ON CONFLICT keeps a reminder that a concurrent scan wrote first (SQLite
    has no advisory lock) from being sent twice."""
    now = clock.now()
    created = set(insert_many(
        session, Reminder.__table__,
        [{"key": d.key, "deadline_id": d.deadline_id, "step": d.step, "user_id": d.user_id} for d in due],
        same={"created_at": now}, unique=Reminder.key, returning=Reminder.key))
    due = [d for d in due if d.key in created]
    notes = [{"user_id": d.user_id, "kind": f"reminder_{d.step}", "case_id": d.case_id,
              "defence_case_id": d.defence_case_id, "params": {"number": d.number, "rule": d.rule_code,
                                                               "due": d.due_on.isoformat(), "step": d.step}}
             for d in due]
    mailed = [i for i, d in enumerate(due) if mail_enabled and d.email]
    if not mailed:
        insert_many(session, Notification.__table__, notes, same={"created_at": now})
        return due, []
    # The mails refer to their notifications: number them first (the reminders written above hold
    # SQLite's write lock, as reserve_ids requires).
    ids = reserve_ids(session, Notification.__table__, len(notes))
    numbered = [{**note, "id": id_} for note, id_ in zip(notes, ids, strict=True)]
    insert_many(session, Notification.__table__, numbered, same={"created_at": now})
    mails = []
    for i in mailed:
        subject, body = _mail_text(due[i].step, due[i].number, due[i].rule_code, due[i].due_on)
        mails.append({"notification_id": ids[i], "to_address": due[i].email, "subject": subject,
                      "body": body})
    mail_ids = insert_many(session, OutboundMail.__table__, mails,
                           same={"status": "pending", "next_attempt_at": now, "created_at": now,
                                 "attempts": 0, "last_error": ""},
                           returning=OutboundMail.id)
    return due, mail_ids


def _mail_text(step: str, number: str, rule_code: str, due: date) -> tuple[str, str]:
    rule = RULE_NAMES.get(rule_code, (rule_code, rule_code))[0]
    if step == "overdue":
        subject = f"【期限已逾期】{number} {rule}（{due.isoformat()}）"
        body = f"案件{number}的“{rule}”期限已于{due.isoformat()}届满，尚未办结，请督办。"
    else:
        subject = f"【期限提醒】{number} {rule} 将于{due.isoformat()}届满"
        body = f"案件{number}的“{rule}”期限将于{due.isoformat()}届满，请及时办理。"
    return subject, body + "\n\n（本邮件由行政复议案件管理系统自动发送）"


def reminders_scan(*, today: date, calendar: WorkCalendar, ladder: Ladder = DEFAULT_LADDER,
                   rule_ladders: Mapping[str, Ladder] | None = None) -> ScanResult:
    """Write the reminders due today. Safe to run any number of times, also concurrently.

    ``ladder`` applies to every rule except those named in ``rule_ladders``. The work is a fixed
    number of statements whatever the number of deadlines: read the open deadlines near today,
    their recipients, the keys already written; insert the rest, one statement per table."""
    result = ScanResult()
    rule_ladders = rule_ladders or {}
    reach = max([ladder.horizon_workdays, *(lad.horizon_workdays for lad in rule_ladders.values())])
    horizon = calendar.add_workdays(today, reach).end if reach else today
    with transaction() as session:
        if not _lock(session):
            result.skipped = True
            return result
        # Through the (state, due_on) index: only open deadlines near today, never the whole table.
        rows = session.execute(
            select(Deadline.id, Deadline.case_id, Deadline.defence_case_id, Deadline.rule_code,
                   Deadline.due_on,
                   func.coalesce(Case.number, DefenceCase.forum_number).label("number"),
                   func.coalesce(Case.created_by_id, DefenceCase.created_by_id).label("created_by_id"),
                   DefenceCase.officer_id.label("defence_officer_id"))
            .outerjoin(Case, Deadline.case_id == Case.id)
            .outerjoin(DefenceCase, Deadline.defence_case_id == DefenceCase.id)
            .where(Deadline.state == "open", Deadline.due_on >= today - timedelta(days=LOOKBACK_DAYS),
                   Deadline.due_on <= horizon)
        ).all()
        result.examined = len(rows)
        step_of = functools.cache(lambda due_on, rule: step_due(due_on, today, calendar,
                                                                 rule_ladders.get(rule, ladder)))
        stepped = [(r, step) for r in rows if (step := step_of(r.due_on, r.rule_code)) is not None]
        recipients = _recipients(session, [r for r, _step in stepped])
        due = [_Due(reminder_key(r.id, step, user.id), r.id, r.case_id, r.defence_case_id, step, user.id,
                    user.email or "", r.number, r.rule_code, r.due_on)
               for r, step in stepped for user in recipients(r, step)]
        written = _existing_keys(session, sorted({d.deadline_id for d in due}))
        created, result.mail_ids = _write(session, [d for d in due if d.key not in written],
                                          bool(current_app.config.get("SMTP_HOST")))
        result.created = len(created)
    return result


def _digest_counts(session, today: date, calendar: WorkCalendar) -> dict:
    soon_end = calendar.add_workdays(today, 3).end
    open_rows = select(func.count()).select_from(Deadline).where(Deadline.state == "open")
    return {
        "overdue": session.scalar(open_rows.where(Deadline.due_on < today)) or 0,
        "due_today": session.scalar(open_rows.where(Deadline.due_on == today)) or 0,
        "due_soon": session.scalar(open_rows.where(Deadline.due_on > today,
                                                   Deadline.due_on <= soon_end)) or 0,
        "day": today.isoformat(),
    }


def digest_send(*, today: date, calendar: WorkCalendar) -> int:
    """The supervisors' daily summary of open deadlines, once per supervisor and day."""
    created = 0
    mail_enabled = bool(current_app.config.get("SMTP_HOST"))
    with transaction() as session:
        counts = _digest_counts(session, today, calendar)
        supervisors = select(User).where(User.role == Role.SUPERVISOR.value, User.active.is_(True))
        for user in session.scalars(supervisors):
            if not _insert_reminder(session, digest_key(today, user.id), None, "digest", user.id):
                continue
            created += 1
            note = Notification(user_id=user.id, kind="digest", params=counts, created_at=clock.now())
            session.add(note)
            if mail_enabled and user.email:
                session.flush()
                body = (f"{today.isoformat()} 期限情况：已逾期{counts['overdue']}个，"
                        f"今日届满{counts['due_today']}个，3个工作日内届满{counts['due_soon']}个。"
                        "详见系统“期限看板”。")
                session.add(OutboundMail(notification_id=note.id, to_address=user.email, body=body,
                                         subject=f"【每日期限汇总】{today.isoformat()}", status="pending",
                                         next_attempt_at=clock.now(), created_at=clock.now()))
    return created
