"""Read side of defence work: who sees which lawsuit, the lists, the case page, and the lawsuit a
reconsideration case would give rise to (plaintiffs, defendants per ALL 26, subject)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import Integer, bindparam, exists, func, or_, select, union_all
from sqlalchemy.orm import selectinload

from casemgr.domain.litigation import propose_defendants
from casemgr.extensions import db
from casemgr.models import AuditEntry, Case, CaseAssignment, Deadline, DefenceCase, Role, User
from casemgr.queries.among import among, among_selected, ids_if_few
from casemgr.queries.built import built
from casemgr.queries.paging import Page, paginate

PAGE_SIZE = 50


def defence_mine_clause(user: User):
    """An officer's defence cases: assigned to them, registered by them, or about a
    reconsideration case assigned to them (they know the file)."""
    return or_(DefenceCase.officer_id == user.id, DefenceCase.created_by_id == user.id,
               exists().where(CaseAssignment.case_id == DefenceCase.case_id,
                              CaseAssignment.user_id == user.id))


def defence_ids_mine_select(who):
    """A select of the ids of an officer's defence cases (``who``: their id, or a bind parameter
    for a kept statement), as defence_mine_clause says, one select per index (officer, creator,
    case: an OR of the three makes the planner read every defence case, 41 ms for an officer's list
    at 1M cases). The cases: those assigned to them that the database flags as having a defence
    case (migration 0027), from that index: a few of their ~1,000, not each probed (~2.5 ms)."""
    cases = select(CaseAssignment.case_id).where(CaseAssignment.user_id == who, CaseAssignment.has_defence)
    return union_all(select(DefenceCase.id).where(DefenceCase.officer_id == who),
                     select(DefenceCase.id).where(DefenceCase.created_by_id == who),
                     select(DefenceCase.id).where(among_selected(DefenceCase.case_id, cases)))


def defence_ids_mine(user: User) -> list[int] | None:
    """Those ids (defence_ids_mine_select), None when too many to name."""
    return ids_if_few(defence_ids_mine_select(user.id))


def defence_visible(user: User, defence: DefenceCase) -> bool:
    if user.role == Role.SUPERVISOR.value:
        return True
    if user.role != Role.OFFICER.value:
        return False
    if user.id in (defence.officer_id, defence.created_by_id):
        return True
    return defence.case_id is not None and db.session.scalar(select(exists().where(
        CaseAssignment.case_id == defence.case_id, CaseAssignment.user_id == user.id))) is True


def defence_get(defence_id: int) -> DefenceCase | None:
    return db.session.get(DefenceCase, defence_id, options=[
        selectinload(DefenceCase.defendants), selectinload(DefenceCase.hearings),
        selectinload(DefenceCase.recommendations)])


@dataclass(frozen=True)
class DefenceFilters:
    kind: str = "lawsuit"
    view: str = "mine"  # mine | all (supervisors)
    state: str = ""
    year: int | None = None  # served in that year
    q: str = ""
    page: int = 1


def defence_list(user: User, filters: DefenceFilters) -> Page:
    next_due = (select(func.min(Deadline.due_on)).where(Deadline.defence_case_id == DefenceCase.id,
                                                        Deadline.state == "open")
                .correlate(DefenceCase).scalar_subquery())
    query = select(DefenceCase, next_due.label("next_due")).where(DefenceCase.kind == filters.kind)
    if user.role != Role.SUPERVISOR.value or filters.view == "mine":
        ids = defence_ids_mine(user)
        query = query.where(among(DefenceCase.id, ids) if ids is not None else defence_mine_clause(user))
    if filters.state:
        query = query.where(DefenceCase.state == filters.state)
    if filters.year:
        year = (date(filters.year, 1, 1), date(filters.year, 12, 31))
        query = query.where(DefenceCase.served_on.between(*year))
    if filters.q:
        like = f"%{filters.q}%"
        query = query.where(or_(DefenceCase.forum_number.ilike(like), DefenceCase.plaintiffs.ilike(like),
                                DefenceCase.subject.ilike(like), DefenceCase.forum.ilike(like)))
    return paginate(query, filters.page, PAGE_SIZE, DefenceCase.served_on.desc(), DefenceCase.id.desc())


@dataclass(frozen=True)
class DefencePage:
    defence: DefenceCase
    deadlines: list[Deadline]
    history: list[tuple[AuditEntry, str]]
    linked_case: Case | None
    parent: DefenceCase | None
    children: list[DefenceCase]


def defence_page(defence: DefenceCase) -> DefencePage:
    deadlines = db.session.scalars(select(Deadline).where(Deadline.defence_case_id == defence.id)
                                   .order_by(Deadline.due_on, Deadline.id)).all()
    history = db.session.execute(select(AuditEntry, User.display_name)
                                 .outerjoin(User, AuditEntry.actor_id == User.id)
                                 .where(AuditEntry.object_type == "DefenceCase",
                                        AuditEntry.object_id == str(defence.id))
                                 .order_by(AuditEntry.id)).all()
    children = db.session.scalars(select(DefenceCase).where(DefenceCase.parent_id == defence.id)
                                  .order_by(DefenceCase.id)).all()
    return DefencePage(defence, list(deadlines), [tuple(r) for r in history],
                       db.session.get(Case, defence.case_id) if defence.case_id else None,
                       db.session.get(DefenceCase, defence.parent_id) if defence.parent_id else None,
                       list(children))


@dataclass(frozen=True)
class LawsuitProposal:
    """What "record a lawsuit" fills in from a reconsideration case; the officer confirms it."""

    case_id: int
    plaintiffs: list[str]
    defendants: list[tuple[str, str]]  # (name, role)
    subject: str
    rule_code: str  # explains the defendants (domain.litigation.DEFENDANT_EXPLANATIONS)


def lawsuit_proposal(case: Case, today: date) -> LawsuitProposal:
    """ALL 26: after reconsideration, the defendants follow the decision; with no decision made in
    time, the plaintiff chooses (the original agency proposed)."""
    organ = current_app.config["ORGAN_NAME"]
    late = case.decision_type is None and db.session.scalar(select(exists().where(
        Deadline.case_id == case.id, Deadline.rule_code == "decision",
        or_(Deadline.state == "missed", (Deadline.state == "open") & (Deadline.due_on < today))))) is True
    names, code = propose_defendants(case.decision_type, original_agency=case.respondent.name, organ=organ,
                                     organ_decided_in_time=not late)
    defendants = [(name, "organ" if name == organ else "agency") for name in names]
    plaintiffs = [p.name for p in case.parties if p.role == "applicant"]
    subject = "；".join(part for part in (case.act_number, case.act_summary) if part) or case.number
    return LawsuitProposal(case.id, plaintiffs, defendants, f"{subject}（{case.number}）", code)


def lawsuits_of_case(case_id: int) -> list[DefenceCase]:
    statement = built(("lawsuits_of_case",), lambda: (
        select(DefenceCase).where(DefenceCase.case_id == bindparam("case_id", type_=Integer))
        .order_by(DefenceCase.served_on, DefenceCase.id)))
    return list(db.session.scalars(statement, {"case_id": case_id}))
