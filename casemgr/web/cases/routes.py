"""Cases: registering an application, the case page, acceptance review, assignment, the lists."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.domain.catalogues import ACT_TYPES, MANAGEMENT_AREAS
from casemgr.domain.workflow import allowed_actions
from casemgr.models import Role
from casemgr.queries.cases import (
    CaseFilters,
    agency_choices,
    agency_filter_choices,
    case_get,
    case_list,
    case_page,
    case_visible,
)
from casemgr.queries.documents import DOCUMENT_NAMES, documents_available
from casemgr.queries.officers import officer_label
from casemgr.services.assignment import case_assign
from casemgr.services.case_base import facts_for
from casemgr.services.decisions import (
    DecisionDraft,
    case_record_service,
    case_save_decision_draft,
)
from casemgr.services.errors import ConflictError, ServiceError, ValidationError
from casemgr.services.intake import Application, case_register
from casemgr.web.cases.forms import (
    AssignForm,
    AttachmentForm,
    DecisionDraftForm,
    IntakeForm,
    ServiceForm,
    filled_parties,
    renumber_party_problems,
)
from casemgr.web.cases.rows import case_rows
from casemgr.web.cases.steps import STEPS
from casemgr.web.form_errors import attach_problems
from casemgr.web.form_versions import version_of
from casemgr.web.officers.field import fill_officer_fields
from casemgr.web.officers.pick import OfficerPick, officer_pick
from casemgr.web.query_args import id_arg

bp = Blueprint("cases", __name__, url_prefix="/cases")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STAFF = (Role.OFFICER, Role.SUPERVISOR)

def _visible_case(case_id: int):
    case = case_get(case_id)
    if case is None or not case_visible(current_user, case):
        abort(404)  # the same answer for "not there" and "not yours": ids are not to be guessed
    return case


@bp.route("/")
@roles(*STAFF)
def index():
    pick = officer_pick(request.args.get("officer"))
    filters = _filters_from_request(pick)
    args = filter_args(filters)
    others = {name: value for name, value in args.items() if name != "officer"}
    return render_template("cases/list.html", result=case_list(current_user, filters), filters=filters,
                           args=args, others=others,
                           pick=pick, agencies=agency_filter_choices(),
                           supervisor=current_user.role == Role.SUPERVISOR.value,
                           areas=MANAGEMENT_AREAS, act_types=ACT_TYPES, case_rows=case_rows)


def _date_arg(name: str):
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None  # a malformed date in a URL filters nothing rather than failing


def _filters_from_request(pick: OfficerPick | None = None) -> CaseFilters:
    """The list's filters; the officer as ``pick`` found them (else from the request: typed, or an id)."""
    args = request.args
    pick = pick or officer_pick(args.get("officer"))
    return CaseFilters(view=args.get("view", "mine"), state=args.get("state", ""),
                       respondent_id=id_arg("respondent"), q=args.get("q", "")[:100],
                       area=args.get("area", ""), act_type=args.get("act_type", ""),
                       officer_id=pick.officer_id, received_from=_date_arg("from"),
                       received_to=_date_arg("to"), overdue=args.get("overdue") == "1", today=clock.today(),
                       page=args.get("page", 1, type=int), decided_from=_date_arg("decided_from"),
                       decided_to=_date_arg("decided_to"), decision=args.get("decision", "")[:30],
                       correction_types=_correction_types(args.get("decision", "")),
                       channel=args.get("channel", "")[:20], procedure=args.get("procedure", "")[:20],
                       before=args.get("before", "")[:40])


def _correction_types(decision: str) -> tuple[str, ...]:
    if decision != "correction":
        return ()
    from casemgr.services.statistics import definitions_get

    return tuple(sorted(definitions_get().correction_types))


def filter_args(filters: CaseFilters) -> dict:
    """The filters as URL arguments (for paging and export links)."""
    values = {"view": filters.view, "state": filters.state, "respondent": filters.respondent_id,
              "q": filters.q, "area": filters.area, "act_type": filters.act_type,
              "officer": filters.officer_id, "from": filters.received_from, "to": filters.received_to,
              "overdue": "1" if filters.overdue else "", "decided_from": filters.decided_from,
              "decided_to": filters.decided_to, "decision": filters.decision, "channel": filters.channel,
              "procedure": filters.procedure}
    return {k: v for k, v in values.items() if v}


