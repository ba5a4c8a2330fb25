"""Defence work: lawsuits (行政应诉) and cases where the district government is the respondent."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.i18n import current_language
from casemgr.models import Role
from casemgr.queries.cases import case_get, case_visible
from casemgr.queries.defence import (
    DefenceFilters,
    defence_get,
    defence_list,
    defence_page,
    defence_visible,
    lawsuit_proposal,
)
from casemgr.queries.litigation_figures import litigation_figures
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from casemgr.services.errors import ConflictError, ServiceError, ValidationError
from casemgr.summary_cache import remembered
from casemgr.web.defence import forms as f
from casemgr.web.defence.labels import (
    APPEALED_BY_NAMES,
    AUDIT_NAMES,
    DEFENDANT_ROLE_NAMES,
    DEFENDANT_RULE_TEXTS,
    FIGURE_NAMES,
    INSTANCE_NAMES,
    JUDGMENT_KIND_NAMES,
    KIND_NAMES,
    OUTCOME_NAMES,
    STATE_NAMES,
)
from casemgr.web.defence.steps import STEPS, answer_call
from casemgr.web.form_errors import attach_problems
from casemgr.web.query_args import id_arg, record_id, year_arg

bp = Blueprint("defence", __name__, url_prefix="/litigation")
STAFF = (Role.OFFICER, Role.SUPERVISOR)
LABELS = {"KIND_NAMES": KIND_NAMES, "DEFENCE_STATES": STATE_NAMES, "INSTANCE_NAMES": INSTANCE_NAMES,
          "DEFENDANT_ROLE_NAMES": DEFENDANT_ROLE_NAMES, "JUDGMENT_KIND_NAMES": JUDGMENT_KIND_NAMES,
          "APPEALED_BY_NAMES": APPEALED_BY_NAMES, "OUTCOME_NAMES": OUTCOME_NAMES, "AUDIT_NAMES": AUDIT_NAMES,
          "FIGURE_NAMES": FIGURE_NAMES}


def _kind() -> str:
    kind = request.args.get("kind", "lawsuit")
    return kind if kind in KIND_NAMES else "lawsuit"


@bp.route("/")
@roles(*STAFF)
def index():
    kind = _kind()
    year = year_arg("year")
    figures_year = year or clock.today().year
    args = request.args
    # Supervisors watch every lawsuit; officers their own (defence_mine_clause).
    default_view = "all" if current_user.role == Role.SUPERVISOR.value else "mine"
    filters = DefenceFilters(kind=kind, view=args.get("view", default_view), state=args.get("state", ""),
                             year=year, q=args.get("q", "")[:100], page=args.get("page", 1, type=int))
    # The year's figures read every case decided in it (~80 ms at a million cases): up to a minute old.
    year_start, year_end = date(figures_year, 1, 1), date(figures_year, 12, 31)
    figures, _at = remembered(("litigation.figures", figures_year, clock.today()),
                              lambda: litigation_figures(year_start, year_end))
    args = {k: v for k, v in {"kind": kind, "view": filters.view, "state": filters.state, "year": year,
                              "q": filters.q}.items() if v}
    return render_template("defence/list.html", result=defence_list(current_user, filters), filters=filters,
                           args=args, figures=figures, figures_year=figures_year, **LABELS)


def _prefill_lawsuit(form: f.DefenceForm) -> str | None:
    """Fill the form from a reconsideration case or a first-instance lawsuit; returns the code that
    explains the proposed defendants (ALL 26), if any."""
    case_id, parent_id = id_arg("case_id"), id_arg("parent_id")
    rows: list[tuple[str, str]] = []
    code = None
    if parent_id:
        parent = defence_get(parent_id)
        if parent is None or parent.kind != "lawsuit" or not defence_visible(current_user, parent):
            abort(404)
        form.parent_id.data, form.case_id.data = parent.id, parent.case_id or ""
        form.instance.data = "second"
        form.plaintiffs.data, form.subject.data = parent.plaintiffs, parent.subject
        rows = [(d.name, d.role) for d in parent.defendants]
    elif case_id:
        case = case_get(case_id)
        if case is None or not case_visible(current_user, case):
            abort(404)
        proposal = lawsuit_proposal(case, clock.today())
        form.case_id.data = case.id
        form.plaintiffs.data, form.subject.data = "\n".join(proposal.plaintiffs), proposal.subject
        rows, code = proposal.defendants, proposal.rule_code
    for row, (name, role) in zip(form.defendants, rows, strict=False):
        row.form.name.data, row.form.role.data = name, role
    return code


def _int(value) -> int | None:
    """A hidden field's record id, None when empty, malformed or past any id (record_id)."""
    try:
        return record_id(value) or None
    except (TypeError, ValueError):
        return None


