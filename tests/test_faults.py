"""Faults: the database drops the connections while the app runs (a PostgreSQL restart does the
same), and a use case fails half-way: the next requests succeed, nothing partial remains."""

import pytest
from sqlalchemy import create_engine, func, select, text

from casemgr import create_app
from casemgr.extensions import db
from casemgr.models import AuditEntry, Case, CaseNumberSequence, Deadline
from casemgr.services import intake
from tests.factories import application, create_user


def test_the_configuration_pings_connections_before_use(app):
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_requests_succeed_after_the_database_dropped_every_connection(settings, app_environ, tmp_path):
    if settings.kind != "postgresql":
        pytest.skip("SQLite has no server connections to drop")
    name = "casemgr-fault-test"
    options = {"pool_pre_ping": True, "pool_size": 3, "connect_args": {"application_name": name}}
    fresh = create_app(
        {"TESTING": True, "SQLALCHEMY_ENGINE_OPTIONS": options},
        environ={**app_environ, "CASEMGR_INSTANCE_PATH": str(tmp_path)},
    )
    client = fresh.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/decisions").status_code == 200
    admin = create_engine(settings.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        killed = connection.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :n"),
            {"n": name},
        ).scalar()
    admin.dispose()
    assert killed >= 1
    for url in ("/healthz", "/decisions", "/"):
        assert client.get(url).status_code == 200, url
    with fresh.app_context():
        db.engine.dispose()


def test_a_use_case_failing_half_way_leaves_nothing(database, monkeypatch):
    officer = create_user()
    numbers_before = database.scalar(select(func.coalesce(func.sum(CaseNumberSequence.last_seq), 0)))

    def broken(*args, **kwargs):  # the last step of registering fails (after the case was flushed)
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "audit_record", broken)
    with pytest.raises(RuntimeError):
        intake.case_register(actor=officer, application=application())
    assert database.scalar(select(func.count()).select_from(Case)) == 0
    assert database.scalar(select(func.count()).select_from(Deadline)) == 0
    assert database.scalar(select(func.count()).select_from(AuditEntry)) == 0
    # the number was given back: the next case gets the number the failed one would have had
    assert database.scalar(select(func.coalesce(func.sum(CaseNumberSequence.last_seq), 0))) == numbers_before
