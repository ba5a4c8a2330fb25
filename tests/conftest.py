"""Fixtures shared by the service, web and browser tests.

Service and web tests run inside a transaction that is rolled back after each test
(SQLAlchemy 2's "joining a Session into an external transaction"); tests that need data committed
for another process (the browser's live server, a Celery worker) use ``committed_db`` instead,
which empties the tables afterwards.
"""

from __future__ import annotations

import re

import flask_migrate
import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import scoped_session, sessionmaker

from casemgr import create_app, fragment_cache, summary_cache
from casemgr.extensions import db
from tests import dbutil
from tests.settings import ServicesMissing, decide

SETTINGS = None


def pytest_configure(config):
    global SETTINGS
    try:
        SETTINGS = decide()
    except ServicesMissing as exc:
        pytest.exit(str(exc), returncode=3)


def pytest_report_header(config):
    return SETTINGS.describe()


@pytest.fixture(scope="session")
def settings():
    return SETTINGS


@pytest.fixture(scope="session")
def app_environ(settings) -> dict[str, str]:
    """The environment of the app under test; subprocesses (server, worker) get the same."""
    environ = {
        "DATABASE_URL": settings.database_url,
        "CASEMGR_INSTANCE_PATH": str(settings.instance_path),
        "HEARTBEAT_INTERVAL": "1",
        "SUMMARY_CACHE_SECONDS": "0",  # every figure a test reads is counted afresh
        "STATISTICS_PARALLEL": "0",  # other connections cannot see the tests' uncommitted data
    }
    if settings.broker_url:
        environ["REDIS_URL"] = settings.broker_url
    return environ


@pytest.fixture(scope="session")
def app(settings, app_environ):
    if settings.kind == "postgresql":
        dbutil.create_database(settings.admin_url, settings.database_url)
    flask_app = create_app({"TESTING": True}, environ=app_environ)
    with flask_app.app_context():
        flask_migrate.upgrade()
        dbutil.remember_reference_data(db)
    yield flask_app
    with flask_app.app_context():
        db.engine.dispose()
    if settings.kind == "postgresql":
        dbutil.drop_database(settings.admin_url, settings.database_url)


@pytest.fixture
def database(app):
    """A session whose commits are savepoints inside one transaction that is rolled back."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = scoped_session(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
        try:
            yield db.session
            if connection.dialect.name == "postgresql":
                # The checks PostgreSQL defers to a commit, which never comes here (migration 0027:
                # no open deadline on a case that is not in progress): whatever the test left.
                db.session.remove()
                connection.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def caches_kept(app, monkeypatch):
    """The per-process caches on, as in production (the tests otherwise run with
    SUMMARY_CACHE_SECONDS 0), and empty before and after the test."""
    monkeypatch.setitem(app.config, "SUMMARY_CACHE_SECONDS", 60)
    summary_cache.forget_all()
    fragment_cache.forget_all()
    yield
    summary_cache.forget_all()
    fragment_cache.forget_all()


@pytest.fixture
def committed_db(app):
    """Real commits, visible to other processes; every table is emptied afterwards."""
    with app.app_context():
        dbutil.empty_tables(db)
        yield db.session
        db.session.remove()
        dbutil.empty_tables(db)


class FreshGlobalsClient(FlaskClient):
    """Clears ``g`` before each request.

    The ``database`` fixture keeps an app context open for the whole test, and Flask reuses it
    for the client's requests, so ``g`` (where Flask-WTF caches the CSRF token and Flask-Login
    the current user) would leak from one request into the next. In production every request
    has its own app context; this restores that.
    """

    def open(self, *args, **kwargs):
        for name in list(vars(g)):
            delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app, database):
    app.test_client_class = FreshGlobalsClient
    return app.test_client()


def csrf_token(page: bytes | str) -> str:
    text = page.decode() if isinstance(page, bytes) else page
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text) or re.search(
        r'name="csrf_token" value="([^"]+)"', text)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client, username: str, password: str):
    token = csrf_token(client.get("/login").data)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})