def _input(kind: str, form) -> DefenceInput:
    data = DefenceInput(kind=kind, forum=form.forum.data or "", forum_number=form.forum_number.data or "",
                        procedure=form.procedure.data if kind == "respondent" else "ordinary",
                        served_on=form.served_on.data,
                        plaintiffs=(form.plaintiffs.data or "").splitlines(), subject=form.subject.data or "",
                        officer_id=form.officer.officer_id, note=form.note.data or "")
    if kind == "lawsuit":
        data.instance = form.instance.data
        data.case_id, data.parent_id = _int(form.case_id.data), _int(form.parent_id.data)
        data.defendants = [DefendantInput(row.form.name.data or "", row.form.role.data)
                           for row in form.defendants]
    return data


@bp.route("/new", methods=["GET", "POST"])
@roles(*STAFF)
def new():
    kind = _kind()
    form = f.DefenceForm() if kind == "lawsuit" else f.RespondentForm()
    rule_code = None
    if request.method == "GET":
        form.served_on.data = clock.today()
        if current_user.role == Role.OFFICER.value:
            form.officer.show(current_user.id)
        if kind == "lawsuit":
            rule_code = _prefill_lawsuit(form)
        else:
            form.forum.data = current_app.config.get("HIGHER_ORGAN_NAME", "")
    if form.validate_on_submit():
        try:
            defence = defence_register(actor=current_user, data=_input(kind, form))
        except ValidationError as error:
            attach_problems(form, error.problems)
            flash(_("Nothing was saved: correct the marked fields."), "danger")
        else:
            flash(_("Case %(number)s registered.", number=defence.forum_number), "success")
            return redirect(url_for("defence.show", defence_id=defence.id))
    elif request.method == "POST":
        flash(_("Nothing was saved: correct the marked fields."), "danger")
    status = 422 if request.method == "POST" else 200
    return render_template("defence/new.html", form=form, kind=kind,
                           rule_text=DEFENDANT_RULE_TEXTS.get(rule_code), **LABELS), status


def _visible(defence_id: int):
    defence = defence_get(defence_id)
    if defence is None or not defence_visible(current_user, defence):
        abort(404)  # the same answer for "not there" and "not yours"
    return defence


@bp.route("/<int:defence_id>")
@roles(*STAFF)
def show(defence_id: int):
    return _render(_visible(defence_id))


def _render(defence, forms=None, status=200):
    forms = forms or {}
    step_forms = {}
    for name, step in STEPS.items():
        if not step.offered(defence, current_user):
            continue
        form = forms.get(name) or step.form(formdata=None)
        form.version.data = defence.version
        if getattr(form, "on", None) is not None and form.on.data is None and name != "appeal":
            form.on.data = clock.today()
        if name == "outcome":
            form.outcome.choices = [(code, d.zh if current_language() == "zh" else d.en)
                                    for code, d in DECISION_TYPES.items()]
        if name == "assign" and name not in forms:  # a form sent back shows what was typed
            form.officer.show(defence.officer_id)
        step_forms[name] = form
    answer_form = forms.get("answer") or f.AnswerForm(formdata=None)
    answer_form.version.data = defence.version
    if answer_form.on.data is None:
        answer_form.on.data = clock.today()
    return render_template("defence/show.html", page=defence_page(defence), defence=defence, steps=STEPS,
                           step_forms=step_forms, answer_form=answer_form, submitted=set(forms),
                           outcome_values=request.form if forms.get("judgment") else {}, **LABELS), status


def _run(defence_id: int, name: str, form, call):
    try:
        call()
    except ConflictError as error:
        flash(error.message, "warning")
        return _render(defence_get(defence_id), {name: form}, 409)
    except ServiceError as error:
        if error.field and hasattr(form, error.field):
            getattr(form, error.field).errors = [error.message]
        flash(error.message, "danger")
        return _render(defence_get(defence_id), {name: form}, 422)
    flash(_("Saved."), "success")
    return redirect(url_for("defence.show", defence_id=defence_id))


@bp.route("/<int:defence_id>/steps/<step>", methods=["POST"])
@roles(*STAFF)
def step(defence_id: int, step: str):
    defence = _visible(defence_id)
    if step not in STEPS:
        abort(404)
    if STEPS[step].supervisor_only and current_user.role != Role.SUPERVISOR.value:
        abort(403)
    form = STEPS[step].form()
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return _render(defence, {step: form}, 422)
    return _run(defence_id, step, form, lambda: STEPS[step].call(form, defence))


@bp.route("/<int:defence_id>/recommendations/<int:recommendation_id>/answer", methods=["POST"])
@roles(*STAFF)
def answer(defence_id: int, recommendation_id: int):
    defence = _visible(defence_id)
    form = f.AnswerForm()
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return _render(defence, {"answer": form}, 422)
    return _run(defence_id, "answer", form, lambda: answer_call(form, defence, recommendation_id))

