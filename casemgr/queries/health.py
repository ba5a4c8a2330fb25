"""Health of the parts the system depends on, for /healthz and the admin status page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import text

from casemgr.extensions import db
from casemgr.models import SystemState
from casemgr.services.heartbeat import HEARTBEAT_KEY


@dataclass(frozen=True)
class Health:
    database: str
    broker: str
    broker_kind: str
    heartbeat_at: datetime | None
    heartbeat_worker: str | None
    heartbeat_stale: bool

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.broker == "ok"


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception as exc:  # the point is to report any failure, not to raise it
        db.session.rollback()
        return f"error: {type(exc).__name__}"


def _broker_state() -> str:
    celery = current_app.extensions["celery"]
    try:
        with celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return "ok"
    except Exception as exc:  # report, don't raise
        return f"error: {type(exc).__name__}"


def broker_kind() -> str:
    url = current_app.extensions["celery"].conf.broker_url or ""
    return url.split("://", 1)[0]


def health_get(now: datetime) -> Health:
    database = _database_state()
    state = db.session.get(SystemState, HEARTBEAT_KEY) if database == "ok" else None
    interval = current_app.config["HEARTBEAT_INTERVAL"]
    at = state.updated_at if state else None
    stale = at is None or (now - at).total_seconds() > 3 * interval + 30
    return Health(
        database=database,
        broker=_broker_state(),
        broker_kind=broker_kind(),
        heartbeat_at=at,
        heartbeat_worker=state.value if state else None,
        heartbeat_stale=stale,
    )
