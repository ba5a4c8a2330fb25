"""Administration: user accounts and the system's status."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casemgr import clock
from casemgr.access import roles
from casemgr.models import Role
from casemgr.queries.health import health_get
from casemgr.queries.users import UserFilters, user_get, user_page
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.users import user_create, user_set_password, user_update
from casemgr.web.admin.forms import PasswordForm, UserCreateForm, UserEditForm
from casemgr.web.form_versions import version_of

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _show_error(form, error: ServiceError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")


@bp.route("/users")
@roles(Role.ADMIN)
def users():
    filters = _user_filters()
    args = {k: v for k, v in {"q": filters.q, "role": filters.role}.items() if v}  # kept by the page links
    return render_template("admin/users.html", result=user_page(filters), filters=filters, args=args)


def _user_filters() -> UserFilters:
    """The list's GET parameters. Like the other lists, a value that makes no sense filters nothing
    (an unknown role: every role; a page that is no number: the first) rather than failing."""
    args = request.args
    role = args.get("role", "")
    known = role in {r.value for r in Role}
    return UserFilters(q=args.get("q", "").strip()[:100], role=role if known else "",
                       page=args.get("page", 1, type=int))


@bp.route("/users/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def user_new():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = user_create(actor=current_user, username=form.username.data, password=form.password.data,
                               role=form.role.data, display_name=form.display_name.data,
                               email=form.email.data)
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("User %(name)s created.", name=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def user_edit(user_id: int):
    user = user_get(user_id) or abort(404)
    form = UserEditForm(obj=user)
    conflict = None
    if form.validate_on_submit():
        try:
            user_update(actor=current_user, user_id=user.id, version=version_of(form),
                        display_name=form.display_name.data, role=form.role.data,
                        email=form.email.data, active=form.active.data)
        except ConflictError as error:
            # Keep what the editor typed in the form and show the stored version beside it.
            conflict = user_get(user_id)
            form.version.data = conflict.version
            flash(error.message, "warning")
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_edit.html", form=form, user=user, conflict=conflict,
                           password_form=PasswordForm())


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@roles(Role.ADMIN)
def user_password(user_id: int):
    user = user_get(user_id) or abort(404)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user_set_password(actor=current_user, user_id=user.id, password=form.password.data)
        except ServiceError as error:
            flash(error.message, "danger")
        else:
            flash(_("Password changed."), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "danger")
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.route("/status")
@roles(Role.ADMIN)
def status():
    health = health_get(clock.now())
    engine = current_app.extensions["sqlalchemy"].engine
    return render_template("admin/status.html", health=health, dialect=engine.dialect.name,
                           environment=current_app.config["CASEMGR_ENV"])
