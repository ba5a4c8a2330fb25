"""Tasks are thin: they take ids or nothing, and call one service."""

from __future__ import annotations

import socket

from celery import shared_task


@shared_task(name="casemgr.heartbeat", bind=True)
def heartbeat(self) -> str:
    """Beat sends this every HEARTBEAT_INTERVAL seconds; the admin page and /healthz show it."""
    from casemgr.services.heartbeat import heartbeat_record

    at = heartbeat_record(worker=self.request.hostname or socket.gethostname())
    return at.isoformat()
