"""The statistics dashboard: figures of any period with their formulas, charts, links to the cases
behind each figure, exports, the annual report draft; administrators set the definitions and
recompute frozen periods."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.documents.annual_report import report_docx, report_paragraphs
from casemgr.domain.catalogues import ACT_TYPES, CHANNELS, MANAGEMENT_AREAS, PROCEDURES, label
from casemgr.domain.periods import Period, PeriodError, parse_period, year_period
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.fragment_cache import rendered
from casemgr.i18n import current_language
from casemgr.models import Role
from casemgr.queries.statistics import (
    correction_concentration,
    figures_for,
    frozen_snapshot,
    live_figures,
)
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.statistics import (
    definitions_get,
    settings_row,
    snapshot_freeze,
    statistics_settings_save,
)
from casemgr.statistics_export import statistics_csv, statistics_xlsx
from casemgr.storage import content_disposition
from casemgr.web.form_versions import version_seen
from casemgr.web.statistics import charts
from casemgr.web.statistics.forms import RecomputeForm, SettingsForm

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
VIEWERS = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period() -> Period:
    text = request.args.get("period", "")
    if not text:
        return year_period(clock.today().year)
    try:
        return parse_period(text)
    except PeriodError:
        flash(
            _(
                "Not a period: use a year (2020), a quarter (2020-Q1), a month (2020-03) or a range "
                "(2020-03-01..2020-05-31)."
            ),
            "warning",
        )
        return year_period(clock.today().year)


def _cases_url(period: Period, measure: str, **filters) -> str:
    """The case list behind a figure: received, concluded or corrected in the period."""
    args = {"view": "all", **{k: v for k, v in filters.items() if v}}
    if measure == "received":
        args |= {"from": period.start, "to": period.end}
    else:
        args |= {"decided_from": period.start, "decided_to": period.end}
        if measure == "corrected":
            args["decision"] = "correction"
    # The same URL url_for would build with these arguments, at a tenth of the cost: a year's page
    # has ~150 of these links.
    return f"{url_for('cases.index')}?{urlencode(args)}"


def _label(catalogue, code: str) -> str:
    return label(catalogue, code, current_language())


def _charts(period: Period, figures: dict) -> dict:
    r = figures["reconsideration"]
    series = [_("Received"), _("Concluded"), _("Corrected")]
    months = [
        (
            m["month"][5:],
            [m["received"], m["concluded"], m["corrected"]],
            [_cases_url(month, measure) for measure in ("received", "concluded", "corrected")],
        )
        for m, month in zip(r["monthly"], period.months(), strict=True)
    ]
    areas = [
        (
            _label(MANAGEMENT_AREAS, code),
            [row["received"], row["corrected"]],
            [_cases_url(period, "received", area=code), _cases_url(period, "corrected", area=code)],
        )
        for code, row in r["by_management_area"].items()
    ]
    return {"monthly": charts.columns(months, series), "areas": charts.rows(areas, [series[0], series[2]])}


def _breakdowns(period: Period, figures: dict) -> list[tuple[str, list[tuple[str, dict, dict]]]]:
    """Each breakdown as (title, [(label, counts, links)])."""
    r = figures["reconsideration"]
    spec = [
        (_("By management area"), "by_management_area", MANAGEMENT_AREAS, "area"),
        (_("By type of act"), "by_act_type", ACT_TYPES, "act_type"),
        (_("By channel"), "by_channel", CHANNELS, "channel"),
        (_("By procedure"), "by_procedure", PROCEDURES, "procedure"),
        (_("By respondent agency"), "by_respondent", None, None),
    ]
    tables = []
    for title, key, catalogue, arg in spec:
        lines = []
        for code, counts in r[key].items():
            links = (
                {m: _cases_url(period, m, **{arg: code}) for m in ("received", "concluded", "corrected")}
                if arg
                else {}
            )
            lines.append((_label(catalogue, code) if catalogue else code, counts, links))
        tables.append((title, lines))
    return tables


@bp.route("/")
@roles(*VIEWERS)
def index():
    period = _period()
    today = clock.today()
    snapshot = frozen_snapshot(period, today)
    if snapshot is not None:
        # Frozen: the figures are read from the snapshot only if this process has not rendered
        # them yet (a snapshot changes only when recomputed, which changes computed_at).
        figures_of, computed_at = (lambda: snapshot.figures), snapshot.computed_at
        stamp, denominator = ("snapshot", snapshot.id, computed_at), snapshot.definitions["denominator"]
    else:
        figures = live_figures(period, today, definitions_get(), recent=True)
        figures_of, computed_at = (lambda: figures), datetime.fromisoformat(figures["computed_at"])
        stamp, denominator = ("live", figures["computed_at"]), figures["definitions"]["denominator"]
    return render_template(
        "statistics/index.html",
        period=period,
        snapshot=snapshot,
        computed_at=computed_at,
        denominator=denominator,
        body=rendered(("statistics", request.script_root, period.code, stamp, current_language()),
                      lambda: _figures_html(period, figures_of())),
        recompute_form=RecomputeForm(formdata=None),
        closed=period.closed(today),
    )


def _figures_html(period: Period, figures: dict) -> str:
    """Everything on the page that follows from the figures alone (nothing personal: no forms)."""
    concentration = [_label(MANAGEMENT_AREAS, code) for code in correction_concentration(figures)]
    # Straight from the environment: Flask's context processors would count the reader's unread
    # notifications, which this part does not show.
    return current_app.jinja_env.get_template("statistics/_figures.html").render(
        current_locale=current_language(),
        period=period,
        figures=figures,
        charts=_charts(period, figures),
        breakdowns=_breakdowns(period, figures),
        concentration=concentration,
        cases_url=_cases_url,
        paragraphs=report_paragraphs(figures, concentration) if period.kind == "year" else [],
        decision_names={
            code: (d.zh if current_language() == "zh" else d.en) for code, d in DECISION_TYPES.items()
        },
    )


@bp.route("/export.<fmt>")
@roles(*VIEWERS)
def export(fmt: str):
    period = _period()
    figures, _snapshot = figures_for(period, clock.today(), definitions_get())
    name = f"statistics-{period.code.replace('..', '_')}"
    if fmt == "xlsx":
        return Response(
            statistics_xlsx(figures, current_language()),
            mimetype=XLSX,
            headers={"Content-Disposition": content_disposition(f"{name}.xlsx")},
        )
    if fmt == "csv":
        return Response(
            statistics_csv(figures, current_language()),
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": content_disposition(f"{name}.csv")},
        )
    abort(404)


@bp.route("/report.docx")
@roles(*VIEWERS)
def report():
    """The reconsideration and litigation paragraphs of the annual report, as a Word draft."""
    period = _period()
    if period.kind != "year":
        period = year_period(period.start.year)
    figures, _snapshot = figures_for(period, clock.today(), definitions_get())
    concentration = [label(MANAGEMENT_AREAS, code, "zh") for code in correction_concentration(figures)]
    return Response(
        report_docx(figures, concentration, period.start.year),
        mimetype=DOCX,
        headers={"Content-Disposition": content_disposition(f"annual-report-{period.code}.docx")},
    )


@bp.route("/recompute", methods=["POST"])
@roles(Role.ADMIN)
def recompute():
    form = RecomputeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        period = parse_period(form.period.data)
        snapshot_freeze(period, actor=current_user, replace=True)
    except PeriodError:
        flash(_("Not a period."), "danger")
        return redirect(url_for("statistics.index"))
    except ServiceError as error:
        flash(error.message, "danger")
        return redirect(url_for("statistics.index", period=period.code))
    flash(_("The figures of %(period)s were recomputed and frozen.", period=period.code), "success")
    return redirect(url_for("statistics.index", period=period.code))


@bp.route("/settings", methods=["GET", "POST"])
@roles(Role.ADMIN)
def settings():
    row = settings_row()
    definitions = definitions_get()
    form = SettingsForm()
    choices = [(code, d.zh if current_language() == "zh" else d.en) for code, d in DECISION_TYPES.items()]
    form.correction_types.choices = form.resolution_extra_types.choices = choices
    if request.method == "GET":
        form.version.data = row.version if row else ""
        form.correction_types.data = sorted(definitions.correction_types)
        form.resolution_extra_types.data = sorted(definitions.resolution_extra_types)
        form.count_terminated_after_correction.data = definitions.count_terminated_after_correction
        form.resolution_counts_withdrawals.data = definitions.resolution_counts_withdrawals
        form.denominator.data = str(definitions.denominator)
    status = 200
    if form.validate_on_submit():
        try:
            statistics_settings_save(
                actor=current_user,
                version=version_seen(form),
                correction_types=form.correction_types.data or [],
                resolution_extra_types=form.resolution_extra_types.data or [],
                count_terminated_after_correction=form.count_terminated_after_correction.data,
                resolution_counts_withdrawals=form.resolution_counts_withdrawals.data,
                denominator=form.denominator.data,
            )
        except (ConflictError, ServiceError) as error:
            flash(error.message, "warning" if isinstance(error, ConflictError) else "danger")
            status = 409 if isinstance(error, ConflictError) else 422
        else:
            flash(
                _("Saved. Frozen periods keep their figures until an administrator recomputes them."),
                "success",
            )
            return redirect(url_for("statistics.settings"))
    elif request.method == "POST":
        status = 422
    return render_template("statistics/settings.html", form=form), status
