"""Administration of the respondent agencies (被申请人) and officers' recusal links."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional

from casemgr.access import roles
from casemgr.domain.catalogues import MANAGEMENT_AREAS
from casemgr.extensions import db
from casemgr.models import Agency, AgencyLink, Role
from casemgr.queries.cases import officer_choices
from casemgr.services.agencies import AgencyInput, agency_links_set, agency_save
from casemgr.services.errors import ServiceError
from casemgr.web.cases.forms import choices
from casemgr.web.form_errors import attach_problems

bp = Blueprint("agencies", __name__, url_prefix="/admin/agencies")


class AgencyForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    area = SelectField(_l("Management area"), validate_choice=False, choices=choices(MANAGEMENT_AREAS))
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    legal_representative = StringField(_l("Legal representative"), validators=[Optional(), Length(max=100)])
    active = BooleanField(_l("In use"), default=True)
    officers = SelectMultipleField(_l("Officers linked to this agency (recusal)"), coerce=int,
                                   validate_choice=False)


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
    form.officers.choices = officer_choices()
    if request.method == "GET" and agency is not None:
        form.officers.data = list(db.session.scalars(select(AgencyLink.user_id)
                                                     .where(AgencyLink.agency_id == agency.id)))
    if form.validate_on_submit():
        data = AgencyInput(name=form.name.data, area=form.area.data, address=form.address.data or "",
                           legal_representative=form.legal_representative.data or "", active=form.active.data)
        try:
            saved = agency_save(actor=current_user, data=data, agency_id=agency_id,
                                version=int(form.version.data) if form.version.data else None)
            agency_links_set(actor=current_user, agency_id=saved.id, officer_ids=form.officers.data or [])
        except ServiceError as error:
            attach_problems(form, {error.field or "": [error.message]})
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("agencies.index"))
    return render_template("agencies/edit.html", form=form, agency=agency)
