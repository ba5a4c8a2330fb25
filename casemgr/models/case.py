"""A reconsideration case (行政复议案件): the application, its parties, its officers.

The database guards the workflow as well as the domain does: the state is one of the known states,
and the CHECK constraints below name the rule each one enforces.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casemgr.domain.catalogues import (
    ACT_TYPES,
    CHANNELS,
    MANAGEMENT_AREAS,
    PARTY_KINDS,
    PARTY_ROLES,
    PROCEDURES,
)
from casemgr.domain.workflow import IN_PROGRESS_STATES, CaseState
from casemgr.models.base import Base

STATES = tuple(s.value for s in CaseState)
IN_PROGRESS = "state IN ({})".format(", ".join(f"'{s.value}'" for s in IN_PROGRESS_STATES))
ORIGINS = ("registered", "ledger", "demo")  # entered here, imported from a spreadsheet ledger, generated
UNDER_REVIEW = ("accepted", "suspended", "pending_approval", "approved", "decided")


class CaseNumberSequence(Base):
    """The last case number issued in a year: one row per year, incremented inside the
    registering transaction, so numbers have no gaps (a rollback returns the number) and no
    duplicates (the row is locked until the transaction ends)."""

    __tablename__ = "case_number_sequences"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(default=0)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint(f"state IN {STATES!r}", name="state_is_known"),
        CheckConstraint(f"procedure IN {tuple(PROCEDURES)!r}", name="procedure_is_known"),
        CheckConstraint(f"channel IN {tuple(CHANNELS)!r}", name="channel_is_known"),
        CheckConstraint(f"act_type IN {tuple(ACT_TYPES)!r}", name="act_type_is_known"),
        CheckConstraint(f"area IS NULL OR area IN {tuple(MANAGEMENT_AREAS)!r}", name="area_is_known"),
        CheckConstraint(f"origin IN {ORIGINS!r}", name="origin_is_known"),
        CheckConstraint("withdrawn_after_correction = false OR decision_type = 'terminate'",
                        name="only_termination_follows_correction"),
        CheckConstraint(f"state NOT IN {UNDER_REVIEW!r} OR accepted_on IS NOT NULL",
                        name="accepted_case_has_acceptance_date"),
        CheckConstraint("state <> 'decided' OR (decision_type IS NOT NULL AND decision_date IS NOT NULL)",
                        name="decided_case_has_decision_type_and_date"),
        CheckConstraint("state <> 'not_accepted' OR closing_reason <> ''",
                        name="non_acceptance_has_reason"),
        CheckConstraint("extended = false OR procedure = 'ordinary'", name="only_ordinary_procedure_extends"),
        UniqueConstraint("year", "seq", name="one_number_per_year_seq"),
        # The lists (newest first, keyset paging; by state: from the index alone, migration 0017) and
        # the statistics (received / decided in a period).
        Index("ix_cases_state_received_on_id", "state", "received_on", "id",
              postgresql_include=["respondent_id", "area"]),
        Index("ix_cases_received_on_id", "received_on", "id"),
        Index("ix_cases_decision_date", "decision_date"),
        # "My cases": the cases an officer registered, newest first, from the index alone (0018, 0022,
        # 0024), and those of them in progress (0026).
        Index("ix_cases_created_by_id_received_on_id", "created_by_id", "received_on", "id"),
        Index("ix_cases_created_by_id_in_progress", "created_by_id", "id", postgresql_where=text(IN_PROGRESS),
              sqlite_where=text(IN_PROGRESS)),
        # How many of an officer's ~1,000 cases are in progress: a probe per case into this index of
        # the cases in progress only, no row read (migration 0023).
        Index("ix_cases_in_progress_id", "id", postgresql_where=text(IN_PROGRESS),
              sqlite_where=text(IN_PROGRESS)),
        Index("ix_cases_number_trgm", "number", postgresql_using="gin",
              postgresql_ops={"number": "gin_trgm_ops"}),
        Index("ix_cases_act_number_trgm", "act_number", postgresql_using="gin",
              postgresql_ops={"act_number": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    state: Mapped[str] = mapped_column(String(30), default=CaseState.RECEIVED.value)
    procedure: Mapped[str] = mapped_column(String(20), default="ordinary")
    channel: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date]
    respondent_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    act_type: Mapped[str] = mapped_column(String(40))
    act_number: Mapped[str] = mapped_column(String(200), default="", index=True)
    act_date: Mapped[date | None]
    act_known_on: Mapped[date | None]
    act_summary: Mapped[str] = mapped_column(Text, default="")
    requests: Mapped[str] = mapped_column(Text, default="")
    told_of_right: Mapped[bool] = mapped_column(default=True)
    real_property: Mapped[bool] = mapped_column(default=False)
    # ARL 20-21: a late application is flagged for the officer to decide, never refused silently.
    late: Mapped[bool] = mapped_column(default=False)
    late_note: Mapped[str] = mapped_column(Text, default="")
    accepted_on: Mapped[date | None]
    extended: Mapped[bool] = mapped_column(default=False)
    extension_requested: Mapped[bool] = mapped_column(default=False)
    closing_reason: Mapped[str] = mapped_column(Text, default="")
    decision_type: Mapped[str | None] = mapped_column(String(30))
    decision_date: Mapped[date | None]
    # The management area of the dispute when it is not the respondent's own (statistics use
    # coalesce(cases.area, agencies.area)).
    area: Mapped[str | None] = mapped_column(String(40))
    # ARL 74: the applicant withdrew after the respondent corrected the act, and the case was
    # terminated; some offices count these as corrections, all as resolved (DOMAIN.md).
    withdrawn_after_correction: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[str] = mapped_column(String(20), default="registered")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    respondent = relationship("Agency", lazy="joined")
    parties = relationship("Party", back_populates="case", order_by="Party.position",
                           cascade="all, delete-orphan")
    assignments = relationship("CaseAssignment", back_populates="case", cascade="all, delete-orphan")


class Party(Base):
    __tablename__ = "parties"
    __table_args__ = (
        CheckConstraint(f"role IN {tuple(PARTY_ROLES)!r}", name="role_is_known"),
        CheckConstraint(f"kind IN {tuple(PARTY_KINDS)!r}", name="kind_is_known"),
        Index("ix_parties_name", "name"),
        # The case list's search: name prefixes (one or two characters), with each match's case and
        # its date received (the order of the list) from the index alone (migration 0025), and
        # substrings (trigrams).
        Index("ix_parties_name_pattern_keys", "name", postgresql_ops={"name": "text_pattern_ops"},
              postgresql_include=["case_id", "received_on"]),
        Index("ix_parties_name_trgm", "name", postgresql_using="gin",
              postgresql_ops={"name": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[date | None]
    id_number: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    legal_representative: Mapped[str] = mapped_column(String(100), default="")
    # The case's date received, copied when the party is added (_copy_received_on): a search by
    # name orders its matches newest first without visiting each matching case (migration 0025).
    received_on: Mapped[date]

    case = relationship("Case", back_populates="parties")


class CaseAssignment(Base):
    __tablename__ = "case_assignments"
    __table_args__ = (
        UniqueConstraint("case_id", "user_id", name="assigned_once"),
        # "My cases": an officer's cases, newest first, from the index alone (migrations 0022, 0024).
        Index("ix_case_assignments_user_id_received_on_case_id", "user_id", "received_on", "case_id"),
        # An officer's assigned cases in progress (the dashboard's count), from the index alone.
        Index("ix_case_assignments_in_progress", "user_id", "case_id", postgresql_where=text("in_progress"),
              sqlite_where=text("in_progress")),
        # An officer's assigned cases that a defence case is about: the defence cases they see.
        Index("ix_case_assignments_has_defence", "user_id", "case_id", postgresql_where=text("has_defence"),
              sqlite_where=text("has_defence")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The case's date received, copied when the assignment is made (_copy_received_on; a case's date
    # received never changes after registration): an officer's list, newest first, is then read
    # from this table's index alone, not by visiting each of their ~1,000 cases (migration 0024).
    received_on: Mapped[date]
    # Whether the case is in progress (IN_PROGRESS_STATES), kept by the database itself: triggers
    # set it when the assignment is inserted and whenever the case's state changes, whatever
    # writes it (migration 0026). Never set here; the ORM's value may be stale.
    in_progress: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    # Whether a defence case (a lawsuit, a respondent case) is about the case, kept by the database
    # as in_progress is: set when the assignment is inserted and when a defence case names the case
    # (migration 0027). Never set here.
    has_defence: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    assigned_at: Mapped[datetime]
    assigned_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    case = relationship("Case", back_populates="assignments")
    user = relationship("User", foreign_keys=[user_id], lazy="joined")


@event.listens_for(Party, "before_insert")
@event.listens_for(CaseAssignment, "before_insert")
def _copy_received_on(_mapper, connection, row: Party | CaseAssignment) -> None:
    """Every way of adding a party or an officer (the services, the ledger import, the demo, the
    tests) copies the case's date received, from the case object when it is loaded, else from the
    database. The date never changes after registration, so the copy cannot go stale."""
    if row.received_on is None:
        case = inspect(row).attrs.case.loaded_value
        row.received_on = case.received_on if isinstance(case, Case) else connection.scalar(
            select(Case.received_on).where(Case.id == row.case_id))
