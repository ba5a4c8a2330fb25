"""Read side for user accounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from casemgr.extensions import db
from casemgr.models import User
from casemgr.queries.paging import Page, paginate

PAGE_SIZE = 50
# Active accounts first, then by role and username: the order the whole list always had.
LIST_ORDER = (User.active.desc(), User.role, User.username)


@dataclass(frozen=True)
class UserFilters:
    q: str = ""  # a substring of the username or the display name, any case
    role: str = ""  # a role's value, "" for every role
    page: int = 1


def user_list() -> Sequence[User]:
    return db.session.scalars(select(User).order_by(*LIST_ORDER)).all()


def user_page(filters: UserFilters) -> Page:
    """One page of accounts (PAGE_SIZE a page, clamped to the pages there are) with the total: one
    statement, however many users there are (paginate)."""
    query = select(User.id, User.username, User.display_name, User.role, User.email, User.active,
                   User.last_login_at)
    if q := filters.q.strip():
        query = query.where(or_(User.username.icontains(q, autoescape=True),
                                User.display_name.icontains(q, autoescape=True)))
    if filters.role:
        query = query.where(User.role == filters.role)
    return paginate(query, filters.page, PAGE_SIZE, *LIST_ORDER)


def user_get(user_id: int) -> User | None:
    return db.session.get(User, user_id)
