"""Importing a historical ledger from the admin pages (Excel or CSV, the layout of
``domain.ledger``); routes on the admin blueprint."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from casemgr.access import roles
from casemgr.domain.ledger import HEADERS
from casemgr.models import Role
from casemgr.services.errors import ServiceError
from casemgr.services.ledger_import import LedgerError, ledger_import, problem_text
from casemgr.storage import content_disposition
from casemgr.web.admin.routes import bp

MAX_ROWS_SHOWN = 200


class LedgerForm(FlaskForm):
    file = FileField(_l("Ledger file (.xlsx or .csv)"), validators=[FileRequired(_l("Choose a file."))])


@bp.route("/ledger", methods=["GET", "POST"])
@roles(Role.ADMIN)
def ledger():
    form = LedgerForm()
    problems: list[str] = []
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = ledger_import(
                actor=current_user, data=upload.read(), filename=upload.filename or "ledger.csv"
            )
        except LedgerError as error:
            problems = [problem_text(p) for p in error.problems]
            flash(error.message, "danger")
            status = 422
        except ServiceError as error:
            flash(error.message, "danger")
            status = 422
        else:
            flash(_("%(n)s cases imported (%(p)s published).", n=result.cases, p=result.published), "success")
            for name in result.agencies_created:
                flash(_("New respondent agency: %(name)s", name=name), "info")
            return redirect(url_for("admin.ledger"))
    elif form.is_submitted():
        status = 422
    return render_template(
        "admin/ledger.html",
        form=form,
        problems=problems[:MAX_ROWS_SHOWN],
        more=max(0, len(problems) - MAX_ROWS_SHOWN),
        headers=HEADERS,
    ), status


@bp.route("/ledger/template.csv")
@roles(Role.ADMIN)
def ledger_template():
    """An empty ledger with the Chinese headers and one example row."""
    header = ",".join(HEADERS.values())
    example = (
        "通政复字〔2019〕第1号,2019-03-04,2019-03-08,2019-04-30,自然人,王某,北京市通州区城市管理综合执法局,"
        "拆迁拆违,行政强制,普通程序,撤销,是,否"
    )
    return Response(
        "\ufeff" + header + "\r\n" + example + "\r\n",
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition("ledger-template.csv")},
    )
