"""The periodic heartbeat: proves that beat schedules and a worker executes."""

from __future__ import annotations

from datetime import datetime

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import SystemState
from casemgr.services.unit_of_work import transaction

HEARTBEAT_KEY = "heartbeat"


def heartbeat_record(*, worker: str, at: datetime | None = None) -> datetime:
    """Store the time of this run and which worker ran it. Safe to run twice: it overwrites.

    No audit entry: a machine signal once a minute would drown the log of people's actions.
    """
    at = at or clock.now()
    with transaction():
        state = db.session.get(SystemState, HEARTBEAT_KEY)
        if state is None:
            state = SystemState(key=HEARTBEAT_KEY)
            db.session.add(state)
        # Redelivered old messages must not move the time backwards.
        if state.updated_at is None or at > state.updated_at:
            state.updated_at = at
            state.value = worker[:255]
    return at