@bp.route("/new", methods=["GET", "POST"])
@roles(*STAFF)
def new():
    form = IntakeForm()
    # a tuple: its options are rendered once while the agencies stay the same (_form.html long_select)
    form.respondent_id.choices = ((0, "—"), *agency_choices())
    if request.method == "GET":
        form.received_on.data = clock.today()
        form.parties[0].role.data = "applicant"
    if form.validate_on_submit():
        rows = filled_parties(form)
        application = Application(
            respondent_id=form.respondent_id.data or None, area=form.area.data or None,
            channel=form.channel.data,
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
    page = case_page(case_id)
    if page is None or not case_visible(current_user, page.case):
        abort(404)  # as _visible_case
    return _render_page(page)


def _render_case(case_id: int, forms=None, status=200):
    """The case page again, with the forms the user sent (a refused step: nothing typed is lost)."""
    page = case_page(case_id)
    if page is None:
        abort(404)
    return _render_page(page, forms, status)


def _render_page(page, forms=None, status=200):
    case, decision = page.case, page.decision
    # Offer the steps whose guards pass with what the forms will supply (the draft's type, a date).
    due = {d.rule_code: d.due_on for d in page.deadlines if d.state in ("open", "paused")}
    facts = facts_for(case, decision_type=decision.decision_type if decision else None,
                      decision_date=clock.today(), reason="-", suspension_ground="other",
                      acceptance_review_due=due.get("acceptance_review"),
                      supplement_reply_due=due.get("supplement_reply"))
    actions = [a.value for a in allowed_actions(case.state, facts)]
    forms = forms or {}
    supervisor = current_user.role == Role.SUPERVISOR.value
    actions = [a for a in actions if a in STEPS and (supervisor or not STEPS[a].supervisor_only)]
    step_forms = {}
    for step in {*actions, *forms} & set(STEPS):
        form = forms.get(step) or STEPS[step].form(formdata=None)
        form.version.data = case.version
        if hasattr(form, "on") and form.on.data is None:
            form.on.data = clock.today()
        step_forms[step] = form
    # Only the forms the page shows are built (the template's conditions): a decided case's page
    # has no draft form, an officer's no assignment form.
    assign_form = draft_form = service_form = None
    if supervisor:
        assign_form = forms.get("assign") or AssignForm(formdata=None)
        assign_form.version.data = case.version
        # What the user sent (a refused assignment), else the case's officers; two fields at least
        # (the ordinary procedure's two).
        fill_officer_fields(assign_form.officers, None if "assign" in forms else [
            officer_label(a.user.display_name, a.user.username) for a in case.assignments], at_least=2)
    if case.state == "accepted":
        draft_form = forms.get("decision") or DecisionDraftForm(formdata=None, obj=decision)
        draft_form.version.data = case.version
    if case.state == "decided":
        service_form = forms.get("service") or ServiceForm(formdata=None)
        service_form.version.data = case.version
        service_form.party_id.choices = [(p.id, p.name) for p in case.parties]
        if service_form.on.data is None:
            service_form.on.data = clock.today()
    # A form the user just sent stays on the page with their input, even if the step is no longer
    # possible (someone else moved the case meanwhile): nothing typed is lost.
    actions += [step for step in forms if step not in actions]
    attachment_form = forms.get("attachment") or AttachmentForm(formdata=None)
    return render_template("cases/show.html", page=page, case=case, documents=documents_available(
                               case, [event for event, _name in page.events], decision),
                           attachment_form=attachment_form, attachments=page.attachments,
                           DOCUMENT_NAMES=DOCUMENT_NAMES, actions=actions, step_forms=step_forms,
                           steps=STEPS, submitted=set(forms), assign_form=assign_form,
                           decision=decision,
                           draft_form=draft_form, service_form=service_form,
                           lawsuits=page.lawsuits), status


@bp.route("/<int:case_id>/steps/<step>", methods=["POST"])
@roles(*STAFF)
def step(case_id: int, step: str):
    case = _visible_case(case_id)
    if step not in STEPS:
        abort(404)
    form = STEPS[step].form()
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return _render_case(case_id, {step: form}, 422)
    return _run(case_id, step, form, lambda: STEPS[step].call(form, case))


def _run(case_id: int, name: str, form, call):
    """Call the service; on refusal show the case again with the user's input kept in ``form``."""
    try:
        call()
    except ConflictError as error:
        flash(error.message, "warning")
        return _render_case(case_id, {name: form}, 409)
    except ServiceError as error:
        if error.field and hasattr(form, error.field):
            getattr(form, error.field).errors = [error.message]
        flash(error.message, "danger")
        return _render_case(case_id, {name: form}, 422)
    flash(_("Saved."), "success")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.route("/<int:case_id>/decision", methods=["POST"])
@roles(*STAFF)
def decision_draft(case_id: int):
    case = _visible_case(case_id)
    form = DecisionDraftForm()
    if not form.validate_on_submit():
        return _render_case(case_id, {"decision": form}, 422)
    draft = DecisionDraft(**{name: getattr(form, name).data or "" for name in vars(DecisionDraft())
                             if name != "withdrawn_after_correction"},
                          withdrawn_after_correction=bool(form.withdrawn_after_correction.data))
    return _run(case_id, "decision", form, lambda: case_save_decision_draft(
        actor=current_user, case_id=case.id, version=version_of(form), draft=draft))


@bp.route("/<int:case_id>/service", methods=["POST"])
@roles(*STAFF)
def service(case_id: int):
    case = _visible_case(case_id)
    form = ServiceForm()
    form.party_id.choices = [(p.id, p.name) for p in case.parties]
    if not form.validate_on_submit():
        return _render_case(case_id, {"service": form}, 422)
    return _run(case_id, "service", form, lambda: case_record_service(
        actor=current_user, case_id=case.id, version=version_of(form), party_id=form.party_id.data,
        on=form.on.data, method=form.method.data or ""))


@bp.route("/<int:case_id>/assign", methods=["POST"])
@roles(Role.SUPERVISOR)
def assign(case_id: int):
    case = _visible_case(case_id)
    form = AssignForm()
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return _render_case(case_id, {"assign": form}, 422)
    officer_ids = [field.officer_id for field in form.officers if field.officer_id]
    return _run(case_id, "assign", form, lambda: case_assign(
        actor=current_user, case_id=case.id, version=version_of(form), officer_ids=officer_ids))
