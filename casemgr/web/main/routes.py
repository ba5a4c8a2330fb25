"""The staff dashboard."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from casemgr import clock
from casemgr.access import logged_in

bp = Blueprint("main", __name__)


@bp.route("/dashboard")
@logged_in
def dashboard():
    return render_template("main/dashboard.html", user=current_user, today=clock.today())
