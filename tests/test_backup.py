"""Backup and restore: a running system's data and files, restored into an empty system, compare
equal; a damaged backup or a non-empty target is refused. PostgreSQL and SQLite."""

import io
import json
from pathlib import Path

import flask_migrate
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from casemgr import create_app
from casemgr.backup import BackupError, backup_write, restore_read
from casemgr.cli import main
from casemgr.extensions import db
from casemgr.models import Attachment, AuditEntry, Case, Party, User
from casemgr.services.attachments import attachment_add
from casemgr.services.demo import demo_load
from tests import dbutil
from tests.factories import create_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def empty_system(settings, app_environ, tmp_path):
    """A second, freshly upgraded system (its own database and files)."""
    if settings.kind == "postgresql":
        url = make_url(settings.database_url)
        url = url.set(database=url.database + "_restore").render_as_string(hide_password=False)
        dbutil.create_database(settings.admin_url, url)
    else:
        url = f"sqlite:///{tmp_path / 'restore.sqlite'}"
    instance = tmp_path / "restored-instance"
    app = create_app(
        {"TESTING": True},
        environ={**app_environ, "DATABASE_URL": url, "CASEMGR_INSTANCE_PATH": str(instance)},
    )
    with app.app_context():
        flask_migrate.upgrade()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if settings.kind == "postgresql":
        dbutil.drop_database(settings.admin_url, url)


def _snapshot(connection) -> dict:
    rows = {}
    for table in db.metadata.sorted_tables:
        rows[table.name] = connection.execute(select(func.count()).select_from(table)).scalar()
    rows["cases"] = sorted(connection.execute(select(Case.number, Case.state, Case.received_on)).all())
    rows["parties"] = sorted(connection.execute(select(Party.name, Party.id_number)).all())
    rows["audit_hashes"] = connection.execute(select(AuditEntry.hash).order_by(AuditEntry.id)).scalars().all()
    return rows


def test_backup_restores_into_an_empty_system(app, database, empty_system, tmp_path):
    demo_load()
    officer = create_user()
    case_id = database.scalar(select(Case.id).order_by(Case.id))
    attachment_add(actor=officer, case_id=case_id, stream=io.BytesIO(PDF), filename="证据.pdf")
    before = _snapshot(database.connection())
    target = tmp_path / "backup"
    files = Path(app.config["ATTACHMENT_DIR"])
    summary = backup_write(target, database.connection(), files)
    assert summary.tables["cases"] == len(before["cases"]) and summary.files >= 1
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["tables"]["audit_entries"]["rows"] == before["audit_entries"]

    with empty_system.app_context():
        restored_files = Path(empty_system.config["ATTACHMENT_DIR"])
        with db.engine.begin() as connection:
            restore_read(target, connection, restored_files)
        with db.engine.connect() as connection:
            after = _snapshot(connection)
            stored = connection.execute(select(Attachment.storage_name, Attachment.sha256)).all()
        assert after == before
        for name, _sha in stored:
            assert (restored_files / name[:2] / name).read_bytes() == (files / name[:2] / name).read_bytes()
        result = empty_system.test_cli_runner().invoke(main, ["audit", "verify"])
        assert result.exit_code == 0, result.output
        # the id sequences continue after the restored ids
        newcomer = create_user(username="newcomer")
        assert newcomer.id > max(
            row[0] for row in db.session.execute(select(User.id).where(User.id != newcomer.id))
        )
        with db.engine.begin() as connection, pytest.raises(BackupError):  # not empty any more
            restore_read(target, connection, restored_files)


def test_a_damaged_backup_is_refused(database, tmp_path, app):
    create_user()
    target = tmp_path / "backup"
    backup_write(target, database.connection(), Path(app.config["ATTACHMENT_DIR"]))
    with (target / "tables" / "users.jsonl").open("a") as out:
        out.write('{"id": 999}\n')
    with pytest.raises(BackupError, match="users"):
        restore_read(target, database.connection(), tmp_path / "files", force=True)
    with pytest.raises(BackupError, match="not empty"):
        backup_write(target, database.connection(), tmp_path)


def test_the_commands(app, committed_db, tmp_path):
    demo_load()
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["backup", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    refused = runner.invoke(main, ["restore", str(tmp_path / "b")])
    assert refused.exit_code == 1 and "empty" in refused.output
    forced = runner.invoke(main, ["restore", str(tmp_path / "b"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert db.session.scalar(select(func.count()).select_from(Case)) > 0
