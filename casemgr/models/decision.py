"""The reconsideration decision of a case: drafted by the officer, approved by a supervisor,
issued on a date. The structured fields are the single source of the decision document and of
its public version (the original text never changes once issued)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.domain.workflow import DECISION_TYPES
from casemgr.models.base import Base

TYPE_CODES = tuple(DECISION_TYPES)


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (CheckConstraint(f"decision_type IN {TYPE_CODES!r}", name="type_is_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    decision_type: Mapped[str] = mapped_column(String(30))
    applicant_claims: Mapped[str] = mapped_column(Text, default="")
    respondent_claims: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    reasoning: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(String(200), default="")
    operative_text: Mapped[str] = mapped_column(Text, default="")
    # For a termination (ARL 41): the applicant withdrew after the respondent corrected the act
    # (ARL 74); copied to the case when the decision is issued, for the statistics.
    withdrawn_after_correction: Mapped[bool] = mapped_column(default=False)
    drafted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    drafted_at: Mapped[datetime]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    sent_back_comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Service(Base):
    """Service (送达) of the decision on one party: the right to sue runs from it (ALL 45)."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), unique=True)
    served_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(40), default="")
