"""Every answer carries the security headers; no page has inline script; idle sessions end."""

import re

from casemgr.web_security import LAST_SEEN
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def test_headers_on_public_and_private_pages(client, database):
    for url in ("/", "/login", "/decisions", "/healthz"):
        response = client.get(url)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in response.headers  # development: plain HTTP
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    assert client.get("/dashboard").headers["Cache-Control"] == "no-store"


def test_production_adds_hsts(app_environ, tmp_path):
    from casemgr import create_app

    environ = {
        **app_environ,
        "CASEMGR_ENV": "production",
        "SECRET_KEY": "x" * 40,
        "REDIS_URL": app_environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15",
        "CASEMGR_INSTANCE_PATH": str(tmp_path),
    }
    app = create_app({"TESTING": True}, environ=environ)
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_page_has_inline_script_style_or_handlers(client, database):
    officer = create_user(username="li")
    case = create_case(actor=officer, state="accepted")
    create_user(role="admin", username="root")
    pages = ["/", "/login", "/decisions", "/typical-cases"]
    for url in pages:
        body = client.get(url).get_data(as_text=True)
        assert not INLINE_SCRIPT.search(body), url
        assert not INLINE_HANDLER.search(body) and not INLINE_STYLE.search(body), url
    login(client, "li", DEFAULT_PASSWORD)
    for url in (
        "/dashboard",
        "/cases/",
        "/cases/new",
        f"/cases/{case.id}",
        "/board/",
        "/litigation/",
        "/litigation/new",
        "/statistics/",
        "/notifications/",
    ):
        body = client.get(url).get_data(as_text=True)
        assert not INLINE_SCRIPT.search(body), url
        assert not INLINE_HANDLER.search(body) and not INLINE_STYLE.search(body), url


def test_an_idle_session_is_logged_out(client, database):
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    assert client.get("/dashboard").status_code == 200
    with client.session_transaction() as session:
        session[LAST_SEEN] -= 31 * 60
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/dashboard").status_code == 302  # logged out for good


def test_activity_renews_the_idle_clock_at_most_once_a_minute(client, database):
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    client.get("/dashboard")
    assert "Set-Cookie" not in client.get("/dashboard").headers  # seen seconds ago: nothing to renew
    with client.session_transaction() as session:
        session[LAST_SEEN] -= 29 * 60  # idle 29 minutes: still logged in, and the clock restarts
    assert client.get("/dashboard").status_code == 200
    with client.session_transaction() as session:
        session[LAST_SEEN] -= 2 * 60
    assert client.get("/dashboard").status_code == 200  # 2 minutes since the renewal, not 31
