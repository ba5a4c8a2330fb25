"""The administrator's working-day calendar: a year at a glance, and loading the next year's notice."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.domain.calendar_notice import Kind, parse_csv, parse_lines
from casemgr.models import Role
from casemgr.queries.calendar import calendar_year_view
from casemgr.services.calendar import CalendarInputError, calendar_year_load, loaded_mark
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.web.calendar.forms import YearNoticeForm
from casemgr.web.query_args import year_arg

bp = Blueprint("calendar", __name__, url_prefix="/admin/calendar")
MAX_CSV_BYTES = 200_000


def _notice_text(view, kind: str) -> str:
    rows = view.holidays if kind == "holiday" else view.makeup_workdays
    return "\n".join(f"{r.day.isoformat()} {r.name}".strip() for r in rows)


@bp.route("/")
@roles(Role.ADMIN)
def index():
    year = year_arg("year") or clock.today().year
    return redirect(url_for("calendar.year", year=year))


@bp.route("/<int:year>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def year(year: int):
    view = calendar_year_view(year)
    form = YearNoticeForm()
    problems, status = [], 200
    if request.method == "GET":
        form.loaded.data = loaded_mark(view.official)
        form.holidays.data = _notice_text(view, "holiday")
        form.makeup_workdays.data = _notice_text(view, "makeup_workday")
        form.source.data = view.official.source if view.official else ""
    elif form.validate_on_submit():
        upload = form.csv_file.data
        if upload:
            raw = upload.read(MAX_CSV_BYTES + 1)
            entries, parse_problems = parse_csv(raw.decode("utf-8-sig", errors="replace"))
        else:
            holidays, p1 = parse_lines(form.holidays.data or "", Kind.HOLIDAY)
            makeup, p2 = parse_lines(form.makeup_workdays.data or "", Kind.MAKEUP_WORKDAY)
            entries, parse_problems = holidays + makeup, p1 + p2
        try:
            loaded = calendar_year_load(actor=current_user, year=year, entries=entries,
                                        source=form.source.data, parse_problems=parse_problems,
                                        seen=form.loaded.data or "")
        except ConflictError as error:
            # The admin's lists stay in the form; the page shows the stored year, and the form now
            # names its notice: loading again replaces it knowingly.
            flash(error.message, "warning")
            view, status = calendar_year_view(year), 409
            form.loaded.data = loaded_mark(view.official)
        except CalendarInputError as error:
            problems = error.problems
            flash(_("Nothing was saved: correct the lines below."), "danger")
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("%(year)s loaded: %(off)s days off, %(makeup)s make-up working days "
                    "(%(added)s added, %(removed)s removed).", year=year, off=loaded.holidays,
                    makeup=loaded.makeup_workdays, added=len(loaded.added), removed=len(loaded.removed)),
                  "success")
            for item in loaded.moved:
                flash(_("Deadline moved: %(number)s %(rule)s from %(old)s to %(new)s.", number=item["number"],
                        rule=item["rule"], old=item["old"], new=item["new"]), "warning")
            return redirect(url_for("calendar.year", year=year))
    return render_template("calendar/year.html", view=view, form=form, problems=problems,
                           conflict=status == 409), status
