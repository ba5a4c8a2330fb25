"""A supervisor types an officer's name: the board is filtered to them, and a case is assigned."""

import re

import pytest
from playwright.sync_api import expect

from casemgr import clock
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

pytestmark = pytest.mark.browser


def test_supervisor_picks_officers_by_typing_their_names(page):
    zhang = create_user(username="zhang", display_name="张三")
    li = create_user(username="li", display_name="李四")
    create_user(role="supervisor", username="boss")
    today = clock.today()
    case = create_case(actor=zhang, received_on=today, act_known_on=today, act_date=today)
    page.goto("/login")
    page.get_by_label("用户名").fill("boss")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.goto(f"/cases/{case.id}")
    first = page.locator("#assign-officer-1")
    first.click()  # the suggestions are fetched the first time a field is used
    expect(page.locator("#officer-names option")).to_have_count(2)
    expect(page.locator('#officer-names option[value="李四 (li)"]')).to_have_count(1)
    first.fill("张三")
    page.locator("#assign-officer-2").fill("李四 (li)")
    page.get_by_role("button", name="指派").click()
    expect(page.get_by_role("alert")).to_contain_text("已保存")
    expect(page.get_by_role("row", name=re.compile("承办人"))).to_contain_text("张三、李四")

    page.goto("/board/")
    field = page.get_by_label("承办人", exact=True)
    field.fill("李")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"officer=%E6%9D%8E"))  # what was typed, then found
    expect(field).to_have_value("李四 (li)")
    expect(page.locator(f'tr[data-case="{case.id}"]').first).to_contain_text("张三, 李四")
    assert f"officer={li.id}" in page.get_by_role("link", name="CSV").get_attribute("href")

    page.get_by_role("link", name="张三", exact=True).click()  # the load table's link to their board
    expect(field).to_have_value("张三 (zhang)")
