"""The bell: a user's notifications, marked read one by one or all at once."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from casemgr.access import logged_in
from casemgr.services.notifications import notification_list, notifications_mark_read

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@logged_in
def index():
    notes = notification_list(current_user)
    return render_template("notifications/index.html", notes=notes, form=FlaskForm())


@bp.route("/<int:notification_id>/read", methods=["POST"])
@logged_in
def read(notification_id: int):
    if FlaskForm().validate_on_submit():
        notifications_mark_read(user=current_user, notification_id=notification_id)
    return redirect(url_for("notifications.index"))


@bp.route("/read-all", methods=["POST"])
@logged_in
def read_all():
    if FlaskForm().validate_on_submit():
        notifications_mark_read(user=current_user)
    return redirect(url_for("notifications.index"))
