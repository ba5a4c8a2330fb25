"""casemgr/read_only_end.py: a request that only read ends with COMMIT (psycopg keeps its prepared
statements); one that wrote, or holds an unsaved change, or failed, is rolled back as before."""

import pytest
from sqlalchemy import event, select

from casemgr import read_only_end
from casemgr.extensions import db
from casemgr.models import User
from tests.factories import create_user


@pytest.fixture
def ends(app, committed_db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps no prepared statements")
    seen: list[str] = []
    commit, rollback = (lambda conn: seen.append("commit")), (lambda conn: seen.append("rollback"))
    event.listen(db.engine, "commit", commit)
    event.listen(db.engine, "rollback", rollback)
    yield seen
    event.remove(db.engine, "commit", commit)
    event.remove(db.engine, "rollback", rollback)


def end_request(app, work, exc=None):
    with app.test_request_context("/"):
        work()
        read_only_end._commit_if_only_read(exc)
        db.session.remove()  # what Flask-SQLAlchemy does next: rolls back whatever is still open


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
