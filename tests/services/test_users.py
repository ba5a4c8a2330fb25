import pytest
from sqlalchemy import select

from casemgr.models import AuditEntry, User
from casemgr.services.errors import ConflictError, ServiceError
from casemgr.services.users import user_create, user_login, user_set_password, user_update
from tests.factories import DEFAULT_PASSWORD, create_user


def audit_actions(session):
    return [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_create_user_hashes_password_and_audits(database):
    admin = create_user(role="admin")
    user = user_create(actor=admin, username=" Li.Ming ", password="good-pass-42", role="officer",
                       display_name="李明")
    assert user.username == "li.ming"
    assert user.password_hash.startswith("scrypt:")
    assert "good-pass-42" not in user.password_hash
    entry = database.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.object_id) == ("user.create", admin.id, str(user.id))


@pytest.mark.parametrize(("username", "password", "field"), [
    ("x", "good-pass-42", "username"),
    ("1abc", "good-pass-42", "username"),
    ("li", "good-pass-42", "username"),
    ("liming", "short1", "password"),
    ("liming", "onlyletterspassword", "password"),
    ("liming", "liming-2026-x", "password"),
])
def test_create_user_refuses_bad_input_and_changes_nothing(database, username, password, field):
    with pytest.raises(ServiceError) as raised:
        user_create(actor=None, username=username, password=password, role="officer")
    assert raised.value.field == field
    assert database.scalars(select(User)).all() == []
    assert audit_actions(database) == []


def test_duplicate_username_is_refused(database):
    create_user(username="wang")
    with pytest.raises(ServiceError) as raised:
        user_create(actor=None, username="WANG", password="good-pass-42", role="officer")
    assert raised.value.field == "username"


def test_unknown_role_is_refused(database):
    with pytest.raises(ServiceError):
        user_create(actor=None, username="zhao", password="good-pass-42", role="superuser")


def test_update_with_stale_version_is_a_conflict_and_keeps_the_stored_data(database):
    admin = create_user(role="admin")
    user = create_user(role="officer", display_name="原名")
    seen_version = user.version
    user_update(actor=admin, user_id=user.id, version=seen_version, display_name="甲改",
                role="officer", email=None, active=True)
    with pytest.raises(ConflictError):
        user_update(actor=admin, user_id=user.id, version=seen_version, display_name="乙改",
                    role="supervisor", email=None, active=True)
    database.expire_all()
    stored = database.get(User, user.id)
    assert (stored.display_name, stored.role, stored.version) == ("甲改", "officer", seen_version + 1)


def test_update_records_what_changed(database):
    admin = create_user(role="admin")
    user = create_user(role="officer", display_name="原名")
    user_update(actor=admin, user_id=user.id, version=user.version, display_name="新名",
                role="supervisor", email="a@example.org", active=False)
    entry = database.scalars(select(AuditEntry).where(AuditEntry.action == "user.update")).one()
    assert entry.details["changed"] == {"display_name": ["原名", "新名"], "role": ["officer", "supervisor"],
                                        "email": [None, "a@example.org"], "active": [True, False]}


def test_last_active_admin_cannot_be_demoted_or_deactivated(database):
    admin = create_user(role="admin")
    for role, active in (("officer", True), ("admin", False)):
        with pytest.raises(ServiceError):
            user_update(actor=admin, user_id=admin.id, version=admin.version, display_name="管理",
                        role=role, email=None, active=active)
    other = create_user(role="admin")
    user_update(actor=other, user_id=admin.id, version=admin.version, display_name="管理",
                role="officer", email=None, active=True)
    assert database.get(User, admin.id).role == "officer"


def test_login_checks_password_and_active_and_audits_both_outcomes(database):
    user = create_user(username="zhang")
    assert user_login(username="zhang", password="wrong-pass-1") is None
    assert user_login(username="nobody", password=DEFAULT_PASSWORD) is None
    assert user_login(username="ZHANG", password=DEFAULT_PASSWORD).id == user.id
    assert database.get(User, user.id).last_login_at is not None
    create_user(username="gone", active=False)
    assert user_login(username="gone", password=DEFAULT_PASSWORD) is None
    assert audit_actions(database) == ["auth.login_failed", "auth.login_failed", "auth.login",
                                       "auth.login_failed"]


def test_set_password_applies_the_policy(database):
    user = create_user(username="sun")
    with pytest.raises(ServiceError):
        user_set_password(actor=None, user_id=user.id, password="123")
    user_set_password(actor=None, user_id=user.id, password="another-pass-9")
    assert user_login(username="sun", password="another-pass-9") is not None
