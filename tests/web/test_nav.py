"""The menu is kept once rendered (web/nav.py): each role and language must still get its own."""


from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_user

SUPERVISOR_ONLY = 'href="/admin/annual-reports"'
ADMIN_ONLY = 'href="/admin/users'
STAFF_ONLY = 'href="/board/'


def menu(client, path: str = "/dashboard") -> str:
    page = client.get(path).get_data(as_text=True)
    return page.split('<ul class="navbar-nav me-auto">')[1].split("</ul>")[0]


def test_each_role_keeps_its_own_menu(app, client, caches_kept):
    for username, role in (("boss", "supervisor"), ("li", "officer"), ("root", "admin")):
        create_user(role=role, username=username)
    menus = {}
    for username in ("boss", "li", "root", "boss", "li"):  # each rendered once, then kept
        with app.test_client() as client:
            login(client, username, DEFAULT_PASSWORD)
            menus.setdefault(username, set()).add(menu(client))
    assert all(len(seen) == 1 for seen in menus.values())
    boss, li, root = (next(iter(menus[name])) for name in ("boss", "li", "root"))
    assert SUPERVISOR_ONLY in boss and STAFF_ONLY in boss and ADMIN_ONLY not in boss
    assert SUPERVISOR_ONLY not in li and STAFF_ONLY in li and ADMIN_ONLY not in li
    assert ADMIN_ONLY in root and STAFF_ONLY not in root
    with app.test_client() as visitor:  # not logged in: the portal link alone
        assert 'href="/dashboard"' not in menu(visitor, "/") and 'href="/"' in menu(visitor, "/")


def test_the_menu_follows_the_language(app, client, caches_kept):
    create_user(role="officer", username="li")
    with app.test_client() as client:
        login(client, "li", DEFAULT_PASSWORD)
        chinese = menu(client)
        client.get("/lang/en")
        english = menu(client)
    assert "期限看板" in chinese and "Deadline board" in english and "Deadline board" not in chinese
