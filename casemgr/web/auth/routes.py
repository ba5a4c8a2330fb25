"""Logging in and out, and the language switch."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from casemgr.access import logged_in, public
from casemgr.services.users import LoginLocked, user_login, user_logout
from casemgr.web.auth.forms import LoginForm
from casemgr.web.safe_redirect import is_local
from casemgr.web_security import end_session

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = user_login(username=form.username.data, password=form.password.data,
                              address=request.remote_addr)
        except LoginLocked as locked:
            flash(locked.message, "danger")
            return render_template("auth/login.html", form=form), 429
        if user is None:
            flash(_("Wrong username or password, or the account is deactivated."), "danger")
        else:
            login_user(user)
            target = request.args.get("next")
            return redirect(target if is_local(target) else url_for("main.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@logged_in
def logout():
    user_logout(user=current_user._get_current_object())
    end_session()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/lang/<code>")
@public
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    target = request.args.get("next")
    return redirect(target if is_local(target) else url_for("public.index"))
