"""Response headers and the idle-session timeout, for every request.

* Content-Security-Policy: everything from this server only, no inline script or style (the
  templates have none; charts are SVG elements, not scripts), no framing, forms post here only;
* X-Frame-Options DENY (older browsers), X-Content-Type-Options nosniff, Referrer-Policy
  same-origin (case numbers in URLs do not leave the intranet), Permissions-Policy;
* Strict-Transport-Security in production (HTTPS is assumed there: ``SESSION_COOKIE_SECURE``);
* a request carrying a NUL character is refused (400);
* a logged-in session idle for longer than ``IDLE_TIMEOUT_MINUTES`` is logged out (the next
  request goes to the login page and says why).
"""

from __future__ import annotations

import time

from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
LAST_SEEN = "_last_seen"
LAST_SEEN_STEP = 60  # seconds


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_user.is_authenticated:
        # What a logged-in user sees is personal data: no cache keeps it.
        response.headers.setdefault("Cache-Control", "no-store")
    if current_app.config.get("CASEMGR_ENV") == "production":
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def end_session() -> None:
    """Log out and forget the session, but keep the reader's language: it is their choice, not
    part of the login (used by "log out" and by the idle timeout)."""
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def _idle_timeout():
    if not current_user.is_authenticated:
        return None
    limit = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60
    now = time.time()
    last = session.get(LAST_SEEN)
    if last is not None and now - last > limit:
        end_session()
        flash(_("You were logged out after %(n)s minutes without activity.",
                n=current_app.config["IDLE_TIMEOUT_MINUTES"]), "warning")
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    if last is None or now - last >= LAST_SEEN_STEP:
        # Within a minute the stamp is not renewed: the session cookie is then not signed and sent
        # again on every request, and the timeout is still exact to the minute.
        session[LAST_SEEN] = now
    return None


def _reject_nul():
    """A NUL character is never text a person typed; PostgreSQL cannot store it. Refuse the request
    (400) before any of it reaches a query."""
    values = [*request.args.values(), *request.form.values(), request.path]
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app: Flask) -> None:
    app.before_request(_reject_nul)
    app.before_request(_idle_timeout)
    app.after_request(_headers)
