"""The mail outbox against a real SMTP server on 127.0.0.1 that is down, then up."""

import threading
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

from aiosmtpd.controller import Controller
from sqlalchemy import update

from casemgr import clock
from casemgr.models import OutboundMail
from casemgr.services.mail import mail_send, mails_due, message_id
from tests.processes import free_port


class Inbox:
    def __init__(self):
        self.message_ids = []
        self.lock = threading.Lock()

    @property
    def count(self) -> int:
        return len(self.message_ids)

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=default)
        with self.lock:
            self.message_ids.append(message["Message-ID"])
        return "250 OK"


def outbox_mail(database, **values) -> OutboundMail:
    mail = OutboundMail(to_address="zhang@example.org", subject="【期限提醒】测试", body="正文",
                        status="pending", next_attempt_at=clock.now(), created_at=clock.now(), **values)
    database.add(mail)
    database.commit()
    return mail


def test_smtp_down_then_up_delivers_once_with_back_off(app, database):
    port = free_port()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_TIMEOUT=2)
    mail = outbox_mail(database)
    assert mail_send(mail.id) == "pending"  # nothing listens on the port yet
    database.refresh(mail)
    assert mail.attempts == 1 and mail.next_attempt_at > clock.now() and "Error" in mail.last_error
    assert mail_send(mail.id) == "not_claimed"  # not due yet: the back-off holds
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        database.execute(update(OutboundMail).values(next_attempt_at=clock.now() - timedelta(seconds=1)))
        database.commit()
        assert mails_due() == [mail.id]
        assert mail_send(mail.id) == "sent"
        assert mail_send(mail.id) == "not_claimed"  # a redelivered task sends nothing more
    finally:
        controller.stop()
    assert inbox.count == 1
    app.config["SMTP_HOST"] = ""


def test_a_claim_left_by_a_dead_worker_is_taken_over_later_not_at_once(app, database):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_TIMEOUT=1)
    fresh = outbox_mail(database, claimed_at=clock.now())
    database.execute(update(OutboundMail).where(OutboundMail.id == fresh.id).values(status="sending"))
    database.commit()
    assert mail_send(fresh.id) == "not_claimed" and mails_due() == []
    database.execute(update(OutboundMail).values(claimed_at=clock.now() - timedelta(hours=1)))
    database.commit()
    assert mails_due() == [fresh.id]
    app.config["SMTP_HOST"] = ""


def test_a_mail_sent_again_after_a_crash_carries_the_same_message_id(app, database):
    """The one duplicate the outbox allows: the server took the mail, the worker died before writing
    "sent", the claim went stale and another worker sent it again. Both copies say they are one mail."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_TIMEOUT=5,
                      MAIL_FROM="复议办公室 <fuyi@tongzhou.example.gov.cn>")
    try:
        mail, other = outbox_mail(database), outbox_mail(database)
        assert mail_send(mail.id) == "sent" and mail_send(other.id) == "sent"
        database.execute(update(OutboundMail).where(OutboundMail.id == mail.id)
                         .values(status="sending", claimed_at=clock.now() - timedelta(hours=1)))
        database.commit()
        assert mail_send(mail.id) == "sent"
    finally:
        controller.stop()
        app.config.update(SMTP_HOST="", MAIL_FROM="casemgr@localhost")
    first, second, again = inbox.message_ids
    assert first == again != second
    assert first == message_id(mail, "fuyi@tongzhou.example.gov.cn")
    assert first.startswith(f"<casemgr-mail-{mail.id}.") and first.endswith("@tongzhou.example.gov.cn>")
