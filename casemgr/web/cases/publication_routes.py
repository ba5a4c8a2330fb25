"""Preparing, approving, withholding and withdrawing the public version of a decision."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from casemgr.access import roles
from casemgr.models import Role
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.publication import (
    decision_text,
    publication_approve,
    publication_get,
    publication_prepare,
    publication_submit,
    publication_withdraw,
    publication_withhold,
    typical_case_of,
    typical_case_save,
)
from casemgr.web.cases.routes import STAFF, _visible_case, bp
from casemgr.web.form_versions import version_of, version_seen

WITHHOLD_CHOICES = [("state_secret", _l("State secret")), ("trade_secret", _l("Trade secret")),
                    ("privacy", _l("Privacy")), ("other", _l("Other"))]


class PrepareForm(FlaskForm):
    version = HiddenField()  # the public version's, empty while there is none
    extra = TextAreaField(_l("Also redact (one text per line)"), validators=[Optional(), Length(max=5000)])
    kept = TextAreaField(_l("Do not redact (one text per line)"), validators=[Optional(), Length(max=5000)])


class PublicationActionForm(FlaskForm):
    version = HiddenField()
    reason = SelectField(_l("Reason"), choices=WITHHOLD_CHOICES, validate_choice=False)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class TypicalCaseForm(FlaskForm):
    version = HiddenField()  # the typical case's, empty while there is none
    title = StringField(_l("Title of the typical case"), validators=[Optional(), Length(max=200)])
    commentary = TextAreaField(_l("Commentary"), validators=[Optional(), Length(max=20000)])


def _marked(text: str, spans: list[dict]) -> list[tuple[str, dict | None]]:
    """The original text cut into plain pieces and redacted pieces, for highlighting."""
    pieces, cursor = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        pieces.append((text[cursor:span["start"]], None))
        pieces.append((text[span["start"]:span["end"]], span))
        cursor = span["end"]
    pieces.append((text[cursor:], None))
    return [p for p in pieces if p[0]]


@bp.route("/<int:case_id>/publication", methods=["GET", "POST"])
@roles(*STAFF)
def publication(case_id: int):
    case = _visible_case(case_id)
    if request.method == "GET":
        return _page(case)
    form = PrepareForm()
    status = _run(lambda: publication_prepare(
        actor=current_user, case_id=case.id, extra_redactions=(form.extra.data or "").splitlines(),
        kept_texts=(form.kept.data or "").splitlines(), version=version_seen(form)), form,
        _("The public version is ready for review."))
    return _page(case, form, status) if status else _back(case)


def _who(form, case) -> dict:
    return {"actor": current_user, "case_id": case.id, "version": version_of(form)}


ACTIONS = {
    "submit": lambda f, c: publication_submit(**_who(f, c)),
    "approve": lambda f, c: publication_approve(**_who(f, c)),
    "withhold": lambda f, c: publication_withhold(**_who(f, c), reason=f.reason.data, note=f.note.data or ""),
    "withdraw": lambda f, c: publication_withdraw(**_who(f, c), reason=f.note.data or ""),
}


@bp.route("/<int:case_id>/publication/<action>", methods=["POST"])
@roles(*STAFF)
def publication_action(case_id: int, action: str):
    case = _visible_case(case_id)
    if action not in ACTIONS:
        abort(404)
    form = PublicationActionForm()
    status = _run(lambda: ACTIONS[action](form, case), form, _("Saved."))
    return _page(case, form, status) if status else _back(case)


@bp.route("/<int:case_id>/publication/typical", methods=["POST"])
@roles(Role.SUPERVISOR)
def typical_case(case_id: int):
    case = _visible_case(case_id)
    form = TypicalCaseForm()
    status = _run(lambda: typical_case_save(
        actor=current_user, case_id=case.id, title=form.title.data or "",
        commentary=form.commentary.data or "", version=version_seen(form)), form, _("Saved."))
    return _page(case, form, status) if status else _back(case)


def _run(call, form, done: str) -> int | None:
    """Validate the posted ``form`` and call the service. None when it went through; otherwise the
    status of the page that shows the form again with the user's entries (409 for a conflict)."""
    if not form.validate_on_submit():
        flash(_("Nothing was saved: correct the marked fields."), "danger")
        return 422
    try:
        call()
    except ConflictError as error:
        flash(error.message, "warning")
        return 409
    except ServiceError as error:
        flash(error.message, "danger")
        return 422
    flash(done, "success")
    return None


def _back(case):
    return redirect(url_for("cases.publication", case_id=case.id))


def _page(case, posted: FlaskForm | None = None, status: int = 200):
    """The review page. The form the user posted is shown as they filled it in; after a conflict
    (409) it takes the stored version, shown beside it, so that saving again replaces it knowingly."""
    publication = publication_get(case.id)
    typical = typical_case_of(publication)
    version = publication.version if publication is not None else ""
    form = posted if isinstance(posted, PrepareForm) else PrepareForm(formdata=None, version=version)
    if form is not posted and publication is not None:
        form.extra.data = "\n".join(publication.extra_redactions)
        form.kept.data = "\n".join(publication.kept_texts)
    action_form = (posted if isinstance(posted, PublicationActionForm)
                   else PublicationActionForm(formdata=None, version=version))
    typical_form = (posted if isinstance(posted, TypicalCaseForm)
                    else TypicalCaseForm(formdata=None, obj=typical))
    if status == 409:
        stored = typical if posted is typical_form else publication
        posted.version.data = stored.version if stored is not None else ""
    original = None
    if publication is not None:
        try:
            original = _marked(decision_text(case), publication.spans)
        except ServiceError:
            original = None
    return render_template("publication/review.html", case=case, publication=publication, form=form,
                           action_form=action_form, original=original, typical_form=typical_form,
                           typical=typical, supervisor=current_user.role == Role.SUPERVISOR.value,
                           conflict=type(posted).__name__ if status == 409 else None), status
