"""An administrator looks for accounts in a long user list: searches, then pages through the hits."""

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, create_user

pytestmark = pytest.mark.browser


def test_admin_searches_the_users_and_follows_a_page_link(page):
    create_user(role="admin", username="boss")
    for i in range(55):
        create_user(role="officer", username=f"zhao{i:02d}", display_name=f"赵{i:02d}")
    for i in range(10):
        create_user(role="supervisor", username=f"qian{i:02d}", display_name=f"钱{i:02d}")
    page.goto("/login")
    page.get_by_label("用户名").fill("boss")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.get_by_role("link", name="用户", exact=True).click()
    expect(page.locator("#user-count")).to_have_text("共66个用户")
    rows = page.locator("table.cm-table tbody tr")
    expect(rows).to_have_count(50)

    page.get_by_label("搜索").fill("ZHAO")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#user-count")).to_have_text("共55个用户")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text("zhao00")
    expect(page.get_by_text("1 / 2")).to_be_visible()
    expect(page.get_by_role("link", name="qian00")).to_have_count(0)

    page.get_by_role("link", name="下一页").click()
    expect(page.get_by_text("2 / 2")).to_be_visible()
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("zhao50")
    expect(rows.last).to_contain_text("赵54")
    expect(page.get_by_label("搜索")).to_have_value("ZHAO")  # the search stays while paging
    expect(page.get_by_role("link", name="下一页")).to_have_count(0)
    page.get_by_role("link", name="上一页").click()
    expect(page.get_by_text("1 / 2")).to_be_visible()
