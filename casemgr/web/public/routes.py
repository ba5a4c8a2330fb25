"""The public part: reachable without logging in."""

from __future__ import annotations

from flask import Blueprint, render_template

from casemgr.access import public

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def index():
    return render_template("public/index.html")
