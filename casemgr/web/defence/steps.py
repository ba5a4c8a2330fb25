"""The steps on a defence case's page: when each is offered, its form, and the service it calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casemgr.models import Role
from casemgr.services import defence_steps as s
from casemgr.web.defence import forms as f
from casemgr.web.form_versions import version_of


def _common(form, defence) -> dict:
    return {"actor": current_user, "defence_id": defence.id, "version": version_of(form)}


def _outcomes(defence) -> dict[int, str]:
    """The judgment form has one select per defendant, named ``outcome-<defendant id>``."""
    return {d.id: request.form.get(f"outcome-{d.id}", "") for d in defence.defendants}


@dataclass(frozen=True)
class Step:
    form: type
    call: Callable
    title: object
    button: object
    offered: Callable
    supervisor_only: bool = False


def _lawsuit(d) -> bool:
    return d.kind == "lawsuit"


STEPS: dict[str, Step] = {
    "defence": Step(f.FiledForm, lambda fm, d: s.defence_file(**_common(fm, d), on=fm.on.data),
                    _l("Defence and evidence filed"), _l("Record"),
                    lambda d, u: d.defence_filed_on is None and d.state == "pending"),
    "hearing": Step(f.HearingForm, lambda fm, d: s.lawsuit_add_hearing(
        **_common(fm, d), on=fm.on.data, head_appeared=fm.head_appeared.data,
        head_name=fm.head_name.data or "", head_title=fm.head_title.data or "", excuse=fm.excuse.data or ""),
        _l("Hearing held"), _l("Record the hearing"), lambda d, u: _lawsuit(d) and d.state == "pending"),
    "judgment": Step(f.JudgmentForm, lambda fm, d: s.lawsuit_record_judgment(
        **_common(fm, d), kind=fm.kind.data, on=fm.on.data, served_on=fm.served_on.data,
        outcomes=_outcomes(d)),
        _l("Judgment or ruling"), _l("Record the judgment"),
        lambda d, u: _lawsuit(d) and d.state == "pending"),
    "appeal": Step(f.AppealForm, lambda fm, d: s.lawsuit_record_appeal(**_common(fm, d), by=fm.by.data,
                                                                         on=fm.on.data),
                   _l("Appeal"), _l("Record"),
                   lambda d, u: _lawsuit(d) and d.state == "concluded" and d.instance == "first"
                   and d.judgment_kind in ("judgment", "ruling") and not d.appealed_by),
    "recommendation": Step(f.RecommendationForm, lambda fm, d: s.lawsuit_add_recommendation(
        **_common(fm, d), on=fm.on.data, content=fm.content.data or ""),
        _l("Judicial recommendation received"), _l("Record"), lambda d, u: _lawsuit(d)),
    "outcome": Step(f.OutcomeForm, lambda fm, d: s.respondent_record_outcome(
        **_common(fm, d), outcome=fm.outcome.data, on=fm.on.data),
        _l("Decision of the higher organ"), _l("Record the decision"),
        lambda d, u: d.kind == "respondent" and d.state == "pending"),
    "assign": Step(f.AssignOfficerForm, lambda fm, d: s.defence_assign(
        **_common(fm, d), officer_id=fm.officer.officer_id), _l("Officer"), _l("Assign"),
        lambda d, u: u.role == Role.SUPERVISOR.value, supervisor_only=True),
}


def answer_call(form, defence, recommendation_id: int):
    return s.lawsuit_answer_recommendation(**_common(form, defence), recommendation_id=recommendation_id,
                                           on=form.on.data, answer=form.answer.data or "")
