"""casemgr: case management for an administrative reconsideration office (行政复议机构)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template

import config as settings
from casemgr import access, i18n, request_transactions, web_security
from casemgr.extensions import babel, bootstrap, csrf, db, login_manager, migrate
from casemgr.sqlite_setup import configure_sqlite
from casemgr.tasking import celery_init_app
from casemgr.web import query_args

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Flask:
    """Build the application. ``overrides`` are applied after the environment (tests use them)."""
    conf = settings.load(environ)
    if overrides:
        conf.update(overrides)
    app = Flask(
        __name__,
        instance_path=conf["INSTANCE_PATH"],
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(conf)

    db.init_app(app)
    request_transactions.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
        request_transactions.configure_postgres(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    # The idle timeout and the access rules run before the CSRF check, so an expired or anonymous
    # POST is sent to the login page.
    web_security.init_app(app)
    app.before_request(access.enforce)
    csrf.init_app(app)
    bootstrap.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        timezone_selector=i18n.select_timezone,
        default_translation_directories=i18n.init_app(app),
    )
    i18n.install_template_gettext(app)
    i18n.keep_wtforms_catalogs(app)
    _init_login(app)
    celery_init_app(app)
    query_args.init_app(app)
    _register_blueprints(app)
    _register_error_pages(app)
    _register_template_globals(app)
    return app


def _init_login(app: Flask) -> None:
    from flask import g
    from flask_babel import lazy_gettext as _l
    from sqlalchemy import Integer, bindparam, select

    from casemgr.models import User
    from casemgr.queries.calendar import calendar_stamp
    from casemgr.services.notifications import unread_counted

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    # Built once: the bell's count and the calendar's stamp (queries/calendar.py) come in the same
    # statement (one round trip, not three, on a page with deadlines).
    _user_id = bindparam("user_id", type_=Integer)
    loading = select(User, unread_counted(_user_id), *calendar_stamp()).where(User.id == _user_id)

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        row = db.session.execute(loading, {"user_id": int(user_id)}).first()
        if row is None or not row[0].active:
            return None
        g.unread_notifications, g.calendar_stamp = row[1], tuple(row[2:])
        return row[0]


def _register_blueprints(app: Flask) -> None:
    from casemgr.web.admin import ledger as _ledger  # noqa: F401  (routes on the admin blueprint)
    from casemgr.web.admin.routes import bp as admin_bp
    from casemgr.web.agencies.routes import bp as agencies_bp
    from casemgr.web.auth.routes import bp as auth_bp
    from casemgr.web.board.routes import bp as board_bp
    from casemgr.web.calendar.routes import bp as calendar_bp
    from casemgr.web.cases import files as _case_files  # noqa: F401  (routes on the cases blueprint)
    from casemgr.web.cases import publication_routes as _publication  # noqa: F401  (same blueprint)
    from casemgr.web.cases.routes import bp as cases_bp
    from casemgr.web.defence.routes import bp as defence_bp
    from casemgr.web.health.routes import bp as health_bp
    from casemgr.web.main.routes import bp as main_bp
    from casemgr.web.notifications.routes import bp as notifications_bp
    from casemgr.web.officers.routes import bp as officers_bp
    from casemgr.web.public.routes import bp as public_bp
    from casemgr.web.reports.routes import bp as reports_bp
    from casemgr.web.statistics.routes import bp as statistics_bp

    for blueprint in (auth_bp, health_bp, main_bp, admin_bp, agencies_bp, board_bp, calendar_bp, cases_bp,
                      defence_bp, notifications_bp, officers_bp, public_bp, reports_bp, statistics_bp):
        app.register_blueprint(blueprint)


def _error_page(status: int):
    """The error page; the JSON API answers in JSON."""
    from flask import jsonify, request

    if request.path.startswith("/api/"):
        return jsonify({"error": status}), status
    return render_template("errors/error.html", status=status), status


def _register_error_pages(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    for status in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(status, lambda error, status=status: _error_page(status))
    app.register_error_handler(CSRFError, lambda error: (
        render_template("errors/error.html", status=400, csrf=True), 400))


def _register_template_globals(app: Flask) -> None:
    from casemgr.domain import catalogues
    from casemgr.domain.deadline_rules import RULE_NAMES
    from casemgr.messages import (
        DEADLINE_STATES,
        DEADLINE_STATUS,
        EVENT_NAMES,
        PUBLICATION_STATES,
        REDACTION_REASONS,
        ROLE_NAMES,
        STATE_NAMES,
        notification_text,
    )
    from casemgr.services.calendar import problem_message
    from casemgr.web import controls, hidden_fields, id_urls, nav, options
    from casemgr.web.officers.field import officer_input

    app.jinja_env.filters["calendar_problem"] = problem_message
    options.init_app(app)
    id_urls.init_app(app)
    nav.init_app(app)
    hidden_fields.init_app(app)
    controls.init_app(app)
    app.jinja_env.globals["officer_input"] = officer_input
    lists = {"procedures": catalogues.PROCEDURES, "areas": catalogues.MANAGEMENT_AREAS,
             "channels": catalogues.CHANNELS, "act_types": catalogues.ACT_TYPES,
             "party_roles": catalogues.PARTY_ROLES, "party_kinds": catalogues.PARTY_KINDS}
    app.jinja_env.filters["catalogue"] = lambda code, name: catalogues.label(lists[name], code,
                                                                           i18n.current_language())
    from casemgr.domain.workflow import DECISION_TYPES

    app.jinja_env.filters["decision_name"] = lambda code: (
        (DECISION_TYPES[code].zh if i18n.current_language() == "zh" else DECISION_TYPES[code].en)
        if code in DECISION_TYPES else code or "")
    app.jinja_env.filters["rule_name"] = lambda code: RULE_NAMES.get(code, (code, code))[
        0 if i18n.current_language() == "zh" else 1]
    app.jinja_env.filters["notification_text"] = lambda note: notification_text(
        note, app.jinja_env.filters["rule_name"])

    from flask import g
    from flask_login import current_user

    from casemgr.services.notifications import unread_count

    tables = {"ROLE_NAMES": ROLE_NAMES, "STATE_NAMES": STATE_NAMES, "EVENT_NAMES": EVENT_NAMES,
              "DEADLINE_STATES": DEADLINE_STATES, "DEADLINE_STATUS": DEADLINE_STATUS,
              "PUBLICATION_STATES": PUBLICATION_STATES, "REDACTION_REASONS": REDACTION_REASONS}
    # The tables' labels are lazy strings, translated anew each time one is shown (~40 us: a list
    # of 50 cases shows 60); the templates get them translated, once per language and process.
    translated: dict[str, dict[str, dict[str, str]]] = {}

    @app.context_processor
    def inject() -> dict[str, Any]:
        unread = 0
        if current_user.is_authenticated:  # counted with the user when the request began (load_user)
            unread = g.get("unread_notifications")
            if unread is None:  # logged in by this very request
                unread = unread_count(current_user)
        language = i18n.current_language()
        if language not in translated:
            translated[language] = {name: {code: str(label) for code, label in table.items()}
                                    for name, table in tables.items()}
        return {
            "unread_notifications": unread,
            "LANGUAGE_NAMES": i18n.LANGUAGE_NAMES,
            **translated[language],
            "current_locale": language,
            "organ_name": app.config["ORGAN_NAME"],
        }
