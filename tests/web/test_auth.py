from sqlalchemy import select

from casemgr.models import AuditEntry
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user


def test_login_shows_the_dashboard_in_chinese_by_default(client):
    create_user(role="officer", username="zhang", display_name="张三")
    response = login(client, "zhang", DEFAULT_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    page = client.get("/dashboard").get_data(as_text=True)
    assert "工作台" in page and "欢迎，张三。" in page and 'lang="zh-CN"' in page


def test_wrong_password_is_refused_in_the_users_language(client):
    create_user(username="zhang")
    page = login(client, "zhang", "wrong-pass-1").get_data(as_text=True)
    assert "用户名或密码错误" in page
    assert client.get("/dashboard").status_code == 302


def test_login_redirects_only_to_local_targets(client):
    create_user(username="zhang")
    token = csrf_token(client.get("/login").data)
    response = client.post("/login?next=https://evil.example/x",
                           data={"username": "zhang", "password": DEFAULT_PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/dashboard"


def test_forms_without_csrf_token_are_refused(client):
    create_user(username="zhang")
    response = client.post("/login", data={"username": "zhang", "password": DEFAULT_PASSWORD})
    assert response.status_code == 400 and "表单已过期" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_logout_needs_post_and_keeps_the_language(client, database):
    create_user(username="zhang")
    login(client, "zhang", DEFAULT_PASSWORD)
    client.get("/lang/en?next=/dashboard")
    assert client.get("/logout").status_code == 405
    token = csrf_token(client.get("/dashboard").data)
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/dashboard").status_code == 302
    assert "Staff login" in client.get("/login").get_data(as_text=True)
    actions = database.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["auth.login", "auth.logout"]


def test_language_switch_returns_to_the_page(client):
    response = client.get("/lang/en?next=/login")
    assert response.headers["Location"] == "/login"
    assert "Staff login" in client.get("/login").get_data(as_text=True)
    client.get("/lang/zh")
    assert "工作人员登录" in client.get("/login").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    client.get("/lang/xx")
    assert "工作人员登录" in client.get("/login").get_data(as_text=True)
