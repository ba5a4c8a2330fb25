"""Defence work (应诉): lawsuits against the government or its reconsideration organ, and cases in
which the district government is itself the respondent before a higher reconsideration organ.

Both kinds share one table because they share their life (served, defence or reply filed by a
deadline, heard, decided) and their place on the deadline board; what only a lawsuit has (the
instance, hearings with the agency head, judicial recommendations, appeals) is nullable or lives
in the child tables below.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casemgr.domain.litigation import Instance, JudgmentKind, Outcome
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.models.base import Base

KINDS = ("lawsuit", "respondent")
STATES = ("pending", "concluded")
INSTANCES = tuple(i.value for i in Instance)
JUDGMENT_KINDS = (*(k.value for k in JudgmentKind), "mediation")
OUTCOMES = tuple(o.value for o in Outcome)
DEFENDANT_ROLES = ("agency", "organ")
APPEALED_BY = ("", "none", "plaintiff", "defendant", "both")
RESPONDENT_OUTCOMES = tuple(DECISION_TYPES)


class DefenceCase(Base):
    __tablename__ = "defence_cases"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS!r}", name="kind_is_known"),
        CheckConstraint(f"state IN {STATES!r}", name="state_is_known"),
        CheckConstraint(f"instance IS NULL OR instance IN {INSTANCES!r}", name="instance_is_known"),
        CheckConstraint("kind <> 'lawsuit' OR instance IS NOT NULL", name="lawsuit_has_instance"),
        CheckConstraint(f"judgment_kind IS NULL OR judgment_kind IN {JUDGMENT_KINDS!r}",
                        name="judgment_kind_is_known"),
        CheckConstraint(f"outcome IS NULL OR outcome IN {RESPONDENT_OUTCOMES!r}", name="outcome_is_known"),
        CheckConstraint(f"appealed_by IN {APPEALED_BY!r}", name="appealed_by_is_known"),
        CheckConstraint("state <> 'concluded' OR concluded_on IS NOT NULL", name="concluded_has_date"),
        CheckConstraint("kind <> 'respondent' OR state <> 'concluded' OR outcome IS NOT NULL",
                        name="concluded_respondent_case_has_outcome"),
        UniqueConstraint("forum", "forum_number", name="one_number_per_forum"),
        Index("ix_defence_cases_kind_served_on", "kind", "served_on"),
        Index("ix_defence_cases_kind_concluded_on", "kind", "concluded_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="pending")
    # The court, or for a respondent case the higher reconsideration organ, and its case number.
    forum: Mapped[str] = mapped_column(String(200))
    forum_number: Mapped[str] = mapped_column(String(100))
    instance: Mapped[str | None] = mapped_column(String(20))
    procedure: Mapped[str] = mapped_column(String(20), default="ordinary")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("defence_cases.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # The agency whose act is disputed (board area, statistics by agency); None when only the organ.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    plaintiffs: Mapped[str] = mapped_column(Text)  # one name per line (原告 / 申请人)
    subject: Mapped[str] = mapped_column(Text)  # 案由: the act or decision disputed
    served_on: Mapped[date]  # complaint served (ALL 67) / copy of the application received (ARL 48)
    defence_filed_on: Mapped[date | None]  # defence and evidence / reply and evidence filed
    defence_late: Mapped[bool] = mapped_column(default=False)
    judgment_kind: Mapped[str | None] = mapped_column(String(20))
    concluded_on: Mapped[date | None]  # judgment or ruling made / higher organ's decision
    judgment_served_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(String(30))  # respondent cases: the decision type
    appealed_by: Mapped[str] = mapped_column(String(20), default="")
    appeal_filed_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # an officer's (0019)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}

    defendants = relationship("Defendant", back_populates="defence_case", order_by="Defendant.position",
                              cascade="all, delete-orphan")
    hearings = relationship("Hearing", order_by="Hearing.held_on", cascade="all, delete-orphan")
    recommendations = relationship("JudicialRecommendation", order_by="JudicialRecommendation.received_on",
                                   cascade="all, delete-orphan")
    officer = relationship("User", foreign_keys=[officer_id], lazy="joined")
    case = relationship("Case", foreign_keys=[case_id])

    @property
    def plaintiff_names(self) -> list[str]:
        return [name for name in (self.plaintiffs or "").splitlines() if name.strip()]


class Defendant(Base):
    """One defendant of a lawsuit and how the case ended for it: the loss rate counts the original
    agency and the reconsideration organ separately (DOMAIN.md, ALL 26)."""

    __tablename__ = "defence_defendants"
    __table_args__ = (
        CheckConstraint(f"role IN {DEFENDANT_ROLES!r}", name="role_is_known"),
        CheckConstraint(f"outcome IS NULL OR outcome IN {OUTCOMES!r}", name="outcome_is_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    defence_case_id: Mapped[int] = mapped_column(ForeignKey("defence_cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    outcome: Mapped[str | None] = mapped_column(String(30))

    defence_case = relationship("DefenceCase", back_populates="defendants")


class Hearing(Base):
    """A court hearing, and whether the agency head appeared (ALL 3; SPC rules 2020), or why not."""

    __tablename__ = "defence_hearings"
    __table_args__ = (
        CheckConstraint("head_appeared = false OR head_name <> ''", name="appearance_names_the_head"),
        CheckConstraint("head_appeared = true OR excuse <> ''", name="absence_has_excuse"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    defence_case_id: Mapped[int] = mapped_column(ForeignKey("defence_cases.id"), index=True)
    held_on: Mapped[date]
    head_appeared: Mapped[bool] = mapped_column(default=False)
    head_name: Mapped[str] = mapped_column(String(100), default="")
    head_title: Mapped[str] = mapped_column(String(100), default="")
    excuse: Mapped[str] = mapped_column(String(500), default="")


class JudicialRecommendation(Base):
    """A judicial recommendation (司法建议) the court sent, and the answer; the period to answer is
    the deadline row "recommendation_answer" (``deadline_rules``)."""

    __tablename__ = "judicial_recommendations"
    __table_args__ = (CheckConstraint("answered_on IS NULL OR answer <> ''", name="answer_has_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    defence_case_id: Mapped[int] = mapped_column(ForeignKey("defence_cases.id"), index=True)
    received_on: Mapped[date]
    content: Mapped[str] = mapped_column(Text)
    answered_on: Mapped[date | None]
    answer: Mapped[str] = mapped_column(Text, default="")
