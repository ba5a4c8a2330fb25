"""How the office counts (statistics settings) and the frozen figures of closed periods."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.models.base import Base

PERIOD_KINDS = ("month", "quarter", "year", "range")


class StatisticsSettings(Base):
    """One row: the definitions of ``domain.statistics.Definitions`` an office chose. With no row
    the defaults of DOMAIN.md apply."""

    __tablename__ = "statistics_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    correction_types: Mapped[list[str]] = mapped_column(JSON)
    count_terminated_after_correction: Mapped[bool] = mapped_column(default=False)
    resolution_extra_types: Mapped[list[str]] = mapped_column(JSON)
    resolution_counts_withdrawals: Mapped[bool] = mapped_column(default=True)
    denominator: Mapped[str] = mapped_column(String(20), default="concluded")
    updated_at: Mapped[datetime]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class StatisticsSnapshot(Base):
    """The figures of a closed period as they were computed, with the definitions used: a report
    once given out does not change when a case is corrected later (an administrator may recompute)."""

    __tablename__ = "statistics_snapshots"
    __table_args__ = (
        CheckConstraint(f"period_kind IN {PERIOD_KINDS!r}", name="period_kind_is_known"),
        CheckConstraint("period_end >= period_start", name="period_is_ordered"),
        UniqueConstraint("period_kind", "period_start", "period_end", name="one_snapshot_per_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date]
    period_end: Mapped[date]
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    definitions: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime]
    computed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
