"""Keyword factories: ``create_user(role="supervisor")`` makes a valid object with sensible defaults.

They write through the models directly (not the services), so that a test states only what it
cares about; service behaviour is tested through the services themselves.
"""

from __future__ import annotations

import itertools
from functools import cache

from werkzeug.security import generate_password_hash

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import User

DEFAULT_PASSWORD = "test-pass-2026"
_sequence = itertools.count(1)


@cache
def _default_hash() -> str:
    # Hashing with scrypt costs ~0.1 s; computing it once keeps hundreds of tests fast.
    return generate_password_hash(DEFAULT_PASSWORD, method="scrypt")


def create_user(*, role: str = "officer", username: str | None = None, display_name: str | None = None,
                active: bool = True, email: str | None = None, password: str | None = None) -> User:
    n = next(_sequence)
    username = username or f"{role}{n}"
    user = User(
        username=username,
        display_name=display_name or f"测试{role}{n}",
        role=role,
        email=email,
        active=active,
        password_hash=generate_password_hash(password, method="scrypt") if password else _default_hash(),
        created_at=clock.now(),
    )
    db.session.add(user)
    db.session.commit()
    return user
