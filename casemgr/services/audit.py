"""Writes audit entries inside the caller's transaction (flush only, never commit), each chained
to the one before (domain/audit_chain.py) so that a changed or removed entry is detected by
``casemgr audit verify``."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from sqlalchemy import select, text

from casemgr import clock
from casemgr.domain.audit_chain import GENESIS, entry_digest
from casemgr.extensions import db
from casemgr.models import AuditEntry, User

CHAIN_LOCK_ID = 4_242_002  # serialises the chain's tail between concurrent transactions (PostgreSQL)


def _lock_chain(session) -> None:
    # Held until the transaction ends, so the next writer reads this entry as the tail. SQLite
    # needs nothing: its writing transactions are serial already (BEGIN IMMEDIATE).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK_ID})


def audit_record(actor: User | None, action: str, obj: Any = None, **details: Any) -> AuditEntry:
    """Add one audit entry for ``action`` on ``obj`` to the current transaction."""
    session = db.session
    actor_id = actor.id if actor is not None else None
    object_id = str(getattr(obj, "id", obj)) if obj is not None else None
    _lock_chain(session)
    previous = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    entry = AuditEntry(
        at=clock.now(),
        actor_id=actor_id,
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=object_id,
        remote_addr=request.remote_addr if has_request_context() else None,
        details=details,
        prev_hash=previous,
    )
    session.add(entry)
    session.flush()
    entry.hash = entry_digest(entry.chain_fields(), previous)
    session.flush()
    return entry
