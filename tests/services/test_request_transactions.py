"""casemgr/request_transactions.py: a page reads in autocommit and cannot write outside a use case;
a use case writes in a transaction of its own; any other request that only read ends with COMMIT
(psycopg keeps its prepared statements), and one that wrote, holds an unsaved change, or failed is
rolled back as before."""

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from casemgr import request_transactions
from casemgr.extensions import db
from casemgr.models import User
from casemgr.services.users import user_create
from tests.factories import create_user


@pytest.fixture
def ends(app, committed_db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no prepared statements and has no autocommit reads")
    seen: list[str] = []
    commit, rollback = (lambda conn: seen.append("commit")), (lambda conn: seen.append("rollback"))
    event.listen(db.engine, "commit", commit)
    event.listen(db.engine, "rollback", rollback)
    yield seen
    event.remove(db.engine, "commit", commit)
    event.remove(db.engine, "rollback", rollback)


def end_request(app, work, exc=None, method="POST"):
    with app.test_request_context("/", method=method):
        try:
            return work()
        finally:
            request_transactions._end(exc)
            db.session.remove()  # what Flask-SQLAlchemy does next: rolls back whatever is still open


def _driver():
    return db.session.connection().connection.dbapi_connection


def test_a_request_that_only_read_ends_with_commit(app, ends):
    create_user(username="reader")
    ends.clear()
    end_request(app, lambda: db.session.scalars(select(User.username)).all())
    assert ends == ["commit"]


def test_a_request_that_wrote_without_committing_is_rolled_back(app, ends):
    def write():
        db.session.add(User(username="ghost", display_name="x", role="officer", password_hash="x",
                            created_at=db.func.now()))
        db.session.flush()  # in the database's transaction, never committed

    end_request(app, write)
    assert "commit" not in ends
    assert db.session.scalar(select(User.id).where(User.username == "ghost")) is None


def test_an_unsaved_change_is_not_committed(app, ends):
    create_user(username="li", display_name="李四")
    ends.clear()

    def change():
        db.session.scalar(select(User).where(User.username == "li")).display_name = "changed"

    end_request(app, change)
    assert "commit" not in ends
    assert db.session.scalar(select(User.display_name).where(User.username == "li")) == "李四"


def test_a_failed_request_is_rolled_back(app, ends):
    end_request(app, lambda: db.session.scalars(select(User.id)).all(), exc=RuntimeError("boom"))
    assert "commit" not in ends


def test_a_page_reads_outside_any_transaction(app, ends):
    create_user(username="reader")

    def read():
        names = db.session.scalars(select(User.username)).all()
        return names, _driver().autocommit, _driver().pgconn.transaction_status

    names, autocommit, status = end_request(app, read, method="GET")
    assert names == ["reader"] and autocommit and status == TransactionStatus.IDLE  # no BEGIN was sent
    # the connection goes back to the pool as it came: the next user of it begins transactions
    with app.app_context():
        db.session.scalar(select(User.id).limit(1))
        assert not _driver().autocommit and _driver().pgconn.transaction_status == TransactionStatus.INTRANS
        db.session.remove()


def test_a_page_cannot_write_outside_a_use_case(app, ends):
    create_user(username="li", display_name="李四")

    def write():
        db.session.execute(text("UPDATE users SET display_name = 'changed'"))

    with pytest.raises(DBAPIError, match="read-only transaction"):
        end_request(app, write, method="GET")
    assert db.session.scalar(select(User.display_name).where(User.username == "li")) == "李四"


def test_a_page_may_run_a_use_case_which_writes_in_its_own_transaction(app, ends):
    admin = create_user(role="admin", username="root")

    def read_then_write():
        assert db.session.get(User, admin.id).username == "root" and _driver().autocommit
        user_create(actor=db.session.get(User, admin.id), username="newbie", password="a-long-pass-2026",
                    role="officer", display_name="新人")
        return _driver().autocommit  # later reads of this request are in a transaction too

    assert end_request(app, read_then_write, method="GET") is False
    assert db.session.scalar(select(User.display_name).where(User.username == "newbie")) == "新人"


def test_prepared_statements_outlast_the_pages(app, ends):
    """psycopg prepares a statement on its sixth run on a connection; a page's ROLLBACK used to
    drop them all. Each page notes which connection (server process) served it and how many
    statements that connection then held prepared."""
    create_user(username="reader")
    query = select(User.id).where(User.username == "reader")
    prepared = text("SELECT count(*) FROM pg_prepared_statements")

    def page():
        db.session.scalar(query)
        return _driver().pgconn.backend_pid, db.session.scalar(prepared)

    runs: dict[int, list[int]] = {}
    for _ in range(60):  # the pool hands its connections out in turn
        pid, held = end_request(app, page, method="GET")
        runs.setdefault(pid, []).append(held)
    most = max(runs.values(), key=len)
    assert len(most) >= 7 and most[-1] >= 1, runs
