"""Every statutory deadline of a case (reconsideration or defence) is a row: rule, start, due date,
state and its explanation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, FetchedValue, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from casemgr.models.base import Base

DEADLINE_STATES = ("open", "met", "missed", "paused", "cancelled")
MET_DECISION = "rule_code = 'decision' AND state = 'met'"
OPEN_OR_PAUSED = "state IN ('open', 'paused')"


class Deadline(Base):
    __tablename__ = "deadlines"
    __table_args__ = (
        CheckConstraint(f"state IN {DEADLINE_STATES!r}", name="state_is_known"),
        CheckConstraint("state <> 'met' OR met_on IS NOT NULL", name="met_deadline_has_date"),
        CheckConstraint("state <> 'paused' OR paused_from IS NOT NULL", name="paused_deadline_has_start"),
        # A deadline belongs to a reconsideration case or to a defence case (lawsuit, respondent case).
        CheckConstraint("(case_id IS NULL) <> (defence_case_id IS NULL)", name="one_owner"),
        # The board, the dashboard and the reminder scan read open deadlines nearest first: by
        # (due_on, id), the index's own order (migration 0021); a board by area passes over the
        # other areas' on the agency the index carries (PostgreSQL, migration 0029).
        Index("ix_deadlines_state_due_on_id", "state", "due_on", "id", postgresql_include=["agency_id"]),
        # The statistics' on-time rate asks whether each decided case's decision deadline was met.
        Index("ix_deadlines_decision_met", "case_id", postgresql_where=text(MET_DECISION),
              sqlite_where=text(MET_DECISION)),
        # An officer's board: the open deadlines of their cases (migration 0020).
        Index("ix_deadlines_open_case_id", "case_id", postgresql_where=text(OPEN_OR_PAUSED),
              sqlite_where=text(OPEN_OR_PAUSED)),
        # A board by management area: the open deadlines of the area's agencies, counted, and its
        # officers' loads gathered, from the index alone (migration 0029).
        Index("ix_deadlines_open_agency", "agency_id", "state", "due_on", "id",
              postgresql_where=text(OPEN_OR_PAUSED), sqlite_where=text(OPEN_OR_PAUSED),
              postgresql_include=["case_id", "defence_case_id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    defence_case_id: Mapped[int | None] = mapped_column(ForeignKey("defence_cases.id"), index=True)
    # The respondent of the case, or the defence case's agency: a copy the database keeps (triggers,
    # migration 0029) for the board by management area; the application never writes it, and reads
    # it from the database (FetchedValue: expired after an insert, not guessed as None; loaded when
    # read, not returned by the INSERT, which on SQLite precedes the trigger that writes it).
    agency_id: Mapped[int | None] = mapped_column(server_default=FetchedValue())
    rule_code: Mapped[str] = mapped_column(String(40))
    procedure: Mapped[str] = mapped_column(String(20))
    start_on: Mapped[date]
    due_on: Mapped[date]
    state: Mapped[str] = mapped_column(String(20), default="open")
    provisional: Mapped[bool] = mapped_column(default=False)
    provisional_reason: Mapped[str] = mapped_column(String(200), default="")
    extension_days: Mapped[int] = mapped_column(default=0)
    # Closed pauses as [[from, to], ...] ISO dates; an open pause is paused_from.
    pauses: Mapped[list[Any]] = mapped_column(JSON, default=list)
    paused_from: Mapped[date | None]
    met_on: Mapped[date | None]
    explanation_zh: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation_en: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version, "eager_defaults": False}
