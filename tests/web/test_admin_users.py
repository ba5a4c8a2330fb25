from sqlalchemy import select

from casemgr.models import User
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user


def as_admin(client):
    create_user(role="admin", username="boss")
    login(client, "boss", DEFAULT_PASSWORD)


def test_admin_creates_a_user_who_can_then_log_in(client, database):
    as_admin(client)
    token = csrf_token(client.get("/admin/users/new").data)
    response = client.post("/admin/users/new", data={
        "csrf_token": token, "username": "liu", "display_name": "刘承办", "role": "officer",
        "email": "", "password": "start-pass-1", "confirm": "start-pass-1"})
    assert response.status_code == 302
    assert "刘承办" in client.get("/admin/users").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    assert login(client, "liu", "start-pass-1").headers["Location"] == "/dashboard"


def test_bad_password_is_explained_and_the_form_keeps_the_input(client, database):
    as_admin(client)
    token = csrf_token(client.get("/admin/users/new").data)
    page = client.post("/admin/users/new", data={
        "csrf_token": token, "username": "liu", "display_name": "刘承办", "role": "officer",
        "password": "abc", "confirm": "abc"}).get_data(as_text=True)
    assert "密码至少需要10个字符" in page
    assert 'value="刘承办"' in page
    assert database.scalar(select(User).where(User.username == "liu")) is None


def test_concurrent_edit_is_shown_not_overwritten(client, database):
    as_admin(client)
    user = create_user(role="officer", display_name="原名")
    form_page = client.get(f"/admin/users/{user.id}").data
    token = csrf_token(form_page)
    old_version = user.version
    # Another administrator saves first.
    user.display_name = "别人改的"
    database.commit()
    page = client.post(f"/admin/users/{user.id}", data={
        "csrf_token": token, "display_name": "我改的", "role": "officer", "email": "",
        "active": "y", "version": str(old_version)}).get_data(as_text=True)
    assert "别人改的" in page and 'value="我改的"' in page
    database.expire_all()
    assert database.get(User, user.id).display_name == "别人改的"


def test_deactivated_user_cannot_log_in(client, database):
    as_admin(client)
    user = create_user(role="officer", username="wu")
    token = csrf_token(client.get(f"/admin/users/{user.id}").data)
    client.post(f"/admin/users/{user.id}", data={
        "csrf_token": token, "display_name": "吴", "role": "officer", "email": "",
        "version": str(user.version)})
    database.expire_all()
    assert database.get(User, user.id).active is False
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    assert login(client, "wu", DEFAULT_PASSWORD).status_code == 200


def test_status_page_shows_database_and_broker(client):
    as_admin(client)
    page = client.get("/admin/status").get_data(as_text=True)
    assert "系统状态" in page and "最近一次心跳" in page
