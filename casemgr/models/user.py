"""Users of the office: case officers, supervisors and administrators."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import ClassVar

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.models.base import Base


class Role(enum.StrEnum):
    OFFICER = "officer"  # 承办人
    SUPERVISOR = "supervisor"  # 负责人
    ADMIN = "admin"  # 管理员


ROLE_VALUES = tuple(role.value for role in Role)


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLE_VALUES!r}", name="role_is_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]
    # Optimistic locking: two administrators editing the same user cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    @property
    def is_active(self) -> bool:  # Flask-Login refuses deactivated users with this
        return self.active

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in {str(role) for role in roles}

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
