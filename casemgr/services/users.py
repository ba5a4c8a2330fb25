"""Use cases for user accounts: create, change, set a password, log in."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from casemgr import clock
from casemgr.domain.accounts import password_problems, username_problem
from casemgr.extensions import db
from casemgr.messages import problem_text
from casemgr.models import LoginThrottle, Role, User
from casemgr.services.audit import audit_record
from casemgr.services.errors import ConflictError, NotFound, ServiceError
from casemgr.services.unit_of_work import transaction

# Werkzeug's scrypt: memory-hard, and in the standard library (hashlib.scrypt).
PASSWORD_METHOD = "scrypt"


def _check_password(password: str, username: str) -> None:
    problems = password_problems(password, username=username)
    if problems:
        raise ServiceError(" ".join(problem_text(code) for code in problems), field="password")


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise ServiceError(problem_text("role_unknown"), field="role")


def _get(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def _active_admins_other_than(user: User) -> int:
    return db.session.scalar(
        select(func.count()).select_from(User)
        .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id)
    ) or 0


def user_create(*, actor: User | None, username: str, password: str, role: str,
                display_name: str = "", email: str | None = None) -> User:
    """Create an account. ``actor`` is None when the command line creates it."""
    username = username.strip().lower()
    problem = username_problem(username)
    if problem:
        raise ServiceError(problem_text(problem), field="username")
    _check_role(role)
    _check_password(password, username)
    with transaction() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ServiceError(problem_text("username_taken"), field="username")
        user = User(
            username=username,
            display_name=display_name.strip() or username,
            role=role,
            email=(email or "").strip() or None,
            password_hash=generate_password_hash(password, method=PASSWORD_METHOD),
            active=True,
            created_at=clock.now(),
        )
        session.add(user)
        session.flush()
        audit_record(actor, "user.create", user, username=username, role=role)
    return user


def user_update(*, actor: User, user_id: int, version: int, display_name: str, role: str,
                email: str | None, active: bool) -> User:
    """Change an account. ``version`` is what the editor saw; a newer one is a conflict."""
    _check_role(role)
    with transaction() as session:
        user = _get(user_id)
        # Checked before any write so the editor gets a clear message, not a lost update.
        if user.version != version:
            raise ConflictError(_("Someone else changed this user after you opened the form. "
                                  "Their version is shown below; nothing was saved."))
        losing_admin = user.role == Role.ADMIN.value and (role != Role.ADMIN.value or not active)
        if losing_admin and _active_admins_other_than(user) == 0:
            raise ServiceError(problem_text("last_admin"), field="role")
        before = {"display_name": user.display_name, "role": user.role, "email": user.email,
                  "active": user.active}
        user.display_name = display_name.strip() or user.username
        user.role = role
        user.email = (email or "").strip() or None
        user.active = active
        after = {"display_name": user.display_name, "role": user.role, "email": user.email,
                 "active": user.active}
        changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
        session.flush()
        audit_record(actor, "user.update", user, changed=changed)
    return user


def user_set_password(*, actor: User | None, user_id: int, password: str) -> User:
    with transaction():
        user = _get(user_id)
        _check_password(password, user.username)
        user.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        audit_record(actor, "user.set_password", user)
    return user


class LoginLocked(ServiceError):
    """Too many failed logins for this username or from this address: try again later."""


def _throttle_rows(session, keys: list[str]) -> list[LoginThrottle]:
    rows = []
    for key in keys:
        row = session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=clock.now())
            session.add(row)
        rows.append(row)
    return rows


def user_login(*, username: str, password: str, address: str | None = None) -> User | None:
    """Check credentials; record the login or the failed attempt in the audit log.

    Returns the user, or None for a wrong name, a wrong password or a deactivated account
    (one answer for all three, so that the form does not reveal which accounts exist). After
    ``LOGIN_MAX_FAILURES`` failures for one username (existing or not) within
    ``LOGIN_LOCK_MINUTES``, or five times as many from one address, that key is locked for
    ``LOGIN_LOCK_MINUTES`` and ``LoginLocked`` is raised without checking the password.
    """
    config = current_app.config
    limit, window = config["LOGIN_MAX_FAILURES"], timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    username = username.strip().lower()[:64]
    keys = [f"user:{username}"] + ([f"addr:{address}"] if address else [])
    now = clock.now()
    with transaction() as session:
        throttles = _throttle_rows(session, keys)
        if any(t.locked_until and t.locked_until > now for t in throttles):
            audit_record(None, "auth.login_locked", None, username=username, address=address)
            locked = True
        else:
            locked = False
            user = session.scalar(select(User).where(User.username == username))
            ok = (user is not None and user.active
                  and check_password_hash(user.password_hash, password))
            if ok:
                for throttle in throttles:
                    session.delete(throttle)
                user.last_login_at = now
                audit_record(user, "auth.login", user)
                return user
            for throttle, most in zip(throttles, (limit, limit * 5), strict=False):
                if now - throttle.window_start > window:
                    throttle.failures, throttle.window_start = 0, now
                throttle.failures += 1
                if throttle.failures >= most:
                    throttle.locked_until = now + window
            just_locked = [t.key for t in throttles if t.locked_until and t.locked_until > now]
            audit_record(None, "auth.login_failed", user, username=username, address=address,
                         locked=just_locked)
    if locked:
        raise LoginLocked(_("Too many failed logins: try again in %(n)s minutes.",
                            n=config["LOGIN_LOCK_MINUTES"]))
    return None


def user_logout(*, user: User) -> None:
    with transaction():
        audit_record(user, "auth.logout", user)
