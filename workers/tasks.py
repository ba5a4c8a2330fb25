"""Tasks are thin: they take ids or nothing, and call one service."""

from __future__ import annotations

import socket

from celery import shared_task


@shared_task(name="casemgr.heartbeat", bind=True)
def heartbeat(self) -> str:
    """Beat sends this every HEARTBEAT_INTERVAL seconds; the admin page and /healthz show it."""
    from casemgr.services.heartbeat import heartbeat_record

    at = heartbeat_record(worker=self.request.hostname or socket.gethostname())
    return at.isoformat()


@shared_task(name="casemgr.reminders.scan")
def reminders_scan() -> int:
    """Write today's reminders (at most once each), then hand their mails to the senders."""
    from flask import current_app

    from casemgr import clock
    from casemgr.domain.reminders import parse_ladders
    from casemgr.queries.calendar import work_calendar_get
    from casemgr.services.reminders import reminders_scan as scan

    default, per_rule = parse_ladders(current_app.config["REMINDER_DAYS_BEFORE"],
                                      current_app.config["REMINDER_RULE_DAYS"])
    result = scan(today=clock.today(), calendar=work_calendar_get(), ladder=default, rule_ladders=per_rule)
    for mail_id in result.mail_ids:  # after the commit: nothing is mailed for a rolled-back scan
        mail_send.delay(mail_id)
    return result.created


@shared_task(name="casemgr.mail.send")
def mail_send(mail_id: int) -> str:
    from casemgr.services.mail import mail_send as send

    return send(mail_id)


@shared_task(name="casemgr.mail.flush")
def mail_flush() -> int:
    """Retry what failed and send what was written while the broker was down."""
    from casemgr.services.mail import mail_send as send
    from casemgr.services.mail import mails_due

    due = mails_due()
    for mail_id in due:
        send(mail_id)
    return len(due)


@shared_task(name="casemgr.reminders.digest")
def reminders_digest() -> int:
    """Each morning: the supervisors' summary (once per supervisor and day, however often it runs)."""
    from casemgr import clock
    from casemgr.queries.calendar import work_calendar_get
    from casemgr.services.reminders import digest_send

    return digest_send(today=clock.today(), calendar=work_calendar_get())


@shared_task(name="casemgr.statistics.freeze")
def statistics_freeze() -> list[str]:
    """Each night: freeze the figures of every recently closed month and year not yet frozen."""
    from casemgr import clock
    from casemgr.services.statistics import snapshots_freeze_closed

    return snapshots_freeze_closed(clock.today())
