"""Who may open which page. Every view declares its rule; a view without one is refused.

``before_request`` enforces the rules for the whole app, so a forgotten decorator fails closed
(403) instead of open, and a test walks the URL map to make sure no route lacks a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import abort, current_app, request
from flask_login import current_user

from casemgr.models import Role

F = TypeVar("F", bound=Callable)
ATTRIBUTE = "casemgr_access"


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as the queries of a streamed download need it: a CSV is written after the
    view has returned, when Flask-SQLAlchemy's session of the request is gone (stream_with_context
    keeps the request, not the session), and the User it loaded can no longer be read."""

    id: int
    role: str

    @classmethod
    def of(cls, user) -> Viewer:
        return cls(int(user.id), str(user.role))


@dataclass(frozen=True)
class AccessRule:
    public: bool = False
    roles: frozenset[str] = frozenset()  # empty and not public: any logged-in user

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return not self.roles or user.role in self.roles


def public(view: F) -> F:
    """Reachable without logging in (login page, health check, public portal)."""
    setattr(view, ATTRIBUTE, AccessRule(public=True))
    return view


def logged_in(view: F) -> F:
    """Any logged-in user, whatever the role."""
    setattr(view, ATTRIBUTE, AccessRule())
    return view


def roles(*allowed: Role) -> Callable[[F], F]:
    """Only users holding one of ``allowed``."""

    def decorate(view: F) -> F:
        setattr(view, ATTRIBUTE, AccessRule(roles=frozenset(r.value for r in allowed)))
        return view

    return decorate


def rule_for(endpoint: str) -> AccessRule | None:
    if endpoint == "static" or endpoint.endswith(".static"):
        return AccessRule(public=True)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ATTRIBUTE, None)


def enforce() -> None:
    """before_request hook."""
    if request.endpoint is None:  # 404 and 405 are answered by Flask itself
        return None
    rule = rule_for(request.endpoint)
    if rule is None:
        current_app.logger.error("route %s declares no access rule; refused", request.endpoint)
        abort(403)
    if rule.allows(current_user):
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    abort(403)
