"""Sending the mail outbox over SMTP: each mail at most once, failures retried with back-off."""

from __future__ import annotations

import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import and_, or_, select, update

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import OutboundMail
from casemgr.services.unit_of_work import transaction

MAX_ATTEMPTS = 10
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


def _claim_timeout() -> timedelta:
    """How long a claim protects a mail; must be well above SMTP_TIMEOUT (default 10 minutes)."""
    return timedelta(seconds=current_app.config["MAIL_CLAIM_TIMEOUT"])


def message_id(mail: OutboundMail, sender: str) -> str:
    """The same Message-ID on every attempt at one mail, so a server or mail client can drop the copy
    a worker sends again when it died after the server took the mail but before "sent" was written.
    The creation time keeps ids apart between databases that reuse row ids (a reset demo, a test)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "casemgr.local"
    return f"<casemgr-mail-{mail.id}.{mail.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def _smtp_send(mail: OutboundMail) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Message-ID"] = message_id(mail, config["MAIL_FROM"])
    message.set_content(mail.body)
    host, port = config["SMTP_HOST"], config["SMTP_PORT"]
    timeout = config["SMTP_TIMEOUT"]
    if config["SMTP_SSL"]:
        client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    with client:
        if config["SMTP_STARTTLS"] and not config["SMTP_SSL"]:
            client.starttls(context=ssl.create_default_context())
        if config["SMTP_USERNAME"]:
            client.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        client.send_message(message)


def _claim(mail_id: int) -> OutboundMail | None:
    """Take the mail for this worker: one atomic UPDATE, so two workers (or a task and the periodic
    flush) can never both send it. A claim older than MAIL_CLAIM_TIMEOUT belongs to a worker that died
    mid-send and is taken over; the stable Message-ID lets the server drop the rare duplicate."""
    now = clock.now()
    stale_before = now - _claim_timeout()
    with transaction() as session:
        claimable = or_(OutboundMail.status == "pending",
                        and_(OutboundMail.status == "sending", OutboundMail.claimed_at < stale_before))
        due = (OutboundMail.id == mail_id, OutboundMail.next_attempt_at <= now, claimable)
        claimed = session.execute(update(OutboundMail).where(*due)
                                  .values(status="sending", claimed_at=now)).rowcount
    return db.session.get(OutboundMail, mail_id) if claimed else None


def mail_send(mail_id: int) -> str:
    """Send one mail if it is due and nobody else is sending it; returns what happened. Safe to
    run twice: a mail that is sent, failed for good, not yet due or claimed is left alone."""
    mail = _claim(mail_id)
    if mail is None:
        return "not_claimed"
    try:
        _smtp_send(mail)
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        with transaction():
            mail.attempts += 1
            mail.last_error = error
            mail.next_attempt_at = clock.now() + min(BASE_DELAY * (2 ** (mail.attempts - 1)), MAX_DELAY)
            mail.status = "failed" if mail.attempts >= MAX_ATTEMPTS else "pending"
        return mail.status
    with transaction():
        mail.status = "sent"
        mail.sent_at = clock.now()
        mail.attempts += 1
    return "sent"


def mails_due(limit: int = 200) -> list[int]:
    """Pending mails whose next attempt has come (the periodic flush sends them)."""
    now = clock.now()
    stale = and_(OutboundMail.status == "sending", OutboundMail.claimed_at < now - _claim_timeout())
    return list(db.session.scalars(select(OutboundMail.id)
                                   .where(or_(OutboundMail.status == "pending", stale),
                                          OutboundMail.next_attempt_at <= now)
                                   .order_by(OutboundMail.next_attempt_at).limit(limit)))
