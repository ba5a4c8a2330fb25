import html
import re

import pytest
from sqlalchemy import select

from casemgr.models import User
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.statements import counting


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


# The list: 50 a page, active accounts first, then by role and username; search, role filter.

def _users(n: int, *, prefix: str = "clerk", role: str = "officer", name: str = "职员") -> list[str]:
    names = [f"{prefix}{i:03d}" for i in range(n)]
    for username in names:
        create_user(role=role, username=username, display_name=f"{name}{username[-3:]}")
    return names


def _listed(page: str) -> list[str]:
    """The usernames in the table, in their order."""
    return re.findall(r'<a href="/admin/users/\d+">([^<]+)</a>', page)


def _next_link(page: str) -> str | None:
    match = re.search(r'rel="next" aria-label="[^"]*" href="([^"]+)"', page)
    return html.unescape(match.group(1)) if match else None


def test_users_are_listed_fifty_a_page_in_role_then_username_order(client):
    as_admin(client)
    clerks = _users(120)
    everyone = ["boss", *clerks]  # the administrator's role comes first
    first = client.get("/admin/users").get_data(as_text=True)
    assert _listed(first) == everyone[:50]
    assert "共121个用户" in first and "1 / 3" in first
    assert _next_link(first) == "/admin/users?page=2"
    second = client.get("/admin/users?page=2").get_data(as_text=True)
    assert _listed(second) == everyone[50:100] and "2 / 3" in second
    assert 'rel="prev"' in second
    third = client.get(_next_link(second)).get_data(as_text=True)
    assert _listed(third) == everyone[100:] and _next_link(third) is None


def test_deactivated_users_come_after_the_active_ones(client):
    as_admin(client)
    create_user(role="admin", username="aaron", active=False)
    create_user(role="supervisor", username="zoe")
    assert _listed(client.get("/admin/users").get_data(as_text=True)) == ["boss", "zoe", "aaron"]


def test_search_finds_a_substring_of_the_username_or_name_in_any_case(client):
    as_admin(client)
    create_user(username="wang.wei", display_name="王伟")
    create_user(username="li.na", display_name="李娜")
    create_user(username="zhao", display_name="Wangda Zhao")
    create_user(username="under_score", display_name="下划线")
    assert _listed(client.get("/admin/users?q=WANG").get_data(as_text=True)) == ["wang.wei", "zhao"]
    assert _listed(client.get("/admin/users?q=李").get_data(as_text=True)) == ["li.na"]
    assert _listed(client.get("/admin/users?q=%20na%20").get_data(as_text=True)) == ["li.na"]
    # LIKE's wildcards are taken literally
    assert _listed(client.get("/admin/users?q=d_r").get_data(as_text=True)) == []
    assert _listed(client.get("/admin/users?q=%25").get_data(as_text=True)) == []
    assert _listed(client.get("/admin/users?q=r_sc").get_data(as_text=True)) == ["under_score"]
    page = client.get("/admin/users?q=nobody").get_data(as_text=True)
    assert "没有符合条件的用户。" in page and "共0个用户" in page and 'value="nobody"' in page


def test_role_filter_narrows_and_paging_keeps_the_filters(client):
    as_admin(client)
    _users(60, prefix="sup", role="supervisor", name="负责人")
    _users(5, prefix="sup.off", role="officer")
    page = client.get("/admin/users?role=supervisor").get_data(as_text=True)
    assert "共60个用户" in page and '<option value="supervisor" selected>' in page
    assert _next_link(page) == "/admin/users?page=2&role=supervisor"
    second = client.get(_next_link(page)).get_data(as_text=True)
    assert _listed(second) == [f"sup{i:03d}" for i in range(50, 60)]
    page = client.get("/admin/users?q=SUP&role=supervisor").get_data(as_text=True)
    assert _next_link(page) == "/admin/users?page=2&q=SUP&role=supervisor"
    officers = client.get("/admin/users?q=sup&role=officer").get_data(as_text=True)
    assert _listed(officers) == [f"sup.off{i:03d}" for i in range(5)] and _next_link(officers) is None


@pytest.mark.parametrize(("query", "shown_page"), [
    ("page=abc", "1 / 3"), ("page=0", "1 / 3"), ("page=-4", "1 / 3"), ("page=", "1 / 3"),
    ("page=99", "3 / 3"), ("page=99999999999999999999999", "3 / 3"), ("page=2.5", "1 / 3"),
])
def test_a_page_out_of_range_or_not_a_number_is_clamped(client, query, shown_page):
    as_admin(client)
    _users(120)
    response = client.get(f"/admin/users?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert shown_page in page and len(_listed(page)) == (21 if shown_page == "3 / 3" else 50)


def test_an_unknown_role_filters_nothing(client):
    as_admin(client)
    supervisors = _users(60, prefix="sup", role="supervisor")
    response = client.get("/admin/users?role=wizard&q=")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _listed(page) == ["boss", *supervisors[:49]] and " selected>" not in page
    assert _next_link(page) == "/admin/users?page=2"  # the unknown role is not carried on


def test_the_list_runs_the_same_statements_whatever_the_number_of_users(client):
    as_admin(client)
    _users(3)
    urls = ["/admin/users", "/admin/users?page=2", "/admin/users?q=clerk&role=officer"]

    def counts():
        found = {}
        for url in urls:
            client.get(url)  # warm the caches (babel, the calendar): count the page's own statements
            with counting() as statements:
                assert client.get(url).status_code == 200
            found[url] = len(statements)
        return found

    few = counts()
    _users(120, prefix="more")
    many = counts()
    # page 2 of 4 users is past the end (the last page is read again); of 124 it is a page
    assert all(many[url] <= few[url] for url in urls), (few, many)
    # the user with their unread count; the page with its total
    assert max(many.values()) <= 2 and max(few.values()) <= 4, (few, many)
