"""Defence figures for a period, aggregated in SQL: lawsuits received and concluded, loss rates
per defendant role, the agency-head appearance rate, reconsideration decisions that were sued,
respondent cases received and concluded. The statistics dashboard and ``casemgr stats`` read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, distinct, exists, func, select

from casemgr.domain.litigation import LOSING_OUTCOMES, DefenceFigures, defence_figures
from casemgr.domain.statistics import CORRECTION_TYPES
from casemgr.extensions import db
from casemgr.models import Case, DefenceCase, Defendant, Hearing, JudicialRecommendation

LOSING = tuple(o.value for o in LOSING_OUTCOMES)


@dataclass(frozen=True)
class LitigationFigures:
    start: date
    end: date
    lawsuits_received: int
    lawsuits_by_instance: dict[str, int]
    lawsuits_concluded: int
    lawsuits_pending_at_end: int
    defences_late: int
    recommendations_received: int
    recommendations_answered: int
    respondent_received: int
    respondent_concluded: int
    respondent_corrected: int
    rates: DefenceFigures


def _count(*conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(DefenceCase).where(*conditions)) or 0


def litigation_figures(start: date, end: date) -> LitigationFigures:
    """Received = papers served in the period; concluded = judgment, ruling or decision made in it."""
    lawsuit, respondent = DefenceCase.kind == "lawsuit", DefenceCase.kind == "respondent"
    served = DefenceCase.served_on.between(start, end)
    concluded = and_(DefenceCase.state == "concluded", DefenceCase.concluded_on.between(start, end))
    by_instance = dict(db.session.execute(select(DefenceCase.instance, func.count())
                                          .where(lawsuit, served).group_by(DefenceCase.instance)).all())
    per_role = {role: (int(lost or 0), int(total)) for role, lost, total in db.session.execute(
        select(Defendant.role, func.count().filter(Defendant.outcome.in_(LOSING)), func.count())
        .join(DefenceCase, Defendant.defence_case_id == DefenceCase.id)
        .where(lawsuit, concluded).group_by(Defendant.role))}
    lost_case = exists().where(Defendant.defence_case_id == DefenceCase.id, Defendant.outcome.in_(LOSING))
    heard_in_period = and_(Hearing.held_on.between(start, end))
    heard, appeared = db.session.execute(
        select(func.count(distinct(Hearing.defence_case_id)),
               func.count(distinct(Hearing.defence_case_id)).filter(Hearing.head_appeared.is_(True)))
        .where(heard_in_period)).one()
    decided = and_(Case.decision_date.between(start, end), Case.decision_type.is_not(None))
    # The sued cases' ids are few (one per lawsuit) and hashed once; each decided case is then one
    # lookup in that hash, in the same pass that counts the decisions.
    sued = Case.id.in_(select(DefenceCase.case_id).where(lawsuit, DefenceCase.case_id.is_not(None)))
    decisions, decisions_sued = (int(n or 0) for n in db.session.execute(
        select(func.count(), func.count().filter(sued)).select_from(Case).where(decided)).one())
    recommendations = db.session.execute(select(
        func.count().filter(JudicialRecommendation.received_on.between(start, end)),
        func.count().filter(JudicialRecommendation.answered_on.between(start, end)))).one()
    return LitigationFigures(
        start=start, end=end,
        lawsuits_received=sum(by_instance.values()),
        lawsuits_by_instance={k: int(v) for k, v in by_instance.items()},
        lawsuits_concluded=_count(lawsuit, concluded),
        lawsuits_pending_at_end=_count(lawsuit, DefenceCase.served_on <= end,
                                       DefenceCase.concluded_on.is_(None) | (DefenceCase.concluded_on > end)),
        defences_late=_count(lawsuit, served, DefenceCase.defence_late.is_(True)),
        recommendations_received=int(recommendations[0]),
        recommendations_answered=int(recommendations[1]),
        respondent_received=_count(respondent, served),
        respondent_concluded=_count(respondent, concluded),
        respondent_corrected=_count(respondent, concluded, DefenceCase.outcome.in_(tuple(CORRECTION_TYPES))),
        rates=defence_figures(cases=(_count(lawsuit, concluded, lost_case), _count(lawsuit, concluded)),
                              agency=per_role.get("agency", (0, 0)), organ=per_role.get("organ", (0, 0)),
                              heard=int(heard), head_appeared=int(appeared),
                              decisions=decisions, decisions_sued=decisions_sued),
    )
