"""Demo data for the embedded default, so that a first look shows a working system."""

from __future__ import annotations

from sqlalchemy import select

from casemgr.extensions import db
from casemgr.models import Role, User
from casemgr.services.users import user_create

DEMO_PASSWORD = "demo-pass-2026"
DEMO_ACCOUNTS = (
    ("officer", Role.OFFICER, "张承办"),
    ("officer2", Role.OFFICER, "李承办"),
    ("supervisor", Role.SUPERVISOR, "王负责"),
    ("admin", Role.ADMIN, "赵管理"),
)


def demo_load() -> list[User]:
    """Create the demo accounts that do not exist yet; running it twice changes nothing."""
    accounts = []
    for username, role, name in DEMO_ACCOUNTS:
        existing = db.session.scalar(select(User).where(User.username == username))
        accounts.append(existing or user_create(actor=None, username=username, password=DEMO_PASSWORD,
                                                role=role.value, display_name=name))
    return accounts
