"""The public part: reachable without logging in. It shows published decisions and nothing else."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from casemgr.access import public
from casemgr.domain.catalogues import ACT_TYPES
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.queries.portal import PortalFilters, portal_decision, portal_respondents, portal_search

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def index():
    latest = portal_search(PortalFilters())
    return render_template("public/index.html", latest=latest.rows[:10], total=latest.total)


@bp.route("/decisions")
@public
def decisions():
    args = request.args
    filters = PortalFilters(q=args.get("q", "")[:50], year=args.get("year", type=int),
                            act_type=args.get("act_type", ""), decision_type=args.get("decision_type", ""),
                            respondent_id=args.get("respondent", type=int),
                            page=args.get("page", 1, type=int))
    return render_template("public/decisions.html", result=portal_search(filters), filters=filters,
                           act_types=ACT_TYPES, decision_types=DECISION_TYPES,
                           respondents=portal_respondents())


@bp.route("/decisions/<int:publication_id>")
@public
def decision(publication_id: int):
    row = portal_decision(publication_id)
    if row is None:
        abort(404)
    return render_template("public/decision.html", row=row)
