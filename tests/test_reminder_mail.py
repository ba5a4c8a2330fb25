"""Reminders end to end: beat and a real worker scan, write once, and mail a real SMTP server."""

import threading
import time
from datetime import timedelta
from email import message_from_string
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import CaseAssignment, Deadline
from casemgr.queries.calendar import work_calendar_get
from tests.factories import create_case, create_user
from tests.processes import free_port, start_beat, start_worker, wait_until


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.mark.smoke
def test_a_deadline_two_working_days_away_is_mailed_exactly_once(app, app_environ, committed_db,
                                                                  smtp_server, tmp_path):
    inbox, port = smtp_server
    officer = create_user(role="officer", email="zhang@example.org")
    today = clock.today()
    # Received three working days ago: the 5-working-day review ends in two working days.
    received = work_calendar_get().subtract_workdays(today, 3).end
    case = create_case(actor=officer, received_on=received, act_known_on=received - timedelta(days=1),
                       act_date=received - timedelta(days=2))
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=officer.id))
    db.session.commit()
    assert db.session.query(Deadline).filter_by(rule_code="acceptance_review").one().due_on > today

    environ = {**app_environ, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port),
               "REMINDER_SCAN_INTERVAL": "1", "MAIL_FLUSH_INTERVAL": "1"}
    worker, beat = start_worker(environ, tmp_path), start_beat(environ, tmp_path)
    try:
        wait_until(lambda: len(inbox.messages) >= 2, 90, "the reminder mails", [worker, beat])
        time.sleep(5)  # beat keeps firing every second: nothing more may arrive
    finally:
        worker.stop()
        beat.stop()
    # One mail for the acceptance review, one for the supplement notice (same 5 working days).
    assert len(inbox.messages) == 2
    assert all(rcpt == ["zhang@example.org"] for rcpt, _ in inbox.messages)
    parsed = [message_from_string(content, policy=default) for _, content in inbox.messages]
    assert all(m["Subject"].startswith("【期限提醒】" + case.number) for m in parsed)
    assert all(case.number in m.get_content() for m in parsed)


class HeldRecipients(Inbox):
    """Holds every RCPT command while `holding` is set, so the test can kill the worker while each of
    its SMTP conversations is mid-send: none of them reaches DATA, whatever the two processes' timing."""

    def __init__(self):
        super().__init__()
        self.first_rcpt = threading.Event()
        self.holding = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        if self.holding:
            self.first_rcpt.set()
            await asyncio.sleep(30)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_worker_killed_during_a_send_leads_to_exactly_one_mail(app, app_environ, committed_db, tmp_path):
    import os
    import signal

    inbox = HeldRecipients()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    officer = create_user(role="officer", email="zhang@example.org")
    received = work_calendar_get().subtract_workdays(clock.today(), 3).end
    case = create_case(actor=officer, received_on=received, act_known_on=received - timedelta(days=1),
                       act_date=received - timedelta(days=2))
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=officer.id))
    db.session.commit()
    environ = {**app_environ, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(controller.port),
               "SMTP_TIMEOUT": "60", "REMINDER_SCAN_INTERVAL": "1", "MAIL_FLUSH_INTERVAL": "1",
               "MAIL_CLAIM_TIMEOUT": "4"}
    worker, beat = start_worker(environ, tmp_path), start_beat(environ, tmp_path)
    try:
        wait_until(inbox.first_rcpt.is_set, 90, "the first SMTP conversation", [worker, beat])
        os.killpg(worker.process.pid, signal.SIGKILL)  # the worker dies in the middle of a send
        worker.process.wait()
        inbox.holding = False
        worker.log.close()
        worker = start_worker(environ, tmp_path)
        wait_until(lambda: len(inbox.messages) >= 2, 90, "the mails after the restart", [worker, beat])
        time.sleep(6)  # longer than the claim timeout: a duplicate would show up now
    finally:
        worker.stop()
        beat.stop()
        controller.stop()
    ids = [message_from_string(content, policy=default)["Message-ID"] for _, content in inbox.messages]
    assert len(ids) == 2 and len(set(ids)) == 2
