"""Writes audit entries inside the caller's transaction (flush only, never commit)."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import AuditEntry, User


def audit_record(actor: User | None, action: str, obj: Any = None, **details: Any) -> AuditEntry:
    """Add one audit entry for ``action`` on ``obj`` to the current transaction."""
    entry = AuditEntry(
        at=clock.now(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(getattr(obj, "id", obj)) if obj is not None else None,
        remote_addr=request.remote_addr if has_request_context() else None,
        details=details,
    )
    db.session.add(entry)
    db.session.flush()
    return entry
