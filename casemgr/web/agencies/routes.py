"""Administration of the respondent agencies (被申请人) and officers' recusal links."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, FieldList, HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from casemgr.access import roles
from casemgr.domain.catalogues import MANAGEMENT_AREAS
from casemgr.extensions import db
from casemgr.models import Agency, AgencyLink, Role, User
from casemgr.queries.officers import officer_label
from casemgr.services.agencies import AgencyInput, agency_save
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.web.cases.forms import choices
from casemgr.web.form_errors import attach_problems
from casemgr.web.form_versions import version_seen
from casemgr.web.officers.field import OfficerField, fill_officer_fields

bp = Blueprint("agencies", __name__, url_prefix="/admin/agencies")


class AgencyForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    area = SelectField(_l("Management area"), validate_choice=False, choices=choices(MANAGEMENT_AREAS))
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    legal_representative = StringField(_l("Legal representative"), validators=[Optional(), Length(max=100)])
    active = BooleanField(_l("In use"), default=True)
    # Typed, as everywhere (web/officers): a former officer's link is shown and kept.
    officers = FieldList(OfficerField(_l("Officers linked to this agency (recusal)"), active_only=False),
                         min_entries=1, max_entries=50)


@bp.route("/")
@roles(Role.ADMIN)
def index():
    ordered = select(Agency).order_by(Agency.active.desc(), Agency.area, Agency.name)
    agencies = db.session.scalars(ordered).all()
    return render_template("agencies/list.html", agencies=agencies)


@bp.route("/new", methods=["GET", "POST"], defaults={"agency_id": None})
@bp.route("/<int:agency_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(agency_id: int | None):
    agency = db.session.get(Agency, agency_id) if agency_id else None
    if agency_id and agency is None:
        abort(404)
    form = AgencyForm(obj=agency)
    if request.method == "GET" and agency is not None:
        _show_links(form, agency)
    conflict, status = None, 200
    if form.validate_on_submit():
        data = AgencyInput(name=form.name.data, area=form.area.data, address=form.address.data or "",
                           legal_representative=form.legal_representative.data or "", active=form.active.data,
                           officer_ids=[entry.officer_id for entry in form.officers if entry.officer_id])
        try:
            agency_save(actor=current_user, data=data, agency_id=agency_id,
                        version=version_seen(form))
        except ConflictError as error:
            # What the admin typed stays in the form, the stored agency is shown above it, and the
            # form now holds the stored version: saving again replaces it knowingly.
            flash(error.message, "warning")
            conflict, status = agency, 409
            form.version.data = agency.version
        except ServiceError as error:
            attach_problems(form, {error.field or "": [error.message]})
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("agencies.index"))
    fill_officer_fields(form.officers, None)  # an empty field to link one more officer
    return render_template("agencies/edit.html", form=form, agency=agency, conflict=conflict,
                           stored_links=_linked(agency) if conflict else ()), status


def _linked(agency: Agency) -> list[str]:
    """The officers linked to the agency, as their fields show them."""
    linked = (select(User.display_name, User.username).join(AgencyLink, AgencyLink.user_id == User.id)
              .where(AgencyLink.agency_id == agency.id).order_by(AgencyLink.user_id))
    return [officer_label(*row) for row in db.session.execute(linked)]


def _show_links(form: AgencyForm, agency: Agency) -> None:
    fill_officer_fields(form.officers, _linked(agency))
