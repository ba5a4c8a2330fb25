"""Celery wiring end to end: beat schedules the heartbeat, a real worker runs it."""

import pytest

import config
from casemgr.extensions import db
from casemgr.models import SystemState
from casemgr.services.heartbeat import HEARTBEAT_KEY
from tests.processes import start_beat, start_worker, wait_until


def test_queues_are_declared_once_and_every_route_uses_a_declared_queue(app):
    celery = app.extensions["celery"]
    declared = {queue.name for queue in celery.conf.task_queues}
    assert declared == set(config.QUEUES)
    routed = {route["queue"] for route in celery.conf.task_routes.values()}
    scheduled = {entry["options"]["queue"] for entry in celery.conf.beat_schedule.values()}
    assert routed | scheduled <= declared


def test_tasks_are_named(app):
    import workers.tasks  # noqa: F401  (registers the tasks)

    celery = app.extensions["celery"]
    ours = {name for name in celery.tasks if name.startswith("casemgr.")}
    assert "casemgr.heartbeat" in ours
    for entry in celery.conf.beat_schedule.values():
        assert entry["task"] in ours


@pytest.mark.smoke
def test_beat_and_worker_record_the_heartbeat(app, app_environ, committed_db, settings, tmp_path):
    worker = start_worker(app_environ, tmp_path)
    beat = start_beat(app_environ, tmp_path)

    def heartbeat_seen() -> bool:
        db.session.rollback()  # see the worker's commits
        state = db.session.get(SystemState, HEARTBEAT_KEY)
        return state is not None and "test-worker" in state.value

    try:
        wait_until(heartbeat_seen, 90, "the heartbeat", [worker, beat])
        body = app.test_client().get("/healthz").get_json()
        assert body["heartbeat"]["stale"] is False
        assert body["broker_kind"] == ("redis" if settings.broker_url else "sqla+sqlite")
    finally:
        worker.stop()
        beat.stop()
