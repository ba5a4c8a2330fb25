"""The public version of a decision (ARL 79): redacted from the issued decision, reviewed by an
officer, approved by a supervisor, then published; or withheld, or withdrawn later. The original
decision never changes; this row holds only the public text and how it was made."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.models.base import Base

PUBLICATION_STATES = ("draft", "pending_approval", "published", "withheld", "withdrawn")
WITHHOLD_REASONS = ("state_secret", "trade_secret", "privacy", "other")


class Publication(Base):
    __tablename__ = "publications"
    __table_args__ = (
        CheckConstraint(f"state IN {PUBLICATION_STATES!r}", name="state_is_known"),
        CheckConstraint("state <> 'published' OR (approved_by_id IS NOT NULL AND published_at IS NOT NULL)",
                        name="published_means_approved"),
        CheckConstraint("state <> 'withheld' OR withheld_reason <> ''", name="withheld_has_reason"),
        CheckConstraint("state <> 'withdrawn' OR withdrawn_reason <> ''", name="withdrawn_has_reason"),
        Index("ix_publications_state_published_at", "state", "published_at"),
        # Substring search that works for Chinese (no word boundaries): trigram GIN on PostgreSQL.
        Index("ix_publications_public_text_trgm", "public_text", postgresql_using="gin",
              postgresql_ops={"public_text": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    title: Mapped[str] = mapped_column(String(200))
    public_text: Mapped[str] = mapped_column(Text)
    spans: Mapped[list[Any]] = mapped_column(JSON, default=list)
    extra_redactions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    kept_texts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    withheld_reason: Mapped[str] = mapped_column(String(20), default="")
    withdrawn_reason: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    prepared_at: Mapped[datetime]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class TypicalCase(Base):
    """A published decision chosen as a typical case (典型案例), with the office's commentary."""

    __tablename__ = "typical_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publications.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    commentary: Mapped[str] = mapped_column(Text)
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    chosen_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class AnnualReport(Base):
    """A published annual report (年度报告) as a file: reports on reconsideration, on the
    government under the rule of law, ... (the model district published 3 in 2020)."""

    __tablename__ = "annual_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime]
