"""The deadline board: open deadlines by urgency (supervisors: all cases; officers: their own)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, stream_with_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.domain.catalogues import MANAGEMENT_AREAS, label
from casemgr.domain.deadline_rules import RULE_NAMES
from casemgr.exports import csv_chunks, xlsx_bytes
from casemgr.i18n import current_language
from casemgr.messages import DEADLINE_STATES, DEADLINE_STATUS
from casemgr.models import Role
from casemgr.queries.board import BoardFilters, board_export_rows, board_get
from casemgr.queries.calendar import work_calendar_get
from casemgr.queries.cases import officer_choices

bp = Blueprint("board", __name__, url_prefix="/board")
STAFF = (Role.OFFICER, Role.SUPERVISOR)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXPORT_HEADERS = (_l("State"), _l("Case number"), _l("Step"), _l("From"), _l("Due"), _l("provisional"),
                  _l("Officers"), _l("Respondent agency"), _l("Management area"))


def _filters_from_request() -> BoardFilters:
    args = request.args
    return BoardFilters(officer_id=args.get("officer", type=int), rule_code=args.get("rule", "")[:40],
                        area=args.get("area", "")[:40])


def _filter_args(filters: BoardFilters) -> dict:
    values = {"officer": filters.officer_id, "rule": filters.rule_code, "area": filters.area}
    return {k: v for k, v in values.items() if v}


@bp.route("/")
@roles(*STAFF)
def index():
    filters = _filters_from_request()
    board = board_get(current_user, filters, clock.today(), work_calendar_get())
    return render_template("board/index.html", board=board, filters=filters, args=_filter_args(filters),
                           rules=RULE_NAMES, officers=officer_choices(), areas=MANAGEMENT_AREAS)


@bp.route("/export.<fmt>")
@roles(*STAFF)
def export(fmt: str):
    """Every open and paused deadline the filters select, as CSV or Excel."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = _filters_from_request()
    language = current_language()
    statuses = {**DEADLINE_STATUS, "paused": DEADLINE_STATES["paused"]}
    headers = [str(h) for h in EXPORT_HEADERS]
    rows = ((str(statuses[status]), number, RULE_NAMES.get(rule, (rule, rule))[0 if language == "zh" else 1],
             start, due, provisional, officers, respondent, label(MANAGEMENT_AREAS, area, language))
            for status, number, rule, start, due, provisional, officers, respondent, area
            in board_export_rows(current_user, filters, clock.today(), work_calendar_get()))
    if fmt == "csv":
        response = Response(stream_with_context(csv_chunks(headers, rows)),
                            mimetype="text/csv; charset=utf-8")
    else:
        response = Response(xlsx_bytes(str(_l("Deadlines")), headers, rows), mimetype=XLSX_TYPE)
    stamp = clock.today().isoformat()
    response.headers["Content-Disposition"] = f"attachment; filename=deadlines-{stamp}.{fmt}"
    return response
