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
from casemgr.web.cases.steps import version_of

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
    publication = publication_get(case.id)
    form, conflict, status = PrepareForm(), False, 200
    if request.method == "GET" and publication is not None:
        form.version.data = publication.version
        form.extra.data = "\n".join(publication.extra_redactions)
        form.kept.data = "\n".join(publication.kept_texts)
    if form.validate_on_submit():
        try:
            publication_prepare(actor=current_user, case_id=case.id,
                                extra_redactions=(form.extra.data or "").splitlines(),
                                kept_texts=(form.kept.data or "").splitlines(),
                                version=version_of(form) if form.version.data else None)
        except ConflictError as error:
            # The officer's lists stay in the form, the stored ones are shown beside them, and the
            # form now holds the stored version: saving again replaces it knowingly.
            flash(error.message, "warning")
            publication, conflict, status = publication_get(case.id), True, 409
            form.version.data = publication.version if publication is not None else ""
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("The public version is ready for review."), "success")
            return redirect(url_for("cases.publication", case_id=case.id))
    original = None
    if publication is not None:
        try:
            original = _marked(decision_text(case), publication.spans)
        except ServiceError:
            original = None
    action_form = PublicationActionForm(formdata=None)
    if publication is not None:
        action_form.version.data = publication.version
    typical_form = TypicalCaseForm(formdata=None, obj=typical_case_of(publication))
    return render_template("publication/review.html", case=case, publication=publication, form=form,
                           action_form=action_form, original=original, typical_form=typical_form,
                           supervisor=current_user.role == Role.SUPERVISOR.value, conflict=conflict), status


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
    if form.validate_on_submit() and (form.version.data or "").isdigit():
        try:
            ACTIONS[action](form, case)
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("Saved."), "success")
    return redirect(url_for("cases.publication", case_id=case.id))


@bp.route("/<int:case_id>/publication/typical", methods=["POST"])
@roles(Role.SUPERVISOR)
def typical_case(case_id: int):
    case = _visible_case(case_id)
    form = TypicalCaseForm()
    if form.validate_on_submit():
        try:
            typical_case_save(actor=current_user, case_id=case.id, title=form.title.data or "",
                              commentary=form.commentary.data or "")
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("Saved."), "success")
    return redirect(url_for("cases.publication", case_id=case.id))
