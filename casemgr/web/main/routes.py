"""The staff dashboard."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from casemgr import clock
from casemgr.access import logged_in
from casemgr.models import Role
from casemgr.queries.calendar import work_calendar_get
from casemgr.queries.dashboard import dashboard_get

bp = Blueprint("main", __name__)


@bp.route("/dashboard")
@logged_in
def dashboard():
    summary = None
    if current_user.role in (Role.OFFICER.value, Role.SUPERVISOR.value):
        summary = dashboard_get(current_user, clock.today(), work_calendar_get())
    return render_template("main/dashboard.html", user=current_user, today=clock.today(), summary=summary)
