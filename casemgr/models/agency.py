"""Respondent agencies (被申请人), each in a management area, and officers' links to them."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.domain.catalogues import MANAGEMENT_AREAS
from casemgr.models.base import Base

AREA_CODES = tuple(MANAGEMENT_AREAS)


class Agency(Base):
    __tablename__ = "agencies"
    __table_args__ = (CheckConstraint(f"area IN {AREA_CODES!r}", name="area_is_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    area: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(300), default="")
    legal_representative: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class AgencyLink(Base):
    """An officer linked to an agency (former employee, relative there): recusal from its cases."""

    __tablename__ = "agency_links"
    __table_args__ = (UniqueConstraint("user_id", "agency_id", name="one_link"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
