"""The working-day calendar as data: statutory days off and make-up working days, per year.

Seeded for 2004-2026 from the official data in the ``chinesecalendar`` package by migration 0002;
each later year is entered by an administrator from the State Council's notice.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.models.base import Base

DAY_KINDS = ("holiday", "makeup_workday")


class CalendarDay(Base):
    __tablename__ = "calendar_days"
    __table_args__ = (CheckConstraint(f"kind IN {DAY_KINDS!r}", name="kind_is_known"),)

    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(64), default="")


class CalendarYear(Base):
    """A year whose official notice is loaded: deadlines touching it are no longer provisional."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200))
    loaded_at: Mapped[datetime]
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
