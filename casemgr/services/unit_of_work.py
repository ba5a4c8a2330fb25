"""One use case, one transaction: the only place where services commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from casemgr.extensions import db
from casemgr.request_transactions import in_transactions
from casemgr.services.errors import ConflictError
from casemgr.sqlite_setup import WRITE_INTENT


@contextmanager
def transaction() -> Iterator[Session]:
    """Commit when the block ends, roll back everything if it raises.

    A stale optimistic-lock version becomes a ConflictError so that the user is shown the
    conflict instead of losing either change.
    """
    from flask_babel import gettext as _

    session = db.session
    in_transactions(session())  # a page's reading connection is handed back (request_transactions.py)
    token = None
    if session.get_bind().dialect.name == "sqlite":
        # End the read snapshot the use case may have started, so that its writing transaction
        # begins afresh with BEGIN IMMEDIATE (see casemgr/sqlite_setup.py).
        current = session()  # the scoped session's Session for this context
        if current.in_transaction() and not (current.new or current.dirty or current.deleted):
            current.commit()
        token = WRITE_INTENT.set(True)
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(_("Someone else changed this record after you opened it. "
                              "Reload the page to see their change; nothing was saved.")) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        if token is not None:
            WRITE_INTENT.reset(token)
