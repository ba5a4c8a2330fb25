"""GET /healthz: the state of the database, the broker and the periodic heartbeat."""

from __future__ import annotations

from flask import Blueprint, jsonify

from casemgr import clock
from casemgr.access import public
from casemgr.extensions import csrf
from casemgr.queries.health import health_get

bp = Blueprint("health", __name__)
csrf.exempt(bp)


@bp.route("/healthz")
@public
def healthz():
    health = health_get(clock.now())
    body = {
        "status": "ok" if health.ok else "error",
        "database": health.database,
        "broker": health.broker,
        "broker_kind": health.broker_kind,
        "heartbeat": {
            "last_run": health.heartbeat_at.isoformat() if health.heartbeat_at else None,
            "worker": health.heartbeat_worker,
            "stale": health.heartbeat_stale,
        },
    }
    return jsonify(body), 200 if health.ok else 503
