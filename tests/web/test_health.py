def test_healthz_reports_database_broker_and_heartbeat(client):
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200
    assert body["database"] == "ok" and body["broker"] == "ok" and body["status"] == "ok"
    assert set(body["heartbeat"]) == {"last_run", "worker", "stale"}


def test_healthz_says_error_when_the_broker_is_unreachable(app, database):
    celery = app.extensions["celery"]
    original = celery.conf.broker_url
    celery.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = app.test_client().get("/healthz")
    finally:
        celery.conf.broker_url = original
    assert response.status_code == 503
    assert response.get_json()["broker"].startswith("error")


def test_with_the_broker_down_cases_are_still_registered(app, database):
    """Nothing in a use case talks to the broker: reminders wait in the outbox tables."""
    from casemgr.services.intake import case_register
    from tests.factories import application, create_user

    celery = app.extensions["celery"]
    original = celery.conf.broker_url
    celery.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        case = case_register(actor=create_user(), application=application())
    finally:
        celery.conf.broker_url = original
    assert case.id is not None and case.state == "received"
