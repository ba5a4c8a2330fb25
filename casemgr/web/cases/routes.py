"""Cases: registering an application, the case page, acceptance review, assignment, the lists."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.domain.workflow import allowed_actions
from casemgr.models import Role
from casemgr.queries.cases import (
    CaseFilters,
    agency_choices,
    case_get,
    case_list,
    case_page,
    case_visible,
    officer_choices,
)
from casemgr.services import acceptance
from casemgr.services.assignment import case_assign
from casemgr.services.case_base import facts_for
from casemgr.services.errors import ConflictError, ServiceError, ValidationError
from casemgr.services.intake import Application, case_register
from casemgr.web.cases.forms import (
    AssignForm,
    DatedStepForm,
    IntakeForm,
    ReasonStepForm,
    VersionOnlyForm,
    filled_parties,
    renumber_party_problems,
)
from casemgr.web.form_errors import attach_problems

bp = Blueprint("cases", __name__, url_prefix="/cases")
STAFF = (Role.OFFICER, Role.SUPERVISOR)

# step name -> (form class, service call, whether it takes a date, a reason)
STEPS = {
    "accept": (DatedStepForm, lambda f, c: acceptance.case_accept(
        actor=current_user, case_id=c.id, version=_version(f), on=f.on.data, note=f.note.data or "")),
    "not_accept": (ReasonStepForm, lambda f, c: acceptance.case_not_accept(
        actor=current_user, case_id=c.id, version=_version(f), on=f.on.data, reason=f.note.data or "")),
    "refer": (ReasonStepForm, lambda f, c: acceptance.case_refer(
        actor=current_user, case_id=c.id, version=_version(f), on=f.on.data, reason=f.note.data or "")),
    "request_supplement": (ReasonStepForm, lambda f, c: acceptance.case_request_supplement(
        actor=current_user, case_id=c.id, version=_version(f), on=f.on.data, items=f.note.data or "")),
    "supplement_received": (DatedStepForm, lambda f, c: acceptance.case_supplement_received(
        actor=current_user, case_id=c.id, version=_version(f), on=f.on.data, note=f.note.data or "")),
    "deem_accepted": (VersionOnlyForm, lambda f, c: acceptance.case_deem_accepted(
        actor=current_user, case_id=c.id, version=_version(f))),
    "deem_abandoned": (VersionOnlyForm, lambda f, c: acceptance.case_deem_abandoned(
        actor=current_user, case_id=c.id, version=_version(f))),
}


def _version(form) -> int:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return -1


def _visible_case(case_id: int):
    case = case_get(case_id)
    if case is None or not case_visible(current_user, case):
        abort(404)  # the same answer for "not there" and "not yours": ids are not to be guessed
    return case


@bp.route("/")
@roles(*STAFF)
def index():
    filters = CaseFilters(view=request.args.get("view", "mine"), state=request.args.get("state", ""),
                          respondent_id=request.args.get("respondent", type=int),
                          q=request.args.get("q", "")[:100], page=request.args.get("page", 1, type=int))
    return render_template("cases/list.html", result=case_list(current_user, filters), filters=filters,
                           agencies=agency_choices())


@bp.route("/new", methods=["GET", "POST"])
@roles(*STAFF)
def new():
    form = IntakeForm()
    form.respondent_id.choices = [(0, "—"), *agency_choices()]
    if request.method == "GET":
        form.received_on.data = clock.today()
        form.parties[0].role.data = "applicant"
    if form.validate_on_submit():
        rows = filled_parties(form)
        application = Application(
            respondent_id=form.respondent_id.data or None, channel=form.channel.data,
            received_on=form.received_on.data, act_type=form.act_type.data,
            act_number=form.act_number.data or "", act_date=form.act_date.data,
            act_known_on=form.act_known_on.data, act_summary=form.act_summary.data or "",
            requests=form.requests.data or "", procedure=form.procedure.data,
            told_of_right=form.told_of_right.data, real_property=form.real_property.data,
            parties=[party for _row, party in rows],
        )
        try:
            case = case_register(actor=current_user, application=application)
        except ValidationError as error:
            attach_problems(form, renumber_party_problems(error.problems, [row for row, _p in rows]))
            flash(_("Nothing was saved: correct the marked fields."), "danger")
        else:
            flash(_("Case %(number)s registered.", number=case.number), "success")
            if case.late:
                flash(_("The application seems to be past its period (ARL 20-21): decide whether a good "
                        "reason resumes it before accepting."), "warning")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/new.html", form=form)


@bp.route("/<int:case_id>")
@roles(*STAFF)
def show(case_id: int):
    case = _visible_case(case_id)
    return _render_case(case)


def _render_case(case, forms=None, status=200):
    page = case_page(case)
    actions = [a.value for a in allowed_actions(case.state, facts_for(case))]
    forms = forms or {}
    step_forms = {}
    for step, (form_class, _call) in STEPS.items():
        form = forms.get(step) or form_class(formdata=None)
        form.version.data = case.version
        if hasattr(form, "on") and form.on.data is None:
            form.on.data = clock.today()
        step_forms[step] = form
    assign_form = forms.get("assign") or AssignForm(formdata=None)
    assign_form.version.data = case.version
    # A form the user just sent stays on the page with their input, even if the step is no longer
    # possible (someone else moved the case meanwhile): nothing typed is lost.
    actions += [step for step in forms if step not in actions]
    return render_template("cases/show.html", page=page, case=case, actions=actions, step_forms=step_forms,
                           assign_form=assign_form, officers=officer_choices(),
                           assigned={a.user_id for a in case.assignments}), status


@bp.route("/<int:case_id>/steps/<step>", methods=["POST"])
@roles(*STAFF)
def step(case_id: int, step: str):
    case = _visible_case(case_id)
    if step not in STEPS:
        abort(404)
    form_class, call = STEPS[step]
    form = form_class()
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return _render_case(case, {step: form}, 422)
    try:
        call(form, case)
    except ConflictError as error:
        flash(error.message, "warning")
        fresh = case_get(case_id)
        return _render_case(fresh, {step: form}, 409)
    except ServiceError as error:
        flash(error.message, "danger")
        return _render_case(case_get(case_id), {step: form}, 422)
    flash(_("Saved."), "success")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.route("/<int:case_id>/assign", methods=["POST"])
@roles(Role.SUPERVISOR)
def assign(case_id: int):
    case = _visible_case(case_id)
    form = AssignForm()
    officer_ids = [int(v) for v in request.form.getlist("officers") if v.isdigit()]
    if not form.validate_on_submit():
        abort(400)
    try:
        case_assign(actor=current_user, case_id=case.id, version=_version(form), officer_ids=officer_ids)
    except ServiceError as error:
        flash(error.message, "danger")
        return _render_case(case_get(case_id), {"assign": form}, 422)
    flash(_("Officers assigned."), "success")
    return redirect(url_for("cases.show", case_id=case_id))
