"""In-app notifications: read them, mark them read. Only the owner can touch a notification."""

from __future__ import annotations

from sqlalchemy import func, select, update

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Notification, User
from casemgr.services.unit_of_work import transaction

UNREAD_SHOWN = 99  # the bell says "99+" beyond this; counting thousands on every page is waste


def unread_counted(user_id: int):
    """The count of a user's unread notifications, up to UNREAD_SHOWN + 1, as a scalar subquery:
    the login loads it with the user, in the same statement (casemgr/__init__.py)."""
    unread = (select(Notification.id).where(Notification.user_id == user_id, Notification.read_at.is_(None))
              .limit(UNREAD_SHOWN + 1).subquery())
    return select(func.count()).select_from(unread).scalar_subquery()


def unread_count(user: User) -> int:
    """Unread notifications, counted up to UNREAD_SHOWN + 1."""
    return db.session.scalar(select(unread_counted(user.id))) or 0


def notification_list(user: User, limit: int = 100) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


def notifications_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, every) unread notification of ``user`` as read.

    No audit entry: reading one's own messages changes nothing in any case."""
    with transaction() as session:
        unread = (Notification.user_id == user.id, Notification.read_at.is_(None))
        statement = update(Notification).where(*unread).values(read_at=clock.now())
        if notification_id is not None:
            statement = statement.where(Notification.id == notification_id)
        return session.execute(statement).rowcount
