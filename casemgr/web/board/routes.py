"""The deadline board: open deadlines by urgency (supervisors: all cases; officers: their own)."""

from __future__ import annotations

import functools

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casemgr import clock
from casemgr.access import Viewer, roles
from casemgr.domain.catalogues import MANAGEMENT_AREAS, label, labelled
from casemgr.domain.deadline_rules import RULE_NAMES
from casemgr.i18n import current_language
from casemgr.messages import DEADLINE_STATES, DEADLINE_STATUS
from casemgr.models import Role
from casemgr.queries.board import OFFICERS_SHOWN, BoardFilters, board_export_rows, board_get
from casemgr.queries.calendar import work_calendar_get
from casemgr.web.board.rows import board_rows, officer_rows
from casemgr.web.officers.pick import OfficerPick, officer_pick
from casemgr.web.tables import FORMATS, table_download

bp = Blueprint("board", __name__, url_prefix="/board")
STAFF = (Role.OFFICER, Role.SUPERVISOR)

EXPORT_HEADERS = (_l("State"), _l("Case number"), _l("Step"), _l("From"), _l("Due"), _l("provisional"),
                  _l("Officers"), _l("Respondent agency"), _l("Management area"))


def _filters_from_request() -> tuple[BoardFilters, OfficerPick]:
    """The filters, and the officer the officer field names (typed, or an id from a link)."""
    args = request.args
    pick = officer_pick(args.get("officer"))
    area = args.get("area", "")
    # Only a known area: any other selects nothing, and each would be one more key of the figures
    # kept for a minute (the board's scope, queries/board.py).
    return BoardFilters(officer_id=pick.officer_id, rule_code=args.get("rule", "")[:40],
                        area=area if area in MANAGEMENT_AREAS else "", group=args.get("group", "")[:20],
                        page=args.get("page", 1, type=int)), pick


def _filter_args(filters: BoardFilters) -> dict:
    values = {"officer": filters.officer_id, "rule": filters.rule_code, "area": filters.area}
    return {k: v for k, v in values.items() if v}


@bp.route("/")
@roles(*STAFF)
def index():
    filters, pick = _filters_from_request()
    board = board_get(current_user, filters, clock.today(), work_calendar_get())
    language = current_language()
    args = _filter_args(filters)
    others = {name: value for name, value in args.items() if name != "officer"}
    return render_template("board/index.html", board=board, filters=filters, args=args, others=others,
                           pick=pick, rules=_filter_choices("rules", language),
                           areas=_filter_choices("areas", language),
                           supervisor=current_user.role == Role.SUPERVISOR.value,
                           officers_shown=OFFICERS_SHOWN, board_rows=board_rows, officer_rows=officer_rows)


FILTER_LISTS = {"rules": RULE_NAMES, "areas": MANAGEMENT_AREAS}


@functools.cache
def _filter_choices(name: str, language: str) -> tuple[tuple[str, str], ...]:
    """The step and management-area filters' (value, label) options, per language: the same tuples
    every time, so their options are rendered once (web/options.py)."""
    return labelled(FILTER_LISTS[name], language)


@bp.route("/export.<fmt>")
@roles(*STAFF)
def export(fmt: str):
    """Every open and paused deadline the filters select, as CSV or Excel."""
    if fmt not in FORMATS:
        abort(404)
    filters, _pick = _filters_from_request()
    language = current_language()
    statuses = {**DEADLINE_STATUS, "paused": DEADLINE_STATES["paused"]}
    rows = ((str(statuses[status]), number, RULE_NAMES.get(rule, (rule, rule))[0 if language == "zh" else 1],
             start, due, provisional, officers, respondent, label(MANAGEMENT_AREAS, area, language))
            for status, number, rule, start, due, provisional, officers, respondent, area
            in board_export_rows(Viewer.of(current_user), filters, clock.today(), work_calendar_get()))
    return table_download(fmt, str(_l("Deadlines")), EXPORT_HEADERS, rows, "deadlines")
