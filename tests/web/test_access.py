"""Every route declares who may open it, and the declaration is enforced."""

import pytest

from casemgr.access import rule_for
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_user

PUBLIC_ENDPOINTS = {"public.index", "public.decisions", "public.decision", "public.api_decisions",
                    "public.api_decision", "public.feed", "public.typical_cases", "reports.index",
                    "reports.download", "auth.login",
                    "auth.set_language", "health.healthz"}
ADMIN_ONLY = {"admin.users", "admin.user_new", "admin.user_edit", "admin.user_password", "admin.status",
              "calendar.index", "calendar.year", "agencies.index", "agencies.edit", "admin.ledger",
              "admin.ledger_template", "statistics.settings", "statistics.recompute"}


def test_every_route_declares_an_access_rule(app):
    with app.test_request_context():
        missing = [r.endpoint for r in app.url_map.iter_rules() if rule_for(r.endpoint) is None]
    assert missing == []


def test_public_routes_are_exactly_the_declared_ones(app):
    with app.test_request_context():
        public = {r.endpoint for r in app.url_map.iter_rules()
                  if rule_for(r.endpoint).public and not r.endpoint.endswith("static")}
    assert public == PUBLIC_ENDPOINTS


def _concrete_urls(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        samples = {"year": 2027, "code": "en"}
        values = {arg: samples.get(arg, 1) for arg in rule.arguments}
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule.endpoint, rule.build(values)[1], method


def test_anonymous_is_sent_to_login_everywhere_but_the_public_part(app, client):
    for endpoint, url, method in _concrete_urls(app):
        response = client.open(url, method=method)
        if endpoint in PUBLIC_ENDPOINTS:
            assert response.status_code in (200, 302, 404, 503), endpoint
            assert "/login?next=" not in response.headers.get("Location", ""), endpoint
        else:
            assert response.status_code == 302, endpoint
            assert "/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", ["officer", "supervisor"])
def test_non_admins_get_403_on_admin_pages(app, client, role):
    create_user(role=role, username=f"u{role}")
    create_user(role="admin", username="someadmin")
    login(client, f"u{role}", DEFAULT_PASSWORD)
    for endpoint, url, method in _concrete_urls(app):
        if endpoint in ADMIN_ONLY:
            assert client.open(url, method=method).status_code == 403, endpoint


def test_view_without_rule_fails_closed(app):
    from flask import Flask

    from casemgr import access

    bare = Flask("bare")
    bare.secret_key = "x"
    bare.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    bare.before_request(access.enforce)
    from flask_login import LoginManager

    LoginManager(bare)
    assert bare.test_client().get("/forgotten").status_code == 403
