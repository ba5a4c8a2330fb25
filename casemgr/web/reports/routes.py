"""Publishing annual reports (年度报告): the staff page, and the public list and download."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from casemgr import clock
from casemgr.access import public, roles
from casemgr.extensions import db
from casemgr.models import AnnualReport, Role
from casemgr.services.annual_reports import annual_report_publish, annual_report_remove, annual_reports_list
from casemgr.services.attachments import file_store
from casemgr.services.errors import ServiceError
from casemgr.storage import content_disposition
from casemgr.web.form_errors import attach_problems

bp = Blueprint("reports", __name__)


class ReportForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(2000, 2200)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    file = FileField(_l("File (PDF, Word or OFD)"), validators=[FileRequired(_l("Choose a file."))])


@bp.route("/admin/annual-reports", methods=["GET", "POST"])
@roles(Role.SUPERVISOR, Role.ADMIN)
def manage():
    form = ReportForm()
    if form.year.data is None:
        form.year.data = clock.today().year
    if form.validate_on_submit():
        upload = form.file.data
        try:
            annual_report_publish(actor=current_user, year=form.year.data, title=form.title.data,
                                  stream=upload.stream, filename=upload.filename or "")
        except ServiceError as error:
            attach_problems(form, {error.field or "": [error.message]})
        else:
            flash(_("The report is published on the portal."), "success")
            return redirect(url_for("reports.manage"))
    return render_template("reports/manage.html", form=form, reports=annual_reports_list(),
                           remove_form=FlaskForm())


@bp.route("/admin/annual-reports/<int:report_id>/remove", methods=["POST"])
@roles(Role.SUPERVISOR, Role.ADMIN)
def remove(report_id: int):
    if FlaskForm().validate_on_submit():
        try:
            annual_report_remove(actor=current_user, report_id=report_id)
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("The report was taken off the portal."), "success")
    return redirect(url_for("reports.manage"))


@bp.route("/annual-reports")
@public
def index():
    return render_template("reports/public.html", reports=annual_reports_list())


@bp.route("/annual-reports/<int:report_id>")
@public
def download(report_id: int):
    report = db.session.get(AnnualReport, report_id) or abort(404)
    response = send_file(file_store().path(report.storage_name), mimetype=report.content_type)
    response.headers["Content-Disposition"] = content_disposition(report.original_name)
    return response
