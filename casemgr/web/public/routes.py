"""The public part: reachable without logging in. It shows published decisions and nothing else."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from casemgr.access import public
from casemgr.domain.catalogues import ACT_TYPES
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.queries.portal import (
    PortalFilters,
    portal_decision,
    portal_respondents,
    portal_search,
    portal_typical_cases,
    publication_counts,
)
from casemgr.summary_cache import remembered
from casemgr.web.query_args import id_arg, year_arg

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def index():
    latest = portal_search(PortalFilters())
    return render_template("public/index.html", latest=latest.rows[:10], total=latest.total,
                           counts=remembered(("portal.publication_counts",), publication_counts)[0])


@bp.route("/typical-cases")
@public
def typical_cases():
    return render_template("public/typical_cases.html", cases=portal_typical_cases())


def _filters() -> PortalFilters:
    args = request.args
    return PortalFilters(q=args.get("q", "")[:50], year=year_arg("year"),
                         act_type=args.get("act_type", ""), decision_type=args.get("decision_type", ""),
                         respondent_id=id_arg("respondent"), page=args.get("page", 1, type=int))


@bp.route("/decisions")
@public
def decisions():
    filters = _filters()
    # The agencies with a published decision, kept a minute (a tuple: its options render once).
    respondents = remembered(("portal.respondents",), lambda: tuple(portal_respondents()))[0]
    return render_template("public/decisions.html", result=portal_search(filters), filters=filters,
                           act_types=ACT_TYPES, decision_types=DECISION_TYPES, respondents=respondents)


@bp.route("/decisions/<int:publication_id>")
@public
def decision(publication_id: int):
    row = portal_decision(publication_id)
    if row is None:
        abort(404)
    return render_template("public/decision.html", row=row)


def _item(row, *, with_text: bool = False) -> dict:
    item = {
        "id": row.id,
        "title": row.title,
        "url": url_for("public.decision", publication_id=row.id, _external=True),
        "respondent": row.respondent,
        "act_type": row.act_type,
        "decision_type": row.decision_type,
        "decision_date": row.decision_date.isoformat() if row.decision_date else None,
        "published_at": row.published_at.isoformat() if row.published_at else None,
    }
    if with_text:
        item["text"] = row.public_text
    return item


@bp.route("/api/decisions")
@public
def api_decisions():
    """JSON list of published decisions; the same filters as the portal (docs/publication.md)."""
    result = portal_search(_filters())
    return jsonify({"total": result.total, "page": result.page, "pages": result.pages,
                    "items": [_item(row) for row in result.rows]})


@bp.route("/api/decisions/<int:publication_id>")
@public
def api_decision(publication_id: int):
    row = portal_decision(publication_id)
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(_item(row, with_text=True))


@bp.route("/feed.atom")
@public
def feed():
    """Atom feed of the latest published decisions (an .xml template, so Jinja escapes it)."""
    rows = portal_search(PortalFilters()).rows
    body = render_template("public/feed.xml", rows=rows, updated=rows[0].published_at if rows else None)
    return Response(body, mimetype="application/atom+xml")
