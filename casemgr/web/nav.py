"""The menu at the top of every page: the same for every user of a role in a language, so it is
rendered once per process (``fragment_cache``) instead of building its ~10 links and labels on
each request (~0.4 ms of every staff page on the benchmark machine). Keyed by everything it shows:
the role (None when not logged in), the language and the script root its links start with."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_login import current_user
from markupsafe import Markup

from casemgr.fragment_cache import rendered
from casemgr.i18n import current_language


def nav_links() -> Markup:
    role = current_user.role if current_user.is_authenticated else None
    key = ("nav", role, current_language(), request.script_root)
    return rendered(key, lambda: render_template("_nav_links.html", role=role))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["nav_links"] = nav_links
