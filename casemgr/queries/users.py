"""Read side for user accounts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from casemgr.extensions import db
from casemgr.models import User


def user_list() -> Sequence[User]:
    return db.session.scalars(select(User).order_by(User.active.desc(), User.role, User.username)).all()


def user_get(user_id: int) -> User | None:
    return db.session.get(User, user_id)
