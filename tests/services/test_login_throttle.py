"""Failed logins lock a username (existing or not) for a while; every attempt is audited."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.models import AuditEntry, LoginThrottle
from casemgr.services.users import LoginLocked, user_login
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD, create_user


def test_five_failures_lock_the_username_even_with_the_right_password(database):
    create_user(username="li")
    for _ in range(5):
        assert user_login(username="li", password="wrong-pass-1", address="10.0.0.1") is None
    with pytest.raises(LoginLocked):
        user_login(username="li", password=DEFAULT_PASSWORD, address="10.0.0.2")
    actions = database.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count("auth.login_failed") == 5 and actions[-1] == "auth.login_locked"
    # the lock ends after LOGIN_LOCK_MINUTES
    row = database.get(LoginThrottle, "user:li")
    row.locked_until = clock.now() - timedelta(seconds=1)
    row.window_start = clock.now() - timedelta(minutes=16)
    database.commit()
    assert user_login(username="li", password=DEFAULT_PASSWORD, address="10.0.0.2").username == "li"
    assert database.get(LoginThrottle, "user:li") is None  # a success clears the count


def test_an_unknown_username_locks_the_same_way(database):
    for _ in range(5):
        user_login(username="nobody", password="x", address="10.0.0.3")
    with pytest.raises(LoginLocked):
        user_login(username="nobody", password="x", address="10.0.0.4")


def test_one_address_trying_many_names_is_locked(database):
    create_user(username="wang")
    for i in range(25):
        user_login(username=f"guess{i}", password="x", address="10.9.9.9")
    with pytest.raises(LoginLocked):
        user_login(username="wang", password=DEFAULT_PASSWORD, address="10.9.9.9")
    assert user_login(username="wang", password=DEFAULT_PASSWORD, address="10.9.9.8").username == "wang"


def test_the_login_page_answers_429_when_locked(client, database):
    create_user(username="li")
    for _ in range(5):
        page = client.get("/login").get_data(as_text=True)
        client.post("/login", data={"username": "li", "password": "bad", "csrf_token": csrf_token(page)})
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"username": "li", "password": DEFAULT_PASSWORD, "csrf_token": csrf_token(page)}
    )
    assert response.status_code == 429 and "15" in response.get_data(as_text=True)
